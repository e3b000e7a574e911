"""pybabel's command lines give the same files with the toolkit.

The same inputs go through ``pybabel extract/init/update/compile`` and through
``toolkit extract/init/update/compile`` with the same flags; the files each creates
are compared.  Documented differences, not compared: line wrapping (the toolkit
wraps as GNU msgcat does), the header's boilerplate fields (Last-Translator,
Language-Team, PO-Revision-Date, Generated-By) and a catalogue's header fuzzy flag,
the toolkit's merge keeping obsolete entries' translations as ``#~``, and Plural-Forms
where Babel's rule differs from GNU gettext's (hr: same nplurals, another expression), and
the .mo leaving out untranslated plural entries (Babel writes their English forms).
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[2]
PYBABEL = Path(sys.executable).with_name("pybabel")
pytestmark = pytest.mark.skipif(not PYBABEL.exists(), reason="pybabel is not installed")

INDEX = """<h1>{{ _("Welcome") }}</h1>
{# Translators: the greeting under the heading. #}
<p>{{ _("Hello, %(name)s!", name=user) }}</p>
<p>{{ pgettext("menu", "News") }}</p>
<p>{% trans count=n %}{{ count }} report{% pluralize %}{{ count }} reports{% endtrans %}</p>
<p>{{ _("A longer sentence that goes on and on so that both tools have to wrap it somewhere in the file.") }}</p>
"""
CHANGED = INDEX.replace('_("Welcome")', '_("Welcome!")').replace(
    "<p>{{ pgettext", '<p>{{ _("New text") }}</p>\n<p>{{ pgettext')


def toolkit(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def pybabel(*args, cwd):
    result = subprocess.run([str(PYBABEL), *map(str, args)], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def entries(path):
    return [
        (e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences), e.comment,
         tuple(f for f in e.flags if f != "python-format"), e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(path)) if not e.obsolete
    ]


def project(root):
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "index.html").write_text(INDEX)
    (root / "babel.cfg").write_text("[jinja2: templates/**.html]\n")
    return root


EXTRACT = ["-F", "babel.cfg", "-c", "Translators:", "--msgid-bugs-address", "team@example.org",
           "--copyright-holder", "Example NGO", "--project", "Example", "--version", "1.0"]


@pytest.fixture
def sides(tmp_path):
    return project(tmp_path / "pybabel"), project(tmp_path / "toolkit")


def test_extract_flags(sides):
    theirs, ours = sides
    for flags in ([], ["--sort-output"], ["--no-location"], ["--omit-header"], ["-w", "40"], ["--no-wrap"]):
        pybabel("extract", *EXTRACT, *flags, "-o", "messages.pot", ".", cwd=theirs)
        toolkit("extract", *EXTRACT, *flags, "-o", "messages.pot", ".", cwd=ours)
        a, b = theirs / "messages.pot", ours / "messages.pot"
        assert len(entries(a)) == 5 and entries(b) == entries(a), flags
        pa, pb = polib.pofile(str(a)), polib.pofile(str(b))
        for field in ("Project-Id-Version", "Report-Msgid-Bugs-To", "Content-Type"):
            assert pb.metadata.get(field, "").lower() == pa.metadata.get(field, "").lower(), (flags, field)
        copyright_a = [l for l in pa.header.splitlines() if l.startswith("Copyright")]
        copyright_b = [l for l in pb.header.splitlines() if l.startswith("Copyright")]
        assert copyright_b == copyright_a, flags
        if flags and flags[0] == "-w":
            assert max(len(l) for l in b.read_text().splitlines() if not l.startswith("#")) <= 40
        if flags == ["--no-wrap"]:
            assert any(len(line) > 79 for line in b.read_text().splitlines())


def test_init_update_compile_with_d_and_D(sides):
    theirs, ours = sides
    for side, run in ((theirs, pybabel), (ours, toolkit)):
        run("extract", *EXTRACT, "-o", "site.pot", ".", cwd=side)
        for code in ("hr", "sq"):
            run("init", "-i", "site.pot", "-d", "translations", "-l", code, "-D", "site", cwd=side)
    files = lambda root: sorted(p.relative_to(root / "translations").as_posix() for p in (root / "translations").rglob("*") if p.is_file()
                                and p.name != ".toolkit.lock")
    assert files(ours) == files(theirs) == ["hr/LC_MESSAGES/site.po", "sq/LC_MESSAGES/site.po"]
    for code in ("hr", "sq"):
        a, b = (side / "translations" / code / "LC_MESSAGES" / "site.po" for side in sides)
        assert entries(b) == entries(a)
        pa, pb = polib.pofile(str(a)), polib.pofile(str(b))
        for field in ("Project-Id-Version", "Language", "Report-Msgid-Bugs-To"):
            assert pb.metadata[field] == pa.metadata[field], field
        # Babel's rule for hr differs from the one GNU gettext's tools use (toolkit.locales); nplurals agrees.
        forms = [po.metadata["Plural-Forms"].replace(" ", "") for po in (pa, pb)]
        assert forms[1] == forms[0] if code == "sq" else forms[1][:11] == forms[0][:11]

    # A translator works; the templates change; update every locale under -d.
    for side in sides:
        po = polib.pofile(str(side / "translations" / "hr" / "LC_MESSAGES" / "site.po"))
        for entry in po:
            if entry.msgid == "Welcome":
                entry.msgstr = "Dobro došli"
            if entry.msgid == "News":
                entry.msgstr = "Vijesti"
            if entry.msgid_plural:
                entry.msgstr_plural = {0: "%(count)s izvješće", 1: "%(count)s izvješća", 2: "%(count)s izvješća"}
        po.save()
        (side / "templates" / "index.html").write_text(CHANGED)
    for side, run in ((theirs, pybabel), (ours, toolkit)):
        run("extract", *EXTRACT, "-o", "site.pot", ".", cwd=side)
        run("update", "-i", "site.pot", "-d", "translations", "-D", "site", cwd=side)
    for code in ("hr", "sq"):
        a, b = (side / "translations" / code / "LC_MESSAGES" / "site.po" for side in sides)
        exact = lambda path: {(x[0], x[1]): x[6:] for x in entries(path) if "fuzzy" not in x[5]}
        assert exact(b) == exact(a)
        fuzzy = lambda path: {x[1] for x in entries(path) if "fuzzy" in x[5]}
        assert fuzzy(b) == fuzzy(a) == ({"Welcome!"} if code == "hr" else set())

    # -o with the locale from the catalogue's Language header.
    for side, run in ((theirs, pybabel), (ours, toolkit)):
        po = side / "translations" / "hr" / "LC_MESSAGES" / "site.po"
        args = ["update", "-i", "site.pot", "-o", po]
        run(*(args + ["-l", "hr"] if run is pybabel else args), cwd=side)
    a, b = (side / "translations" / "hr" / "LC_MESSAGES" / "site.po" for side in sides)
    assert polib.pofile(str(b)).metadata["Language"] == "hr"
    assert {(x[0], x[1]): x[6:] for x in entries(b) if "fuzzy" not in x[5]} == \
        {(x[0], x[1]): x[6:] for x in entries(a) if "fuzzy" not in x[5]}

    # compile -d -D [-f] --statistics: the same .mo messages.
    for use_fuzzy in ([], ["-f"]):
        for side, run in ((theirs, pybabel), (ours, toolkit)):
            output = run("compile", "-d", "translations", "-D", "site", "--statistics", *use_fuzzy, cwd=side)
            assert "translated" in output
        for code in ("hr", "sq"):
            mo = [side / "translations" / code / "LC_MESSAGES" / "site.mo" for side in sides]
            if not mo[0].exists():  # pybabel skips a catalogue whose header is fuzzy unless -f
                assert not use_fuzzy
                continue
            english = {e.msgid for e in polib.pofile(str(theirs / "site.pot"))} | \
                {e.msgid_plural for e in polib.pofile(str(theirs / "site.pot")) if e.msgid_plural}
            catalogs = []
            for path in mo:
                with path.open("rb") as handle:
                    messages = dict(gettext.GNUTranslations(handle)._catalog)
                messages.pop("", None)
                # Babel compiles an untranslated plural entry with the English forms as its
                # translation; the toolkit leaves it out (gettext falls back to the same English).
                catalogs.append({k: v for k, v in messages.items() if v not in english})
            assert catalogs[1] == catalogs[0], (code, use_fuzzy)
