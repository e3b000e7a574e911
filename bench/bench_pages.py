"""Page checks and the build at scale: the example site's article many times over.

Builds the example site in a scratch copy of the project, copies the news
article under new names in every locale until the site has N pages (default
20,000), then times, side by side on the same pages:

- ``toolkit check --checks pages`` (a subprocess, JSON report): pages/s, peak
  memory (the whole process tree, sampled in a second run: sampling slows the
  process it reads, and the largest single process), report size;
- a plain lxml parse of every page in one process: pages/s, the limit the
  checks approach; the ratio of the two;

and ``toolkit build`` on a content folder with the article copied until the
build renders about N pages: pages/s.

    python bench/bench_pages.py [--pages N] [--build-pages N] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "site", "locales", "i18n")
EPOCH = "1700000000"


def env() -> dict:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH,
                PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def toolkit(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=workdir, env=env(),
                            capture_output=True, text=True)
    if check and result.returncode not in (0, 1):
        sys.exit(f"toolkit {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


# -- memory of a process tree -------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Memory of ``pid`` and its descendants, in bytes: the proportional set size
    (pages shared by forked processes counted once), else the resident size."""
    total, stack = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            try:
                with open(f"/proc/{current}/smaps_rollup") as handle:
                    total += next(int(line.split()[1]) * 1024 for line in handle if line.startswith("Pss:"))
            except (OSError, StopIteration):
                with open(f"/proc/{current}/statm") as handle:
                    total += int(handle.read().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess, int]:
    """(seconds, result, peak RSS of its largest process or 0) of a run that nothing watches."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # 0 when an earlier, larger child holds the maximum: not this run's.
    return seconds, result, single * 1024 if single > before else 0


def measured(command: list[str], cwd: Path) -> tuple[float, int, int, subprocess.CompletedProcess]:
    """(seconds, peak memory of the process tree, of its largest process, result).

    Reading a process's memory map (``smaps_rollup``) 20 times a second slows the
    process it reads (by 12-20% here): the seconds come from a run of their own,
    the memory from a second, sampled run."""
    seconds, result, single = run_timed(command, cwd)
    if result.returncode not in (0, 1):
        return seconds, 0, single, result
    return seconds, sampled(command, cwd), single, result


def sampled(command: list[str], cwd: Path) -> int:
    """Peak memory of the process tree of a run of ``command``, sampled 20 times a second."""
    process = subprocess.Popen(command, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak[0]


# -- the site -----------------------------------------------------------------------

# Seeded in every copy unless --clean: one English sentence left untranslated on
# every page of every locale, one root cause per locale.
SEEDED = '<p class="seeded">Read the full report on the website of the project.</p>'


def large_site(project: Path, pages: int, seed: bool = True) -> tuple[Path, int]:
    """Build the example site, then copy its articles under new names in every
    locale until the site has ``pages`` pages; returns (site folder, page count)."""
    toolkit(project, "compile")
    toolkit(project, "build")
    site = project / "build" / "site"
    folders = sorted(p for p in site.iterdir() if p.is_dir() and p.name != "static")
    existing = sum(1 for _ in site.rglob("*.html"))
    articles = sorted(p.relative_to(folders[0]).as_posix() for p in (folders[0] / "news").glob("*.html")
                      if p.name != "index.html")
    copies = max(0, (pages - existing) // (len(folders) * len(articles)))
    for folder in folders:
        for article in articles:
            source = folder / article
            text = source.read_text(encoding="utf-8")
            stem = Path(article).stem
            name = re.compile(re.escape(stem) + r"(?=\.html)")
            if seed:
                text = text.replace("</main>", SEEDED + "</main>", 1)
            for n in range(copies):
                new = f"{stem}-{n:05d}"
                (source.parent / f"{new}.html").write_text(name.sub(new, text), encoding="utf-8")
    return site, sum(1 for _ in site.rglob("*.html"))


def lxml_parse(site: Path) -> tuple[float, int]:
    import lxml.html

    files = sorted(site.rglob("*.html"))
    start = time.perf_counter()
    for file in files:
        lxml.html.document_fromstring(file.read_bytes().decode("utf-8"))
    return time.perf_counter() - start, len(files)


def large_content(project: Path, pages: int) -> int:
    """Copy the content folder's articles until a build renders about ``pages`` pages."""
    content = project / "site" / "content"
    sources = sorted((content / "news").glob("*.md"))
    locales = 1 + len(re.search(r"^locales\s*=\s*\[(.*?)\]", (project / "pyproject.toml").read_text(), re.M)
                          .group(1).split(","))
    per_locale = sum(1 for _ in (project / "site" / "templates" / "pages").rglob("*.html")) + \
        sum(1 for _ in content.rglob("*.md"))
    copies = max(0, (pages // locales - per_locale) // len(sources))
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for n in range(copies):
            (source.parent / f"{source.stem}-{n:05d}.md").write_text(text, encoding="utf-8")
    return (per_locale + copies * len(sources)) * locales


def report_sizes(report: Path) -> str:
    """The size of the same findings in each report format."""
    sys.path.insert(0, str(ROOT))
    from toolkit.report import render_report
    from toolkit.report.overview import load_findings

    findings = load_findings(report.read_text(encoding="utf-8"), report.name)
    sizes = [f"{len(findings)} findings"]
    for name in ("jsonl", "grouped", "sarif", "text", "junit"):
        sizes.append(f"{name} {mb(len(render_report(findings, name).encode('utf-8')))}")
    return "report sizes: " + ", ".join(sizes)


def mb(value: int) -> str:
    return f"{value / 1e6:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000, help="pages of the checked site (default: 20000)")
    parser.add_argument("--build-pages", type=int, default=None, help="pages of the built site (default: --pages)")
    parser.add_argument("--jobs", type=int, default=None, help="-j for toolkit check (default: its own)")
    parser.add_argument("--format", default="json", help="report format (default: json)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--skip-build", action="store_true", help="time the page checks only")
    parser.add_argument("--clean", action="store_true", help="copy the articles as built (no seeded English sentence)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        project = copy_project(work / "check")
        started = time.perf_counter()
        site, count = large_site(project, args.pages, seed=not args.clean)
        print(f"site: {count} pages in {len({p.parent.name for p in site.glob('*/*.html')})} locales "
              f"(made in {time.perf_counter() - started:.0f} s)")

        lxml_seconds, parsed = lxml_parse(site)
        lxml_rate = parsed / lxml_seconds
        print(f"lxml parse:           {lxml_seconds:7.1f} s  {lxml_rate:7.0f} pages/s (one core)")

        report = project / f"report.{args.format}"
        command = [sys.executable, "-m", "toolkit", "check", "--checks", "pages", "--format", args.format,
                   "-o", str(report), str(site)]
        if args.jobs:
            command[4:4] = ["-j", str(args.jobs)]
        seconds, tree, single, result = measured(command, project)
        if result.returncode not in (0, 1):
            sys.exit(f"toolkit check failed ({result.returncode}):\n{result.stderr}")
        rate = count / seconds
        size = report.stat().st_size if report.is_file() else 0
        print(f"toolkit check pages:  {seconds:7.1f} s  {rate:7.0f} pages/s  "
              f"{rate / lxml_rate:.2f}x lxml's one-core rate")
        if args.format == "json" and size:
            print("  " + report_sizes(report))
        print(f"  peak memory {mb(tree)} (process tree, proportional), {mb(single)} (largest process, resident); "
              f"report {mb(size)} ({args.format}); {result.stderr.strip().splitlines()[-1]}")

        if not args.skip_build:
            build_project = copy_project(work / "build")
            expected = large_content(build_project, args.build_pages or args.pages)
            toolkit(build_project, "compile")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            command = [sys.executable, "-m", "toolkit", "build"]
            seconds, result, _ = run_timed(command, build_project)
            if result.returncode != 0:
                sys.exit(f"toolkit build failed ({result.returncode}):\n{result.stderr}")
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
            built = sum(1 for _ in (build_project / "build" / "site").rglob("*.html"))
            tree = sampled(command, build_project)  # the same build again, its memory sampled
            print(f"toolkit build:        {seconds:7.1f} s  {built / seconds:7.0f} pages/s  "
                  f"({built} pages, {expected} expected; peak memory {mb(tree)})")
            # On a shared machine the wall time depends on the others; the processor time
            # does less. The system part is mostly creating the files.
            print(f"  processor time {user:.1f} s user + {system:.1f} s system")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
