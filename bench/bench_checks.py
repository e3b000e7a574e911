"""Benchmark: ``toolkit check`` against translate-toolkit's ``pofilter``, side by side.

Both tools run as subprocesses on the same files and are timed the same way
(wall clock, best of ``--repeat`` runs, interpreter start-up included).  The
inputs are the real catalogues under tests/data/real and a generated
20,000-entry Serbian catalogue built from the real Django and Flask-Admin
entries (each made unique by its msgctxt), defects included.

``toolkit check`` runs twice: as a user runs it (large catalogues are
checked in one process per core) and with ``-j 1`` (one process).  CPU time
includes the worker processes.

    .venv/bin/python bench/bench_checks.py [--entries 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from toolkit.po.catalog import read_po  # noqa: E402
from toolkit.checks.catalogue import catalogue_check_ids  # noqa: E402
from toolkit.locales import PLURAL_FORMS  # noqa: E402

BIN = Path(sys.executable).parent
REAL = ROOT / "tests" / "data" / "real"


def pofilter_filter_count() -> int:
    """How many filters pofilter runs with its default options."""
    from translate.filters import checks, pofilter

    options, _ = pofilter.cmdlineparser().parse_args(["-i", "in.po", "-o", "out.po"])
    return len(pofilter.pocheckfilter(options, checkerconfig=checks.CheckerConfig()).checker.getfilters())


def _tagged(text: str, number: int) -> str:
    """``text`` led by a made-up word unique to ``number``, in the text's own script."""
    if not text:
        return text
    letters = "абвгдежзик" if re.search("[\u0400-\u04ff]", text) else "abcdefghij"
    return "".join(letters[number // 10 ** k % 10] for k in range(5)).capitalize() + " " + text


def generate(path: Path, entries: int, *, unique: bool = False) -> int:
    """A Serbian catalogue of ``entries`` live entries made from the real ones.

    The real catalogues hold a few hundred messages, so the entries repeat
    them under distinct contexts; with ``unique`` every msgid and translation
    is made distinct too (what caches keyed on text cannot shortcut)."""
    sources = []
    for name in ("django/conf/sr", "flask_admin/sr", "django/conf/sr_Latn", "django/auth/mk"):
        catalog = read_po(next((REAL / name).rglob("*.po")))
        sources.extend(e for e in catalog if e.msgstr or e.msgstr_plural)
    out = polib.POFile(wrapwidth=79)
    out.metadata = {
        "Project-Id-Version": "bench", "Language": "sr", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS["sr"],
    }
    for number in range(entries):
        entry = sources[number % len(sources)]
        mark = (lambda text: _tagged(text, number)) if unique else (lambda text: text)
        copy = polib.POEntry(
            msgid=mark(entry.msgid), msgid_plural=mark(entry.msgid_plural), msgstr=mark(entry.msgstr),
            msgstr_plural={i: mark(t) for i, t in entry.msgstr_plural.items()}, flags=list(entry.flags),
            msgctxt=f"bench {number}", occurrences=[("site/templates/page.html", str(number + 1))],
        )
        if copy.msgid_plural and len(copy.msgstr_plural) != 3:
            copy.msgstr_plural = {i: copy.msgstr_plural.get(i, copy.msgstr_plural.get(0, "")) for i in range(3)}
        out.append(copy)
    out.save(str(path))
    return len(out)


# `toolkit check` as its command module runs it, in a fresh interpreter; the
# driver skips building the parsers of the other verbs.
DRIVER = """
import argparse, sys
from toolkit.cli import collector_for
from toolkit.commands import check
from toolkit.config import load_config
parser = argparse.ArgumentParser()
check.add_parser(parser.add_subparsers())
args = parser.parse_args(["check", *sys.argv[2:]])
with collector_for("check"):
    status = check.run(args, load_config(sys.argv[1]))
sys.exit(status)
"""


def child_environment(folder: Path) -> dict[str, str]:
    """Both tools start as installed programs do, from cached bytecode: kept
    under ``folder`` so that the benchmark writes nothing into the tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def timed(command: list[str], repeat: int, output: Path, env: dict[str, str]) -> tuple[float, float]:
    """(best wall-clock seconds, best CPU seconds of the child and its workers)
    over ``repeat`` runs, after one untimed run that fills the bytecode cache.
    Other work on the machine stretches wall-clock time more than CPU time."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        output.unlink(missing_ok=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode not in (0, 1) or not output.is_file():
            raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    ours = len(catalogue_check_ids())
    theirs = pofilter_filter_count()
    print(f"checks run: toolkit check {ours}, pofilter {theirs} (default filter set)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        large = folder / "sr" / "LC_MESSAGES" / "large.po"
        large.parent.mkdir(parents=True)
        count = generate(large, args.entries)
        distinct = folder / "unique" / "sr" / "LC_MESSAGES" / "large.po"
        distinct.parent.mkdir(parents=True)
        generate(distinct, args.entries, unique=True)
        env = child_environment(folder)
        sets = [
            ("real catalogues", sorted(REAL.rglob("*.po"))),
            (f"generated ({count} entries)", [large]),
            (f"generated, unique texts", [distinct]),
        ]
        print(f"{'input':<26} {'files':>5} {'tool':<18} {'wall s':>7} {'cpu s':>7} {'wall ratio':>10} {'cpu ratio':>9}")
        for label, files in sets:
            runs = {
                "pofilter": lambda path, out: [str(BIN / "pofilter"), "-i", str(path), "-o", str(out)],
                "toolkit check": lambda path, out: [sys.executable, "-c", DRIVER, str(ROOT), str(path),
                                                    "--format", "json", "-o", str(out)],
                "toolkit check -j 1": lambda path, out: [sys.executable, "-c", DRIVER, str(ROOT), str(path),
                                                         "--format", "json", "-o", str(out), "-j", "1"],
            }
            totals = {}
            for tool, command in runs.items():
                wall_sum = cpu_sum = 0.0
                for index, path in enumerate(files):
                    out = folder / (f"pofilter-{index}.po" if tool == "pofilter" else "toolkit.json")
                    wall, cpu = timed(command(path, out), args.repeat, out, env)
                    wall_sum, cpu_sum = wall_sum + wall, cpu_sum + cpu
                totals[tool] = (wall_sum, cpu_sum)
            base_wall, base_cpu = totals["pofilter"]
            for tool, (wall, cpu) in totals.items():
                print(f"{label:<26} {len(files):>5} {tool:<18} {wall:>7.2f} {cpu:>7.2f}"
                      f" {base_wall / wall:>9.1f}x {base_cpu / cpu:>8.1f}x")
            findings = len(json.loads((folder / "toolkit.json").read_text(encoding="utf-8"))["findings"])
            print(f"{'':<26} ({findings} toolkit findings in the last file)")
        repeated = len({e.msgid for e in read_po(large)})
        print(f"the generated catalogue repeats {repeated} distinct msgids under {count} contexts;"
              f" the unique one has {len({e.msgid for e in read_po(distinct)})}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
