"""A loopback HTTP server for built pages: real http:// URLs without file:// quirks."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class PageServer:
    """Serve ``root`` on 127.0.0.1 (or ``host``) at a free port, in a background thread.

    Use as a context manager; ``url_for(path)`` gives the URL of a file under ``root``.
    A Selenium Grid on other machines cannot reach loopback: give ``host`` an
    address of this machine that the Grid nodes can reach.
    """

    def __init__(self, root: Path | str, host: str = "127.0.0.1"):
        self.root = Path(root).resolve()
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self._server = ThreadingHTTPServer((host, 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="a11y-http",
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def url_for(self, path: Path | str) -> str:
        relative = Path(path).resolve().relative_to(self.root)
        return self.base_url + quote(relative.as_posix())

    def start(self) -> "PageServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "PageServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
