"""A local site server for the live-site tests: a folder on 127.0.0.1 with robots.txt,
a sitemap, a redirect, optional basic auth and a required header, and a log of every request."""

import base64
import functools
import gzip
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class SiteHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    redirects: dict = {}
    auth: str | None = None  # "user:password"
    required_header: tuple | None = None
    log: list
    delays: dict = {}  # path -> seconds before answering

    def log_message(self, format, *args):  # noqa: A002
        pass

    def send_head(self):
        self.log.append(self.path)
        if self.path in self.delays:
            time.sleep(self.delays[self.path])
        if self.auth is not None:
            expected = "Basic " + base64.b64encode(self.auth.encode()).decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="staging"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        if self.required_header is not None and self.headers.get(self.required_header[0]) != self.required_header[1]:
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        path = self.path.split("?")[0]
        if path in self.redirects:
            self.send_response(301)
            self.send_header("Location", self.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()


class SiteServer:
    def __init__(self, folder: Path, **settings):
        self.log: list[str] = []
        handler = type("Handler", (SiteHandler,), {"log": self.log, **settings})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The example site, built once (compile, then build) into a temporary project copy."""
    project = tmp_path_factory.mktemp("built")
    for name in ("pyproject.toml", "i18n", "locales", "site"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    for verb in ("compile", "build"):
        subprocess.run([sys.executable, "-m", "toolkit", "-C", str(project), verb],
                       cwd=ROOT, check=True, capture_output=True)
    return project


@pytest.fixture
def serve():
    servers = []

    def start(folder, **settings):
        server = SiteServer(folder, **settings).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()
