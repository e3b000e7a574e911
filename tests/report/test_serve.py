"""``toolkit serve``: the built site and the report on loopback, language switcher included."""

import http.client
import os
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from tests.helpers import copy_example_project
from toolkit.cli import main
from toolkit.serve import PreviewServer

REPORT_TEXT = "<!DOCTYPE html><html lang=\"en\"><title>report</title><h1>The report</h1></html>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_example_project(tmp_path_factory.mktemp("serve-project"))
    assert main(["-C", str(root), "compile"]) == 0
    assert main(["-C", str(root), "build"]) == 0
    (root / "build" / "report").mkdir()
    (root / "build" / "report" / "index.html").write_text(REPORT_TEXT, encoding="utf-8")
    (root / "secret.txt").write_text("outside the served folders")
    return root


def fetch(base: str, path: str) -> tuple[int, dict, bytes]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_site_report_redirects_and_switcher(built):
    with PreviewServer(built / "build" / "site", built / "build" / "report", port=0) as server:
        assert server.address[0] == "127.0.0.1"
        base = server.url

        status, headers, _ = fetch(base, "/")
        assert status == 302 and headers["Location"] == "/en/"
        status, _, body = fetch(base, "/en/")
        assert status == 200 and b"language-switcher" in body

        status, _, body = fetch(base, "/en/index.html")
        assert status == 200
        english = lxml_html.fromstring(body)
        assert english.get("lang") == "en"
        status, _, body = fetch(base, "/sr/index.html")
        assert status == 200 and lxml_html.fromstring(body).get("lang") == "sr-Cyrl"

        # Follow the switcher from English to Serbian Latin, as a reader would.
        switcher = english.cssselect("nav.language-switcher a[hreflang='sr-Latn']")
        assert len(switcher) == 1
        target = urlsplit(urljoin(base + "en/index.html", switcher[0].get("href"))).path
        assert target == "/sr_Latn/index.html"
        status, _, body = fetch(base, target)
        page = lxml_html.fromstring(body)
        assert status == 200 and page.get("lang") == "sr-Latn"
        # ... and back to English from there.
        back = page.cssselect("nav.language-switcher a[hreflang='en']")[0].get("href")
        status, _, body = fetch(base, urlsplit(urljoin(base + target.lstrip("/"), back)).path)
        assert status == 200 and lxml_html.fromstring(body).get("lang") == "en"

        status, _, body = fetch(base, "/report/")
        assert status == 200 and body.decode() == REPORT_TEXT
        status, headers, _ = fetch(base, "/report")
        assert status == 301 and headers["Location"] == "/report/"
        static = next(p for p in sorted((built / "build/site/static").rglob("*")) if p.is_file())
        status, _, body = fetch(base, "/" + static.relative_to(built / "build/site").as_posix())
        assert status == 200 and body == static.read_bytes()

        for escape in ("/../secret.txt", "/report/../../secret.txt", "/report/%2e%2e/%2e%2e/secret.txt"):
            status, _, body = fetch(base, escape)
            assert b"outside the served folders" not in body and status == 404, escape


def test_cli_serves_on_loopback_until_stopped(built):
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "-C", str(built), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("serving build/site at http://127.0.0.1:"), first
        base = first.split(" at ", 1)[1].strip()
        assert process.stdout.readline().strip() == f"the report is at {base}report/"
        status, _, body = fetch(base, "/en/index.html")
        assert status == 200 and b'lang="en"' in body
        status, _, body = fetch(base, "/report/index.html")
        assert status == 200 and b"The report" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def test_cli_refuses_a_missing_site_and_a_bad_port(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nlocales = ["sr"]\n')
    assert main(["-C", str(tmp_path), "serve", "--port", "0"]) == 2
    assert "toolkit build" in capsys.readouterr().err
    (tmp_path / "build" / "site").mkdir(parents=True)
    assert main(["-C", str(tmp_path), "serve", "--port", "70000"]) == 2
    assert "--port 70000" in capsys.readouterr().err
