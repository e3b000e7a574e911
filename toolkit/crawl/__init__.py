"""Pages from a running site: sitemap, robots.txt, an HTTP client and a same-origin crawler.

``toolkit check`` and ``toolkit a11y`` take ``--sitemap URL`` or ``--crawl URL``
(see :mod:`toolkit.crawl.cli_args`); :func:`~toolkit.crawl.crawl.crawl` returns
the fetched pages and the findings of the fetch itself (HTTP errors, redirect
chains, timeouts, pages robots.txt keeps out).
"""

from .crawl import CrawlResult, FetchedPage, crawl
from .fetch import Fetcher, Response

__all__ = ["CrawlResult", "FetchedPage", "Fetcher", "Response", "crawl"]
