"""Precision of the catalogue checks on the real-catalogue corpus (tests/data/catalogues).

Runs ``toolkit check --checks catalogue`` on every corpus file (one run per locale) and
prints, per check: the error + warning findings on the whole corpus, the hand-judged
findings of tests/data/catalogues/judged.jsonl that are still reported at error or warning
(true / false / debatable), the precision true / (true + false) among them, and the
judged findings no longer reported.  The last line gives the precision over all judged
findings still reported, the number the issue's target (90%) is about.

    .venv/bin/python bench/precision_catalogues.py [--json]
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
    print(f"{'check':26} {'corpus':>6}  {'true':>4} {'false':>5} {'deb':>4}  {'prec':>5}  no longer reported")
    for r in rows:
        prec = f"{r['precision']:.0%}" if r["precision"] is not None else "-"
        gone_text = ", ".join(f"{k} {v}" for k, v in sorted(r["no_longer_reported"].items())) or ""
        print(f"{r['check']:26} {r['corpus']:6}  {r['true']:4} {r['false']:5} {r['debatable']:4}  {prec:>5}  {gone_text}")
    prec = f"{summary['precision']:.1%}" if summary["precision"] is not None else "-"
    print(f"{'all':26} {summary['corpus_findings']:6}  {summary['true']:4} {summary['false']:5} "
          f"{summary['debatable']:4}  {prec:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
