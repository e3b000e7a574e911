"""The crawler's parts on small local servers: sitemaps, robots.txt, nofollow, redirects, timeouts."""

import gzip
import time

import pytest

from toolkit.crawl.crawl import crawl, normalize_url, page_links
from toolkit.crawl.fetch import Fetcher
from toolkit.crawl.site import page_file
from toolkit.crawl.sitemap import SitemapError, parse_sitemap
from toolkit.errors import InputError

import lxml.html

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_sitemap_and_index_plain_and_gzip():
    urlset = f'<urlset {NS}><url><loc>/a.html</loc></url><url><loc> https://x.org/b.html </loc></url></urlset>'
    assert parse_sitemap(urlset.encode(), "https://x.org/sitemap.xml") == (
        ["https://x.org/a.html", "https://x.org/b.html"], [])
    index = f'<sitemapindex {NS}><sitemap><loc>https://x.org/s1.xml.gz</loc></sitemap></sitemapindex>'
    assert parse_sitemap(gzip.compress(index.encode()), "https://x.org/s.xml") == ([], ["https://x.org/s1.xml.gz"])
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<html></html>", "https://x.org/s.xml")
    with pytest.raises(SitemapError, match="not valid XML"):
        parse_sitemap(b"<urlset", "https://x.org/s.xml")
    entity = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]>' \
             b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url></urlset>'
    assert parse_sitemap(entity, "https://x.org/s.xml")[0] in ([], ["https://x.org/s.xml"])


def test_links_alternates_nofollow_and_base():
    root = lxml.html.document_fromstring(
        '<html><head><base href="/sub/"><link rel="alternate" hreflang="sr" href="../sr/a.html">'
        '<link rel="stylesheet" href="x.css"></head><body><a href="b.html">b</a>'
        '<a href="c.html" rel="nofollow noopener">c</a><a href="#top">top</a></body></html>')
    assert page_links(root, "http://h/en/a.html", True) == ["http://h/sr/a.html", "http://h/sub/b.html", "http://h/sub/#top"]
    assert page_links(root, "http://h/en/a.html", False) == ["http://h/sr/a.html"]
    meta = lxml.html.document_fromstring('<html><head><meta name="robots" content="noindex, nofollow"></head>'
                                         '<body><a href="b.html">b</a></body></html>')
    assert page_links(meta, "http://h/", True) == []
    assert normalize_url("HTTP://H.org/a#x") == "http://h.org/a"
    assert page_file("http://h/sr/news/", "/") == "sr/news/index.html"
    assert page_file("http://h/sr/about", "/") == "sr/about/index.html"
    assert page_file("http://h/other/sr/a.html", "/site/") is None


@pytest.fixture
def slow_site(tmp_path, serve):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<html lang="en"><body><a href="slow.html">slow</a> <a href="hop.html">hop</a> '
        '<a href="report.pdf">pdf</a> <a href="https://elsewhere.example/">out</a></body></html>')
    (tmp_path / "en" / "slow.html").write_text("<html><body>late</body></html>")
    (tmp_path / "en" / "final.html").write_text("<html lang='en'><body>here</body></html>")

    return serve(tmp_path, redirects={"/en/hop.html": "/en/hop2.html", "/en/hop2.html": "/en/final.html"},
                 delays={"/en/slow.html": 1.5})


def test_timeouts_and_redirect_chains_are_findings(slow_site):
    result = crawl(slow_site.url + "/en/index.html", Fetcher(timeout=0.5), None, concurrency=2)
    assert sorted(p.final_url.rsplit("/", 1)[1] for p in result.pages) == ["final.html", "index.html"]
    by_check = {f.check: f for f in result.findings}
    assert by_check["fetch-timeout"].path.endswith("/en/slow.html") and by_check["fetch-timeout"].severity == "error"
    chain = by_check["redirect-chain"]
    assert chain.severity == "warning" and "2 redirect(s)" in chain.message
    assert not [p for p in slow_site.log if p.endswith(".pdf")]
    assert [p.locale for p in result.pages] == ["en", "en"]


def test_bad_options_are_input_errors(slow_site):
    with pytest.raises(InputError, match="--include"):
        crawl(slow_site.url + "/en/index.html", Fetcher(), None, include=["("])
    with pytest.raises(InputError, match="not an http"):
        crawl("ftp://x/", Fetcher(), None)
    with pytest.raises(InputError, match="max-pages"):
        crawl(slow_site.url + "/", Fetcher(), None, max_pages=0)


def test_the_crawl_checks_are_registered_with_the_severities_the_crawler_uses():
    from toolkit.checks.registry import REGISTRY, checks_of
    from toolkit.crawl.crawl import SEVERITY

    declared = {c.id: c.severity for c in checks_of("crawl")}
    assert declared == SEVERITY
    assert all(REGISTRY[id].family == "crawl" for id in declared)


def test_links_to_the_configured_site_url_are_followed_on_the_crawled_origin(tmp_path, serve):
    from types import SimpleNamespace

    (tmp_path / "en").mkdir()
    (tmp_path / "sr").mkdir()
    (tmp_path / "en" / "a.html").write_text(
        '<html lang="en"><head><link rel="alternate" hreflang="sr" href="https://www.example.org/sr/a.html">'
        '</head></html>')
    (tmp_path / "sr" / "a.html").write_text('<html lang="sr"></html>')
    server = serve(tmp_path)
    config = SimpleNamespace(site_url="https://www.example.org", all_locales=(), url_dir=None)
    result = crawl(server.url + "/en/a.html", Fetcher(), config, sitemap=False)
    assert [p.final_url for p in result.pages] == [server.url + "/en/a.html", server.url + "/sr/a.html"]
