"""A content-hash cache of axe results, so unchanged pages are not checked again.

A page's key covers everything that can change its result: the page's bytes,
the bytes of the local files it pulls in (stylesheets and what they ``@import``
or name in ``url()`` — fonts, backgrounds —, scripts, images and ``srcset``
candidates, frames; relative references resolved against ``<base href>``), the
bytes of the axe-core script and its version, the browser's version, the
toolkit's version, the axe options, the viewport and the interaction state.  A
live page (fetched by ``--sitemap``/``--crawl``) is keyed on its URL, the bytes
fetched and the response's validators (ETag, Last-Modified); a URL given
without its bytes is not cached.  Entries live in ``.toolkit-cache/a11y/``; an
entry not used for ``max_age_days`` is pruned.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from ...fileio import atomic_write_text

CACHE_DIR = Path(".toolkit-cache") / "a11y"
FORMAT = 3  # 3: the cookie banners' measures are kept with the axe results
DEFAULT_MAX_AGE_DAYS = 30
# @import "x.css"; @import url(x.css); url(font.woff2) — in stylesheets, <style> and style="".
_CSS_REFERENCE = re.compile(
    r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+?)["']?\s*\)""", re.IGNORECASE)
_SRCSET_TAGS = ("img", "source")

_RESOURCE_ATTRS = (
    ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"),
    ("source", "src"), ("video", "poster"), ("object", "data"), ("embed", "src"), ("input", "src"),
)


class A11yCache:
    """Results by key; ``enabled=False`` (``--no-cache``) reads nothing but still writes."""

    def __init__(self, folder: Path, axe_version: str, options: dict, enabled: bool = True, *,
                 axe_script: bytes | None = None, browser_version: str = "", toolkit_version: str | None = None):
        if toolkit_version is None:
            from ... import __version__ as toolkit_version
        self.folder = Path(folder)
        self.enabled = enabled
        self.axe_version = axe_version
        self._setup = json.dumps(
            {"format": FORMAT, "axe": axe_version, "options": options,
             "axe_script": hashlib.sha256(axe_script).hexdigest() if axe_script is not None else None,
             "browser": browser_version, "toolkit": toolkit_version},
            sort_keys=True,
        ).encode("utf-8")
        self._file_hashes: dict[Path, str] = {}
        self.hits = 0
        self.misses = 0

    # -- keys ----------------------------------------------------------------------
    def page_key(self, page: Path, site_root: Path, viewport: str, state: str = "") -> str:
        digest = hashlib.sha256(self._setup)
        digest.update(viewport.encode("ascii"))
        digest.update(f"\0state\0{state}".encode("utf-8"))
        for path, file_hash in self._page_files(Path(page).resolve(), Path(site_root).resolve(), 0, set()):
            digest.update(f"\0{path}\0{file_hash}".encode("utf-8"))
        return digest.hexdigest()

    def url_key(self, url: str, body: bytes | None, validators: dict[str, str] | None, viewport: str,
                state: str = "") -> str | None:
        """A live page's key: its URL, the bytes fetched and the validators; None (not cached) without bytes."""
        if body is None:
            return None
        digest = hashlib.sha256(self._setup)
        digest.update(viewport.encode("ascii"))
        digest.update(f"\0state\0{state}\0url\0{url}\0".encode("utf-8"))
        digest.update(json.dumps(validators or {}, sort_keys=True).encode("utf-8"))
        digest.update(hashlib.sha256(body).digest())
        return digest.hexdigest()

    def _page_files(self, page: Path, root: Path, depth: int, seen: set[Path]):
        """The page's own hash, then its local resources' (frames followed a few levels)."""
        if page in seen:
            return
        seen.add(page)
        yield page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page), self._hash(page)
        try:
            document = lxml.html.fromstring(page.read_bytes())
        except (OSError, ValueError, lxml.etree.ParserError):
            return
        base = _base_of(document, page, root)
        references: list[tuple[str, str | None]] = []
        for tag, attribute in _RESOURCE_ATTRS:
            references.extend((tag, element.get(attribute)) for element in document.iter(tag))
        for tag in _SRCSET_TAGS:
            for element in document.iter(tag):
                references.extend((tag, candidate) for candidate in _srcset(element.get("srcset")))
        for element in document.iter("style"):
            references.extend(("css", ref) for ref in _css_references(element.text or ""))
        for element in document.xpath("//*[@style]"):
            references.extend(("css", ref) for ref in _css_references(element.get("style") or ""))
        for tag, reference in references:
            local = _local_file(reference, base, root)
            if local is None:
                continue
            if tag in ("iframe", "frame") and depth < 3:
                yield from self._page_files(local, root, depth + 1, seen)
            elif local not in seen:
                seen.add(local)
                yield local.relative_to(root).as_posix(), self._hash(local)
                if local.suffix.lower() == ".css":
                    yield from self._css_files(local, root, seen, 0)

    def _css_files(self, sheet: Path, root: Path, seen: set[Path], depth: int):
        """Files a stylesheet pulls in through @import and url(), imported sheets followed."""
        if depth > 5:
            return
        try:
            text = sheet.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for reference in _css_references(text):
            local = _local_file(reference, sheet, root)
            if local is None or local in seen:
                continue
            seen.add(local)
            yield local.relative_to(root).as_posix(), self._hash(local)
            if local.suffix.lower() == ".css":
                yield from self._css_files(local, root, seen, depth + 1)

    def _hash(self, path: Path) -> str:
        if path not in self._file_hashes:
            try:
                self._file_hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._file_hashes[path] = "missing"
        return self._file_hashes[path]

    # -- entries -------------------------------------------------------------------
    def _entry_path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, need_screenshots: bool = False) -> dict | None:
        if not self.enabled:
            self.misses += 1
            return None
        try:
            data = json.loads(self._entry_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or (need_screenshots and not data.get("with_screenshots")):
            self.misses += 1
            return None
        self.hits += 1
        try:  # the modification time is the entry's last use: pruning keeps what is used
            os.utime(self._entry_path(key))
        except OSError:
            pass
        return data

    def put(self, key: str, data: dict, with_screenshots: bool) -> None:
        payload = dict(data, with_screenshots=with_screenshots)
        atomic_write_text(self._entry_path(key), json.dumps(payload, sort_keys=True))

    def prune(self, max_age_days: float = DEFAULT_MAX_AGE_DAYS) -> int:
        """Delete entries not used for ``max_age_days``; returns how many."""
        cutoff = time.time() - max_age_days * 86400
        removed = 0
        for entry in self.folder.glob("??/*.json"):
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    # -- axe's rule list (to validate tags without a browser on a warm run) ---------
    def _rules_path(self) -> Path:
        return self.folder / f"rules-{self.axe_version}.json"

    def rules(self) -> list[dict] | None:
        # Read even with --no-cache: the rule list of one axe-core version never changes.
        try:
            rules = json.loads(self._rules_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return rules if isinstance(rules, list) else None

    def put_rules(self, rules: list[dict]) -> None:
        atomic_write_text(self._rules_path(), json.dumps(rules, sort_keys=True))


def _srcset(value: str | None) -> list[str]:
    """The URLs of a srcset's candidates ("a.png 1x, b.png 2x")."""
    return [c.strip().split()[0] for c in (value or "").split(",") if c.strip()]


def _css_references(text: str) -> list[str]:
    return [(a or b).strip() for a, b in _CSS_REFERENCE.findall(text) if (a or b).strip()]


def _base_of(document, page: Path, root: Path) -> Path | str:
    """What relative references resolve against: the page, or the folder its ``<base href>`` names
    (a base on another host makes them all remote: an empty string)."""
    for element in document.iter("base"):
        href = (element.get("href") or "").strip()
        if not href:
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return ""
        path = unquote(parts.path)
        folder = (root / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        return folder / "_" if path.endswith("/") or not path else folder
    return page


def _local_file(reference: str | None, page: Path | str, root: Path) -> Path | None:
    """The file under ``root`` that a relative or root-relative reference names, if any
    (relative to ``page``: a file, or the placeholder file in ``<base href>``'s folder)."""
    if not reference or page == "":
        return None
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    candidate = (root / path.lstrip("/")) if path.startswith("/") else (Path(page).parent / path)
    candidate = candidate.resolve()
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate
