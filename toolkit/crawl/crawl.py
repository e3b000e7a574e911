"""Fetch a running site's pages: from its sitemap, or by following links from one URL.

Both modes stay on the start URL's origin, honour robots.txt (a disallowed URL
is never requested, not even when the sitemap lists it: it is reported as
skipped), follow ``hreflang`` alternates (so each page's other language
versions are there to compare with) and run ``concurrency`` requests at a time.
``--crawl`` also follows ``<a href>`` links, except ``rel="nofollow"`` ones and
those of a page whose ``<meta name="robots">`` says ``nofollow``.

hreflang alternates on the configured ``site-url`` (a staging copy's pages name
the production site there) are followed on the crawled origin instead.

``include``/``exclude`` are regular expressions searched in the URL: an excluded
URL is never requested; with ``include`` given, only matching pages are
returned (the others are still read to find links).  ``max_pages`` caps the
pages returned.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from ..errors import InputError
from ..findings import Finding
from ..locales import tag_to_code
from .fetch import Fetcher, Response, origin
from .robots import Robots
from .sitemap import SitemapError, read_sitemap

# The crawl family's checks (declared for `toolkit checks` in toolkit/checks/crawl.py).
HTTP_ERROR, REDIRECT, TIMEOUT, ROBOTS = "http-error", "redirect-chain", "fetch-timeout", "robots-disallowed"
SEVERITY = {HTTP_ERROR: "error", REDIRECT: "warning", TIMEOUT: "error", ROBOTS: "info"}


def finding(check: str, message: str, **where) -> Finding:
    return Finding(check=check, severity=where.pop("severity", SEVERITY[check]), message=message, **where)


NOT_PAGES = re.compile(
    r"\.(?:css|js|mjs|json|png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|"
    r"rar|7z|docx?|xlsx?|pptx?|odt|ods|mp3|mp4|m4a|webm|ogg|ogv|wav|avi|mov|xml|rss|atom|txt|csv)$",
    re.IGNORECASE,
)


@dataclass
class FetchedPage:
    url: str  # as listed or linked
    final_url: str  # after redirects
    status: int
    headers: dict[str, str] = field(repr=False)
    html: bytes = field(repr=False)
    locale: str | None = None  # gettext code, from the URL prefix, else <html lang>

    def validators(self) -> dict[str, str]:
        return {name: self.headers[name] for name in ("etag", "last-modified") if name in self.headers}


@dataclass
class CrawlResult:
    start: str
    pages: list[FetchedPage]
    findings: list[Finding]
    skipped: list[str]  # disallowed by robots.txt
    requested: int = 0
    seconds: float = 0.0


def normalize_url(url: str) -> str:
    """Fragment dropped, scheme and host lower-cased, an empty path made ``/``."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _compile(patterns, option: str) -> list[re.Pattern]:
    compiled = []
    for pattern in patterns or ():
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise InputError(f"{option} {pattern!r}: not a regular expression ({error})") from error
    return compiled


class _Locales:
    """Guess a page's locale: the first URL folder when it is a configured locale's, else ``<html lang>``."""

    def __init__(self, config):
        locales = list(getattr(config, "all_locales", ()) or ())
        url_dir = getattr(config, "url_dir", None)
        self.by_folder = {(url_dir(l) if url_dir else l.code): l.code for l in locales}
        self.by_tag = {}
        for locale in locales:
            self.by_tag[locale.tag.lower()] = locale.code
            self.by_tag[locale.code.lower()] = locale.code
            self.by_tag[locale.code.lower().replace("_", "-")] = locale.code

    def guess(self, url: str, root: etree._Element | None) -> str | None:
        for segment in urlsplit(url).path.split("/"):
            if segment in self.by_folder:
                return self.by_folder[segment]
        lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "") if root is not None else ""
        lang = lang.strip()
        if not lang:
            return None
        return self.by_tag.get(lang.lower()) or tag_to_code(lang)


def page_links(root: etree._Element, base: str, follow_anchors: bool) -> list[str]:
    """hreflang alternates, then (when followed) ``<a href>`` links that are not rel=nofollow."""
    for element in root.iter("base"):
        if element.get("href"):
            base = urljoin(base, element.get("href").strip())
            break
    links = []
    for element in root.iter("link"):
        rels = (element.get("rel") or "").lower().split()
        if "alternate" in rels and element.get("hreflang") is not None and element.get("href"):
            links.append(urljoin(base, element.get("href").strip()))
    if follow_anchors and not _meta_nofollow(root):
        for element in root.iter("a", "area"):
            href = element.get("href")
            if not href or "nofollow" in (element.get("rel") or "").lower().split():
                continue
            links.append(urljoin(base, href.strip()))
    return links


def _meta_nofollow(root: etree._Element) -> bool:
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("robots", "toolkit") and "nofollow" in (meta.get("content") or "").lower():
            return True
    return False


def _parse(body: bytes) -> etree._Element | None:
    if not body.strip():
        return None
    try:
        return lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None


def crawl(start: str, fetcher: Fetcher, config=None, *, sitemap: bool = False, max_pages: int | None = None,
          include=(), exclude=(), concurrency: int = 4, robots: bool = True,
          on_page=None) -> CrawlResult:
    """Fetch the site's pages from ``start`` (a page URL, or with ``sitemap`` the sitemap's URL)."""
    began = time.perf_counter()
    start = normalize_url(start)
    if urlsplit(start).scheme not in ("http", "https") or not urlsplit(start).netloc:
        raise InputError(f"{start}: not an http(s) URL")
    if max_pages is not None and max_pages < 1:
        raise InputError("--max-pages must be at least 1")
    if concurrency < 1:
        raise InputError("--concurrency must be at least 1")
    includes, excludes = _compile(include, "--include"), _compile(exclude, "--exclude")
    site = origin(start)
    if fetcher.auth_origin is None:
        fetcher.auth_origin = site
    rules = Robots(fetcher, enabled=robots)
    locales = _Locales(config)
    findings: list[Finding] = []
    skipped: list[str] = []
    lock = threading.Lock()

    def excluded(url: str) -> bool:
        return any(p.search(url) for p in excludes)

    def included(url: str) -> bool:
        return not includes or any(p.search(url) for p in includes)

    seeds: list[tuple[str, str | None]]
    if sitemap:
        try:
            listed, failed, blocked = read_sitemap(start, fetcher, rules.allowed)
        except SitemapError as error:
            raise InputError(str(error)) from error
        for response in failed:
            findings.extend(response_findings(response, "the sitemap index"))
        for url in blocked:
            skipped.append(url)
            findings.append(finding(ROBOTS, f"robots.txt disallows the sitemap {url}; not requested", path=url))
        seeds = [(normalize_url(u), f"the sitemap {start}") for u in listed if origin(u) == site]
        for url in listed:
            if origin(url) != site:
                findings.append(finding(ROBOTS, f"the sitemap lists {url}, outside {site}; not requested",
                                               path=url, severity="warning"))
    else:
        seeds = [(start, None)]

    seen: set[str] = set()
    final_seen: set[str] = set()
    pages: list[tuple[int, FetchedPage]] = []
    order = 0
    frontier: list[tuple[str, str | None]] = []

    # A staging copy's hreflang alternates often name the production site: for them, the
    # configured site-url's origin stands for the origin being crawled.
    site_url = getattr(config, "site_url", "") or ""
    alias = origin(site_url) + "/" if urlsplit(site_url).netloc and origin(site_url) != site else None

    def offer(url: str, referrer: str | None, alternate: bool = False) -> None:
        url = normalize_url(url)
        if alternate and alias and url.startswith(alias):
            url = site + url[len(alias) - 1:]
        parts = urlsplit(url)
        if origin(url) != site or parts.scheme not in ("http", "https") or url in seen:
            return
        seen.add(url)
        if excluded(url) or NOT_PAGES.search(parts.path):
            return
        if not rules.allowed(url):
            skipped.append(url)
            where = f" (linked from {referrer})" if referrer else ""
            findings.append(finding(ROBOTS, f"robots.txt disallows {url}{where}; not requested", path=url))
            return
        frontier.append((url, referrer))

    for url, referrer in seeds:
        offer(url, referrer)
    delay = rules.crawl_delay(start)
    workers = 1 if delay else concurrency

    def enough() -> bool:
        return max_pages is not None and len(pages) >= max_pages

    def fetch(url: str) -> Response:
        if delay:
            time.sleep(delay)
        return fetcher.get(url)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl") as executor:
        running: dict = {}
        while (frontier or running) and not enough():
            while frontier and len(running) < workers * 2 and not enough():
                url, referrer = frontier.pop(0)
                running[executor.submit(fetch, url)] = (url, referrer, order)
                order += 1
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f][2]):
                url, referrer, rank = running.pop(future)
                response: Response = future.result()
                findings.extend(response_findings(response, referrer))
                if not response.ok or not response.is_html:
                    continue
                final = normalize_url(response.final_url)
                if origin(final) != site:
                    continue
                root = _parse(response.body)
                links = page_links(root, response.final_url, follow_anchors=not sitemap) if root is not None else []
                alternates = len(page_links(root, response.final_url, follow_anchors=False)) if links else 0
                for number, link in enumerate(links):
                    offer(link, url, alternate=number < alternates)
                with lock:
                    if final in final_seen or not included(final) or enough():
                        continue
                    final_seen.add(final)
                    seen.add(final)
                    page = FetchedPage(url=url, final_url=final, status=response.status, headers=response.headers,
                                       html=response.body, locale=locales.guess(final, root))
                    pages.append((rank, page))
                if on_page:
                    on_page(page)
        for future in running:
            future.cancel()
    fetcher.close()
    pages.sort(key=lambda item: item[0])
    if not pages:
        reasons = [rules.refusal(start)] if rules.refusal(start) else []
        reasons += [f"{f.path}: {f.message}" for f in findings if f.severity != "info"][:3]
        raise InputError(f"no page fetched from {start}" + (": " + "; ".join(reasons) if reasons else ""))
    return CrawlResult(start=start, pages=[page for _, page in pages], findings=findings,
                       skipped=skipped, requested=len(fetcher.requests), seconds=time.perf_counter() - began)

def response_findings(response: Response, referrer: str | None) -> list[Finding]:
    """Redirect chains, HTTP errors and timeouts of one fetch, as findings on the requested URL."""
    where = f" (linked from {referrer})" if referrer and not referrer.startswith("the ") else (
        f" (listed in {referrer[4:]})" if referrer else "")
    findings = []
    if response.redirects:
        hops = " -> ".join(f"{status} {location}" for status, location in response.redirects)
        severity = "warning" if len(response.redirects) > 1 else "info"
        findings.append(finding(
            REDIRECT,
            f"{len(response.redirects)} redirect(s): {response.url} -> {hops}{where}",
            path=response.url, severity=severity, extra={"final_url": response.final_url}))
    if response.timed_out:
        findings.append(finding(TIMEOUT, f"{response.error}{where}", path=response.url))
    elif response.error:
        findings.append(finding(HTTP_ERROR, f"no answer: {response.error}{where}", path=response.url))
    elif response.status >= 400:
        findings.append(finding(HTTP_ERROR, f"HTTP {response.status}{where}", path=response.url,
                                           extra={"status": response.status}))
    return findings
