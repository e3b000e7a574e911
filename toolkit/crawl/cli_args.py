"""The live-site options shared by ``toolkit check`` and ``toolkit a11y``, and what they turn into.

``add_live_arguments(parser)`` declares ``--sitemap``, ``--crawl``, ``--max-pages``,
``--include``, ``--exclude``, ``--concurrency``, ``--header`` and ``--cookie``.
Basic auth is never a flag: it comes from ``TOOLKIT_HTTP_USER`` and
``TOOLKIT_HTTP_PASSWORD`` (or ``TOOLKIT_BASIC_AUTH=user:password``).

For ``check``, :class:`LiveSite` saves the fetched pages into a temporary site
folder laid out by URL (``<locale>/<path>.html``), adds it to the paths to
check, and names the findings by URL again.  For ``a11y``,
:func:`live_a11y_pages` gives the fetched URLs as pages to audit.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import InputError
from ..findings import Finding
from .crawl import CrawlResult, crawl
from .fetch import Fetcher, basic_auth_from_env, origin, parse_cookie, parse_header
from .site import map_findings, write_site

CRAWL_CHECKS = ("http-error", "redirect-chain", "fetch-timeout", "robots-disallowed")
DEFAULT_CONCURRENCY = 4


def add_live_arguments(parser) -> None:
    group = parser.add_argument_group(
        "live site", "check a running site instead of files; basic auth from TOOLKIT_HTTP_USER and "
                     "TOOLKIT_HTTP_PASSWORD (or TOOLKIT_BASIC_AUTH=user:password)")
    where = group.add_mutually_exclusive_group()
    where.add_argument("--sitemap", metavar="URL", help="the pages listed in this sitemap.xml or sitemap index (gzip too)")
    where.add_argument("--crawl", metavar="URL", help="the pages reached by following links from this URL, same origin")
    group.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages")
    group.add_argument("--include", action="append", metavar="REGEX",
                       help="only pages whose URL matches (repeatable; others are still read for links)")
    group.add_argument("--exclude", action="append", metavar="REGEX",
                       help="never request URLs that match (repeatable)")
    group.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY, metavar="N",
                       help=f"requests at a time (default: {DEFAULT_CONCURRENCY}; 1 when robots.txt sets a Crawl-delay)")
    group.add_argument("--header", action="append", metavar="'NAME: VALUE'",
                       help="send this request header (repeatable), to the start URL's origin only")
    group.add_argument("--cookie", action="append", metavar="NAME=VALUE",
                       help="send this cookie (repeatable), to the start URL's origin only")


def is_live(args) -> bool:
    return bool(getattr(args, "sitemap", None) or getattr(args, "crawl", None))


def fetcher_from_args(args, timeout: float = 15.0) -> Fetcher:
    headers = [parse_header(text) for text in (getattr(args, "header", None) or [])]
    cookies = [parse_cookie(text) for text in (getattr(args, "cookie", None) or [])]
    start = args.sitemap or args.crawl
    return Fetcher(headers=headers, cookies=cookies, auth=basic_auth_from_env(),
                   auth_origin=origin(start), timeout=timeout)


def crawl_from_args(args, config, fetcher: Fetcher | None = None) -> CrawlResult:
    if not is_live(args):
        raise InputError("give --sitemap URL or --crawl URL")
    fetcher = fetcher or fetcher_from_args(args)
    result = crawl(args.sitemap or args.crawl, fetcher, config, sitemap=bool(args.sitemap),
                   max_pages=args.max_pages, include=args.include or (), exclude=args.exclude or (),
                   concurrency=args.concurrency)
    print(f"toolkit: {len(result.pages)} page(s) fetched from {result.start} "
          f"({result.requested} request(s), {len(result.skipped)} disallowed by robots.txt, "
          f"{result.seconds:.1f} s)", file=sys.stderr)
    return result


class LiveSite:
    """For ``toolkit check``: with ``--sitemap``/``--crawl``, the fetched pages as one more site folder.

    ``with LiveSite(args, config) as live:`` appends the folder to ``args.paths``;
    ``live.finish(findings, checked)`` names findings by URL and adds the fetch's own.
    Without those options it does nothing.
    """

    def __init__(self, args, config):
        self.args = args
        self.config = config
        self.folder: Path | None = None
        self.result: CrawlResult | None = None
        self._written: dict[str, str] = {}

    def __enter__(self) -> "LiveSite":
        if not is_live(self.args):
            return self
        self.result = crawl_from_args(self.args, self.config)
        self.folder = Path(tempfile.mkdtemp(prefix="toolkit-live-")).resolve()
        folders = {self.config.url_dir(l) for l in self.config.all_locales}
        self._written = write_site(self.result.pages, self.folder, folders)
        if not any(p.is_dir() for p in self.folder.iterdir()):
            # No page sits in a locale folder: save them under the source locale's.
            shutil.rmtree(self.folder)
            self.folder.mkdir()
            source = self.config.url_dir(self.config.source)
            self._written = write_site(self.result.pages, self.folder / source, set())
        self.args.paths = [*(self.args.paths or []), self.folder]
        return self

    def finish(self, findings: list[Finding], checked: list[str]) -> tuple[list[Finding], list[str]]:
        if self.result is None:
            return findings, checked
        display = self.config.relative(self.folder)
        mapped = map_findings(findings, self.folder, self._written, display)
        checked = [self.result.start if c == display else c for c in checked]
        return [*self.result.findings, *mapped], checked

    def __exit__(self, *exc) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def live_a11y_pages(args, config, collect_pages, page_source) -> tuple[list, list[Finding]]:
    """For ``toolkit a11y``: (pages to audit, the fetch's findings).

    Without ``--sitemap``/``--crawl`` this is ``collect_pages(config, args.inputs)``;
    ``page_source`` makes one page to audit (the a11y stage's ``PageSource``).
    Live pages carry the bytes fetched and their validators (the cache keys on
    them) and the run's credentials (the browser sends them to the same origin).
    """
    if not is_live(args):
        return collect_pages(config, args.inputs), []
    fetcher = fetcher_from_args(args)
    result = crawl_from_args(args, config, fetcher)
    pages = collect_pages(config, args.inputs) if args.inputs else []
    seen = {p.path for p in pages}
    for page in result.pages:
        if page.final_url in seen:
            continue
        seen.add(page.final_url)
        pages.append(page_source(path=page.final_url, locale=page.locale, url=page.final_url,
                                body=page.html, validators=page.validators(), fetcher=fetcher))
    if not pages:
        raise InputError(f"{result.start}: no page to check")
    return pages, result.findings
