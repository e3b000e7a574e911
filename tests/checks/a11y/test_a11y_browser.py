"""axe-core in a real headless Chromium: seeded pages, frames, viewports, cache, remote WebDriver.

Browsers are shared: one pool for the module, and the seeded run is done once.
"""

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from toolkit.checks.a11y.audit import collect_pages, run_a11y
from toolkit.checks.a11y.browser import Viewport, find_browser
from toolkit.checks.a11y.pool import A11yPool
from toolkit.checks.a11y.runner import AxeRunError, find_axe_script
from toolkit.serve import PageServer
from toolkit.cli import main
from toolkit.config import config_from_file
from toolkit.errors import InputError
from toolkit.report.a11y_html import render_a11y_html

from tests.helpers import ROOT
DATA = ROOT / "tests" / "data" / "a11y"
EXPECTED = json.loads((DATA / "expected.json").read_text())
DESKTOP, NARROW = Viewport(1280, 800), Viewport(375, 812)


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y-project")
    (root / "pyproject.toml").write_text('[tool.toolkit]\nsource-locale = "en"\nlocales = ["sr"]\n')
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(DATA, root / "pages")
    return config_from_file(root / "pyproject.toml")


@pytest.fixture(scope="module")
def pool(config):
    with A11yPool(find_axe_script(config.root), workers=2) as shared:
        yield shared


@pytest.fixture(scope="module")
def seeded(config, pool):
    pages = collect_pages(config, [f"pages/{name}" for name in [*EXPECTED, "narrow-only.html"]])
    return run_a11y(config, pages, viewports=[DESKTOP, NARROW], pool=pool, use_cache=False)


def violations(findings, page, viewport="1280x800"):
    return sorted({
        f.check.removeprefix("axe/") for f in findings
        if f.path == page and f.extra.get("viewport") == viewport and f.extra.get("outcome") == "violation"
    })


def test_seeded_pages_give_exactly_their_rules(seeded):
    assert seeded.axe_version == json.loads((ROOT / "package.json").read_text())["dependencies"]["axe-core"]
    for name, rules in EXPECTED.items():
        for viewport in ("1280x800", "375x812"):
            assert violations(seeded.findings, f"pages/{name}", viewport) == rules, (name, viewport)
    assert not [f for f in seeded.findings if f.check == "a11y-page-error"]


def test_narrow_viewport_finds_what_desktop_misses(seeded):
    assert violations(seeded.findings, "pages/narrow-only.html", "1280x800") == []
    assert violations(seeded.findings, "pages/narrow-only.html", "375x812") == ["color-contrast"]


def test_findings_carry_impact_target_help_and_version(seeded):
    [finding] = [f for f in seeded.findings
                 if f.path == "pages/label.html" and f.extra["viewport"] == "1280x800"
                 and f.extra["outcome"] == "violation"]
    assert finding.check == "axe/label" and finding.target == "input"
    assert finding.extra["impact"] == "critical" and finding.severity == "error"
    assert finding.extra["help_url"].startswith("https://") and "label" in finding.extra["help_url"]
    assert finding.extra["axe_version"] == seeded.axe_version
    contrast = [f for f in seeded.findings if f.check == "axe/color-contrast" and f.path == "pages/color-contrast.html"]
    assert {f.extra["impact"] for f in contrast} == {"serious"}


def test_violation_inside_an_iframe_is_found(seeded):
    targets = {f.target for f in seeded.findings
               if f.path == "pages/iframe.html" and f.check == "axe/image-alt"}
    assert targets == {"iframe >>> img"}
    # "needs review" results are reported apart, at info, and never as violations
    incomplete = [f for f in seeded.findings if f.extra.get("outcome") == "incomplete"]
    assert incomplete and all(f.severity == "info" for f in incomplete)


def test_rejected_axe_promise_fails_at_once(config, pool):
    pages = collect_pages(config, ["pages/clean.html"])
    started = time.perf_counter()
    with pytest.raises(AxeRunError, match="unknown rule `no-such-rule`"):
        run_a11y(config, pages, pool=pool, use_cache=False,
                 extra_options={"runOnly": {"type": "rule", "values": ["no-such-rule"]}})
    assert time.perf_counter() - started < 5


def test_unknown_tag_is_an_input_error(config, pool, seeded, capsys):
    pages = collect_pages(config, ["pages/clean.html"])
    with pytest.raises(InputError, match="wcag99"):
        run_a11y(config, pages, tags=["wcag2a", "wcag99"], pool=pool)
    assert main(["-C", str(config.root), "a11y", "pages/clean.html", "--tags", "wcag2a,nonsense-tag"]) == 2
    assert "nonsense-tag" in capsys.readouterr().err


def test_cache_makes_the_second_run_fast_and_follows_css(config, pool):
    site = config.root / "cached-site"
    shutil.copytree(DATA, site)
    pages = collect_pages(config, [f"cached-site/{name}" for name in EXPECTED])
    first = run_a11y(config, pages, pool=pool, use_cache=False)
    second = run_a11y(config, pages, pool=pool)
    assert first.checked == len(pages) and second.checked == 0 and second.cache_hits == len(pages)
    assert [f.to_dict() for f in second.findings] == [f.to_dict() for f in first.findings]
    assert second.seconds * 5 < first.seconds, (first.seconds, second.seconds)
    # A stylesheet change is a change to every page that uses it.
    (site / "site.css").write_text("body { color: #9a9a9a; background: #ffffff; }\n")
    third = run_a11y(config, pages, pool=pool)
    users = [p for p in pages if "site.css" in p.file.read_text()]
    assert third.checked == len(users) and third.cache_hits == len(pages) - len(users)
    assert "color-contrast" in violations(third.findings, "cached-site/clean.html")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def chromedriver_url():
    port = _free_port()
    process = subprocess.Popen([find_browser().chromedriver, f"--port={port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{url}/status", timeout=1) as response:
                    if json.load(response)["value"]["ready"]:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("chromedriver did not come up")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_remote_webdriver_gives_the_same_findings(config, seeded, chromedriver_url):
    names = ["pages/image-alt.html", "pages/iframe.html", "pages/narrow-only.html"]
    pages = collect_pages(config, names)
    remote = run_a11y(config, pages, viewports=[DESKTOP, NARROW], workers=1,
                      webdriver_url=chromedriver_url, use_cache=False)
    local = [f.to_dict() for f in seeded.findings if f.path in names]
    assert remote.checked == 6
    assert sorted(map(json.dumps, (f.to_dict() for f in remote.findings))) == sorted(map(json.dumps, local))


class _Silent(threading.Thread):
    """Accepts connections and never answers: a page that hangs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.held = []

    def run(self):
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return


def test_a_page_that_fails_is_a_finding_and_the_run_goes_on(config):
    hang = _Silent()
    hang.start()
    with PageServer(config.root / "pages") as server:
        urls = [f"http://127.0.0.1:{hang.socket.getsockname()[1]}/slow.html",
                server.url + "missing.html",
                f"http://127.0.0.1:{_free_port()}/refused.html",
                server.url + "image-alt.html"]
        with A11yPool(find_axe_script(config.root), workers=1, page_timeout=2) as small:
            result = run_a11y(config, collect_pages(config, urls), pool=small)
            restarted = small.browsers_started
    hang.socket.close()
    errors = {f.path: f.message for f in result.findings if f.check == "a11y-page-error"}
    assert set(errors) == set(urls[:3])
    assert "timed out" in errors[urls[0]] and "HTTP 404" in errors[urls[1]]
    assert violations(result.findings, urls[3]) == ["image-alt"]
    assert restarted == 2  # the timed-out browser was replaced


def test_screenshots_of_failing_elements_in_the_html_report(config, pool):
    pages = collect_pages(config, ["pages/image-alt.html", "pages/iframe.html"])
    result = run_a11y(config, pages, pool=pool, screenshots=True, use_cache=False)
    shots = result.screenshots
    assert set(shots) >= {("pages/image-alt.html", "1280x800", "img"),
                          ("pages/iframe.html", "1280x800", "iframe >>> img")}
    assert all(png.startswith("iVBORw0KGgo") for png in shots.values())  # PNG signature
    html = render_a11y_html(result.findings, shots, axe_version=result.axe_version)
    assert html.count("data:image/png;base64,") >= 2


def test_cli_report_baseline_and_exit_codes(config, seeded, capsys):
    root = str(config.root)
    out = config.root / "report.json"
    assert main(["-C", root, "a11y", "pages/image-alt.html", "pages/clean.html",
                 "--format", "json", "-o", str(out)]) == 1
    report = json.loads(out.read_text())
    assert report["tool"] == "toolkit" and report["axe_version"] == seeded.axe_version
    assert report["axe_source"].startswith(("node_modules: ", "axe-script key: "))  # every report says where
    chosen = config.root / "chosen.json"
    assert main(["-C", root, "a11y", "pages/clean.html", "--axe-script", str(ROOT / "node_modules" / "axe-core" /
                 "axe.min.js"), "--format", "json", "-o", str(chosen)]) == 0
    assert json.loads(chosen.read_text())["axe_source"].startswith("--axe-script: ")
    assert [f["check"] for f in report["findings"]] == ["axe/image-alt"]
    assert report["summary"]["cached"] == 2 and report["summary"]["error"] == 1
    assert "━" not in capsys.readouterr().err  # no progress bar when not on a terminal

    sarif = config.root / "report.sarif"
    assert main(["-C", root, "a11y", "pages/image-alt.html", "--format", "sarif", "-o", str(sarif)]) == 1
    [sarif_run] = json.loads(sarif.read_text())["runs"]
    assert [r["ruleId"] for r in sarif_run["results"]] == ["axe/image-alt"]
    junit = config.root / "report.xml"
    assert main(["-C", root, "a11y", "pages/image-alt.html", "--format", "junit", "-o", str(junit)]) == 1
    assert 'classname="axe/image-alt"' in junit.read_text()
    capsys.readouterr()
    assert main(["-C", root, "a11y", "pages/iframe.html", "--viewport", "1280x800"]) == 1
    assert "(critical, 1280x800)" in capsys.readouterr().out

    # serious contrast passes when only critical fails the run
    assert main(["-C", root, "a11y", "pages/color-contrast.html", "--fail-on-impact", "critical"]) == 0
    assert main(["-C", root, "a11y", "pages/color-contrast.html", "--fail-on-impact", "serious"]) == 1

    baseline = config.root / "i18n" / "a11y-baseline.json"
    baseline.parent.mkdir(exist_ok=True)
    baseline.write_text(json.dumps({"entries": [
        {"rule": "image-alt", "page": "pages/image-alt.html", "target": "img", "locale": None,
         "justification": "chart image; alt text comes with the redesign"},
        {"rule": "label", "page": "pages/clean.html", "target": "input", "locale": None,
         "justification": "the search form was moved"},
    ]}, indent=2))
    capsys.readouterr()
    assert main(["-C", root, "a11y", "pages/image-alt.html", "pages/clean.html"]) == 0
    text = capsys.readouterr().out
    assert "1 baselined" in text and "fixed: label on pages/clean.html" in text

    assert main(["-C", root, "a11y", "pages/image-alt.html", "pages/clean.html", "pages/label.html",
                 "--update-baseline"]) == 2  # a new finding needs a justification
    assert main(["-C", root, "a11y", "pages/image-alt.html", "pages/clean.html", "pages/label.html",
                 "--update-baseline", "--justification", "vendor widget, ticket 42"]) == 0
    out_text = capsys.readouterr().out
    assert "1 entry added, 1 removed" in out_text
    entries = {(e["rule"], e["page"]): e["justification"] for e in json.loads(baseline.read_text())["entries"]}
    assert entries == {
        ("image-alt", "pages/image-alt.html"): "chart image; alt text comes with the redesign",
        ("label", "pages/label.html"): "vendor widget, ticket 42",
    }


def test_example_site_is_axe_clean_in_every_locale(tmp_path, pool):
    """The example site, compiled and built from a copy of the project, has no violations."""
    for name in ("pyproject.toml", "site", "locales", "i18n"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    assert main(["-C", str(tmp_path), "compile"]) == 0
    assert main(["-C", str(tmp_path), "build"]) == 0
    config = config_from_file(tmp_path / "pyproject.toml")
    pages = collect_pages(config)
    locales = {page.locale for page in pages}
    assert {locale.code for locale in config.all_locales} <= locales
    desktop = run_a11y(config, pages, pool=pool, use_cache=False)
    # Layout is per template, text length per language: narrow for one Latin, one Cyrillic locale.
    narrow = run_a11y(config, [p for p in pages if p.locale in ("en", "sr")], viewports=[NARROW],
                      pool=pool, use_cache=False)
    assert desktop.checked == len(pages) and narrow.checked >= 2
    problems = [f"{f.path} @{f.extra['viewport']}: {f.check} {f.target}: {f.message}"
                for f in desktop.findings + narrow.findings if f.severity != "info"]
    assert problems == []


# -- cookie banners: equal prominence as the browser draws it ---------------------------

COOKIE_STYLE = """
body { font: 16px/1.5 sans-serif; margin: 0; background: #fff; color: #1d1d1d; }
#cookie-notice { position: fixed; bottom: 0; left: 0; right: 0; padding: 1rem; background: #f2f2f2; }
"""
EQUAL_BANNER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Opening hours</title>
<style>""" + COOKIE_STYLE + """
.cookie-accept { font-size: 1rem; padding: .6rem 1.4rem; background: #0b4f8a; color: #fff; border: 2px solid #0b4f8a; }
.cookie-reject { font-size: 1rem; padding: .6rem 1.4rem; background: #fff; color: #0b4f8a; border: 2px solid #0b4f8a; }
</style></head>
<body><main><h1>Opening hours</h1><p>The library is open from 8 to 20 every day but Sunday.</p></main>
<div id="cookie-notice" role="region" aria-label="Cookie consent">
<p>We use cookies to remember your preferences.</p>
<button type="button" class="cookie-accept">Accept all</button>
<button type="button" class="cookie-reject">Reject all</button>
</div></body></html>
"""
UNEQUAL_BANNER = """<!DOCTYPE html>
<html lang="sr-Latn"><head><meta charset="utf-8"><title>Radno vreme</title>
<style>""" + COOKIE_STYLE + """
.cookie-accept { font-size: 1.25rem; font-weight: bold; padding: .9rem 2.5rem; background: #0b6e2e; color: #fff; border: 0; }
.cookie-reject { font-size: .75rem; color: #595959; background: none; }
</style></head>
<body><main><h1>Radno vreme</h1><p>Biblioteka radi od 8 do 20 časova svakog dana osim nedelje.</p></main>
<div id="cookie-notice" role="region" aria-label="Kolačići">
<p>Koristimo kolačiće da bismo zapamtili vaša podešavanja.</p>
<button type="button" class="cookie-accept">Prihvatam sve</button>
<a href="#" class="cookie-reject">Odbij</a>
</div></body></html>
"""


def test_cookie_banner_prominence_is_judged_in_the_browser(config, pool):
    folder = config.root / "cookies"
    folder.mkdir(exist_ok=True)
    (folder / "equal.html").write_text(EQUAL_BANNER, encoding="utf-8")
    (folder / "unequal.html").write_text(UNEQUAL_BANNER, encoding="utf-8")
    pages = collect_pages(config, ["cookies/equal.html", "cookies/unequal.html"])
    run = run_a11y(config, pages, pool=pool, use_cache=False)
    found = [f for f in run.findings if f.check == "cookie-prominence"]
    # Different classes, the same size and font, a bordered reject: equal.
    assert [(f.path, f.severity, f.target) for f in found] == [
        ("cookies/unequal.html", "warning", "#cookie-notice > a")]
    message = found[0].message
    assert "'Odbij'" in message and "'Prihvatam sve'" in message
    assert "of accept's size" in message and "12 px against accept's 20 px" in message
    assert "reject plain text with no background or border" in message
    assert found[0].extra["reject"]["font_size"] == 12 and found[0].extra["accept"]["contrast"] > 4.5
