"""In real headless Chromium: a declared click opens the cookie banner's details and the audit
sees them; every input of the cache key makes the next run audit again; live pages with
credentials."""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from toolkit.checks.a11y import audit
from toolkit.checks.a11y.audit import PageSource, collect_pages, run_a11y
from toolkit.checks.a11y.browser import find_browser
from toolkit.checks.a11y.cache import CACHE_DIR
from toolkit.checks.a11y.pool import A11yPool
from toolkit.checks.a11y.runner import find_axe_script
from toolkit.config import config_from_file
from toolkit.crawl.fetch import Fetcher

ROOT = Path(__file__).resolve().parents[2]

BANNER = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title>
<link rel="stylesheet" href="../css/site.css"></head><body>
<main><h1>Home</h1>
<section aria-label="Cookies" class="cookie-banner"><p>We use cookies.</p>
<button type="button" id="details-toggle" aria-expanded="false" aria-controls="cookie-details"
  onclick="var d=document.getElementById('cookie-details'); d.hidden=!d.hidden; this.setAttribute('aria-expanded', String(!d.hidden));">Details</button>
<div id="cookie-details" hidden><p>Statistics cookies</p><input type="checkbox" id="stats"></div>
</section>
<img src="../img/logo.png" srcset="../img/logo.png 1x, ../img/logo-2x.png 2x" alt="SEESAC">
</main></body></html>
"""

INTERACTIONS = """
[[tool.toolkit.a11y.interactions]]
name = "cookie details"
pages = ["*/en/index.html"]
steps = [{click = "#details-toggle"}, {wait-for = "#cookie-details"}, {wait-ms = 10}]
"""


@pytest.fixture(scope="module")
def browser_available():
    find_browser()


@pytest.fixture
def project(tmp_path, browser_available):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit]\nsource-locale = "en"\nlocales = ["sr"]\n[tool.toolkit.a11y]\n' + INTERACTIONS)
    axe = tmp_path / "node_modules" / "axe-core"
    axe.mkdir(parents=True)
    for name in ("axe.min.js", "package.json"):
        shutil.copy(ROOT / "node_modules" / "axe-core" / name, axe / name)
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "css").mkdir()
    (site / "img").mkdir()
    (site / "en" / "index.html").write_text(BANNER)
    (site / "css" / "site.css").write_text('@import "theme.css";\nbody { font-family: Body; }\n')
    (site / "css" / "theme.css").write_text(
        '@font-face { font-family: Body; src: url("../fonts/body.woff2") format("woff2"); }\n'
        'main { background: #fff url(../img/paper.png); }\n')
    (site / "fonts").mkdir()
    (site / "fonts" / "body.woff2").write_bytes(b"font-1")
    for name in ("logo.png", "logo-2x.png", "paper.png"):
        (site / "img" / name).write_bytes(b"png-1")
    return config_from_file(tmp_path / "pyproject.toml")


@pytest.fixture(scope="module")
def pool(browser_available):
    with A11yPool(find_axe_script(ROOT), workers=1) as shared:
        yield shared


def audit_once(config, pool, pages=None):
    pages = pages or collect_pages(config, ["site"])
    return run_a11y(config, pages, pool=pool, use_cache=True)


def test_a_declared_click_opens_the_details_and_the_audit_sees_them(project, pool):
    run = audit_once(project, pool)
    assert run.pages == ["site/en/index.html", "site/en/index.html [cookie details]"]
    closed = {f.check for f in run.findings if f.path == "site/en/index.html" and f.extra["outcome"] == "violation"}
    opened = [f for f in run.findings if f.path == "site/en/index.html [cookie details]"
              and f.extra["outcome"] == "violation"]
    assert "axe/label" not in closed
    assert [(f.check, f.target, f.extra["state"]) for f in opened if f.check == "axe/label"] == [
        ("axe/label", "#stats", "cookie details")]
    assert not [f for f in run.findings if f.check == "a11y-page-error"]


def test_a_failing_step_is_a_page_error_of_that_state(project, pool):
    project.a11y["interactions"] = [{"name": "menu", "pages": ["*"], "steps": [{"click": "#no-such-button"}]}]
    run = audit_once(project, pool)
    errors = [f for f in run.findings if f.check == "a11y-page-error"]
    assert [f.path for f in errors] == ["site/en/index.html [menu]"]
    assert "step 1 (click #no-such-button)" in errors[0].message


def _again(config, pool, change):
    first = audit_once(config, pool)
    assert first.checked == 2
    cached = audit_once(config, pool)
    assert cached.checked == 0 and cached.cache_hits == 2
    change()
    return audit_once(config, pool).checked


SITE_FILES = {
    "css-import": ("css/theme.css", "main { background: #000; }\n"),
    "css-url-font": ("fonts/body.woff2", "font-2"),
    "css-url-background": ("img/paper.png", "png-2"),
    "srcset": ("img/logo-2x.png", "png-2"),
}


@pytest.mark.parametrize("name", sorted(SITE_FILES))
def test_each_resource_of_the_page_is_in_the_key(project, pool, name):
    relative, text = SITE_FILES[name]
    assert _again(project, pool, lambda: (project.root / "site" / relative).write_text(text)) == 2


def test_base_href_resolves_the_resources_in_the_key(project, pool):
    page = project.root / "site" / "en" / "index.html"
    page.write_text(BANNER.replace("<head>", '<head><base href="../alt/">').replace("../img/logo", "logo"))
    (project.root / "site" / "alt").mkdir()
    for name in ("logo.png", "logo-2x.png"):
        (project.root / "site" / "alt" / name).write_bytes(b"alt-1")
    assert _again(project, pool, lambda: (project.root / "site" / "alt" / "logo-2x.png").write_bytes(b"alt-2")) == 2
    # the files the base no longer points at are out of the key
    (project.root / "site" / "img" / "logo-2x.png").write_bytes(b"x")
    assert audit_once(project, pool).checked == 0


def test_the_browser_version_is_in_the_key(project, pool, monkeypatch):
    assert _again(project, pool, lambda: monkeypatch.setattr(audit, "browser_version", lambda url=None: "Chromium 999")) == 2


def test_the_axe_script_bytes_are_in_the_key(project, pool):
    script = project.root / "node_modules" / "axe-core" / "axe.min.js"
    assert _again(project, pool, lambda: script.write_bytes(script.read_bytes() + b"\n/* rebuilt */\n")) == 2


def test_the_toolkit_version_is_in_the_key(project, pool, monkeypatch):
    import toolkit

    assert _again(project, pool, lambda: monkeypatch.setattr(toolkit, "__version__", "99.0")) == 2


def test_live_pages_key_on_bytes_and_validators(project, pool, serve):
    server = serve(project.root / "site")
    project.a11y.pop("interactions")
    url = server.url + "/en/index.html"

    def page(body, etag):
        return [PageSource(path=url, locale="en", url=url, body=body, validators={"etag": etag})]

    assert run_a11y(project, page(b"one", '"1"'), pool=pool).checked == 1
    assert run_a11y(project, page(b"one", '"1"'), pool=pool).checked == 0
    assert run_a11y(project, page(b"one", '"2"'), pool=pool).checked == 1
    assert run_a11y(project, page(b"two", '"2"'), pool=pool).checked == 1
    # a URL without its fetched bytes is never cached
    bare = [PageSource(path=url, locale="en", url=url)]
    assert run_a11y(project, bare, pool=pool).checked == 1
    assert run_a11y(project, bare, pool=pool).checked == 1


def test_unused_entries_are_pruned(project, pool):
    project.a11y["cache-max-age-days"] = 1
    audit_once(project, pool)
    entries = list((project.root / CACHE_DIR).glob("??/*.json"))
    assert len(entries) == 2
    old = time.time() - 3 * 86400
    os.utime(entries[0], (old, old))
    stale = project.root / CACHE_DIR / "ab" / ("ab" + "0" * 62 + ".json")
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("{}")
    os.utime(stale, (old, old))
    run = audit_once(project, pool)  # the old but used entry is touched and kept; the unused one goes
    assert run.cache_hits == 2 and run.checked == 0
    assert not stale.exists() and entries[0].exists()
    assert entries[0].stat().st_mtime > time.time() - 3600


def test_live_crawl_with_credentials_in_the_browser(project, serve, tmp_path, monkeypatch):
    """a11y --crawl on a site behind basic auth and a header: the browser gets them too."""
    from toolkit.cli import main

    server = serve(project.root / "site", auth="qa:pw", required_header=("X-Token", "t"))
    (project.root / "site" / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    monkeypatch.setenv("TOOLKIT_BASIC_AUTH", "qa:pw")
    out = tmp_path / "a11y.json"
    code = main(["-C", str(project.root), "a11y", "--crawl", server.url + "/en/index.html", "--header", "X-Token: t",
                 "--format", "json", "-o", str(out), "--no-progress", "--workers", "1"])
    report = json.loads(out.read_text())
    assert not [f for f in report["findings"] if f["check"] in ("a11y-page-error", "http-error")], report["findings"]
    # the page and its declared state (the pattern matches the URL too); the state's unlabelled checkbox fails
    assert report["summary"]["pages"] == 2 and code == 1
    assert {f["path"] for f in report["findings"] if f["check"] == "axe/label"} == {
        server.url + "/en/index.html [cookie details]"}
    assert "qa:pw" not in out.read_text() and "cWE6cHc=" not in out.read_text()
    # the browser's requests carried the credentials: every request was answered, none refused
    assert server.log.count("/en/index.html") == 3  # the crawler, then the browser for the page and its state
