"""Benchmark: ``toolkit check --crawl`` against LinkChecker on the same local site.

A generated site of ``--pages`` pages (8 locales; each page links to its
language versions with hreflang and to five other pages of its locale) is
served over HTTP/1.1 on 127.0.0.1 from a thread of this process's child.
Both tools crawl it from the same start page with the same number of
concurrent requests, as subprocesses, timed on the wall clock (best of
``--repeat``, start-up included).  Two toolkit figures: the whole
``toolkit check --crawl`` (fetch, then every page check on every page) and the
crawl alone (``--checks legal`` on pages without disclaimers: fetch, save,
parse).  LinkChecker only fetches and parses, so the crawl alone is the fair
comparison; the ratio printed is toolkit crawl pages/s over LinkChecker pages/s.

    .venv/bin/python bench/bench_crawl.py [--pages 2000] [--concurrency 4] [--repeat 3]
        [--linkchecker PATH]   (default: linkchecker on PATH or beside this Python)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["en", "sq", "bs", "hr", "mk", "sr", "sr_Latn", "cnr"]
TAGS = {"sr": "sr-Cyrl", "sr_Latn": "sr-Latn"}

SERVER = r"""
import functools, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as production servers do: no 40 ms delayed-ACK stalls on keep-alive
    def log_message(self, *args): pass
server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def make_site(folder: Path, pages: int) -> None:
    per_locale = max(1, pages // len(LOCALES))
    for locale in LOCALES:
        (folder / locale).mkdir(parents=True)
        tag = TAGS.get(locale, locale)
        for n in range(per_locale):
            alternates = "".join(
                f'<link rel="alternate" hreflang="{TAGS.get(other, other)}" href="../{other}/p{n}.html">'
                for other in LOCALES)
            links = "".join(f'<li><a href="p{(n * 7 + k) % per_locale}.html">Page {(n * 7 + k) % per_locale}</a></li>'
                            for k in range(1, 6))
            (folder / locale / f"p{n}.html").write_text(
                f'<!doctype html><html lang="{tag}"><head><meta charset="utf-8"><title>Page {n}</title>'
                f'{alternates}<link rel="alternate" hreflang="x-default" href="../en/p{n}.html"></head>'
                f'<body><main><h1>Page {n}</h1><p>Text of page {n}.</p><nav><ul>{links}</ul></nav>'
                f'<p><a href="p0.html">Home</a></p></main></body></html>', encoding="utf-8")
    (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n")


def timed(command: list[str], repeat: int, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    best, last = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        last = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        best = min(best, time.perf_counter() - started)
    return best, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--linkchecker", help="the linkchecker command")
    args = parser.parse_args()
    linkchecker = args.linkchecker or shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    have_linkchecker = Path(linkchecker).exists() or shutil.which(linkchecker)

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        make_site(site, args.pages)
        total = sum(1 for _ in site.rglob("*.html"))
        project = tmp / "project"
        project.mkdir()
        (project / "pyproject.toml").write_text(
            '[tool.toolkit]\nsource-locale = "en"\nlocales = ["sq", "bs", "hr", "mk", "sr", "sr_Latn", "cnr"]\n')
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(site)], stdout=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline())
            start = f"http://127.0.0.1:{port}/en/p0.html"
            toolkit = [sys.executable, "-m", "toolkit", "-C", str(project), "check", "--crawl", start,
                       "--concurrency", str(args.concurrency), "--format", "json", "-o", str(tmp / "out.json")]
            crawl_s, result = timed([*toolkit, "--checks", "legal"], args.repeat, ROOT)
            fetched = int(result.stderr.split(" page(s) fetched")[0].rsplit(" ", 1)[-1])
            full_s, _ = timed([*toolkit, "--checks", "pages"], 1, ROOT)
            print(f"site: {total} pages, {args.concurrency} concurrent requests, best of {args.repeat}")
            print(f"toolkit check --crawl (crawl only): {fetched} pages in {crawl_s:.2f} s = {fetched / crawl_s:.0f} pages/s")
            print(f"toolkit check --crawl (page checks): {fetched} pages in {full_s:.2f} s = {fetched / full_s:.0f} pages/s")
            if not have_linkchecker:
                print("linkchecker: not installed (pip install LinkChecker); no ratio")
                return 0
            lc_s, lc = timed([linkchecker, "--threads", str(args.concurrency), "--no-status", "--no-warnings",
                              "-o", "none", "--recursion-level=-1", start],
                             args.repeat, tmp)
            print(f"linkchecker {args.concurrency} threads: {total} pages in {lc_s:.2f} s = {total / lc_s:.0f} pages/s"
                  f" (exit {lc.returncode})")
            print(f"ratio (toolkit crawl / linkchecker, pages/s): {(fetched / crawl_s) / (total / lc_s):.2f}")
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
