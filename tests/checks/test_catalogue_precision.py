"""Precision of the catalogue checks on real catalogues (issue 14).

tests/data/catalogues holds real .po files of several projects (see its README) and
judged.jsonl, a hand-judged sample of the error and warning findings the checks reported
on them: each finding is `true` (a real problem a translator should fix), `false` (a false
alarm) or `debatable`.  A finding is identified by (check, path, msgctxt, msgid).

- a judged false alarm must not be reported at error or warning any more;
- a judged real problem must still be reported at error or warning;
- of the judged findings still reported at error or warning, at least 90% are real.

Debatable findings are neither required nor forbidden.
"""

from __future__ import annotations

import bisect
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import polib
import pytest

from tests.helpers import DATA

ROOT = Path(__file__).resolve().parents[2]
CORPUS = DATA / "catalogues"
JUDGED = CORPUS / "judged.jsonl"
TARGET_PRECISION = 0.9

# folder name under <project>/ -> the toolkit's locale
FOLDER_LOCALE = {
    "sr": "sr", "sr@latin": "sr_Latn", "sr_Latn": "sr_Latn",
    "hr": "hr", "hr_HR": "hr", "bs": "bs", "mk": "mk", "mk_MK": "mk", "sq": "sq",
}
REPORTED = ("error", "warning")


def corpus_files() -> dict[str, list[Path]]:
    """The corpus's .po files grouped by locale (tests/data/catalogues/<project>/<folder>/*.po)."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(CORPUS.glob("*/*/*.po")):
        groups[FOLDER_LOCALE[path.parent.name]].append(path)
    return dict(groups)


class _Entries:
    """Finds the entry (live or obsolete) that a finding's line points into."""

    def __init__(self):
        self._files: dict[str, tuple[list, list[int]]] = {}

    def msgctxt(self, path: str, line: int, msgid: str | None):
        if msgid is None:
            return None
        if path not in self._files:
            po = polib.pofile(str(ROOT / path))
            entries = sorted([*po, *po.obsolete_entries()], key=lambda e: e.linenum)
            self._files[path] = (entries, [e.linenum for e in entries])
        entries, lines = self._files[path]
        i = bisect.bisect_left(lines, line)
        if i < len(entries) and entries[i].msgid == msgid:
            return entries[i].msgctxt
        for entry in entries:  # the line moved: fall back to the msgid
            if entry.msgid == msgid:
                return entry.msgctxt
        return None


def run_catalogue_checks(tmp_dir: Path) -> list[dict]:
    """Run `toolkit check --checks catalogue` on every corpus file, one run per locale."""
    findings: list[dict] = []
    for locale, files in corpus_files().items():
        out = tmp_dir / f"findings-{locale}.json"
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "check", "--checks", "catalogue", "-l", locale,
             "--format", "json", "-o", str(out), *(str(p.relative_to(ROOT)) for p in files)],
            cwd=ROOT, capture_output=True, text=True,
        )
        assert result.returncode in (0, 1), result.stderr
        findings.extend(json.loads(out.read_text(encoding="utf-8"))["findings"])
    return findings


def finding_key(finding: dict, entries: _Entries) -> tuple:
    ctxt = finding["msgctxt"] if "msgctxt" in finding else entries.msgctxt(
        finding["path"], finding["line"], finding.get("msgid"))
    return (finding["check"], finding["path"], ctxt, finding.get("msgid"))


def load_judged() -> list[dict]:
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]


def judged_key(judged: dict) -> tuple:
    return (judged["check"], judged["path"], judged["msgctxt"], judged["msgid"])


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> set[tuple]:
    """Keys of every error or warning finding on the corpus today."""
    findings = run_catalogue_checks(tmp_path_factory.mktemp("precision"))
    entries = _Entries()
    return {finding_key(f, entries) for f in findings if f["severity"] in REPORTED}


def _show(items: list[dict]) -> str:
    return "\n".join(
        f"  {j['check']} {j['path']}:{j['line']} {j['msgid']!r:.60} -- {j['reason']}" for j in items)


def test_corpus_is_complete():
    groups = corpus_files()
    assert sum(len(files) for files in groups.values()) >= 20
    for locale in ("sr", "sr_Latn", "hr", "bs", "mk", "sq"):
        assert len(groups.get(locale, [])) >= 2, locale
    judged = load_judged()
    assert len(judged) >= 200
    assert {j["verdict"] for j in judged} <= {"true", "false", "debatable"}
    for j in judged:
        assert (ROOT / j["path"]).is_file(), j["path"]


def test_judged_false_alarms_are_gone(reported):
    back = [j for j in load_judged() if j["verdict"] == "false" and judged_key(j) in reported]
    assert not back, f"{len(back)} judged false alarm(s) still reported at error/warning:\n" + _show(back)


def test_judged_real_problems_are_still_reported(reported):
    lost = [j for j in load_judged() if j["verdict"] == "true" and judged_key(j) not in reported]
    assert not lost, f"{len(lost)} judged real problem(s) no longer reported at error/warning:\n" + _show(lost)


def test_precision_of_errors_and_warnings(reported):
    counts: dict[str, Counter] = defaultdict(Counter)
    for j in load_judged():
        if judged_key(j) in reported:
            counts[j["check"]][j["verdict"]] += 1
    total = sum((c for c in counts.values()), Counter())
    lines = []
    for check in sorted(counts):
        c = counts[check]
        decided = c["true"] + c["false"]
        lines.append(f"  {check:26} true {c['true']:3}  false {c['false']:3}  debatable {c['debatable']:3}"
                     f"  precision {c['true'] / decided:.0%}" if decided else f"  {check:26} debatable only")
    decided = total["true"] + total["false"]
    precision = total["true"] / decided if decided else 1.0
    report = "\n".join(lines) + (f"\n  all: true {total['true']}, false {total['false']}, "
                                 f"debatable {total['debatable']}, precision {precision:.1%}")
    print(report)
    assert precision >= TARGET_PRECISION, f"precision {precision:.1%} < {TARGET_PRECISION:.0%}\n{report}"


def test_checks_below_80_percent_run_at_info(reported):
    """The severity policy: a check that is wrong in more than one case in five is not a warning."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for j in load_judged():
        if judged_key(j) in reported:
            counts[j["check"]][j["verdict"]] += 1
    noisy = {check: c for check, c in counts.items()
             if c["true"] + c["false"] >= 3 and c["true"] / (c["true"] + c["false"]) < 0.8}
    assert not noisy, noisy


def test_every_catalogue_check_says_what_it_does_not_report():
    from toolkit.checks.catalogue import catalogue_check_ids
    from toolkit.checks.limits import NOT_REPORTED

    ids = set(catalogue_check_ids())
    assert ids == set(NOT_REPORTED), ids ^ set(NOT_REPORTED)
