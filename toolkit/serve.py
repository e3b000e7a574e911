"""Static HTTP servers on loopback, each in a background thread.

:class:`PageServer` gives built pages real http:// URLs for the browser (no
file:// quirks); :class:`PreviewServer` is ``toolkit serve``: the built site,
``/`` redirected to the source locale's home page and the report under
``/report/``.  Both bind to loopback unless told otherwise.
"""

from __future__ import annotations

import functools
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
REPORT_PREFIX = "report"


class BackgroundServer:
    """A ThreadingHTTPServer that serves in a daemon thread; use it as a context manager."""

    thread_name = "toolkit-http"

    def __init__(self, handler, host: str = DEFAULT_HOST, port: int = 0):
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted or :meth:`stop`."""
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            self._server.server_close()

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class PageServer(BackgroundServer):
    """Serve ``root`` at a free port; ``url_for(path)`` is the URL of a file under ``root``.

    A Selenium Grid on other machines cannot reach loopback: give ``host`` an
    address of this machine that the Grid nodes can reach.
    """

    thread_name = "a11y-http"

    def __init__(self, root: Path | str, host: str = DEFAULT_HOST):
        self.root = Path(root).resolve()
        super().__init__(functools.partial(_QuietHandler, directory=str(self.root)), host)

    def url_for(self, path: Path | str) -> str:
        relative = Path(path).resolve().relative_to(self.root)
        return self.url + quote(relative.as_posix())


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the site folder, with ``/report/`` mapped onto the report folder."""

    def __init__(self, *args, site: Path, report: Path, home: str, quiet: bool, **kwargs):
        self.site = site
        self.report = report
        self.home = home
        self.quiet = quiet
        super().__init__(*args, directory=str(site), **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self._redirect_root():
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._redirect_root():
            return
        super().do_HEAD()

    def _redirect_root(self) -> bool:
        path = urlsplit(self.path).path
        if path not in ("", "/", "/index.html"):
            return False
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", self.home)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def translate_path(self, path: str) -> str:
        # The base class resolves against ``self.directory`` and drops ".." parts,
        # so swapping the directory for /report/ keeps requests inside that folder.
        raw = urlsplit(path).path
        prefix = "/" + REPORT_PREFIX
        if raw == prefix or raw.startswith(prefix + "/"):
            site_directory = self.directory
            self.directory = str(self.report)
            try:
                return super().translate_path(raw[len(prefix):] or "/")
            finally:
                self.directory = site_directory
        return super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if not self.quiet:
            super().log_message(format, *args)


class PreviewServer(BackgroundServer):
    """Serve ``site`` (and ``report`` under ``/report/``); ``port=0`` picks a free port."""

    thread_name = "toolkit-serve"

    def __init__(self, site: Path | str, report: Path | str, *, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT, home: str = "en", quiet: bool = True):
        self.site = Path(site).resolve()
        self.report = Path(report).resolve()
        handler = functools.partial(PreviewHandler, site=self.site, report=self.report,
                                    home=f"/{home}/", quiet=quiet)
        super().__init__(handler, host, port)
