"""Page checks on hand-written page sets (tests/data/pages, not built by the
toolkit): each check fires on the pages seeded with its defect and on no other."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit import cli
from toolkit.checks import REGISTRY
from toolkit.checks.pages import check_pages, lang_problems
from toolkit.checks.registry import checks_of
from toolkit.config import Config
from toolkit.errors import InputError

from tests.helpers import ROOT

DATA = ROOT / "tests" / "data" / "pages"
LOCALES = ("en", "sq", "sr", "sr_Latn")

# check id -> the locales whose version of <check id>.html carries the defect
SEEDED = {
    "html-lang": {"sr", "sq"},
    "hreflang": {"sr", "sq"},
    "language-switcher": {"sq"},
    "untranslated-text": {"sq", "sr_Latn"},
    "script-mixing": {"sr", "sr_Latn"},
    "structure-parity": {"sq"},
    "image-alt": {"sr", "sq"},
    "dates": {"sq", "sr"},
    "internal-links": {"sr"},
    "title": {"sq", "sr"},
    "quotes": {"sr", "sq"},
    "cookie-banner": {"sr", "sq", "sr_Latn"},
}


def config_for(root: Path, locales=("sq", "sr", "sr_Latn")) -> Config:
    return Config(root=root.resolve(), locale_codes=tuple(locales))


@pytest.fixture(scope="module")
def findings():
    return check_pages(DATA, config_for(DATA))


def by_page(findings, check=None):
    return {(f.locale, Path(f.path).name) for f in findings if check is None or f.check == check}


def test_every_page_check_is_registered_and_seeded():
    ids = {c.id for c in checks_of("pages")}
    assert ids == set(SEEDED)
    for check_id in ids:
        info = REGISTRY[check_id]
        assert info.family == "pages" and info.description and info.severity in ("error", "warning", "info")
    for check_id, seeded in SEEDED.items():
        for code in LOCALES:
            assert (DATA / code / f"{check_id}.html").is_file()


def test_page_checks_keep_their_order():
    # The order a page's findings come in and a report lists the check ids in.
    assert [c.id for c in checks_of("pages")] == list(SEEDED)


@pytest.mark.parametrize("check_id", sorted(SEEDED))
def test_check_fires_on_its_seeded_pages_only(findings, check_id):
    expected = {(code, f"{check_id}.html") for code in SEEDED[check_id]}
    assert by_page(findings, check_id) == expected


def test_no_finding_on_clean_pages_or_english_versions(findings):
    for finding in findings:
        check_id = Path(finding.path).stem
        assert finding.check == check_id, finding
        assert finding.locale != "en", finding
    assert not [f for f in findings if f.path.endswith("index.html")]


def test_findings_name_page_line_and_target(findings):
    for finding in findings:
        assert finding.path.startswith(f"{finding.locale}/"), finding
    lang = [f for f in findings if f.check == "html-lang" and f.locale == "sr"][0]
    assert lang.line == 2 and lang.target == "html"
    assert 'lang="sr-Cyrl"' in lang.message and "Latn" in lang.message
    sq_lang = [f for f in findings if f.check == "html-lang" and f.locale == "sq"][0]
    assert 'expected lang="sq"' in sq_lang.message


def message(findings, check_id, locale):
    return " | ".join(f.message for f in findings if f.check == check_id and f.locale == locale)


def test_messages_say_what_is_wrong(findings):
    assert "no hreflang=\"sq\"" in message(findings, "hreflang", "sr")
    assert "missing.html" in message(findings, "hreflang", "sq")
    switcher = message(findings, "language-switcher", "sq")
    assert "'Serbisht'" in switcher and "Српски" in switcher and "no lang" in switcher
    assert "'Next steps'" in message(findings, "untranslated-text", "sq")
    assert "aria-label='Choose a language'" in message(findings, "untranslated-text", "sr_Latn")
    mixing = message(findings, "script-mixing", "sr")
    assert "policije" in mixing and "Бeограду" in mixing
    assert "Група" in message(findings, "script-mixing", "sr_Latn")
    assert "has no alt" in message(findings, "image-alt", "sr")
    assert "English alt" in message(findings, "image-alt", "sq")
    assert "December" in message(findings, "dates", "sq")
    assert "1. децембар 2020." in message(findings, "dates", "sr")
    assert "sr/index.html" in message(findings, "internal-links", "sr")
    assert "no <title>" in message(findings, "title", "sr")
    assert "not translated" in message(findings, "title", "sq")
    assert "ASCII" in message(findings, "quotes", "sr")
    assert "«" in message(findings, "quotes", "sq")
    assert "same layer" in message(findings, "cookie-banner", "sr")
    assert "autofocus" in message(findings, "cookie-banner", "sq")
    assert "not in sr_Latn" in message(findings, "cookie-banner", "sr_Latn")


def test_structure_difference_names_both_pages(findings):
    parity = [f for f in findings if f.check == "structure-parity"]
    assert len(parity) == 1  # one finding per page pair
    for finding in parity:
        assert "sq/structure-parity.html" in finding.message and "en/structure-parity.html" in finding.message
        assert finding.extra["counterpart"] == "en/structure-parity.html"
    text = " | ".join(f.message for f in parity)
    assert "h3 where" in text and "h2" in text and "disclaimer eu-funding" in text


# -- variations on the clean page set -------------------------------------------------


@pytest.fixture
def site(tmp_path):
    """The clean page set alone, to edit one page per test."""
    for code in LOCALES:
        (tmp_path / code).mkdir()
        shutil.copy(DATA / code / "index.html", tmp_path / code / "index.html")
    return tmp_path


def edit(root: Path, code: str, old: str, new: str, count: int = 1) -> None:
    path = root / code / "index.html"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run(root, checks=None, locales=None, config=None):
    return check_pages(root, config or config_for(root), locales=locales, checks=checks)


def test_clean_set_is_clean(site):
    assert run(site) == []


@pytest.mark.parametrize("old,new,expected", [
    ('<html lang="sr-Cyrl" dir="ltr">', '<html dir="ltr">', "has no lang"),
    ('<html lang="sr-Cyrl"', '<html lang="sr_RS"', "not a BCP 47 language tag (use - not _)"),
    ('<html lang="sr-Cyrl"', '<html lang="sr-Latn"', "names the Latn script"),
    ('<html lang="sr-Cyrl"', '<html lang="sr-Cyrl" xml:lang="sr-Latn"', "differs from"),
    ('<html lang="sr-Cyrl"', '<html lang="qq-Cyrl"', "unknown language subtag"),
    ('dir="ltr"', 'dir="sideways"', "not ltr, rtl or auto"),
    ('dir="ltr"', 'dir="rtl"', "written ltr"),
])
def test_html_lang_variants(site, old, new, expected):
    edit(site, "sr", old, new)
    found = run(site, checks=["html-lang"])
    assert [f.locale for f in found] == ["sr"]
    assert expected in found[0].message


def test_plain_sr_is_cyrillic_and_script_subtags_are_a_policy(site):
    # lang="sr" is valid BCP 47 and Cyrillic is its default script: right on the sr page,
    # wrong on the Latin one; naming the script everywhere is a policy a project opts into.
    edit(site, "sr", '<html lang="sr-Cyrl"', '<html lang="sr"')
    assert run(site, checks=["html-lang"]) == []
    edit(site, "sr_Latn", '<html lang="sr-Latn"', '<html lang="sr"')
    (found,) = run(site, checks=["html-lang"])
    assert found.locale == "sr_Latn" and "implies the Cyrl script" in found.message
    strict = Config(root=site.resolve(), locale_codes=("sq", "sr", "sr_Latn"), script_subtags=True)
    messages = {f.locale: f.message for f in run(site, checks=["html-lang"], config=strict)}
    assert "does not say the script" in messages["sr"]


def test_lang_problems_accepts_real_tags():
    for tag in ("en", "sr-Cyrl", "sr-Latn-RS", "cnr", "sq-AL", "zh-Hant-TW", "es-419", "de-CH-1996", "en-x-private"):
        assert lang_problems(tag) == [], tag
    assert lang_problems("english")


def test_hreflang_not_reciprocal(site):
    # The sr page points its sq alternate at the English page: sr's alternate is
    # wrong, and sq's alternate for sr no longer finds its way back.
    edit(site, "sr", 'hreflang="sq" href="../sq/index.html"', 'hreflang="sq" href="../en/index.html"')
    found = run(site, checks=["hreflang"])
    messages = {f.locale: f.message for f in found}
    assert "outside the sq pages" in messages["sr"]
    assert "not reciprocal" in messages["sq"] and "sr/index.html" in messages["sq"]


def test_hreflang_duplicate_and_x_default(site):
    edit(site, "sq", '<link rel="alternate" hreflang="x-default" href="../en/index.html">\n',
         '<link rel="alternate" hreflang="sq" href="index.html">\n')
    messages = [f.message for f in run(site, checks=["hreflang"])]
    assert any("appears twice" in m for m in messages)
    assert any("x-default" in m for m in messages)


def test_untranslated_text_uses_source_strings_and_respects_lang(site):
    # "Ballina" left as "Home": not on the English page's menu text alone, but a source string.
    pot = site / "locales" / "messages.pot"
    pot.parent.mkdir()
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Home"\nmsgstr ""\n\nmsgid "Read the full report"\nmsgstr ""\n', encoding="utf-8")
    edit(site, "sq", ">Ballina<", ">Home<")
    edit(site, "sq", "<h2>Hapat e ardhshëm</h2>", "<h2>Hapat e ardhshëm</h2>\n<p>Read the full report</p>"
         "\n<p lang=\"en\">Read the full report</p>\n<p translate=\"no\">Read the full report</p>")
    found = run(site, checks=["untranslated-text"])
    assert sorted(f.msgid for f in found) == ["Home", "Read the full report"]
    # The same strings translated as the English on purpose are accepted.
    po = site / "locales" / "sq" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: sq\\n"\n\n'
                  'msgid "Home"\nmsgstr "Home"\n', encoding="utf-8")
    assert [f.msgid for f in run(site, checks=["untranslated-text"])] == ["Read the full report"]


def test_names_acronyms_numbers_urls_and_emails_may_stay(site):
    extra = ("<p>SEESAC</p><p>UNDP / EU</p><p>2020</p><p>www.seesac.org</p>"
             "<p>seesac@undp.org</p><p>https://www.seesac.org/</p><p>Facebook</p>")
    edit(site, "en", "<h2>Next steps</h2>", "<h2>Next steps</h2>" + extra)
    edit(site, "sq", "<h2>Hapat e ardhshëm</h2>", "<h2>Hapat e ardhshëm</h2>" + extra)
    assert run(site, checks=["untranslated-text", "structure-parity"]) == []


def test_script_mixing_allows_glossary_names_and_lang(site):
    (site / "i18n").mkdir()
    (site / "i18n" / "glossary.yaml").write_text("do-not-translate: [iTrace]\n", encoding="utf-8")
    edit(site, "sr", "<h2>Следећи кораци</h2>", "<h2>Следећи кораци</h2><p>iTrace</p>"
         "<p lang=\"en\">Next steps</p><p>Read the report</p>")
    found = run(site, checks=["script-mixing"])
    assert len(found) == 1 and "Read, the, report" in found[0].message


def test_one_untranslated_label_is_reported_once(site):
    # "Next steps" is the English page's heading: untranslated-text reports it, and
    # script-mixing does not report the same element again (one root cause).
    edit(site, "sr", "<h2>Следећи кораци</h2>", "<h2>Next steps</h2>")
    found = run(site, checks=["script-mixing", "untranslated-text"])
    assert [(f.check, f.msgid) for f in found] == [("untranslated-text", "Next steps")]


def test_cookie_banner_needs_both_buttons(site):
    edit(site, "sq", '<button type="button" class="button" name="cookie-consent" value="reject">Nuk pajtohem</button>', "")
    # Classes decide nothing (cookie-accept and cookie-reject may look alike); a link
    # against a button is a suspicion that the browser run settles.
    edit(site, "sr", 'class="button" name="cookie-consent" value="reject"', 'class="cookie-reject" name="cookie-consent" value="reject"')
    assert run(site, checks=["cookie-banner"], locales=["sr"]) == []
    edit(site, "sr", '<button type="button" class="cookie-reject" name="cookie-consent" value="reject">Не слажем се</button>',
         '<a href="#" class="cookie-reject" data-value="reject">Не слажем се</a>')
    edit(site, "sr_Latn", 'value="accept">', 'value="accept" aria-pressed="true">')
    found = {f.locale: f.message for f in run(site, checks=["cookie-banner"])}
    assert "no reject button" in found["sq"]
    assert "equally prominent" in found["sr"]
    assert "aria-pressed" in found["sr_Latn"]


def test_cookie_banner_leaves_a_disclaimer_awaiting_approval_to_the_legal_checks(site):
    edit(site, "en", "<p>This site uses cookies. Do you agree?",
         '<p><span data-disclaimer="cookie-notice">This site uses cookies. Do you agree?</span>')
    edit(site, "sq", "<p>Kjo faqe përdor kuki. A pajtoheni?",
         '<p><span data-disclaimer="cookie-notice" lang="en">This site uses cookies. Do you agree?</span>')
    assert run(site, checks=["cookie-banner"]) == []
    edit(site, "sq", ">Pajtohem</button>", ">I agree</button>")
    (finding,) = run(site, checks=["cookie-banner"])
    assert finding.locale == "sq" and "I agree" in finding.message and finding.severity == "error"


def test_dates_accept_the_regions_written_forms(site):
    for form in ("1. децембра 2020.", "01.12.2020.", "1. 12. 2020."):
        edit(site, "sr", "уторак, 1. децембар 2020.", form)
        assert run(site, checks=["dates"]) == [], form
        edit(site, "sr", form, "уторак, 1. децембар 2020.")
    edit(site, "sr", "уторак, 1. децембар 2020.", "уторак, 2. децембар 2020.")
    assert len(run(site, checks=["dates"])) == 1


def test_missing_language_version(site):
    (site / "sr" / "index.html").unlink()
    found = run(site, checks=["structure-parity"])
    assert [(f.locale, f.path) for f in found] == [("sr", "sr/index.html")]
    assert "en/index.html" in found[0].message


def test_locales_argument_limits_the_pages_checked(site):
    edit(site, "sq", "<h2>Hapat e ardhshëm</h2>", "<h2>Next steps</h2>")
    edit(site, "sr", "<title>Сарадња граничне полиције | SEESAC</title>\n", "")
    assert {f.locale for f in run(site, locales=["sr"])} == {"sr"}
    assert {f.locale for f in run(site, locales=["sq", "sr"])} == {"sq", "sr"}
    with pytest.raises(InputError, match="no pages for locale hr"):
        run(site, locales=["hr"])


def test_locales_from_folder_names_without_configuration(site):
    (site / "static").mkdir()
    edit(site, "sq", "<h2>Hapat e ardhshëm</h2>", "<h2>Next steps</h2>")
    found = check_pages(site, Config(root=site.resolve()))
    assert {f.check for f in found} == {"untranslated-text"}


def test_no_locale_folders_is_bad_input(tmp_path):
    (tmp_path / "static").mkdir()
    with pytest.raises(InputError, match="no locale folders"):
        check_pages(tmp_path, Config(root=tmp_path))
    with pytest.raises(InputError, match="no such directory"):
        check_pages(tmp_path / "nowhere", Config(root=tmp_path))


def test_check_command_runs_page_checks_on_a_folder(site, capsys):
    (site / "pyproject.toml").write_text('[tool.toolkit]\nlocales = ["sq", "sr", "sr_Latn"]\n', encoding="utf-8")
    assert cli.main(["-C", str(site), "check", "--checks", "pages", "--format", "json", str(site)]) == 0
    edit(site, "sr", 'href="index.html">Почетна', 'href="../en/index.html">Почетна')
    capsys.readouterr()
    assert cli.main(["-C", str(site), "check", "--checks", "pages", "--format", "json", str(site)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["check"] for f in report["findings"]] == ["internal-links"]


# -- a folder whose name and text disagree about the script ---------------------------

LIBRARY = {  # page: (English title, English text, Serbian title, Serbian text in Latin letters)
    "index.html": ("Welcome to the library",
                   "The city library lends books, music and films. Members can borrow up to ten items at a time "
                   "and return them at any branch. Opening hours are listed below.",
                   "Dobro došli u biblioteku",
                   "Gradska biblioteka pozajmljuje knjige, muziku i filmove. Članovi mogu da pozajme do deset "
                   "jedinica odjednom i da ih vrate u bilo kom ogranku. Radno vreme je navedeno ispod. Čitaonica je "
                   "otvorena svakog dana osim nedelje, a pristup internetu je besplatan za sve članove."),
    "about.html": ("About us",
                   "The library was founded in 1923 and moved to its current building in 1985. Today it has six "
                   "branches and more than forty thousand members.",
                   "O nama",
                   "Biblioteka je osnovana 1923. godine i preseljena je u sadašnju zgradu 1985. godine. Danas ima "
                   "šest ogranaka i više od četrdeset hiljada članova. Zaposleni rado pomažu čitaocima da pronađu "
                   "željenu knjigu, a dečje odeljenje organizuje radionice svake subote."),
    "contact.html": ("Contact",
                     "Write to us or call during opening hours. We answer every message within two working days.",
                     "Kontakt",
                     "Pišite nam ili pozovite tokom radnog vremena. Odgovaramo na svaku poruku u roku od dva radna "
                     "dana. Adresa centralnog ogranka je Knez Mihailova 12, a ulaz za osobe sa invaliditetom nalazi "
                     "se iz dvorišta."),
}


def library_site(root: Path, sr_lang: str = "sr", serbian_text: bool = True, folder: str = "sr") -> Path:
    """A small two-language site: en, and a folder named sr (or ``folder``) written in Latin letters."""
    for rel, (en_title, en_text, sr_title, sr_text) in LIBRARY.items():
        if not serbian_text:
            sr_title, sr_text = en_title, en_text
        for name, lang, title, text in (("en", "en", en_title, en_text), (folder, sr_lang, sr_title, sr_text)):
            (root / name).mkdir(exist_ok=True)
            (root / name / rel).write_text(f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{title}</title>
<link rel="alternate" hreflang="en" href="/en/{rel}">
<link rel="alternate" hreflang="{folder}" href="/{folder}/{rel}">
<link rel="alternate" hreflang="x-default" href="/en/{rel}">
</head>
<body>
<nav><a href="/en/{rel}" hreflang="en" lang="en">English</a> <a href="/{folder}/{rel}" hreflang="{folder}" lang="{folder}">{"Srpskohrvatski" if folder == "sh" else "Srpski"}</a></nav>
<main><h1>{title}</h1>
<p>{text}</p>
</main>
</body>
</html>
""", encoding="utf-8")
    return root


def test_a_folder_named_sr_written_in_latin_is_a_latin_locale(tmp_path):
    root = library_site(tmp_path)
    found = check_pages(root, Config(root=root.resolve()))
    assert [(f.check, f.severity, f.locale, f.extra["pages"]) for f in found] == [("html-lang", "warning", "sr", 3)]
    assert 'written in Latin, but lang="sr" says Cyrillic; expected lang="sr-Latn"' in found[0].message
    # Checked as Latin: no script-mixing, no autonym complaint about "Srpski".
    assert check_pages(root, Config(root=root.resolve()), checks=["script-mixing", "language-switcher"]) == []
    assert check_pages(root, Config(root=root.resolve()), checks=["script-mixing"], jobs=2) == []


def test_a_lang_that_names_the_text_script_is_not_reported(tmp_path):
    root = library_site(tmp_path, sr_lang="sr-Latn")
    assert check_pages(root, Config(root=root.resolve())) == []


def test_a_serbo_croatian_folder_is_a_latin_locale(tmp_path):
    root = library_site(tmp_path, sr_lang="sh", folder="sh")
    assert check_pages(root, Config(root=root.resolve())) == []


def test_english_left_in_a_serbian_folder_does_not_make_it_latin(tmp_path):
    from toolkit.checks.pages import open_site

    root = library_site(tmp_path, serbian_text=False)
    site = open_site(root, Config(root=root.resolve()))
    assert {l.code: l.script for l in site.locales} == {"en": "Latn", "sr": "Cyrl"}
    assert site.text_scripts == {}


def test_seeded_pages_keep_their_scripts():
    from toolkit.checks.pages import open_site

    site = open_site(DATA, config_for(DATA))
    assert {l.code: l.script for l in site.locales} == {"en": "Latn", "sq": "Latn", "sr": "Cyrl", "sr_Latn": "Latn"}
    assert site.text_scripts == {}


def test_seeded_latin_page_in_a_folder_named_sr(site):
    """The clean set with the sr folder holding the Latin page (lang="sr-Cyrl" kept from
    the Cyrillic page): one warning for the folder, checked as Latin."""
    shutil.copy(site / "sr_Latn" / "index.html", site / "sr" / "index.html")
    shutil.rmtree(site / "sr_Latn")
    for code in ("en", "sq", "sr"):
        path = site / code / "index.html"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(l for l in lines if "sr_Latn/" not in l), encoding="utf-8")
    edit(site, "sr", '<html lang="sr-Latn"', '<html lang="sr-Cyrl"')
    found = run(site, config=Config(root=site.resolve()))
    assert [(f.check, f.severity, f.locale) for f in found] == [("html-lang", "warning", "sr")]
    assert 'lang="sr-Cyrl" says Cyrillic; expected lang="sr-Latn" (1 sr pages)' in found[0].message


def test_autonym_table_is_what_babel_gives_each_locale():
    """The language-list names read from the raw CLDR files are the names
    babel's merged locales display (the slow way, kept here as the reference)."""
    import babel
    from babel.localedata import locale_identifiers

    from toolkit.checks.pages import names

    expected = {n.casefold() for n in names.AUTONYM_EXTRA}
    for identifier in locale_identifiers():
        if identifier.count("_") > 1:
            continue
        try:
            parsed = babel.Locale.parse(identifier)
        except (babel.UnknownLocaleError, ValueError):
            continue
        name = parsed.get_display_name(parsed)
        if name:
            expected.add(name.casefold())
            expected.add(name.split(" (")[0].casefold())
    assert names._all_autonyms() == frozenset(expected)
    assert "српски" in expected and "deutsch" in expected
