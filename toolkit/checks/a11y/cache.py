"""A content-hash cache of axe results, so unchanged pages are not checked again.

A page's key covers everything that can change its result: the page's bytes,
the bytes of the local files it pulls in (stylesheets, scripts, images,
frames — a CSS change can create a contrast failure), the axe-core version, the
axe options and the viewport.  Entries live in ``.toolkit-cache/a11y/``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from ...fileio import atomic_write_text

CACHE_DIR = Path(".toolkit-cache") / "a11y"
FORMAT = 1

_RESOURCE_ATTRS = (
    ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"),
    ("source", "src"), ("video", "poster"), ("object", "data"), ("embed", "src"), ("input", "src"),
)


class A11yCache:
    """Results by key; ``enabled=False`` (``--no-cache``) reads nothing but still writes."""

    def __init__(self, folder: Path, axe_version: str, options: dict, enabled: bool = True):
        self.folder = Path(folder)
        self.enabled = enabled
        self.axe_version = axe_version
        self._setup = json.dumps(
            {"format": FORMAT, "axe": axe_version, "options": options}, sort_keys=True
        ).encode("utf-8")
        self._file_hashes: dict[Path, str] = {}
        self.hits = 0
        self.misses = 0

    # -- keys ----------------------------------------------------------------------
    def page_key(self, page: Path, site_root: Path, viewport: str) -> str:
        digest = hashlib.sha256(self._setup)
        digest.update(viewport.encode("ascii"))
        for path, file_hash in self._page_files(Path(page).resolve(), Path(site_root).resolve(), 0, set()):
            digest.update(f"\0{path}\0{file_hash}".encode("utf-8"))
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
        for tag, attribute in _RESOURCE_ATTRS:
            for element in document.iter(tag):
                reference = element.get(attribute)
                local = _local_file(reference, page, root)
                if local is None:
                    continue
                if tag in ("iframe", "frame") and depth < 3:
                    yield from self._page_files(local, root, depth + 1, seen)
                elif local not in seen:
                    seen.add(local)
                    yield local.relative_to(root).as_posix(), self._hash(local)

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
        return data

    def put(self, key: str, data: dict, with_screenshots: bool) -> None:
        payload = dict(data, with_screenshots=with_screenshots)
        atomic_write_text(self._entry_path(key), json.dumps(payload, sort_keys=True))

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


def _local_file(reference: str | None, page: Path, root: Path) -> Path | None:
    """The file under ``root`` that a relative or root-relative reference names, if any."""
    if not reference:
        return None
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    candidate = (root / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    candidate = candidate.resolve()
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate
