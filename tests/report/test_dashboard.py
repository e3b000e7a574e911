"""The HTML report and translation progress: content, links, accessibility in a real Chromium."""

import base64
import json
import os
import struct
import zlib
from urllib.parse import unquote

import polib
import pytest
from lxml import html as lxml_html

from tests.helpers import ROOT, copy_example_project

from toolkit.build.approvals import legal_states
from toolkit.cli import main
from toolkit.config import config_from_file
from toolkit.errors import InputError
from toolkit.report.overview import count_english, load_a11y_json
from toolkit.po.stats import catalog_counts, locale_totals, translation_progress

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEEDED_PO = "locales/sr/LC_MESSAGES/messages.po"
SEEDED_FROM = "позовите %(phone)s."
SEEDED_TO = "позовите."
A11Y_PAGE = "build/site/sr/index.html"
A11Y_TARGET = "main img"


def tiny_png(width=4, height=3, rgb=(200, 30, 30)) -> bytes:
    """A valid PNG without an imaging library: what an element screenshot would be."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The example site built from a copy, then one catalogue defect seeded and one a11y result saved."""
    root = copy_example_project(tmp_path_factory.mktemp("report-project"), node_modules=True)
    assert main(["-C", str(root), "compile"]) == 0
    assert main(["-C", str(root), "build"]) == 0
    po = root / SEEDED_PO
    text = po.read_text(encoding="utf-8")
    assert SEEDED_FROM in text
    po.write_text(text.replace(SEEDED_FROM, SEEDED_TO), encoding="utf-8")
    a11y = {
        "tool": "toolkit", "axe_version": "4.14.1", "tags": AXE_TAGS,
        "findings": [{
            "check": "axe/image-alt", "severity": "error", "message": "Images must have alternative text",
            "path": A11Y_PAGE, "line": None, "locale": "sr", "msgid": None, "target": A11Y_TARGET,
            "viewport": "1280x800", "impact": "critical", "outcome": "violation",
            "help_url": "https://dequeuniversity.com/rules/axe/4.14/image-alt",
        }],
        "screenshots": [{"page": A11Y_PAGE, "viewport": "1280x800", "target": A11Y_TARGET,
                         "png": base64.b64encode(tiny_png()).decode()}],
        "summary": {"pages": 1},
    }
    (root / "build" / "a11y.json").write_text(json.dumps(a11y), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def report(project):
    assert main(["-C", str(project), "report"]) == 0
    page = project / "build" / "report" / "index.html"
    return page, lxml_html.parse(str(page)).getroot()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def table_by_caption(tree, caption: str):
    for table in tree.iter("table"):
        found = table.find("caption")
        if found is not None and caption in text_of(found):
            return table
    raise AssertionError(f"no table captioned {caption!r}")


# -- progress ---------------------------------------------------------------------


def test_catalog_counts_leave_out_header_and_obsolete():
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="a", msgstr="A"))
    catalog.append(polib.POEntry(msgid="b", msgstr="B"))
    catalog.append(polib.POEntry(msgid="c", msgstr="C", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="d", msgstr=""))
    catalog.append(polib.POEntry(msgid="%d e", msgid_plural="%d es", msgstr_plural={0: "x", 1: ""}))
    catalog.append(polib.POEntry(msgid="old", msgstr="OLD", obsolete=True))
    assert catalog_counts(catalog) == (2, 1, 2)


def test_progress_of_the_example_site_and_a_missing_catalogue(tmp_path):
    root = copy_example_project(tmp_path)
    config = config_from_file(root / "pyproject.toml")
    (root / "locales" / "hr" / "LC_MESSAGES" / "legal.po").unlink()
    rows = translation_progress(config)
    assert [(r.locale, r.domain) for r in rows][:3] == [("sq", "messages"), ("sq", "content"), ("sq", "legal")]
    assert {r.locale for r in rows} == {l.code for l in config.targets}
    for row in rows:
        if row.exists:
            entries = [e for e in polib.pofile(str(root / row.path)) if not e.obsolete]
            assert row.total == len(entries)
            assert row.translated == sum(1 for e in entries if e.translated())
    missing = next(r for r in rows if (r.locale, r.domain) == ("hr", "legal"))
    pot = [e for e in polib.pofile(str(root / "locales" / "legal.pot")) if not e.obsolete]
    assert not missing.exists and missing.translated == 0 and missing.untranslated == len(pot) > 0
    totals = {t.locale: t for t in locale_totals(rows)}
    assert totals["sr"].total == sum(r.total for r in rows if r.locale == "sr")


def test_stats_verb_prints_a_table_and_json(tmp_path, capsys):
    root = copy_example_project(tmp_path)
    assert main(["-C", str(root), "stats"]) == 0
    out = capsys.readouterr().out
    for code in ("sq", "bs", "hr", "mk", "sr", "sr_Latn", "cnr"):
        assert f" {code} " in out
    assert main(["-C", str(root), "stats", "-l", "sr", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {row["locale"] for row in document["progress"]} == {"sr"}
    assert {row["domain"] for row in document["progress"]} == {"messages", "content", "legal"}
    assert main(["-C", str(root), "stats", "-l", "xx"]) == 2


# -- report content ---------------------------------------------------------------


def test_report_shows_every_locale_in_the_page_matrix(report, project):
    _, tree = report
    table = table_by_caption(tree, "Status of every page in every locale")
    header = [text_of(th) for th in table.find("thead").iter("th")]
    assert header == ["Page", "en", "sq", "bs", "hr", "mk", "sr", "sr_Latn", "cnr"]
    pages = {text_of(row.find("th")) for row in table.find("tbody").iter("tr")}
    built = {p.relative_to(project / "build/site/en").as_posix() for p in (project / "build/site/en").rglob("*.html")}
    assert pages == built and "index.html" in pages


def test_page_matrix_links_to_the_built_pages_and_marks_english(report, project):
    page, tree = report
    table = table_by_caption(tree, "Status of every page in every locale")
    rows = {text_of(row.find("th")): row for row in table.find("tbody").iter("tr")}
    article = next(name for name in rows if name.startswith("news/"))
    cells = rows[article].findall("td")
    bs = cells[2]  # en, sq, bs, ...
    link = bs.find(".//a")
    assert unquote(link.get("href")) == f"../site/bs/{article}"
    assert (page.parent / unquote(link.get("href"))).is_file()
    # Bosnian article bodies are untranslated: the page shows English.
    assert count_english(project / "build/site/bs" / article) > 0
    assert "in English" in text_of(bs) or link.text in ("warnings", "errors")
    en_index = rows["index.html"].findall("td")[0]
    assert "in English" not in text_of(en_index)
    # The Serbian home page is fully translated: the switcher's "English" link is no fallback.
    sr_index = rows["index.html"].findall("td")[6]
    assert count_english(project / "build/site/sr/index.html") == 0
    assert "in English" not in text_of(sr_index)


def test_report_has_the_legal_matrix(report, project):
    _, tree = report
    table = table_by_caption(tree, "Disclaimer approval per locale")
    config = config_from_file(project / "pyproject.toml")
    states = legal_states(config)
    header = [text_of(th) for th in table.find("thead").iter("th")]
    assert header == ["Disclaimer"] + [l.code for l in config.targets]
    shown = {}
    for row in table.find("tbody").iter("tr"):
        disclaimer = text_of(row.find("th"))
        for code, cell in zip(header[1:], row.findall("td")):
            shown[(disclaimer, code)] = text_of(cell)
    assert shown == {(s.id, s.locale): s.status for s in states}
    assert {"approved", "draft"} & set(shown.values())


def test_seeded_catalogue_defect_is_listed_with_its_po_line(report, project):
    page, tree = report
    items = [li for li in tree.iter("li") if "%(phone)s" in text_of(li) and SEEDED_PO in text_of(li)]
    assert items, "the lost placeholder is not in the report"
    link = items[0].find(".//a")
    location = link.text
    path, line = location.rsplit(":", 1)
    assert path == SEEDED_PO
    lines = (project / SEEDED_PO).read_text(encoding="utf-8").splitlines()
    # The reported line belongs to the damaged entry (its msgid or msgstr block).
    window = "\n".join(lines[int(line) - 1:int(line) + 6])
    assert "%(phone)s" in window and "error" in text_of(items[0])
    assert unquote(link.get("href")) == f"../../{SEEDED_PO}"
    assert (page.parent / unquote(link.get("href"))).resolve() == (project / SEEDED_PO).resolve()
    details = items[0].iterancestors("details")
    assert next(details).get("open") is not None  # a group with errors starts open


def test_progress_chart_has_a_data_table(report):
    _, tree = report
    figure = tree.find(".//figure")
    assert figure.find(".//div[@aria-hidden='true']") is not None
    table = table_by_caption(tree, "Entries per locale and domain")
    groups = [th for th in table.iter("th") if th.get("scope") == "rowgroup"]
    assert [text_of(th) for th in groups] == ["sq", "bs", "hr", "mk", "sr", "sr_Latn", "cnr"]


def test_accessibility_findings_come_with_their_screenshot(report):
    page, tree = report
    images = [img for img in tree.iter("img") if "main img" in (img.get("alt") or "")]
    assert len(images) == 1
    shot = page.parent / images[0].get("src")
    assert shot.parent.name == "screenshots" and shot.read_bytes() == tiny_png()
    section = tree.get_element_by_id("a11y").getparent()
    assert "axe/image-alt" in text_of(section) and A11Y_PAGE in text_of(section)


def test_without_a11y_results_the_report_says_how_to_get_them(project, tmp_path, capsys):
    out = tmp_path / "report"
    hidden = project / "build" / "a11y.json"
    kept = hidden.read_bytes()
    hidden.unlink()
    try:
        assert main(["-C", str(project), "report", "-o", str(out)]) == 0
    finally:
        hidden.write_bytes(kept)
    text = text_of(lxml_html.parse(str(out / "index.html")).getroot())
    assert "Accessibility not run." in text and "toolkit report --a11y" in text
    assert "accessibility not run" in capsys.readouterr().err
    assert not (out / "screenshots").exists() or not list((out / "screenshots").iterdir())


def test_a_broken_a11y_json_names_file_and_line(project, tmp_path):
    config = config_from_file(project / "pyproject.toml")
    broken = tmp_path / "a11y.json"
    broken.write_text('{"findings": [\n  {"check": "axe/x",,}\n]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"a11y\.json:2: invalid JSON"):
        load_a11y_json(broken, config)
    broken.write_text('{"findings": [{"check": "axe/x"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="findings\\[0\\]"):
        load_a11y_json(broken, config)
    assert main(["-C", str(project), "report", "--a11y-json", str(tmp_path / "none.json"),
                 "-o", str(tmp_path / "r")]) == 2


def test_tables_have_captions_and_scoped_headers(report):
    _, tree = report
    tables = list(tree.iter("table"))
    assert len(tables) == 3
    for table in tables:
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row", "rowgroup") for th in table.iter("th"))
        region = table.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-labelledby") == table.find("caption").get("id")
    assert not [el for el in tree.iter() if el.tag in ("link", "script")]  # nothing external, nothing to run
    assert all(not (img.get("src") or "").startswith(("http:", "https:", "/")) for img in tree.iter("img"))


# -- in the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")
    from toolkit.checks.a11y.browser import Viewport, start_browser

    session = start_browser(viewport=Viewport(375, 812))
    yield session
    session.quit()


def axe_violations(browser) -> list[str]:
    from toolkit.checks.a11y.runner import PinnedAxe, axe_options

    axe = PinnedAxe(browser.driver, ROOT / "node_modules" / "axe-core" / "axe.min.js")
    axe.inject()
    results = axe.run(options=axe_options(AXE_TAGS))
    return [f"{rule['id']}: {node['target']}" for rule in results["violations"] for node in rule["nodes"]]


def test_report_in_chromium_axe_clean_narrow_and_keyboard_usable(report, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from toolkit.checks.a11y.browser import Viewport

    page, _ = report
    driver = browser.driver
    browser.set_viewport(Viewport(375, 812))
    driver.get(page.as_uri())
    width = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    scroll, client = driver.execute_script(width)
    assert client == 375 and scroll <= client
    assert axe_violations(browser) == []

    # Every group open: still no overflow and still clean.
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    scroll, client = driver.execute_script(width)
    assert scroll <= client
    assert axe_violations(browser) == []
    shot = tmp_path / "report-375.png"
    assert driver.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000

    # Keyboard: the first Tab reaches the skip link, which moves focus to the report.
    driver.get(page.as_uri())
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.text == "Skip to the report" and active.is_displayed()
    active.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main"
    # A group opens from the keyboard.
    summary = driver.find_elements(By.CSS_SELECTOR, "#findings ~ details:not([open]) > summary")
    if summary:
        driver.execute_script("arguments[0].focus()", summary[0])
        summary[0].send_keys(Keys.ENTER)
        assert summary[0].find_element(By.XPATH, "..").get_attribute("open") is not None

    browser.set_viewport(Viewport(1280, 800))
    driver.get(page.as_uri())
    assert axe_violations(browser) == []


def test_report_runs_axe_itself_with_screenshots(mini_project, browser):
    """--a11y checks the built pages now; a seeded image without alt shows up with its picture."""
    root = mini_project
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    with (root / "pyproject.toml").open("a") as settings:
        settings.write("\n[tool.toolkit.a11y]\nworkers = 1\n")  # six pages: one browser is quicker
    index = root / "templates" / "pages" / "index.html"
    index.write_text(index.read_text().replace("<h1>", '<img src="../static/none.png" width="40" height="20"><h1>'))
    for verb in ("extract", "update", "compile", "build"):
        assert main(["-C", str(root), verb]) == 0, verb
    assert main(["-C", str(root), "report", "--a11y"]) == 0
    page = root / "build" / "report" / "index.html"
    tree = lxml_html.parse(str(page)).getroot()
    section = text_of(tree.get_element_by_id("a11y").getparent())
    assert "axe/image-alt" in section
    images = [img for img in tree.iter("img") if img.get("src", "").startswith("screenshots/")]
    assert images
    for img in images:
        assert (page.parent / img.get("src")).read_bytes().startswith(b"\x89PNG")
