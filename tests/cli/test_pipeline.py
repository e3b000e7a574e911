"""The core pipeline end to end on a small project: extract -> init -> translate -> compile -> build."""

import hashlib

import polib

from tests.helpers import run_toolkit


def tree_hashes(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def translate(po_path, translations, fuzzy=()):
    catalog = polib.pofile(str(po_path))
    for entry in catalog:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if entry.msgid in fuzzy:
                entry.flags.append("fuzzy")
    catalog.save()


def test_extract_writes_one_template_per_domain(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    messages = polib.pofile(str(mini_project / "locales/messages.pot"))
    ids = {(e.msgctxt, e.msgid) for e in messages}
    assert {(None, "Home"), (None, "Welcome"), (None, "Tooltip text"), ("month", "May")} <= ids
    plural = messages.find("%(count)s report")
    assert plural.msgid_plural == "%(count)s reports"
    assert "the greeting on the home page" in messages.find("Welcome").comment
    assert messages.find("Welcome").occurrences == [("templates/pages/index.html", "5")]

    content = polib.pofile(str(mini_project / "locales/content.pot"))
    assert [e.msgid for e in content] == [
        "Border police meet", "The meeting was held in Belgrade.", "Findings", "First finding", "Second finding",
    ]
    assert content.find("Findings").occurrences == [("content/news/meeting.md", "9")]

    legal = polib.pofile(str(mini_project / "locales/legal.pot"))
    (entry,) = list(legal)
    assert entry.msgctxt == "eu-funding"
    assert entry.msgid == "This website is funded by the European Union."
    assert "approve" in entry.comment


def test_extract_is_deterministic(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    first = tree_hashes(mini_project / "locales")
    # an unrelated change: a new static file
    (mini_project / "static" / "other.css").write_text("p{}")
    result = run_toolkit("extract", cwd=mini_project, check=True)
    assert "unchanged" in result.stdout
    assert tree_hashes(mini_project / "locales") == first


def test_template_syntax_error_names_file_and_line_and_writes_nothing(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    before = tree_hashes(mini_project / "locales")
    broken = mini_project / "templates" / "pages" / "broken.html"
    broken.write_text("<p>ok</p>\n<p>{{ _('Fine') }}</p>\n{% if x %}\n<p>never closed</p>\n")
    result = run_toolkit("extract", cwd=mini_project)
    assert result.returncode == 2
    assert "templates/pages/broken.html:" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hashes(mini_project / "locales") == before


def test_round_trip_translation_reaches_the_page(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sr", cwd=mini_project, check=True)
    po = mini_project / "locales/sr/LC_MESSAGES/messages.po"
    header = polib.pofile(str(po)).metadata
    assert header["Language"] == "sr"
    assert header["Plural-Forms"].startswith("nplurals=3;")
    translate(po, {
        "Welcome": "Добродошли",
        "%(count)s report": ["%(count)s извештај", "%(count)s извештаја", "%(count)s извештаја"],
        "Tooltip text": "Опис",
    })
    content_po = mini_project / "locales/sr/LC_MESSAGES/content.po"
    translate(content_po, {"Findings": "Налази", "Border police meet": "Састанак граничне полиције"})
    run_toolkit("compile", cwd=mini_project, check=True)
    assert (mini_project / "locales/sr/LC_MESSAGES/messages.mo").exists()
    result = run_toolkit("build", cwd=mini_project, check=True)
    assert "English" in result.stdout  # it reports pages with fallbacks

    page = (mini_project / "build/site/sr/index.html").read_text()
    assert '<html lang="sr-Cyrl" dir="ltr">' in page
    assert "<h1>Добродошли</h1>" in page
    assert "3 извештаја" in page
    assert 'title="Опис"' in page
    # an untranslated string is shown in English, marked as such (WCAG 3.1.2)
    assert '<span lang="en">May</span>' in page
    assert "<title>Home</title>" in page  # no markup inside <title>
    for tag in ("en", "sr-Cyrl", "sq", "x-default"):
        assert f'hreflang="{tag}"' in page

    article = (mini_project / "build/site/sr/news/meeting.html").read_text()
    assert "<h2>Налази</h2>" in article
    assert '<p lang="en">The meeting was held in Belgrade.</p>' in article
    assert "уторак, 1. децембар 2020." in article
    english = (mini_project / "build/site/en/news/meeting.html").read_text()
    assert "Tuesday, 1 December 2020" in english
    assert 'lang="en"><' not in english.replace('<html lang="en" dir="ltr">', "")


def test_fuzzy_entries_are_left_out_of_the_compiled_catalogue(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sq", cwd=mini_project, check=True)
    po = mini_project / "locales/sq/LC_MESSAGES/messages.po"
    translate(po, {"Welcome": "Mirë se vini", "Home": "Ballina"}, fuzzy={"Home"})
    run_toolkit("compile", cwd=mini_project, check=True)
    mo = polib.mofile(str(mini_project / "locales/sq/LC_MESSAGES/messages.mo"))
    assert {e.msgid for e in mo} == {"Welcome"}


def test_translation_cannot_inject_markup(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sq", cwd=mini_project, check=True)
    translate(mini_project / "locales/sq/LC_MESSAGES/messages.po",
              {"Welcome": "<script>alert(1)</script>Mirë se vini"})
    run_toolkit("compile", cwd=mini_project, check=True)
    run_toolkit("build", cwd=mini_project, check=True)
    page = (mini_project / "build/site/sq/index.html").read_text()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Mirë se vini" in page


def test_compile_refuses_a_lost_placeholder_and_touches_no_mo(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sr", cwd=mini_project, check=True)
    po = mini_project / "locales/sr/LC_MESSAGES/messages.po"
    translate(po, {"Welcome": "Добродошли"})
    run_toolkit("compile", cwd=mini_project, check=True)
    before = tree_hashes(mini_project / "locales")
    translate(po, {"%(count)s report": ["извештај", "%(count)s извештаја", "%(count)s извештаја"],
                   "Welcome": "Здраво"})
    before = {k: v for k, v in tree_hashes(mini_project / "locales").items() if k.endswith(".mo")}
    result = run_toolkit("compile", cwd=mini_project)
    assert result.returncode == 2
    assert "locales/sr/LC_MESSAGES/messages.po:" in result.stderr
    after = {k: v for k, v in tree_hashes(mini_project / "locales").items() if k.endswith(".mo")}
    assert after == before


def test_broken_catalogue_is_an_error_naming_file_and_line(mini_project):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sr", cwd=mini_project, check=True)
    po = mini_project / "locales/sr/LC_MESSAGES/messages.po"
    text = po.read_text().splitlines()
    text.append('msgid "unterminated')
    po.write_text("\n".join(text) + "\n")
    result = run_toolkit("compile", cwd=mini_project)
    assert result.returncode == 2
    assert f"messages.po:{len(text)}:" in result.stderr
    assert not (mini_project / "locales/sr/LC_MESSAGES/messages.mo").exists()


def test_unknown_locale_is_exit_2(mini_project):
    result = run_toolkit("init", "-l", "../../etc", cwd=mini_project)
    assert result.returncode == 2 and "not a locale name" in result.stderr


def test_standalone_update_keeps_translations(mini_project, tmp_path):
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sr", cwd=mini_project, check=True)
    po = mini_project / "locales/sr/LC_MESSAGES/messages.po"
    translate(po, {"Welcome": "Добродошли"})
    index = mini_project / "templates/pages/index.html"
    index.write_text(index.read_text().replace('_("Welcome")', '_("Welcome!")'))
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("update", "-i", mini_project / "locales/messages.pot", "-o", po, "-l", "sr",
                cwd=mini_project, check=True)
    entry = polib.pofile(str(po)).find("Welcome!")
    assert entry.msgstr == "Добродошли" and "fuzzy" in entry.flags
    assert entry.previous_msgid == "Welcome"


def test_adding_a_locale_is_one_line_of_configuration(mini_project):
    pyproject = mini_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('locales = ["sr", "sq"]', 'locales = ["sr", "sq", "hr"]'))
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "hr", cwd=mini_project, check=True)
    header = polib.pofile(str(mini_project / "locales/hr/LC_MESSAGES/messages.po")).metadata
    assert header["Plural-Forms"].startswith("nplurals=3;")
    translate(mini_project / "locales/hr/LC_MESSAGES/messages.po", {"Welcome": "Dobro došli"})
    run_toolkit("compile", cwd=mini_project, check=True)
    run_toolkit("build", cwd=mini_project, check=True)
    page = (mini_project / "build/site/hr/index.html").read_text()
    assert '<html lang="hr" dir="ltr">' in page and "<h1>Dobro došli</h1>" in page
    assert 'hreflang="hr"' in (mini_project / "build/site/sr/index.html").read_text()


def test_a_latin_page_never_falls_back_to_cyrillic(mini_project):
    pyproject = mini_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('locales = ["sr", "sq"]', 'locales = ["sr", "sr_Latn"]'))
    run_toolkit("extract", cwd=mini_project, check=True)
    run_toolkit("init", "-l", "sr", cwd=mini_project, check=True)
    translate(mini_project / "locales/sr/LC_MESSAGES/messages.po", {"Welcome": "Добродошли"})
    run_toolkit("compile", cwd=mini_project, check=True)
    run_toolkit("build", cwd=mini_project, check=True)
    latin = (mini_project / "build/site/sr_Latn/index.html").read_text()
    assert '<html lang="sr-Latn"' in latin
    assert "Добродошли" not in latin and '<span lang="en">Welcome</span>' in latin


def test_source_date_epoch_makes_the_build_reproducible(mini_project):
    (mini_project / "templates/pages/year.html").write_text('{% extends "base.html" %}{% block main %}©{{ year }}{% endblock %}')
    run_toolkit("extract", cwd=mini_project, check=True)
    import os
    import subprocess
    import sys
    env = dict(os.environ, SOURCE_DATE_EPOCH="1606780800")  # 2020-12-01
    subprocess.run([sys.executable, "-m", "toolkit", "build"], cwd=mini_project, env=env, check=True,
                   capture_output=True)
    first = tree_hashes(mini_project / "build/site")
    assert "©2020" in (mini_project / "build/site/en/year.html").read_text()
    subprocess.run([sys.executable, "-m", "toolkit", "build"], cwd=mini_project, env=env, check=True,
                   capture_output=True)
    assert tree_hashes(mini_project / "build/site") == first
