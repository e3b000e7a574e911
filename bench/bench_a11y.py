"""Benchmark: ``toolkit a11y``'s browser pool and cache against the naive way.

The naive way is what axe-selenium-python's README shows: for every page, a
fresh browser, ``Axe(driver).inject()``, ``axe.run()``, quit.  The toolkit keeps
one browser per worker (default: one per core), serves pages and axe over
loopback, and caches results by content hash.

Generates N article pages in five locales (build/site layout), then times:
naive (one fresh browser per page), the pool with a cold cache, the pool again
with a warm cache.  Browser start-up is inside every timing.

    python bench/bench_a11y.py               # 100 pages
    python bench/bench_a11y.py --pages 20    # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from axe_selenium_python import Axe  # noqa: E402

from toolkit.checks.a11y.audit import collect_pages, run_a11y  # noqa: E402
from toolkit.checks.a11y.browser import DEFAULT_VIEWPORT, start_browser  # noqa: E402
from toolkit.checks.a11y.pool import default_workers  # noqa: E402
from toolkit.checks.a11y.runner import DEFAULT_TAGS, find_axe_script  # noqa: E402
from toolkit.serve import PageServer  # noqa: E402
from toolkit.config import config_from_file  # noqa: E402

LOCALES = ("en", "sq", "bs", "mk", "sr")
CSS = """body { font: 16px/1.5 sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
header, footer { background: #0b3d63; color: #fff; padding: 1rem; }
header a, footer a { color: #fff; } main { max-width: 48rem; margin: auto; padding: 1rem; }
a { color: #0b4f8a; } figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }
"""
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def page_html(locale: str, number: int) -> str:
    paragraphs = "\n".join(
        f"<p>Paragraph {n} of article {number}: small arms control, a training in "
        f"<a href=\"../news/{(number + n) % 20}.html\">the region</a>, and a report on stockpiles.</p>"
        for n in range(12 + number % 7)
    )
    items = "".join(f'<li><a href="../news/{n}.html">Story {n}</a></li>' for n in range(8))
    return f"""<!DOCTYPE html>
<html lang="{locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Article {number} ({locale})</title><link rel="stylesheet" href="../../site.css"></head>
<body>
<a href="#main">Skip to content</a>
<header><nav aria-label="Main"><ul>{items}</ul></nav></header>
<main id="main">
<h1>Article {number}</h1>
<figure><img src="{PIXEL}" width="600" height="300" alt="Workshop participants, photo {number}">
<figcaption>Photo {number}</figcaption></figure>
{paragraphs}
<form action="#"><label for="q{number}">Search</label> <input id="q{number}" name="q" type="search">
<button type="submit">Go</button></form>
</main>
<footer><p>Footer of article {number}. <a href="../../index.html">Home</a></p></footer>
</body>
</html>
"""


def make_project(folder: Path, count: int) -> list[str]:
    (folder / "pyproject.toml").write_text(
        '[tool.toolkit]\nsource-locale = "en"\nlocales = ["sq", "bs", "mk", "sr"]\n'
    )
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    site = folder / "build" / "site"
    site.mkdir(parents=True)
    (site / "site.css").write_text(CSS)
    pages = []
    for index in range(count):
        locale = LOCALES[index % len(LOCALES)]
        path = site / locale / "news" / f"{index // len(LOCALES)}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(locale, index // len(LOCALES)))
        pages.append(str(path.relative_to(folder)))
    return pages


def naive(folder: Path, pages: list[str]) -> tuple[float, int]:
    """A fresh browser per page, as the wrapper's README does it (pages over HTTP, fairly)."""
    script = find_axe_script(folder)
    options = json.dumps({"runOnly": {"type": "tag", "values": list(DEFAULT_TAGS)}})
    violations = 0
    started = time.perf_counter()
    with PageServer(folder / "build" / "site") as server:
        for page in pages:
            browser = start_browser(viewport=DEFAULT_VIEWPORT)
            try:
                browser.driver.get(server.url_for(folder / page))
                axe = Axe(browser.driver, script_url=str(script))
                axe.inject()
                violations += len(axe.run(options=options)["violations"])
            finally:
                browser.quit()
    return time.perf_counter() - started, violations


def pooled(folder: Path, pages: list[str], workers: int, use_cache: bool):
    config = config_from_file(folder / "pyproject.toml")
    result = run_a11y(config, collect_pages(config, pages), workers=workers, use_cache=use_cache)
    violations = sum(1 for f in result.findings if f.extra.get("outcome") == "violation")
    return result.seconds, violations, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    os.environ["SE_OFFLINE"] = "true"

    with tempfile.TemporaryDirectory(prefix="bench-a11y-") as tmp:
        folder = Path(tmp)
        pages = make_project(folder, args.pages)
        print(f"{len(pages)} pages, {args.workers} worker(s), {os.cpu_count()} core(s)")

        naive_s, naive_v = naive(folder, pages)
        print(f"naive (fresh browser per page): {naive_s:7.2f} s  {len(pages) / naive_s:7.2f} pages/s")
        shutil.rmtree(folder / ".toolkit-cache", ignore_errors=True)
        cold_s, cold_v, cold = pooled(folder, pages, args.workers, use_cache=True)
        print(f"pool, cold cache:               {cold_s:7.2f} s  {len(pages) / cold_s:7.2f} pages/s"
              f"  ({cold.checked} checked)")
        warm_s, warm_v, warm = pooled(folder, pages, args.workers, use_cache=True)
        print(f"pool, warm cache:               {warm_s:7.2f} s  {len(pages) / warm_s:7.2f} pages/s"
              f"  ({warm.cache_hits} from cache)")

    if not (naive_v == cold_v == warm_v == 0):
        print(f"unexpected violations: naive {naive_v}, cold {cold_v}, warm {warm_v}", file=sys.stderr)
        return 1
    speedup, warm_ratio = naive_s / cold_s, cold_s / warm_s
    print(f"pool vs naive: {speedup:.1f}x (target >= 5x); warm vs cold: {warm_ratio:.1f}x (target >= 20x)")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": len(pages), "workers": args.workers, "cores": os.cpu_count(),
            "naive_s": naive_s, "cold_s": cold_s, "warm_s": warm_s,
            "pool_vs_naive": speedup, "warm_vs_cold": warm_ratio,
        }, indent=2) + "\n")
    return 0 if speedup >= 5 and warm_ratio >= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
