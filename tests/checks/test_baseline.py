"""The one baseline module: both file forms, synonyms, viewports, and the writer."""

from __future__ import annotations

import json

import pytest
import yaml

from toolkit.checks.baseline import (
    BaselineEntry, apply_baseline, baseline_text, load_baseline, update_baseline, write_baseline,
)
from toolkit.errors import InputError
from toolkit.findings import Finding

PO = "locales/hr/LC_MESSAGES/messages.po"


def axe(rule="label", page="p.html", target="input", locale="sr", viewport="1280x800"):
    return Finding(f"axe/{rule}", "error", "m", path=page, locale=locale, target=target,
                   extra={"outcome": "violation", "viewport": viewport})


UNCHANGED = Finding("unchanged", "warning", "same as the source", path=PO, line=3, locale="hr", msgid="Status")


def test_yaml_and_json_forms_with_synonyms_load_alike(tmp_path):
    yaml_path = tmp_path / "b.yaml"
    yaml_path.write_text(
        f"- rule: label\n  page: p.html\n  target: input\n  locale: sr\n  justification: vendor form\n"
        f"- check: unchanged\n  path: {PO}\n  locale: hr\n  msgid: Status\n  justification: same word\n",
        encoding="utf-8")
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps([
        {"check": "axe/label", "path": "p.html", "target": "input", "locale": "sr", "justification": "vendor form"},
        {"check": "unchanged", "page": PO, "locale": "hr", "msgid": "Status", "justification": "same word"},
    ]), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"  # tab-indented JSON is not YAML to a YAML parser
    wrapped.write_text(json.dumps({"entries": json.loads(bare.read_text())}, indent="\t"), encoding="utf-8")
    loaded = [load_baseline(p) for p in (yaml_path, bare, wrapped)]
    assert loaded[0] == loaded[1] == loaded[2]
    assert [e.check for e in loaded[0]] == ["axe/label", "unchanged"]
    assert [e.line for e in loaded[0]] == [1, 6]
    kept, accepted = loaded[2].split([axe(), UNCHANGED, axe(target="select")])
    assert accepted == [axe(), UNCHANGED] and kept == [axe(target="select")]


def test_values_are_text_as_written_and_fingerprints_load(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("- check: untranslated\n  msgid: 404\n  locale: 'no'\n  justification: a code\n"
                    "- fingerprint: unchanged|hr|a.po|Status|\n  justification: same word\n", encoding="utf-8")
    first, second = load_baseline(path)
    assert (first.msgid, first.locale) == ("404", "no")
    assert second == BaselineEntry("unchanged", "same word", path="a.po", locale="hr", msgid="Status")
    assert second.fingerprint == "unchanged|hr|a.po|Status|"


@pytest.mark.parametrize("text, line, message", [
    ("- rule: label\n  check: axe/label\n  justification: j\n", 1, "'check' twice"),
    ("- check: x\n  justification: j\n- check: x\n  justification: again\n", 3, "duplicate.*line 1"),
    ("- justification: j\n  path: a.po\n", 1, "names no finding"),
    ("- check: x\n  target: [a, b]\n  justification: j\n", 2, "'target' must be a string"),
    ("- fingerprint: a|b\n  justification: j\n", 1, "fingerprint"),
    ("entries:\n  - check: x\n    justification: j\nextra: 1\n", 1, "entries"),
    ("check: x\n", 1, r"entries"),
    ("- check: x\n  justification: [j\n", 3, "invalid YAML"),
])
def test_bad_entries_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        load_baseline(path)
    assert (raised.value.path, raised.value.line) == (str(path), line)


def test_json_syntax_errors_are_reported_as_json(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('[\n  {"check": "x", "justification": "j"},\n]\n', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON") as raised:
        load_baseline(path)
    assert raised.value.line == 3


def test_viewport_narrows_an_entry_only_when_given(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("- rule: label\n  page: p.html\n  target: input\n  locale: sr\n  viewport: 375x812\n"
                    "  justification: only the phone layout hides the label\n", encoding="utf-8")
    phone, desktop = axe(viewport="375x812"), axe(viewport="1280x800")
    outcome = apply_baseline([phone, desktop], load_baseline(path), {"p.html"})
    assert outcome.findings == [desktop] and outcome.suppressed == 1 and outcome.fixed == []
    everywhere = load_baseline(path)
    everywhere = [BaselineEntry(e.check, e.justification, e.path, e.locale, e.msgid, e.target) for e in everywhere]
    assert apply_baseline([phone, desktop], everywhere, {"p.html"}).suppressed == 2


def test_unused_counts_only_checked_pages(tmp_path):
    path = tmp_path / "b.yaml"
    write_baseline(path, [BaselineEntry("axe/label", "j", "p.html", target="input"),
                          BaselineEntry("axe/label", "j", "q.html", target="input")])
    baseline = load_baseline(path)
    assert [e.page for e in baseline.unused([])] == ["p.html", "q.html"]
    assert [e.page for e in baseline.unused([], pages={"q.html"})] == ["q.html"]


def test_writer_round_trips_yaml_sorted_and_keeps_justifications(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(baseline_text([UNCHANGED], "same word"), encoding="utf-8")
    baseline = load_baseline(path)
    added, fixed = update_baseline(path, [UNCHANGED, axe(page="a.html")], baseline, {PO, "a.html"},
                                   justification="vendor widget")
    assert [e.check for e in added] == ["axe/label"] and fixed == []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == [
        {"rule": "label", "page": "a.html", "locale": "sr", "target": "input", "justification": "vendor widget"},
        {"check": "unchanged", "path": PO, "locale": "hr", "msgid": "Status", "justification": "same word"},
    ]
    before = path.read_text(encoding="utf-8")
    assert update_baseline(path, [UNCHANGED, axe(page="a.html")], load_baseline(path), {PO, "a.html"}) == ([], [])
    assert path.read_text(encoding="utf-8") == before  # stable: a rewrite without changes is byte-identical


def test_missing_file_is_an_empty_baseline_and_update_creates_it(tmp_path):
    path = tmp_path / "i18n" / "a11y-baseline.json"
    assert load_baseline(path) == [] and not load_baseline(path).split([UNCHANGED])[1]
    path.parent.mkdir()
    update_baseline(path, [axe()], load_baseline(path), {"p.html"}, justification="known")
    assert json.loads(path.read_text(encoding="utf-8")) == {"entries": [
        {"rule": "label", "page": "p.html", "locale": "sr", "target": "input", "justification": "known"}]}
