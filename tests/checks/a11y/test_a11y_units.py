"""Accessibility pieces that need no browser: baseline, cache keys, page discovery, settings."""

import json
import socket
from pathlib import Path

import pytest

from toolkit.checks.a11y.audit import collect_pages
from toolkit.checks.a11y.browser import Viewport, find_browser
from toolkit.checks.a11y.cache import A11yCache
from toolkit.checks.a11y.runner import (
    PageResult, PageTask, axe_version, find_axe_script, result_findings, rule_target, validate_tags,
)
from toolkit.checks.baseline import apply_baseline, load_baseline, update_baseline
from toolkit.cli import main
from toolkit.config import config_from_file
from toolkit.errors import InputError, MissingComponentError
from toolkit.findings import Finding
from toolkit.report.a11y_html import render_a11y_html

from tests.helpers import ROOT
DATA = ROOT / "tests" / "data" / "a11y"


def violation(rule="image-alt", page="build/site/sq/index.html", target="img", locale="sq",
              impact="critical", viewport="1280x800"):
    return Finding(check=f"axe/{rule}", severity="error", message="m", path=page, locale=locale,
                   target=target, extra={"outcome": "violation", "impact": impact, "viewport": viewport})


# -- viewports, tags, targets --------------------------------------------------------

def test_viewport_parse():
    assert Viewport.parse("375x812") == Viewport(375, 812)
    assert str(Viewport.parse(" 1280X800 ")) == "1280x800"
    for bad in ("1280", "x800", "wide", "10x10", "1280x-1"):
        with pytest.raises(InputError):
            Viewport.parse(bad)


def test_validate_tags_rejects_unknown_and_empty():
    rules = [{"ruleId": "image-alt", "tags": ["wcag2a", "EN-301-549"]}]
    validate_tags(["wcag2a", "EN-301-549"], rules)
    with pytest.raises(InputError, match="wcag9zz"):
        validate_tags(["wcag2a", "wcag9zz"], rules)
    with pytest.raises(InputError, match="no tags"):
        validate_tags([], rules)


def test_rule_target_joins_frames_and_shadow_roots():
    assert rule_target(["#main img"]) == "#main img"
    assert rule_target(["iframe", "img"]) == "iframe >>> img"
    assert rule_target([["my-widget", "button"]]) == "my-widget >> button"


def test_findings_from_a_result_map_impact_to_severity():
    task = PageTask("http://x/", "p.html", "sr", Viewport(375, 812))
    node = {"target": "img", "parts": ["img"], "impact": None, "html": "<img>", "summary": "s"}
    rules = [
        {"id": rid, "impact": impact, "help": f"help {rid}", "helpUrl": f"https://h/{rid}", "nodes": [node]}
        for rid, impact in (("a", "critical"), ("b", "serious"), ("c", "moderate"), ("d", "minor"))
    ]
    incomplete = [{"id": "e", "impact": "serious", "help": "needs", "helpUrl": "u", "nodes": [node]}]
    found = result_findings(PageResult(task, violations=rules, incomplete=incomplete, error=None), "4.14.1")
    assert [(f.check, f.severity) for f in found] == [
        ("axe/a", "error"), ("axe/b", "error"), ("axe/c", "warning"), ("axe/d", "warning"), ("axe/e", "info"),
    ]
    first = found[0]
    assert (first.path, first.locale, first.target) == ("p.html", "sr", "img")
    assert first.extra["viewport"] == "375x812" and first.extra["axe_version"] == "4.14.1"
    assert first.extra["help_url"] == "https://h/a" and first.extra["impact"] == "critical"
    assert found[-1].message.startswith("needs review")
    error = result_findings(PageResult(task, error="HTTP 404"), "4.14.1")
    assert [(f.check, f.severity, f.message) for f in error] == [("a11y-page-error", "error", "HTTP 404")]


# -- baseline -------------------------------------------------------------------------

def test_baseline_without_justification_names_file_and_line(tmp_path):
    path = tmp_path / "a11y-baseline.json"
    path.write_text(json.dumps({"entries": [
        {"rule": "image-alt", "page": "a.html", "target": "img", "locale": None, "justification": "decorative"},
        {"rule": "label", "page": "b.html", "target": "input", "locale": "sr", "justification": " "},
    ]}, indent=2))
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    assert raised.value.path == str(path) and raised.value.line == 10
    assert "justification" in str(raised.value)


def test_baseline_rejects_bad_json_and_shapes(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"entries": [\n  {"rule": "x",}\n]}')
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    assert raised.value.line == 2
    path.write_text('{"entries": {}}')
    with pytest.raises(InputError):
        load_baseline(path)
    path.write_text('{"entries": [{"rule": "x", "page": "p", "justification": "j", "colour": 1}]}')
    with pytest.raises(InputError, match="colour"):
        load_baseline(path)
    assert load_baseline(tmp_path / "missing.json") == []
    path.write_text('{"entries": []}')
    assert load_baseline(path) == []


def write_baseline(folder, *justifications):
    """image-alt and label on p.html, label on other.html, with these justifications."""
    places = [("image-alt", "p.html", "img"), ("label", "p.html", "input"), ("label", "other.html", "input")]
    path = folder / "b.json"
    path.write_text(json.dumps({"entries": [
        {"rule": rule, "page": page, "target": target, "locale": "sq", "justification": why}
        for (rule, page, target), why in zip(places, justifications)
    ]}))
    return path


def test_baseline_suppresses_and_reports_fixed(tmp_path):
    path = write_baseline(tmp_path, "logo; fix in Q3", "vendor form", "not checked")
    entries = load_baseline(path)
    findings = [violation(page="p.html"), violation(page="p.html", viewport="375x812"),
                violation(rule="link-name", page="p.html", target="a")]
    outcome = apply_baseline(findings, entries, {"p.html"})
    assert [f.check for f in outcome.findings] == ["axe/link-name"]
    assert outcome.suppressed == 2
    assert [(e.rule, e.page) for e in outcome.fixed] == [("label", "p.html")]


def test_update_baseline_keeps_justifications_and_needs_one_for_new(tmp_path):
    path = write_baseline(tmp_path, "logo", "gone now", "unchecked")
    entries = load_baseline(path)
    findings = [violation(page="p.html"), violation(rule="link-name", page="p.html", target="a")]
    before = path.read_text()
    with pytest.raises(InputError, match="link-name on p.html"):
        update_baseline(path, findings, entries, {"p.html"})
    assert path.read_text() == before
    added, fixed = update_baseline(path, findings, entries, {"p.html"}, justification="accepted in review")
    assert [e.rule for e in added] == ["link-name"] and [e.rule for e in fixed] == ["label"]
    saved = {(e.rule, e.page): e.justification for e in load_baseline(path)}
    assert saved == {("image-alt", "p.html"): "logo", ("link-name", "p.html"): "accepted in review",
                     ("label", "other.html"): "unchecked"}


# -- cache keys -------------------------------------------------------------------------

def test_cache_key_follows_page_css_frames_viewport_and_options(tmp_path):
    site = tmp_path / "site"
    (site / "frames").mkdir(parents=True)
    for name in ("iframe.html", "site.css", "frames/inner.html"):
        (site / name).write_bytes((DATA / name).read_bytes())
    page = site / "iframe.html"
    cache = A11yCache(tmp_path / "c", "4.14.1", {"runOnly": ["wcag2a"]})
    key = cache.page_key(page, site, "1280x800")
    assert key == A11yCache(tmp_path / "c", "4.14.1", {"runOnly": ["wcag2a"]}).page_key(page, site, "1280x800")
    assert key != cache.page_key(page, site, "375x812")
    assert key != A11yCache(tmp_path / "c", "4.14.0", {"runOnly": ["wcag2a"]}).page_key(page, site, "1280x800")
    assert key != A11yCache(tmp_path / "c", "4.14.1", {"runOnly": ["wcag2aa"]}).page_key(page, site, "1280x800")
    (site / "frames" / "inner.html").write_text("<html lang=en><title>x</title><img alt=''></html>")
    assert A11yCache(tmp_path / "c", "4.14.1", {"runOnly": ["wcag2a"]}).page_key(page, site, "1280x800") != key


def test_cache_entries_round_trip_and_no_cache_misses(tmp_path):
    cache = A11yCache(tmp_path, "4.14.1", {})
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, {"violations": [{"id": "x"}]}, with_screenshots=False)
    assert cache.get("ab" * 32)["violations"] == [{"id": "x"}]
    assert cache.get("ab" * 32, need_screenshots=True) is None
    assert A11yCache(tmp_path, "4.14.1", {}, enabled=False).get("ab" * 32) is None


# -- page discovery and settings ---------------------------------------------------------

def make_project(tmp_path, a11y_table=""):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.toolkit]\nsource-locale = "en"\nlocales = ["sr", "sr_Latn"]\n' + a11y_table
    )
    return config_from_file(tmp_path / "pyproject.toml")


def test_collect_pages_takes_locale_from_first_folder(tmp_path):
    config = make_project(tmp_path)
    for rel in ("en/index.html", "sr/news/a.html", "sr_Latn/index.html", "index.html", "assets/x.html"):
        (tmp_path / "build/site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "build/site" / rel).write_text("<html></html>")
    pages = {p.path: p.locale for p in collect_pages(config)}
    assert pages == {
        "build/site/en/index.html": "en", "build/site/sr/news/a.html": "sr",
        "build/site/sr_Latn/index.html": "sr_Latn", "build/site/index.html": None,
        "build/site/assets/x.html": None,
    }
    one = collect_pages(config, ["build/site/sr/news/a.html", "https://example.org/sr/x"])
    assert [(p.path, p.locale, p.site_root) for p in one] == [
        ("build/site/sr/news/a.html", "sr", (tmp_path / "build/site").resolve()),
        ("https://example.org/sr/x", "sr", None),
    ]
    with pytest.raises(InputError, match="nope.html"):
        collect_pages(config, ["nope.html"])


def test_no_build_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="build"):
        collect_pages(make_project(tmp_path))


def test_cli_missing_axe_core_exits_3_with_npm_ci(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "p.html").write_text("<html lang=en><title>t</title></html>")
    assert main(["-C", str(tmp_path), "a11y", "p.html"]) == 3
    assert "npm install --save-exact axe-core@" in capsys.readouterr().err
    with pytest.raises(MissingComponentError):
        find_axe_script(tmp_path)


def test_cli_missing_chromium_exits_3_with_apt_get(tmp_path, capsys, monkeypatch):
    make_project(tmp_path)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "p.html").write_text("<html lang=en><title>t</title></html>")
    monkeypatch.setenv("TOOLKIT_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(MissingComponentError, match="apt-get install chromium chromium-driver"):
        find_browser()
    assert main(["-C", str(tmp_path), "a11y", "p.html"]) == 3
    assert "apt-get install chromium chromium-driver" in capsys.readouterr().err


@pytest.mark.parametrize("table, message", [
    ('[tool.toolkit.a11y]\ntags = "wcag2a"\n', "tags"),
    ('[tool.toolkit.a11y]\nviewports = ["big"]\n', "big"),
    ('[tool.toolkit.a11y]\nfail-on-impact = "severe"\n', "fail-on-impact"),
    ('[tool.toolkit.a11y]\nworkerz = 2\n', "workerz"),
])
def test_bad_a11y_settings_exit_2(tmp_path, capsys, table, message):
    make_project(tmp_path, table)
    (tmp_path / "p.html").write_text("<html></html>")
    assert main(["-C", str(tmp_path), "a11y", "p.html"]) == 2
    assert message in capsys.readouterr().err


def test_broken_baseline_stops_before_any_browser(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "a11y-baseline.json").write_text(
        '{"entries": [\n {"rule": "label", "page": "p.html", "target": "input", "locale": null}\n]}'
    )
    (tmp_path / "p.html").write_text("<html></html>")
    assert main(["-C", str(tmp_path), "a11y", "p.html"]) == 2
    assert "a11y-baseline.json:2:" in capsys.readouterr().err


def test_html_report_escapes_and_embeds_screenshots():
    finding = violation(target='a[title="<x>"]', page="p.html")
    html = render_a11y_html([finding], {("p.html", "1280x800", 'a[title="<x>"]'): "iVBORw0KGgo="},
                            axe_version="4.14.1", tags=["wcag2a"], viewports=["1280x800"])
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "&lt;x&gt;" in html and "<x>" not in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html and 'alt="Screenshot of' in html
    assert "No findings." in render_a11y_html([], {})


def test_unreachable_webdriver_exits_3_and_bad_serve_address_exits_2(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "p.html").write_text("<html lang=en><title>t</title></html>")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["-C", str(tmp_path), "a11y", "p.html", "--webdriver-url", f"http://127.0.0.1:{port}"]) == 3
    assert f"cannot open a browser session at http://127.0.0.1:{port}" in capsys.readouterr().err
    (tmp_path / ".toolkit-cache" / "a11y").mkdir(parents=True)
    version = axe_version(find_axe_script(ROOT))
    (tmp_path / ".toolkit-cache" / "a11y" / f"rules-{version}.json").write_text(
        '[{"ruleId": "image-alt", "tags": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549"]}]'
    )
    assert main(["-C", str(tmp_path), "a11y", "p.html", "--serve-address", "192.0.2.1"]) == 2
    assert "cannot serve pages on 192.0.2.1" in capsys.readouterr().err


def test_cookie_prominence_judges_measures_not_names():
    from toolkit.checks.a11y.prominence import choice, prominence_findings

    for text, expected in (("I agree", "accept"), ("I don't agree", "reject"), ("Ne slažem se", "reject"),
                           ("Слажем се", "accept"), ("Nuk pajtohem", "reject"), ("Прифати", "accept"),
                           ("Odbij", "reject"), ("Find out more", None), ("Podešavanja", None)):
        assert choice({"text": text}) == expected, text

    def control(text, width=120, height=40, font=16, background="rgb(11, 79, 138)", border=()):
        return {"selector": f"#{text.split()[0].lower()}", "tag": "button", "text": text, "label": "",
                "width": width, "height": height, "shown": True, "fontSize": font, "fontWeight": "400",
                "color": "rgb(255, 255, 255)", "background": background, "around": "rgb(242, 242, 242)",
                "border": list(border)}

    equal = [{"selector": "#cookies", "controls": [control("Accept all"), control("Reject all", width=110)]}]
    assert prominence_findings(equal, "p.html", "en", {}) == []
    outlined = [{"selector": "#cookies", "controls": [
        control("Accept all"), control("Reject all", background="rgba(0, 0, 0, 0)", border=["rgb(11, 79, 138)"])]}]
    assert prominence_findings(outlined, "p.html", "en", {}) == []
    small = [{"selector": "#cookies", "controls": [
        control("Accept all"), control("Reject all", width=40, height=16, font=12, background="rgba(0, 0, 0, 0)")]}]
    [finding] = prominence_findings(small, "p.html", "en", {"viewport": "1280x800"})
    assert finding.check == "cookie-prominence" and finding.severity == "warning" and finding.target == "#reject"
    assert "13% of accept's size" in finding.message and "12 px against accept's 16 px" in finding.message
    hidden = [{"selector": "#cookies", "controls": [control("Accept all"), {**small[0]["controls"][1], "shown": False}]}]
    assert prominence_findings(hidden, "p.html", "en", {}) == []
