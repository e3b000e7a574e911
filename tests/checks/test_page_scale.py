"""The page checks at scale: read once, a path at a time, in one or several
processes with the same findings; what is kept per page is a small summary;
the streamed and grouped reports read back."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from toolkit.checks.pages import PageDoc, PageRun, PageSummary, check_pages
from toolkit.config import Config
from toolkit.findings import Finding
from toolkit.report import render_report, write_report
from toolkit.report.overview import load_findings

from tests.helpers import ROOT

# A few hundred pages checked several times, in one and in two processes.
pytestmark = pytest.mark.slow

DATA = ROOT / "tests" / "data" / "pages"
LOCALES = ("en", "sq", "sr", "sr_Latn")


def config_for(root: Path) -> Config:
    return Config(root=root.resolve(), locale_codes=("sq", "sr", "sr_Latn"))


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The seeded page sets, each page copied under 24 names in every locale
    (links to a page's own name follow it): 24 x 13 pages in 4 locales."""
    root = tmp_path_factory.mktemp("many")
    for code in LOCALES:
        (root / code).mkdir()
        for page in sorted((DATA / code).glob("*.html")):
            text = page.read_text(encoding="utf-8")
            for n in range(24):
                name = f"{page.stem}-{n:02d}"
                (root / code / f"{name}.html").write_text(
                    text.replace(f"{page.stem}.html", f"{name}.html"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def found(many):
    return check_pages(many, config_for(many), jobs=1)


def dicts(findings: list[Finding]) -> list[dict]:
    return [f.to_dict() for f in findings]


def test_one_or_two_processes_give_the_same_findings(many, found):
    one = found
    two = check_pages(many, config_for(many), jobs=2)
    assert len(one) > 250
    assert dicts(one) == dicts(two)


def test_the_seeded_pages_give_the_same_findings_in_two_processes():
    assert dicts(check_pages(DATA, config_for(DATA), jobs=1)) == dicts(check_pages(DATA, config_for(DATA), jobs=2))


def test_pages_are_held_one_path_at_a_time_and_leave_a_small_summary(many):
    run = PageRun(many, config_for(many), jobs=1)
    pages = len(LOCALES) * len(run.paths)
    assert run.count == pages > 250
    gc.collect()
    for n, _ in enumerate(run.pages()):
        # The trees of one path's versions at most: nothing of earlier paths.
        assert len(run.site._group) <= len(LOCALES)
        if n % 97 == 0:
            gc.collect()
            assert sum(isinstance(o, PageDoc) for o in gc.get_objects()) <= len(LOCALES) + 1
    assert not run.site._group
    gc.collect()
    assert not any(isinstance(o, PageDoc) for o in gc.get_objects())
    summaries = run.summaries
    assert len(summaries) == pages
    for url, summary in summaries.items():
        assert isinstance(summary, PageSummary) and summary.url == url
        # Strings and tuples of strings only: no element, tree or text of the page.
        for name in PageSummary.__slots__:
            value = getattr(summary, name)
            assert value is None or isinstance(value, (str, tuple)), (name, type(value))
            if isinstance(value, tuple):
                assert all(isinstance(pair, tuple) and all(isinstance(v, str) for v in pair) for pair in value)
        assert len(summary.alternates) <= 2 * len(LOCALES)
        assert sum(len(k) for pair in summary.alternates for k in pair) < 2000


def test_summaries_come_back_from_the_workers(many):
    run = PageRun(many, config_for(many), jobs=2)
    assert run.jobs == 2
    list(run.pages())
    assert len(run.summaries) == len(LOCALES) * len(run.paths)
    assert all(isinstance(s, PageSummary) for s in run.summaries.values())


@pytest.mark.parametrize("fmt", ["jsonl", "grouped", "json"])
def test_reports_read_back(many, found, tmp_path, fmt):
    findings = found
    out = tmp_path / f"report.{fmt}"
    write_report(findings, fmt, out, {"paths": [str(many)], "checks": ["html-lang"], "fail_on": "error"})
    text = out.read_text(encoding="utf-8")
    back = load_findings(text, out.name)
    if fmt == "grouped":
        data = json.loads(text)
        assert sum(g["count"] for g in data["groups"]) == len(findings) == data["summary"]["total"]
        # One entry per root cause: the 24 copies of a page's problem are one group.
        assert len(back) * 10 < len(findings)
        firsts = {(f.check, f.path, f.line, f.message) for f in findings}
        assert all((f.check, f.path, f.line, f.message) in firsts for f in back)
        assert all(f.extra["count"] >= 1 and f.extra["examples"] for f in back)
    else:
        assert dicts(back) == dicts(findings)
    if fmt == "jsonl":
        lines = text.splitlines()
        assert json.loads(lines[0])["tool"] == "toolkit" and json.loads(lines[-1])["summary"]["total"] == len(findings)
        assert text == render_report(findings, "jsonl", {"paths": [str(many)], "checks": ["html-lang"],
                                                          "fail_on": "error"})


def test_sarif_has_one_result_per_root_cause(found):
    findings = found
    log = json.loads(render_report(findings, "sarif"))
    results = log["runs"][0]["results"]
    assert len(results) * 10 < len(findings)
    assert sum(r.get("occurrenceCount", 1) for r in results) == len(findings)
    repeated = [r for r in results if r.get("occurrenceCount", 1) > 1]
    assert repeated and all(1 <= len(r["relatedLocations"]) <= 19 for r in repeated)


def test_text_report_lists_a_repeated_root_cause_once(found):
    text = render_report(found, "text")
    assert "more like it:" in text
    listed = [line for line in text.splitlines() if line.startswith("    ") and not line.strip().startswith("…")]
    assert len(listed) * 10 < len(found)
    assert f"{len(found)} finding(s)" in text
