"""A small HTTP client for crawling: keep-alive per thread, redirects recorded, never raises.

Requests carry the configured headers and cookies; HTTP basic auth comes from
the environment (``TOOLKIT_HTTP_USER`` and ``TOOLKIT_HTTP_PASSWORD``, or one
``TOOLKIT_BASIC_AUTH=user:password``) and is sent only to the origin the run
started on.  Neither credentials nor header values appear in a
:class:`Response`, a ``repr`` or a finding.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from .. import __version__
from ..errors import InputError

USER_AGENT = f"toolkit/{__version__} (+accessibility and translation checks)"
ROBOTS_AGENT = "toolkit"
MAX_REDIRECTS = 10
MAX_BODY = 20 * 1024 * 1024
REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 0 when no HTTP answer arrived
    headers: dict[str, str] = field(default_factory=dict, repr=False)  # response headers, lower-case names
    body: bytes = field(default=b"", repr=False)
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, location) per hop
    error: str | None = None
    timed_out: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        kind = self.content_type
        return kind in ("text/html", "application/xhtml+xml") or (not kind and self.body.lstrip()[:1] == b"<")

    def validators(self) -> dict[str, str]:
        """ETag and Last-Modified, where the server sent them."""
        return {name: self.headers[name] for name in ("etag", "last-modified") if name in self.headers}


def parse_header(text: str) -> tuple[str, str]:
    """``"Name: value"`` → ``("Name", "value")``; an InputError otherwise."""
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep or not name or any(c in name for c in " \t\r\n") or any(c in value for c in "\r\n"):
        raise InputError(f"--header {name or text!r}...: expected \"Name: value\"")
    return name, value.strip()


def parse_cookie(text: str) -> tuple[str, str]:
    """``"name=value"`` → ``("name", "value")``; an InputError otherwise."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or any(c in text for c in ";\r\n"):
        raise InputError(f"--cookie {name or text!r}...: expected name=value")
    return name, value.strip()


def basic_auth_from_env(environ=None) -> tuple[str, str] | None:
    """(user, password) from ``TOOLKIT_HTTP_USER``/``TOOLKIT_HTTP_PASSWORD`` or ``TOOLKIT_BASIC_AUTH``."""
    environ = os.environ if environ is None else environ
    user, password = environ.get("TOOLKIT_HTTP_USER"), environ.get("TOOLKIT_HTTP_PASSWORD")
    if user:
        return user, password or ""
    combined = environ.get("TOOLKIT_BASIC_AUTH")
    if combined:
        user, sep, password = combined.partition(":")
        if not sep:
            raise InputError("TOOLKIT_BASIC_AUTH must be user:password")
        return user, password
    return None


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class _Secret:
    """A value that never shows itself in a repr, a log line or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<hidden>"

    __str__ = __repr__


class Fetcher:
    """GET pages with the run's headers, cookies and credentials; one keep-alive connection per thread and origin.

    ``auth_origin`` limits basic auth (and the extra headers and cookies) to one
    origin, so a redirect to another host never receives them.
    """

    def __init__(self, headers: list[tuple[str, str]] | None = None,
                 cookies: list[tuple[str, str]] | None = None,
                 auth: tuple[str, str] | None = None, auth_origin: str | None = None,
                 timeout: float = 15.0, max_redirects: int = MAX_REDIRECTS):
        self._headers = [(name, _Secret(value)) for name, value in (headers or [])]
        self._cookie = _Secret("; ".join(f"{n}={v}" for n, v in cookies)) if cookies else None
        self._auth = (_Secret("Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii"))
                      if auth else None)
        self.auth_origin = auth_origin
        self.timeout = timeout
        self.max_redirects = max_redirects
        self._local = threading.local()
        self.requests: list[str] = []  # every URL requested, in order (for tests and counts)
        self._lock = threading.Lock()

    @property
    def has_credentials(self) -> bool:
        return bool(self._headers or self._cookie or self._auth)

    def browser_headers(self) -> dict[str, str]:
        """The extra request headers (Authorization included) for a browser on the same origin."""
        headers = {name: value.reveal() for name, value in self._headers}
        if self._auth:
            headers["Authorization"] = self._auth.reveal()
        return headers

    def browser_cookies(self) -> list[tuple[str, str]]:
        if not self._cookie:
            return []
        return [tuple(part.split("=", 1)) for part in self._cookie.reveal().split("; ")]  # type: ignore[misc]

    def _request_headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                   "Accept-Encoding": "gzip, deflate"}
        if self.auth_origin is None or origin(url) == self.auth_origin:
            for name, value in self._headers:
                headers[name] = value.reveal()
            if self._cookie:
                headers["Cookie"] = self._cookie.reveal()
            if self._auth:
                headers["Authorization"] = self._auth.reveal()
        return headers

    # -- connections ------------------------------------------------------------
    def _connection(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        pool = self._local.__dict__.setdefault("connections", {})
        key = (scheme, netloc)
        connection = pool.get(key)
        if connection is None:
            if scheme == "https":
                connection = http.client.HTTPSConnection(netloc, timeout=self.timeout,
                                                         context=ssl.create_default_context())
            else:
                connection = http.client.HTTPConnection(netloc, timeout=self.timeout)
            pool[key] = connection
        return connection

    def _drop(self, scheme: str, netloc: str) -> None:
        pool = self._local.__dict__.setdefault("connections", {})
        connection = pool.pop((scheme, netloc), None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        for connection in self._local.__dict__.get("connections", {}).values():
            connection.close()
        self._local.__dict__["connections"] = {}

    def _once(self, url: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ValueError(f"not an http(s) URL: {url}")
        target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = self._request_headers(url)
        with self._lock:
            self.requests.append(url)
        for attempt in (0, 1):
            connection = self._connection(parts.scheme, parts.netloc)
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                body = response.read(MAX_BODY + 1)
                if len(body) > MAX_BODY or response.will_close:
                    self._drop(parts.scheme, parts.netloc)
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                # A kept-alive connection the server closed meanwhile: once more on a fresh one.
                self._drop(parts.scheme, parts.netloc)
                if attempt:
                    raise
            except BaseException:
                self._drop(parts.scheme, parts.netloc)
                raise
        response_headers = {name.lower(): value for name, value in response.getheaders()}
        encoding = response_headers.get("content-encoding", "").lower()
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -zlib.MAX_WBITS)
        return response.status, response_headers, body

    def get(self, url: str) -> Response:
        """GET ``url`` following redirects; errors and timeouts are in the result, never raised."""
        started = time.perf_counter()
        result = Response(url=url, final_url=url, status=0)
        current = url
        try:
            for _ in range(self.max_redirects + 1):
                status, headers, body = self._once(current)
                result.status, result.headers, result.body, result.final_url = status, headers, body, current
                location = headers.get("location")
                if status in REDIRECT_CODES and location:
                    current = urljoin(current, location.strip()).split("#")[0]
                    result.redirects.append((status, current))
                    continue
                break
            else:
                result.error = f"more than {self.max_redirects} redirects"
        except (socket.timeout, TimeoutError) as error:
            result.timed_out = True
            result.error = f"no answer within {self.timeout:g} s ({error.__class__.__name__})"
        except (OSError, http.client.HTTPException, ValueError, EOFError, zlib.error) as error:
            result.error = f"{error.__class__.__name__}: {error}".rstrip(": ")
        result.seconds = time.perf_counter() - started
        return result
