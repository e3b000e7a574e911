"""--sitemap and --crawl against the built example site served on 127.0.0.1.

The served folder is the build plus: a root page linking into the site, a page
under /private/ that robots.txt disallows (linked and listed in the sitemap),
a link and a sitemap entry that answer 404, and a URL that redirects.  The
sitemap leaves out the cookie pages: they are only linked.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CRAWL_IDS = {"http-error", "redirect-chain", "fetch-timeout", "robots-disallowed"}


def toolkit(project, *args, env=None):
    return subprocess.run([sys.executable, "-m", "toolkit", "-C", str(project), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def site(built_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    shutil.copytree(built_site / "build" / "site", folder, dirs_exist_ok=True)
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    (folder / "private").mkdir()
    (folder / "private" / "drafts.html").write_text("<!doctype html><html lang=en><title>x</title></html>")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>SEESAC</title></head><body>'
        '<a href="en/index.html">English</a> <a href="private/drafts.html">Drafts</a> '
        '<a href="missing.html">Gone</a> <a href="old-news.html">Old news</a> '
        '<a href="en/nofollow-only.html" rel="nofollow">Not followed</a></body></html>')
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    return folder, pages


def sitemap_xml(base, paths):
    urls = "".join(f"<url><loc>{base}/{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


@pytest.fixture
def server(site, serve, tmp_path):
    folder, pages = site
    server = serve(folder, redirects={"/old-news.html": "/en/news/index.html"})
    listed = [p for p in pages if not p.endswith("cookies.html") and p.startswith("en/")]
    import gzip
    (folder / "sitemap-pages.xml.gz").write_bytes(gzip.compress(sitemap_xml(server.url, [
        *listed, "private/drafts.html", "missing.html", "old-news.html"]).encode()))
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{server.url}/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>')
    return server


def page_findings(report, base):
    """Page-check findings as (check, severity, path inside the site, message, target)."""
    rows = set()
    for f in report["findings"]:
        if f["check"] in CRAWL_IDS:
            continue
        path = f["path"].replace(base, "").lstrip("/")
        rows.add((f["check"], f["severity"], path, f["message"].replace(base + "/", ""), f["line"], f["target"]))
    return rows


def folder_findings(built_site, folder):
    result = toolkit(built_site, "check", folder, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    base = str(folder.resolve().relative_to(built_site.resolve())) if folder.resolve().is_relative_to(built_site.resolve()) else str(folder.resolve())
    return page_findings(report, base)


def fetched(server):
    return {path.split("?")[0] for path in server.log}


def test_crawl_finds_every_linked_page_and_never_requests_the_disallowed_one(built_site, site, server):
    folder, pages = site
    result = toolkit(built_site, "check", "--crawl", server.url + "/", "--format", "json", "--concurrency", "3")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    requested = fetched(server)
    assert "/private/drafts.html" not in requested and "/en/nofollow-only.html" not in requested
    assert {f"/{p}" for p in pages} <= requested
    assert requested - {f"/{p}" for p in pages} == {"/", "/robots.txt", "/missing.html", "/old-news.html"}
    by_check = {}
    for f in report["findings"]:
        by_check.setdefault(f["check"], []).append(f)
    assert [f["path"] for f in by_check["robots-disallowed"]] == [server.url + "/private/drafts.html"]
    assert by_check["robots-disallowed"][0]["severity"] == "info"
    assert [(f["path"], f["severity"]) for f in by_check["http-error"]] == [(server.url + "/missing.html", "error")]
    assert [f["path"] for f in by_check["redirect-chain"]] == [server.url + "/old-news.html"]
    assert "linked from " + server.url + "/" in by_check["http-error"][0]["message"]
    # Page findings are those of the same run on the folder itself.
    build = built_site / "build" / "site"
    assert page_findings(report, server.url) == folder_findings(built_site, build)
    assert result.returncode == 1  # the 404 is an error


def test_sitemap_finds_the_listed_pages_and_their_language_versions(built_site, site, server, tmp_path):
    folder, pages = site
    result = toolkit(built_site, "check", "--sitemap", server.url + "/sitemap.xml", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    requested = fetched(server)
    assert "/private/drafts.html" not in requested
    expected = {f"/{p}" for p in pages if not p.endswith("cookies.html")}  # hreflang alternates followed
    assert requested == expected | {"/robots.txt", "/sitemap.xml", "/sitemap-pages.xml.gz", "/missing.html",
                                    "/old-news.html"}
    ids = sorted(f["check"] for f in report["findings"] if f["check"] in CRAWL_IDS)
    assert ids == ["http-error", "redirect-chain", "robots-disallowed"]
    # The same run on a folder of exactly those pages.
    subset = tmp_path / "subset"
    for page in expected:
        (subset / page[1:]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / page[1:], subset / page[1:])
    assert page_findings(report, server.url) == folder_findings(built_site, subset)


def test_max_pages_include_exclude(built_site, server):
    result = toolkit(built_site, "check", "--crawl", server.url + "/en/index.html", "--max-pages", "3",
                     "--format", "json")
    assert "3 page(s) fetched" in result.stderr
    server.log.clear()
    result = toolkit(built_site, "check", "--crawl", server.url + "/en/index.html", "--include", "/sr/",
                     "--exclude", "/mk/", "--format", "json")
    assert "5 page(s) fetched" in result.stderr, result.stderr
    assert not [p for p in fetched(server) if p.startswith("/mk/")]
    report = json.loads(result.stdout)
    assert {f["path"].split("/")[3] for f in report["findings"]} <= {"sr"}
