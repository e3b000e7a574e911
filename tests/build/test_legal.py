"""Legal disclaimers: approvals, publication only while approved, rules and checks."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import lxml.html
import polib
import pytest

from toolkit.build.approvals import ApprovedResolver, approve, approvals_path, legal_states, read_approvals
from toolkit.po.catalog import compile_mo, new_catalog, write_po
from toolkit.checks import REGISTRY
from toolkit.checks.legal import (
    PageContext,
    check_legal_catalogs,
    check_legal_pages,
    check_required,
    read_rules,
)
from toolkit.cli import main as toolkit_main
from toolkit.config import config_from_file, load_config
from toolkit.errors import InputError
from toolkit.locales import get_locale
from toolkit.build.render import build_site

from tests.helpers import ROOT
RULES = ROOT / "i18n" / "legal-rules.yaml"

KOSOVO = "*All references to Kosovo shall be understood to be in the context of UNSC Resolution 1244 (1999)"
MAP = "*The designations employed on this map do not imply any opinion."
EU = "This website is funded by the European Union."
COOKIES = "This site uses cookies. Do you agree to use of cookies?"

TRANSLATIONS = {
    "sq": {
        "kosovo-1244": "*Të gjitha referencat për Kosovën duhet të kuptohen në kontekstin e Rezolutës 1244 (1999) të KSOKB-së",
        "un-map": "*Emërtimet e përdorura në këtë hartë nuk nënkuptojnë asnjë mendim.",
        "eu-funding": "Kjo faqe interneti financohet nga Bashkimi Evropian.",
        "cookie-notice": "Kjo faqe përdor cookies. A pajtoheni me përdorimin e cookies?",
    },
    "sr": {
        "kosovo-1244": "*Сва позивања на Косово треба разумети у контексту Резолуције СБ УН 1244 (1999)",
        "un-map": "*Називи употребљени на овој мапи не подразумевају никакво мишљење.",
        "eu-funding": "Овај веб-сајт финансира Европска унија.",
        # cookie-notice left untranslated: "missing"
    },
}

BASE = f"""<!DOCTYPE html>
<html lang="{{{{ locale.tag }}}}">
<head><meta charset="utf-8"><title>{{% block title %}}Page{{% endblock %}}</title></head>
<body>
<section class="cookie-banner"><p>{{% disclaimer "cookie-notice" %}}{COOKIES}{{% enddisclaimer %}}</p></section>
<main id="main">{{% block content %}}{{% endblock %}}</main>
<footer>
<figure class="map"><svg role="img" aria-label="map"></svg>
<figcaption>{{% disclaimer "un-map" %}}{MAP}{{% enddisclaimer %}}</figcaption></figure>
<p>{{% disclaimer "eu-funding" %}}{EU}{{% enddisclaimer %}}</p>
</footer>
</body>
</html>
"""

INDEX = """{% extends "base.html" %}
{% block content %}<h1>Home</h1><p>Small arms control in South East Europe.</p>{% endblock %}
"""

NEWS = f"""{{% extends "base.html" %}}
{{% block content %}}
<article>
<p>Assessments in Serbia, Montenegro, Kosovo<a href="#kosovo-1244">*</a> and Albania.</p>
<footer><p id="kosovo-1244" class="footnote">{{% disclaimer "kosovo-1244" %}}{KOSOVO}{{% enddisclaimer %}}</p></footer>
</article>
{{% endblock %}}
"""

PYPROJECT = """
[tool.toolkit]
source-locale = "en"
locales = ["sq", "sr"]
templates = "templates"
content = "content"
static = "static"
"""


def write_legal_po(project: Path, code: str, translations: dict[str, str], english: dict[str, str], fuzzy=()) -> Path:
    catalog = new_catalog(get_locale(code))
    for disclaimer_id, text in english.items():
        entry = polib.POEntry(msgctxt=disclaimer_id, msgid=text, msgstr=translations.get(disclaimer_id, ""))
        if disclaimer_id in fuzzy:
            entry.flags.append("fuzzy")
        catalog.append(entry)
    po = project / "locales" / code / "LC_MESSAGES" / "legal.po"
    write_po(catalog, po)
    po.with_suffix(".mo").write_bytes(compile_mo(catalog))
    return po


ENGLISH = {"kosovo-1244": KOSOVO, "un-map": MAP, "eu-funding": EU, "cookie-notice": COOKIES}


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "templates" / "pages").mkdir(parents=True)
    (tmp_path / "templates" / "base.html").write_text(BASE, encoding="utf-8")
    (tmp_path / "templates" / "pages" / "index.html").write_text(INDEX, encoding="utf-8")
    (tmp_path / "templates" / "pages" / "news.html").write_text(NEWS, encoding="utf-8")
    (tmp_path / "i18n").mkdir()
    shutil.copy(RULES, tmp_path / "i18n" / "legal-rules.yaml")
    for code, translations in TRANSLATIONS.items():
        write_legal_po(tmp_path, code, translations, ENGLISH)
    return tmp_path


def config_of(project: Path):
    return config_from_file(project / "pyproject.toml")


def statuses(config) -> dict[tuple[str, str], str]:
    return {(s.id, s.locale): s.status for s in legal_states(config)}


def disclaimer(page: Path, disclaimer_id: str):
    found = lxml.html.parse(str(page)).xpath("//*[@data-disclaimer=$id]", id=disclaimer_id)
    assert len(found) == 1, f"{disclaimer_id} appears {len(found)} times in {page}"
    return found[0]


def by_check(findings, check: str):
    return [f for f in findings if f.check == check]


# -- approving ----------------------------------------------------------------------


def test_approve_writes_a_sorted_reviewable_file(project):
    config = config_of(project)
    approve(config, "sr", ["un-map", "kosovo-1244"], by="Ana Reviewer", when="2024-05-01T10:00:00Z")
    approve(config, "sq", ["eu-funding"], by="Besa Reviewer", when="2024-05-02T09:30:00Z")
    path = approvals_path(config)
    assert path == project / "i18n" / "legal-approvals.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    keys = [(a["id"], a["locale"]) for a in data["approvals"]]
    assert keys == [("eu-funding", "sq"), ("kosovo-1244", "sr"), ("un-map", "sr")]
    kosovo = data["approvals"][1]
    assert kosovo["english"] == KOSOVO
    assert kosovo["translation"] == TRANSLATIONS["sr"]["kosovo-1244"]
    assert kosovo["english_sha256"] == hashlib.sha256(KOSOVO.encode()).hexdigest()
    assert kosovo["translation_sha256"] == hashlib.sha256(TRANSLATIONS["sr"]["kosovo-1244"].encode()).hexdigest()
    assert kosovo["approved_by"] == "Ana Reviewer"
    assert kosovo["approved_at"] == "2024-05-01T10:00:00Z"
    # Cyrillic is written as itself, so a reviewer can read the diff.
    assert "Косово" in path.read_text(encoding="utf-8")
    before = path.read_bytes()
    approve(config, "sr", ["kosovo-1244"], by="Ana Reviewer", when="2024-05-01T10:00:00Z")
    assert path.read_bytes() == before
    assert set(read_approvals(path)) == set(keys)


def test_approve_records_the_approver_by_default(project, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(project / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("USER", "legal-officer")
    [approval] = approve(load_config(project), "sq", ["un-map"])
    assert approval.approved_by == "legal-officer"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", approval.approved_at)


@pytest.mark.parametrize(
    "args, message",
    [
        (["-l", "sr", "cookie-notice"], "no sr translation"),
        (["-l", "sr", "no-such-id"], "unknown disclaimer id"),
        (["-l", "xx", "un-map"], "not configured"),
        (["-l", "en", "un-map"], "source locale"),
    ],
)
def test_approving_what_cannot_be_approved_is_exit_2(project, capsys, args, message):
    assert toolkit_main(["-C", str(project), "legal", "approve", *args]) == 2
    assert message in capsys.readouterr().err
    assert not approvals_path(config_of(project)).exists()


def test_a_fuzzy_translation_cannot_be_approved(project):
    write_legal_po(project, "sq", TRANSLATIONS["sq"], ENGLISH, fuzzy={"un-map"})
    with pytest.raises(InputError, match=r"legal\.po:\d+: .*fuzzy"):
        approve(config_of(project), "sq", ["un-map"])


def test_a_broken_approvals_file_names_file_and_line(project):
    path = project / "i18n" / "legal-approvals.json"
    path.write_text('{\n  "approvals": [\n    {"id": "un-map",\n  ]\n}\n')
    with pytest.raises(InputError, match=r"legal-approvals\.json:4: invalid JSON"):
        legal_states(config_of(project))


# -- status -------------------------------------------------------------------------


def status_rows(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("│┃").split("│")]
        if cells and cells[0] in ENGLISH:
            rows[cells[0]] = cells[1:]
    return rows


def test_status_table_shows_each_state(project, capsys):
    config = config_of(project)
    approve(config, "sq", ["kosovo-1244", "un-map"], by="R")
    approve(config, "sr", ["un-map"], by="R")
    changed = dict(TRANSLATIONS["sq"], **{"un-map": TRANSLATIONS["sq"]["un-map"].replace("hartë", "hartën")})
    write_legal_po(project, "sq", changed, ENGLISH)
    assert toolkit_main(["-C", str(project), "legal", "status"]) == 0
    output = capsys.readouterr().out
    rows = status_rows(output)
    assert rows == {
        "cookie-notice": ["draft", "missing"],
        "eu-funding": ["draft", "draft"],
        "kosovo-1244": ["approved", "draft"],
        "un-map": ["stale", "approved"],
    }
    assert "2 approved" in output and "1 stale" in output and "1 missing" in output
    assert "un-map (sq): the translation changed" in output


# -- rendering ----------------------------------------------------------------------


class FakeChain:
    def __init__(self, entries):
        self.entries = entries

    def lookup(self, msgid, context=None):
        return self.entries.get((context, msgid))


def test_resolver_publishes_a_translation_only_while_its_approval_is_current(project):
    config = config_of(project)
    [approval] = approve(config, "sr", ["eu-funding"], by="R")
    approvals = {("eu-funding", "sr"): approval}
    translation = TRANSLATIONS["sr"]["eu-funding"]
    resolver = ApprovedResolver(approvals, "sr", FakeChain({("eu-funding", EU): translation}), is_source=False)
    assert resolver.resolve("eu-funding", EU) == (translation, True)
    # Another English text: the approval does not cover it.
    assert resolver.resolve("eu-funding", EU + " Really.") == (EU + " Really.", False)
    # Another translation of the same English.
    edited = ApprovedResolver(approvals, "sr", FakeChain({("eu-funding", EU): translation + "!"}), is_source=False)
    assert edited.resolve("eu-funding", EU) == (EU, False)
    # An approval for another locale does not count.
    other = ApprovedResolver(approvals, "sq", FakeChain({("eu-funding", EU): translation}), is_source=False)
    assert other.resolve("eu-funding", EU) == (EU, False)
    assert resolver.fell_back == ["eu-funding"] and edited.fell_back == ["eu-funding"]
    source = ApprovedResolver({}, "en", FakeChain({}), is_source=True)
    assert source.resolve("eu-funding", EU) == (EU, True) and source.fell_back == []


def test_build_publishes_approved_translations_and_english_otherwise(project, tmp_path):
    config = config_of(project)
    approve(config, "sq", list(ENGLISH), by="R")
    result = build_site(config, tmp_path / "out")
    sq_news = tmp_path / "out" / "sq" / "news.html"
    for disclaimer_id, text in TRANSLATIONS["sq"].items():
        element = disclaimer(sq_news, disclaimer_id)
        assert element.text_content() == text and element.get("lang") is None
    sr_news = tmp_path / "out" / "sr" / "news.html"
    for disclaimer_id, text in ENGLISH.items():
        element = disclaimer(sr_news, disclaimer_id)
        assert element.text_content() == text and element.get("lang") == "en"
    assert disclaimer(tmp_path / "out" / "en" / "news.html", "kosovo-1244").get("lang") is None
    assert "sq/news.html" not in result.legal_fallbacks
    assert sorted(result.legal_fallbacks["sr/news.html"]) == sorted(ENGLISH)

    findings = check_legal_pages(tmp_path / "out", config)
    assert {f.check for f in findings} == {"legal-fallback"}
    assert {f.locale for f in findings} == {"sr"} and all(f.severity == "info" for f in findings)
    assert len(findings) == 4 + 3  # news.html has four disclaimers, index.html three
    catalogue = check_legal_catalogs(config)
    assert {(f.check, f.locale) for f in catalogue} == {("legal-unapproved", "sr")}
    assert all(f.severity == "warning" and f.path == "locales/sr/LC_MESSAGES/legal.po" and f.line
               for f in catalogue)


def test_changing_one_word_of_the_english_lapses_every_approval(project, tmp_path):
    """The issue's scenario: the footnote's English changes by one word."""
    config = config_of(project)
    for code in ("sq", "sr"):
        approve(config, code, ["kosovo-1244", "un-map", "eu-funding"], by="R")
    build_site(config, tmp_path / "before")
    assert disclaimer(tmp_path / "before" / "sr" / "news.html", "kosovo-1244").text_content() == \
        TRANSLATIONS["sr"]["kosovo-1244"]
    assert not [f for f in check_legal_catalogs(config) if f.check == "legal-stale"]

    news = project / "templates" / "pages" / "news.html"
    news.write_text(news.read_text(encoding="utf-8").replace("shall be understood", "must be understood"),
                    encoding="utf-8")
    new_english = KOSOVO.replace("shall", "must")

    assert {k: v for k, v in statuses(config).items() if k[0] == "kosovo-1244"} == {
        ("kosovo-1244", "sq"): "stale", ("kosovo-1244", "sr"): "stale",
    }
    stale = by_check(check_legal_catalogs(config), "legal-stale")
    assert {(f.extra["disclaimer"], f.locale) for f in stale} == {("kosovo-1244", "sq"), ("kosovo-1244", "sr")}
    assert all("English changed" in f.message and f.severity == "error" for f in stale)

    result = build_site(config, tmp_path / "after")
    for code in ("sq", "sr"):
        page = tmp_path / "after" / code / "news.html"
        element = disclaimer(page, "kosovo-1244")
        assert element.get("lang") == "en" and element.text_content() == new_english
        # The other disclaimers keep their approved translations.
        assert disclaimer(page, "eu-funding").text_content() == TRANSLATIONS[code]["eu-funding"]
        assert "kosovo-1244" in result.legal_fallbacks[f"{code}/news.html"]
    fallbacks = by_check(check_legal_pages(tmp_path / "after", config), "legal-fallback")
    assert {(f.locale, Path(f.path).name, f.extra["disclaimer"]) for f in fallbacks
            if f.extra["disclaimer"] == "kosovo-1244"} == {("sq", "news.html", "kosovo-1244"),
                                                           ("sr", "news.html", "kosovo-1244")}
    # Pages built before the change are now out of date, and say so.
    old = check_legal_pages(tmp_path / "before", config)
    assert {(f.check, f.locale) for f in old if f.extra.get("disclaimer") == "kosovo-1244"} >= {
        ("legal-stale", "sq"), ("legal-stale", "sr"), ("legal-altered", "en"),
    }

    # The scenario through the command line: the status table shows it too.
    assert toolkit_main(["-C", str(project), "legal", "status"]) == 0


def test_deleting_the_footnote_from_a_built_page_is_legal_missing(project, tmp_path):
    config = config_of(project)
    approve(config, "sq", list(ENGLISH), by="R")
    out = tmp_path / "out"
    build_site(config, out)
    assert not [f for f in check_legal_pages(out, config) if f.severity == "error"]
    page = out / "sq" / "news.html"
    html = page.read_text(encoding="utf-8")
    edited = re.sub(r'<p id="kosovo-1244".*?</p>', "", html, flags=re.S)
    assert edited != html
    page.write_text(edited, encoding="utf-8")
    errors = [f for f in check_legal_pages(out, config) if f.severity == "error"]
    missing = by_check(errors, "legal-missing")
    assert len(missing) == 1
    assert missing[0].path == str(page) or missing[0].path.endswith("sq/news.html")
    assert "kosovo-1244" in missing[0].message and "Kosov" in missing[0].message
    # The asterisk now points nowhere.
    assert by_check(errors, "legal-mention-link")


def test_hand_edited_disclaimers_are_legal_altered(project, tmp_path):
    config = config_of(project)
    approve(config, "sq", list(ENGLISH), by="R")
    out = tmp_path / "out"
    build_site(config, out)
    sq = out / "sq" / "index.html"
    sq.write_text(sq.read_text(encoding="utf-8").replace("Bashkimi Evropian", "BE"), encoding="utf-8")
    en = out / "en" / "index.html"
    en.write_text(en.read_text(encoding="utf-8").replace("European Union", "EU"), encoding="utf-8")
    sr = out / "sr" / "index.html"
    # A translation slipped onto a page without approval (lang="en" removed too).
    sr.write_text(sr.read_text(encoding="utf-8").replace(
        f'data-disclaimer="eu-funding" lang="en">{EU}',
        f'data-disclaimer="eu-funding">{TRANSLATIONS["sr"]["eu-funding"]}'), encoding="utf-8")
    altered = by_check(check_legal_pages(out, config), "legal-altered")
    assert {(f.locale, Path(f.path).name, f.target) for f in altered} == {
        ("sq", "index.html", '[data-disclaimer="eu-funding"]'),
        ("en", "index.html", '[data-disclaimer="eu-funding"]'),
        ("sr", "index.html", '[data-disclaimer="eu-funding"]'),
    }
    assert all(f.severity == "error" and f.line for f in altered)
    assert any("nobody approved" in f.message for f in altered if f.locale == "sr")


def test_only_chosen_locales_are_checked(project, tmp_path):
    config = config_of(project)
    build_site(config, tmp_path / "out")
    findings = check_legal_pages(tmp_path / "out", config, locales=["sq"])
    assert findings and {f.locale for f in findings} == {"sq"}
    # A single locale's folder given as the path.
    assert {f.locale for f in check_legal_pages(tmp_path / "out" / "sr", config)} == {"sr"}


def test_toolkit_ignore_silences_one_unapproved_entry(project):
    po = project / "locales" / "sr" / "LC_MESSAGES" / "legal.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgctxt "un-map"', '#, toolkit-ignore: legal-unapproved\nmsgctxt "un-map"'),
                  encoding="utf-8")
    unapproved = by_check(check_legal_catalogs(config_of(project)), "legal-unapproved")
    assert {(f.extra["disclaimer"], f.locale) for f in unapproved if f.locale == "sr"} == {
        ("kosovo-1244", "sr"), ("eu-funding", "sr"),
    }


def test_legal_checks_are_registered():
    for check_id, severity in [("legal-missing", "error"), ("legal-unapproved", "warning"), ("legal-stale", "error"),
                               ("legal-fallback", "info"), ("legal-altered", "error"),
                               ("legal-mention-link", "error")]:
        assert REGISTRY[check_id].family == "legal" and REGISTRY[check_id].severity == severity


# -- rules --------------------------------------------------------------------------


def page_from(html: str, code: str = "sr") -> PageContext:
    tree = lxml.html.fromstring(html).getroottree()
    return PageContext(Path("x.html"), f"{code}/x.html", get_locale(code), code == "en", tree)


@pytest.fixture(scope="module")
def rules():
    return read_rules(RULES)


FOOTER = ('<span data-disclaimer="eu-funding">x</span><span data-disclaimer="cookie-notice">x</span>')


@pytest.mark.parametrize("mention", [
    "Kosovo", "Kosova", "Kosovë", "Kosovës", "Kosovën", "Kosovu", "Kosovom", "kosovskih", "KOSOVO",
    "Косово", "Косову", "Косовом", "косовска", "Kosmetu",
])
def test_every_form_of_the_name_requires_the_footnote(rules, mention):
    page = page_from(f"<html><body><p>Sastanak u {mention} je održan.</p>{FOOTER}</body></html>")
    findings = list(check_required(page, rules))
    assert [f.check for f in findings] == ["legal-mention-link", "legal-missing"]
    assert mention in findings[1].message


@pytest.mark.parametrize("text", ["Kosović je govorio.", "Kosa i oko.", "Nothing here."])
def test_non_mentions_require_nothing(rules, text):
    assert list(check_required(page_from(f"<html><body><p>{text}</p>{FOOTER}</body></html>"), rules)) == []


def test_the_asterisk_must_sit_on_a_mention_and_link_to_the_footnote(rules):
    footnote = '<p id="kosovo-1244"><span data-disclaimer="kosovo-1244">*…</span></p>'
    good = f'<html><body><p>U Srbiji i Kosovu<a href="#kosovo-1244">*</a>.</p>{footnote}{FOOTER}</body></html>'
    assert list(check_required(page_from(good), rules)) == []
    elsewhere = f'<html><body><p>U Kosovu i Srbiji<a href="#kosovo-1244">*</a>.</p>{footnote}{FOOTER}</body></html>'
    assert [f.check for f in check_required(page_from(elsewhere), rules)] == ["legal-mention-link"]
    wrong_target = good.replace('<p id="kosovo-1244">', '<p id="note">')
    [finding] = check_required(page_from(wrong_target), rules)
    assert finding.check == "legal-mention-link" and "no element has id" in finding.message


def test_a_map_requires_the_map_disclaimer(rules):
    for figure in ('<figure class="map"></figure>', '<div data-map="region"></div>', '<figure class="footer-map"></figure>'):
        [finding] = check_required(page_from(f"<html><body>{figure}{FOOTER}</body></html>"), rules)
        assert finding.check == "legal-missing" and "un-map" in finding.message
    assert list(check_required(page_from(f"<html><body><figure></figure>{FOOTER}</body></html>"), rules)) == []


def test_every_page_needs_the_funding_and_cookie_disclaimers(rules):
    findings = list(check_required(page_from("<html><body><p>Hello</p></body></html>"), rules))
    assert sorted(f.extra["disclaimer"] for f in findings) == ["cookie-notice", "eu-funding"]


@pytest.mark.parametrize("body, line, message", [
    ("disclaimers:\n  a:\n    required: sometimes\n", 3, "required must be one of"),
    ("disclaimers:\n  a:\n    required: pages-mentioning\n    patterns: ['(']\n", 4, "bad pattern"),
    ("disclaimers:\n  a:\n    required: pages-with\n    selector: 'p[['\n", 4, "bad CSS selector"),
    ("disclaimers:\n  a:\n    required: every-page\n    colour: red\n", 4, "unknown key"),
    ("disclaimers: [\n", 2, "invalid YAML"),
])
def test_bad_rules_name_file_and_line(tmp_path, body, line, message):
    path = tmp_path / "legal-rules.yaml"
    path.write_text(body)
    with pytest.raises(InputError, match=rf"legal-rules\.yaml:{line}: .*{message}"):
        read_rules(path)


# -- through toolkit check ----------------------------------------------------------


def report_of(capsys) -> list[dict]:
    return json.loads(capsys.readouterr().out)["findings"]


def test_toolkit_check_reports_a_lapsed_approval(project, capsys):
    config = config_of(project)
    approve(config, "sq", list(ENGLISH), by="R")
    news = project / "templates" / "pages" / "news.html"
    news.write_text(news.read_text(encoding="utf-8").replace("shall be", "should be"), encoding="utf-8")
    build_site(config)
    assert toolkit_main(["-C", str(project), "check", "--checks", "legal", "--format", "json"]) == 1
    findings = report_of(capsys)
    assert {(f["check"], f["locale"], f["path"]) for f in findings if f["check"] == "legal-stale"} == {
        ("legal-stale", "sq", "locales/sq/LC_MESSAGES/legal.po"),
    }
    assert ("legal-fallback", "sq", "build/site/sq/news.html") in {
        (f["check"], f["locale"], f["path"]) for f in findings if f.get("disclaimer") == "kosovo-1244"
    }


def test_toolkit_check_on_a_site_folder_names_the_page_without_its_footnote(project, capsys):
    config = config_of(project)
    approve(config, "sq", list(ENGLISH), by="R")
    build_site(config)
    site = project / "build" / "site"
    assert toolkit_main(["-C", str(project), "check", "--checks", "legal", str(site)]) == 0
    page = site / "sq" / "news.html"
    page.write_text(re.sub(r'<p id="kosovo-1244".*?</p>', "", page.read_text(encoding="utf-8"), flags=re.S),
                    encoding="utf-8")
    capsys.readouterr()
    assert toolkit_main(["-C", str(project), "check", str(site), "--format", "json"]) == 1
    missing = [f for f in report_of(capsys) if f["check"] == "legal-missing"]
    assert [(f["path"], f["locale"], f["severity"]) for f in missing] == [("build/site/sq/news.html", "sq", "error")]


# -- the example site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    config = load_config(ROOT)
    out = tmp_path_factory.mktemp("example") / "site"
    build_site(config, out)
    return config, out


def test_the_example_site_is_clean_at_error_level(example_site):
    config, out = example_site
    errors = [f for f in check_legal_pages(out, config) + check_legal_catalogs(config) if f.severity == "error"]
    assert errors == []
    article = out / "en" / "news" / "2020-12-01-border-police.html"
    links = lxml.html.parse(str(article)).xpath('//a[@href="#kosovo-1244"]')
    assert links and links[0].text_content() == "*"
    assert disclaimer(article, "kosovo-1244").getparent().get("id") == "kosovo-1244"
    for page in out.glob("*/index.html"):
        for disclaimer_id in ("eu-funding", "cookie-notice", "un-map"):
            disclaimer(page, disclaimer_id)


def test_the_example_article_without_its_footnote_is_legal_missing(example_site, tmp_path):
    config, out = example_site
    site = tmp_path / "site"
    shutil.copytree(out / "sq", site / "sq")
    page = site / "sq" / "news" / "2020-12-01-border-police.html"
    page.write_text(re.sub(r'<p id="kosovo-1244".*?</p>', "", page.read_text(encoding="utf-8"), flags=re.S),
                    encoding="utf-8")
    missing = by_check(check_legal_pages(site, config), "legal-missing")
    assert [(Path(f.path).name, f.locale) for f in missing] == [("2020-12-01-border-police.html", "sq")]
