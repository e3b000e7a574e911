"""sitemap.xml and sitemap indexes (sitemaps.org 0.9), plain or gzip-compressed."""

from __future__ import annotations

import gzip
import zlib
from urllib.parse import urljoin

from lxml import etree

from .fetch import Fetcher, Response

MAX_SITEMAPS = 1000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


class SitemapError(Exception):
    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_sitemap(body: bytes, url: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of one sitemap or sitemap index document."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError, zlib.error) as error:
            raise SitemapError(url, f"not a valid gzip file ({error})") from error
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise SitemapError(url, f"not valid XML: {error}") from error
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(url, f"not a sitemap (root element <{kind}>, expected <urlset> or <sitemapindex>)")
    locations = []
    for child in root:
        if _local(child.tag) not in ("url", "sitemap"):
            continue
        for field in child:
            if _local(field.tag) == "loc" and (field.text or "").strip():
                locations.append(urljoin(url, field.text.strip()))
    return (locations, []) if kind == "urlset" else ([], locations)


def read_sitemap(url: str, fetcher: Fetcher, allowed=lambda url: True
                 ) -> tuple[list[str], list[Response], list[str]]:
    """Every page URL of the sitemap at ``url`` (indexes followed, each sitemap once).

    Returns (page URLs in document order, failed sitemap responses, sitemaps
    robots.txt kept out).  A sitemap that is not one raises :class:`SitemapError`.
    """
    pages: list[str] = []
    failed: list[Response] = []
    disallowed: list[str] = []
    queue, seen = [url], {url}
    while queue and len(seen) <= MAX_SITEMAPS:
        current = queue.pop(0)
        if not allowed(current):
            disallowed.append(current)
            continue
        response = fetcher.get(current)
        if not response.ok:
            if current == url:
                detail = response.error or f"HTTP {response.status}"
                raise SitemapError(url, f"cannot read the sitemap ({detail})")
            failed.append(response)
            continue
        found, children = parse_sitemap(response.body, response.final_url)
        pages.extend(found)
        for child in children:
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return list(dict.fromkeys(pages)), failed, disallowed
