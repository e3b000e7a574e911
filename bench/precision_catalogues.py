"""Precision of the catalogue checks on the real-catalogue corpus (tests/data/catalogues).

Runs ``toolkit check --checks catalogue`` on every corpus file (one run per locale) and
prints, per check: the error + warning findings on the whole corpus, the hand-judged
findings of tests/data/catalogues/judged.jsonl that are still reported at error or warning
(true / false / debatable), the precision true / (true + false) among them, and the
judged findings no longer reported.  The last line gives the precision over all judged
findings still reported, the number the issue's target (90%) is about.

    .venv/bin/python bench/precision_catalogues.py [--json | --markdown]

``--markdown`` prints docs/checks.md: every catalogue check with its id, severity, what it
catches and deliberately does not, and its measured precision.
"""

from __future__ import annotations

import argparse
import bisect
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "catalogues"
FOLDER_LOCALE = {
    "sr": "sr", "sr@latin": "sr_Latn", "sr_Latn": "sr_Latn",
    "hr": "hr", "hr_HR": "hr", "bs": "bs", "mk": "mk", "mk_MK": "mk", "sq": "sq",
}
REPORTED = ("error", "warning")


def run_checks(tmp: Path) -> list[dict]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CORPUS.glob("*/*/*.po")):
        groups[FOLDER_LOCALE[path.parent.name]].append(str(path.relative_to(ROOT)))
    findings = []
    for locale, files in groups.items():
        out = tmp / f"{locale}.json"
        done = subprocess.run(
            [sys.executable, "-m", "toolkit", "check", "--checks", "catalogue", "-l", locale,
             "--format", "json", "-o", str(out), *files],
            cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(done.stderr)
        findings += json.loads(out.read_text(encoding="utf-8"))["findings"]
    return findings


def msgctxt_of(cache: dict, finding: dict):
    if "msgctxt" in finding:
        return finding["msgctxt"]
    if finding.get("msgid") is None:
        return None
    path = finding["path"]
    if path not in cache:
        po = polib.pofile(str(ROOT / path))
        entries = sorted([*po, *po.obsolete_entries()], key=lambda e: e.linenum)
        cache[path] = (entries, [e.linenum for e in entries])
    entries, lines = cache[path]
    i = bisect.bisect_left(lines, finding["line"])
    if i < len(entries) and entries[i].msgid == finding["msgid"]:
        return entries[i].msgctxt
    return next((e.msgctxt for e in entries if e.msgid == finding["msgid"]), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--markdown", action="store_true", help="print docs/checks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        findings = run_checks(Path(tmp))
    cache: dict = {}
    corpus = Counter(f["check"] for f in findings if f["severity"] in REPORTED)
    reported = {(f["check"], f["path"], msgctxt_of(cache, f), f.get("msgid"))
                for f in findings if f["severity"] in REPORTED}
    judged = [json.loads(line) for line in (CORPUS / "judged.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    still: dict[str, Counter] = defaultdict(Counter)
    gone: dict[str, Counter] = defaultdict(Counter)
    for j in judged:
        key = (j["check"], j["path"], j["msgctxt"], j["msgid"])
        (still if key in reported else gone)[j["check"]][j["verdict"]] += 1
    rows = []
    for check in sorted(set(corpus) | set(still) | set(gone)):
        c = still[check]
        decided = c["true"] + c["false"]
        rows.append({"check": check, "corpus": corpus[check], "true": c["true"], "false": c["false"],
                     "debatable": c["debatable"],
                     "precision": round(c["true"] / decided, 3) if decided else None,
                     "no_longer_reported": dict(gone[check])})
    total = sum(still.values(), Counter())
    decided = total["true"] + total["false"]
    summary = {"corpus_findings": sum(corpus.values()), "true": total["true"], "false": total["false"],
               "debatable": total["debatable"], "precision": round(total["true"] / decided, 3) if decided else None}
    if args.json:
        print(json.dumps({"checks": rows, "all": summary}, indent=1))
        return 0
    if args.markdown:
        print(markdown(rows, summary, judged))
        return 0
    print(f"{'check':26} {'corpus':>6}  {'true':>4} {'false':>5} {'deb':>4}  {'prec':>5}  no longer reported")
    for r in rows:
        prec = f"{r['precision']:.0%}" if r["precision"] is not None else "-"
        gone_text = ", ".join(f"{k} {v}" for k, v in sorted(r["no_longer_reported"].items())) or ""
        print(f"{r['check']:26} {r['corpus']:6}  {r['true']:4} {r['false']:5} {r['debatable']:4}  {prec:>5}  {gone_text}")
    prec = f"{summary['precision']:.1%}" if summary["precision"] is not None else "-"
    print(f"{'all':26} {summary['corpus_findings']:6}  {summary['true']:4} {summary['false']:5} "
          f"{summary['debatable']:4}  {prec:>5}")
    return 0


def markdown(rows: list[dict], summary: dict, judged: list[dict]) -> str:
    """docs/checks.md from the registry, toolkit/checks/limits.py and the measurement."""
    sys.path.insert(0, str(ROOT))
    from toolkit.checks.catalogue import catalogue_check_ids
    from toolkit.checks.limits import NOT_REPORTED
    from toolkit.checks.registry import REGISTRY

    by_check = {r["check"]: r for r in rows}
    files = sorted(CORPUS.glob("*/*/*.po"))
    lines = [
        "# Catalogue checks",
        "",
        "Generated by `bench/precision_catalogues.py --markdown` from the registry, `toolkit/checks/limits.py`",
        "and a run on the real-catalogue corpus (`tests/data/catalogues`: "
        f"{len(files)} catalogues, {len({p.parts[-3] for p in files})} projects; its README lists them).",
        "",
        "Severity follows the policy of the README: **error** breaks the page or the program, **warning** is",
        "something a reviewer should fix, **info** is style or suspicion; a check below 80% precision on the",
        "corpus runs at info until it is better. Silence one entry with `# toolkit-ignore: <id>`.",
        "",
        "Columns: *corpus*, the check's error and warning findings on the whole corpus today; *judged*, the",
        f"findings of the hand-judged samples (`judged.jsonl`: {len(judged)} findings, one sample drawn before the",
        "fixes of issue 14 and one after) that it still reports at error or warning, as true / false / debatable; *precision*,",
        "true / (true + false) among them; *gone*, judged findings it no longer reports at error or warning.",
        "",
        f"All checks: {summary['corpus_findings']} error and warning findings on the corpus; of the judged ones still "
        f"reported {summary['true']} true, {summary['false']} false, {summary['debatable']} debatable, precision "
        + (f"{summary['precision']:.0%}." if summary["precision"] is not None else "-."),
        "",
        "| id | severity | catches | does not report | corpus | judged t/f/d | precision | gone |",
        "|---|---|---|---|---:|---|---:|---|",
    ]
    cell = lambda text: text.replace("|", "\\|").replace("<", "&lt;")
    for info in (REGISTRY[check_id] for check_id in catalogue_check_ids()):
        r = by_check.get(info.id, {"corpus": 0, "true": 0, "false": 0, "debatable": 0, "precision": None,
                                   "no_longer_reported": {}})
        judged_cell = f"{r['true']}/{r['false']}/{r['debatable']}" if r["true"] + r["false"] + r["debatable"] else "-"
        precision = f"{r['precision']:.0%}" if r["precision"] is not None else "-"
        gone = ", ".join(f"{k} {v}" for k, v in sorted(r["no_longer_reported"].items())) or ""
        lines.append(f"| `{info.id}` | {info.severity} | {cell(info.description)} | {cell(NOT_REPORTED.get(info.id, '—'))} "
                     f"| {r['corpus']} | {judged_cell} | {precision} | {gone} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
