"""robots.txt through :mod:`urllib.robotparser`, fetched with the run's client (and credentials).

As urllib does: a 401 or 403 for robots.txt disallows everything, any other
4xx allows everything; a 5xx or no answer disallows everything (the site may
be down: requesting its pages anyway would not be polite).
"""

from __future__ import annotations

import threading
import urllib.robotparser

from .fetch import ROBOTS_AGENT, Fetcher, origin


class Robots:
    """One parsed robots.txt per origin, fetched on first use."""

    def __init__(self, fetcher: Fetcher, agent: str = ROBOTS_AGENT, enabled: bool = True):
        self.fetcher = fetcher
        self.agent = agent
        self.enabled = enabled
        self._parsers: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.status: dict[str, int] = {}  # robots.txt's HTTP status per origin (0: no answer)
        self._lock = threading.Lock()

    def parser(self, url: str) -> urllib.robotparser.RobotFileParser:
        key = origin(url)
        with self._lock:
            parser = self._parsers.get(key)
            if parser is None:
                parser = self._parsers[key] = self._load(key)
            return parser

    def _load(self, site: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        response = self.fetcher.get(f"{site}/robots.txt")
        self.status[site] = response.status
        if response.status in (401, 403) or response.status >= 500 or response.status == 0:
            parser.disallow_all = True
        elif response.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
        parser.modified()
        return parser

    def refusal(self, url: str) -> str | None:
        """Why robots.txt disallows everything on ``url``'s origin, when it is because of its answer."""
        status = self.status.get(origin(url))
        if status in (401, 403):
            return f"robots.txt answered HTTP {status}, so every page counts as disallowed (credentials missing?)"
        if status is not None and (status == 0 or status >= 500):
            return f"robots.txt answered {'nothing' if status == 0 else f'HTTP {status}'}, so every page counts as disallowed"
        return None

    def allowed(self, url: str) -> bool:
        if not self.enabled:
            return True
        return self.parser(url).can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float:
        if not self.enabled:
            return 0.0
        delay = self.parser(url).crawl_delay(self.agent)
        return float(delay) if delay else 0.0

    def sitemaps(self, url: str) -> list[str]:
        return list(self.parser(url).site_maps() or []) if self.enabled else []
