"""Precision of the page checks on the real-site corpus (tests/data/sites).

Runs `toolkit check --checks pages` on every site of the corpus, outside any
project, and compares the findings with the hand-judged sample
tests/data/sites/judged.jsonl.  Prints per check: the judged counts (true,
false, debatable), the precision of the judged sample, and, among the judged
findings the checks report now at error or warning, the real problems, the
false alarms and the precision.

    python bench/precision_pages.py
"""

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "data" / "sites"
PREFIX = 80


def run_checks(workdir: Path) -> tuple[list[dict], dict]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    findings, failures = [], {}
    for site in sorted(p for p in SITES.iterdir() if p.is_dir()):
        report = workdir / f"{site.name}.json"
        result = subprocess.run([sys.executable, "-m", "toolkit", "check", "--checks", "pages", "--format", "json",
                                 "-o", str(report), str(site)], cwd=workdir, env=env, capture_output=True, text=True)
        if result.returncode not in (0, 1) or not report.is_file():
            failures[site.name] = result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]
            continue
        for f in json.loads(report.read_text(encoding="utf-8"))["findings"]:
            path = Path(f["path"]) if f.get("path") else None
            if path is not None and not path.is_absolute():
                path = ROOT / path
            try:
                f["path"] = path.resolve().relative_to(ROOT).as_posix() if path else None
            except ValueError:
                pass
            f["message"] = f.get("message", "").replace(f"{ROOT.as_posix()}/", "")
            findings.append(f)
    return findings, failures


def main() -> int:
    judged = [json.loads(l) for l in (SITES / "judged.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        findings, failures = run_checks(Path(tmp))
    by_target, by_page = set(), {}
    for f in findings:
        if f["severity"] in ("error", "warning"):
            by_target.add((f["check"], f["path"], f.get("target")))
            by_page.setdefault((f["check"], f["path"]), []).append(f["message"])

    def reported(j: dict) -> bool:
        if (j["check"], j["path"], j.get("target")) in by_target:
            return True
        return any(m.startswith(j["message"][:PREFIX]) for m in by_page.get((j["check"], j["path"]), ()))

    def pct(t: int, f: int) -> str:
        return f"{t / (t + f):5.0%}" if t + f else "    -"

    for site, why in failures.items():
        print(f"not checked: {site}: {why[0]}")
    counts = Counter(f["check"] for f in findings if f["severity"] in ("error", "warning"))
    print(f"{'check':<20}{'true':>6}{'false':>6}{'debat':>6}{'judged':>8}   {'now:true':>8}{'false':>6}{'prec':>7}"
          f"{'reported':>10}")
    rows = sorted({j["check"] for j in judged} | set(counts))
    totals = Counter()
    for check in rows + ["all"]:
        js = [j for j in judged if check in ("all", j["check"])]
        v = Counter(j["verdict"] for j in js)
        now = Counter(j["verdict"] for j in js if j["verdict"] != "debatable" and reported(j))
        n = sum(counts.values()) if check == "all" else counts.get(check, 0)
        print(f"{check:<20}{v['true']:>6}{v['false']:>6}{v['debatable']:>6}{pct(v['true'], v['false']):>8}   "
              f"{now['true']:>8}{now['false']:>6}{pct(now['true'], now['false']):>7}{n:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
