"""How the page checks read a page, held against plain reference readings on
real pages: the one-pass body walk (text runs, their language and block, hidden
elements), link resolution without the query and fragment, and a date searched
only around its year."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest
from babel.dates import format_date
from lxml import etree

from toolkit.checks.pages import dates, document
from toolkit.checks.pages import PageDoc, open_site, shows_date
from toolkit.config import Config
from toolkit.locales import get_locale

from tests.helpers import ROOT

SITES = ROOT / "tests" / "data" / "sites"
SEEDED = ROOT / "tests" / "data" / "pages"
_SKIPPED = object()


def real_pages() -> list[PageDoc]:
    """Every page of the three real sites and of the seeded set, as the checks open them."""
    found = []
    for root in [*sorted(p for p in SITES.iterdir() if p.is_dir()), SEEDED]:
        site = open_site(root, Config(root=root))
        for locale in site.checked:
            for rel in site.pages_of(locale):
                url = f"{site.folders[locale.code]}/{rel}"
                site.enter_group([url])
                found.append(site.page(url))
    return found


@pytest.fixture(scope="module")
def docs() -> list[PageDoc]:
    return real_pages()


def reference_hidden(page: PageDoc) -> set:
    """The body's hidden elements, element by element."""
    by_tag, by_class, by_id = document._rule_index(page.hiding_rules)
    hidden = set()
    for element in page.body.iter():
        if not isinstance(element.tag, str):
            continue
        classes = (element.get("class") or "").split()
        if (None in by_tag or element.tag in by_tag or element.get("hidden") is not None
                or document.HIDDEN_STYLE.search(element.get("style") or "")
                or any(None in tags or element.tag in tags for tags in [by_id.get(element.get("id"))] if tags)
                or any(None in tags or element.tag in tags for tags in map(by_class.get, classes) if tags)):
            hidden.add(element)
    return hidden


def reference_state(page: PageDoc, owner: etree._Element, hidden: set):
    """The language ``owner`` declares for its text, from the body down, or _SKIPPED."""
    chain = [owner, *owner.iterancestors()]
    chain = list(reversed(chain[: chain.index(page.body) + 1]))
    lang = None
    for element in chain:
        classes = (element.get("class") or "").split()
        declared = element.get("lang") or element.get("xml:lang")
        if declared is not None and declared.strip().lower() != page.locale.tag.lower():
            lang = declared.strip() or lang
        if element.get("translate", "").lower() == "no" or "notranslate" in classes:
            lang = lang or "zxx"
        if element.tag in document.NON_PROSE or element in hidden or document.CODE_CLASSES.intersection(classes):
            return _SKIPPED
    return lang


def reference_runs(page: PageDoc) -> list[tuple]:
    """(text, owner, lang, block) of every run of prose, from XPath's text nodes."""
    hidden = reference_hidden(page)
    runs = []
    for run in page.body.xpath(".//text()"):
        if not run.strip():
            continue
        owner = run.getparent().getparent() if run.is_tail else run.getparent()
        lang = reference_state(page, owner, hidden)
        if lang is not _SKIPPED:
            runs.append((str(run), owner, lang, document._block_of(owner)))
    return runs


def test_the_corpus_is_read(docs):
    assert len(docs) > 190
    assert sum(len(d.text_nodes) for d in docs) > 10_000


def test_body_walk_reads_the_runs_an_xpath_reading_reads(docs):
    for page in docs:
        walked = [(n.text, n.element, n.own_lang, n.block) for n in page.text_nodes]
        expected = reference_runs(page)
        assert len(walked) == len(expected), page.display
        for got, want in zip(walked, expected):
            assert got[0] == want[0] and got[1] is want[1] and got[2] == want[2] and got[3] is want[3], \
                (page.display, got[0][:60], want[0][:60])
        assert all(n.normal == " ".join(n.text.split()) for n in page.text_nodes)


def test_body_walk_finds_the_hidden_elements(docs):
    assert any(page.hidden for page in docs)
    for page in docs:
        assert page.hidden == reference_hidden(page), page.display


def walked(html: str, locale: str = "hr") -> PageDoc:
    root = lxml.html.document_fromstring(html, parser=document._PARSER)
    return PageDoc(get_locale(locale), locale, "x.html", Path("x.html"), "x.html", root)


def test_a_tail_after_a_comment_and_after_nested_elements_keeps_its_place():
    page = walked('<html><body><div lang="en">A<!-- c -->B<p>C<b>D</b>E</p>F</div>G'
                  '<pre>code</pre>H<span hidden>I</span>J</body></html>')
    assert [(n.text, n.own_lang, n.block.tag) for n in page.text_nodes] == [
        ("A", "en", "div"), ("B", "en", "div"), ("C", "en", "p"), ("D", "en", "p"), ("E", "en", "p"),
        ("F", "en", "div"), ("G", None, "body"), ("H", None, "body"), ("J", None, "body")]


SITE_URL = "https://www.example.org/base"


@pytest.mark.parametrize("href", [
    "page.html", "page.html?x=1#top", "../hr/page.html", "sub/", "?only=query", "#top", "", "  page.html  ",
    "mailto:?subject=Hello&body=https%3A//www.example.org/base/hr/x.html", "tel:+381", "javascript:void(0)",
    "https://www.linkedin.com/sharing/share-offsite/?url=https%3A//www.example.org/hr/x.html",
    "https://hr.wikipedia.org/wiki/Zagreb#Povijest", f"{SITE_URL}/hr/page.html", f"{SITE_URL}/hr/page.html?a=b",
    f"{SITE_URL}/", SITE_URL, f"{SITE_URL}/hr/a%20b.html", "HTTPS://WWW.EXAMPLE.ORG/base/hr/page.html",
    "//www.example.org/base/hr/page.html", "/hr/page.html", "a%20b.html", "../../../outside.html",
])
def test_a_link_leads_where_its_whole_href_leads(tmp_path, href):
    for code in ("en", "hr"):
        (tmp_path / code / "sub").mkdir(parents=True)
        (tmp_path / code / "page.html").write_text("<html><body></body></html>", encoding="utf-8")
    site = open_site(tmp_path, Config(root=tmp_path, site_url=SITE_URL))
    site._resolved.clear()
    assert site.resolve_from("hr", href) == site._resolve("hr", href)


def test_a_share_link_resolves_once_for_every_page(tmp_path):
    for code in ("en", "hr"):
        (tmp_path / code).mkdir()
    site = open_site(tmp_path, Config(root=tmp_path))
    for n in range(50):
        site.resolve_from("hr", f"https://www.facebook.com/sharer/sharer.php?u=https%3A//x.org/hr/{n}.html")
    assert len(site._resolved) == 1


@pytest.mark.parametrize("locale", ["hr", "sr", "sr_Latn", "mk", "sq", "bs"])
def test_a_date_is_found_near_its_year_exactly_where_the_whole_text_has_it(locale):
    day = dt.date(2020, 12, 1)
    pattern, needle = dates.date_pattern(day, get_locale(locale))
    assert needle == "20"
    filler = "Izvještaj 2019. i 20 stranica, broj 11 " * 40
    month = dates.names_of(get_locale(locale).cldr)
    december = sorted(name for name, number in month.items() if number == 12)
    written = [f"1. {december[0]} 2020", f"11. {december[0]} 2020", "1.12.2020.", "11.12.2020.", "2020-12-01",
               document.normalize(format_date(day, "long", locale=get_locale(locale).cldr))]
    for date in written:
        for at in (0, 17, len(filler) // 2, len(filler)):
            text = filler[:at] + date + filler[at:]
            assert shows_date(text, day, get_locale(locale)) == bool(pattern.search(text)), (date, at)
    assert shows_date(filler + "1.12.2020." + filler, day, get_locale(locale))


def test_a_day_is_read_whole_inside_a_long_text():
    text = "x" * 200 + "11.12.2020." + "y" * 200
    assert not shows_date(text, dt.date(2020, 12, 1), get_locale("hr"))
    assert shows_date(text, dt.date(2020, 12, 11), get_locale("hr"))


def test_dates_in_other_digits_are_searched_in_the_whole_text():
    day = dt.date(2020, 12, 1)
    pattern, needle = dates.date_pattern(day, get_locale("fa"))
    written = format_date(day, "long", locale="fa")
    assert needle is None or needle in written
    assert shows_date("… " + document.normalize(written) + " …", day, get_locale("fa"))
    assert re.search(r"\d", written)
