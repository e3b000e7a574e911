"""Report writers: every format renders the one findings list and validates."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from lxml import etree

import toolkit.checks.catalogue  # noqa: F401  (registers the catalogue checks the SARIF rules come from)
from toolkit.checks.baseline import baseline_text, load_baseline
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.findings import Finding
from toolkit.report import render_report, write_report

FINDINGS = [
    Finding("placeholder-mismatch", "error", "placeholder %(count)s renamed to %(broj)s",
            path="locales/sr/LC_MESSAGES/messages.po", line=42, locale="sr", msgid="%(count)s reports"),
    Finding("quotation-marks", "warning", '1 ASCII quotation mark(s) ", use „…“',
            path="locales/sr/LC_MESSAGES/messages.po", line=50, locale="sr", msgid='The "Balkans"'),
    Finding("untranslated", "info", "not translated", path="locales/hr/LC_MESSAGES/content.po",
            line=7, locale="hr", msgid="News"),
    Finding("axe/image-alt", "error", "Images must have alternate text", path="https://example.org/sr/",
            locale="sr", target="img.logo", extra={"impact": "critical",
                   "help_url": "https://dequeuniversity.com/rules/axe/4.14/image-alt"}),
]

# The parts of SARIF 2.1.0 that code-scanning views rely on.
SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "rules"],
                    "properties": {"rules": {"type": "array", "items": {
                        "type": "object", "required": ["id", "shortDescription"]}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["ruleId", "level", "message", "locations"],
                    "properties": {
                        "level": {"enum": ["error", "warning", "note", "none"]},
                        "message": {"type": "object", "required": ["text"]},
                        "locations": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["physicalLocation"],
                            "properties": {"physicalLocation": {
                                "type": "object", "required": ["artifactLocation"],
                                "properties": {
                                    "artifactLocation": {"type": "object", "required": ["uri"]},
                                    "region": {"type": "object", "required": ["startLine"],
                                               "properties": {"startLine": {"type": "integer", "minimum": 1}}},
                                }}}}},
                    }}},
            }}},
    },
}


def test_json_report_has_the_shared_schema():
    data = json.loads(render_report(FINDINGS, "json", {"paths": ["a.po"], "checks": ["x"]}))
    assert data["tool"] == "toolkit" and data["version"]
    assert data["summary"] == {"info": 1, "warning": 1, "error": 2, "total": 4}
    first = data["findings"][0]
    assert first["check"] == "placeholder-mismatch" and first["line"] == 42 and first["msgid"] == "%(count)s reports"
    assert data["findings"][3]["impact"] == "critical"  # extra fields are flattened in
    assert data["run"]["paths"] == ["a.po"]


def test_junit_report_parses_with_one_case_per_check_and_file():
    extra = {"paths": ["locales/sr/LC_MESSAGES/messages.po", "locales/hr/LC_MESSAGES/content.po"],
             "checks": ["placeholder-mismatch", "quotation-marks", "untranslated"], "fail_on": "warning"}
    root = etree.fromstring(render_report(FINDINGS, "junit", extra).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"placeholder-mismatch", "quotation-marks", "untranslated", "axe/image-alt"}
    placeholder = suites["placeholder-mismatch"]
    assert placeholder.get("tests") == "2" and placeholder.get("failures") == "1"
    failing = placeholder.find("testcase[@name='locales/sr/LC_MESSAGES/messages.po']/failure")
    assert failing.get("type") == "error" and "messages.po:42" in failing.text
    # Info findings are below --fail-on: reported as output, not as failures.
    untranslated = suites["untranslated"].find("testcase[@name='locales/hr/LC_MESSAGES/content.po']")
    assert untranslated.find("failure") is None and "not translated" in untranslated.find("system-out").text
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_sarif_report_validates_and_points_at_lines():
    log = json.loads(render_report(FINDINGS, "sarif"))
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["placeholder-mismatch"]["defaultConfiguration"]["level"] == "error"
    assert rules["axe/image-alt"]["shortDescription"]["text"] == "Images must have alternate text"
    assert rules["axe/image-alt"]["helpUri"] == "https://dequeuniversity.com/rules/axe/4.14/image-alt"
    first = run["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "locales/sr/LC_MESSAGES/messages.po"
    assert location["region"]["startLine"] == 42
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "placeholder-mismatch"
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note", "error"]
    page = run["results"][3]["locations"][0]
    assert page["physicalLocation"]["artifactLocation"]["uri"] == "https://example.org/sr/"
    assert "region" not in page["physicalLocation"] and page["logicalLocations"][0]["name"] == "img.logo"


def test_text_report_groups_by_check_and_file_and_colours_only_terminals(tmp_path):
    plain = render_report(FINDINGS, "text", {"verbose": True})
    assert "\x1b[" not in plain
    assert plain.index("placeholder-mismatch (1)") < plain.index("untranslated (1)")  # errors first
    assert "locales/sr/LC_MESSAGES/messages.po" in plain and "4 finding(s)" in plain
    # without -v, info findings are counted but not listed
    short = render_report(FINDINGS, "text")
    assert "untranslated (1)" not in short and "placeholder-mismatch (1)" in short
    assert "1 info (info not listed: -v lists it)" in short

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    write_report(FINDINGS, "text", None, stream=terminal)
    assert "\x1b[" in terminal.getvalue()
    out = tmp_path / "report.txt"
    write_report(FINDINGS, "text", out)
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    assert render_report([], "text", {"paths": ["a.po"]}).strip() == "no findings in 1 file(s)"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render_report(FINDINGS, "html5")


def test_baseline_round_trip_and_missing_justification(tmp_path):
    path = tmp_path / "baseline.yaml"
    path.write_text(baseline_text(FINDINGS[:2], "Accepted while the glossary is reviewed."), encoding="utf-8")
    baseline = load_baseline(path)
    kept, accepted = baseline.split(FINDINGS)
    assert accepted == FINDINGS[:2] and kept == FINDINGS[2:]
    assert baseline.unused(FINDINGS[1:]) and not baseline.unused(FINDINGS)
    path.write_text("- check: quotation-marks\n  path: a.po\n\n- check: unchanged\n  path: b.po\n  justification: ''\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"baseline.yaml:1: .*justification"):
        load_baseline(path)
    path.write_text("- check: x\n  justification: fine\n  colour: red\n", encoding="utf-8")
    with pytest.raises(InputError, match="baseline.yaml:1: unknown key 'colour'"):
        load_baseline(path)
    with pytest.raises(InputError):
        baseline_text(FINDINGS, "  ")


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "text"])
def test_cli_writes_each_format_to_a_file(tmp_path, fmt):
    po = tmp_path / "sr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: sr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello %(name)s"\nmsgstr "Zdravo"\n', encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    assert main(["check", str(po), "--format", fmt, "-o", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert {f["check"] for f in json.loads(text)["findings"]} >= {"placeholder-mismatch", "script-mix", "header-plural-forms"}
    elif fmt == "junit":
        assert etree.fromstring(text.encode("utf-8")).get("failures") != "0"
    elif fmt == "sarif":
        log = json.loads(text)
        jsonschema.validate(log, SARIF_SCHEMA)
        assert any(r["locations"][0]["physicalLocation"].get("region", {}).get("startLine") == 6
                   for r in log["runs"][0]["results"])
    else:
        assert "placeholder-mismatch" in text
