"""Fetched pages as a site folder the page checks read, and finding paths mapped back to URLs."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..findings import Finding
from .crawl import FetchedPage


def site_base(pages: list[FetchedPage], locale_folders: set[str]) -> str:
    """The URL path the locale folders sit under (``/`` for ``/sr/index.html``; ``/site/`` for ``/site/sr/...``)."""
    for page in pages:
        segments = urlsplit(page.final_url).path.split("/")
        for index, segment in enumerate(segments):
            if segment in locale_folders:
                return "/".join(segments[:index]) + "/"
    return "/"


def page_file(url: str, base: str) -> str | None:
    """The file a page URL is saved as, relative to the site folder (None: outside ``base``)."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(base):
        return None
    relative = path[len(base):]
    if not relative or relative.endswith("/"):
        relative += "index.html"
    elif "." not in relative.rsplit("/", 1)[-1]:
        relative += "/index.html"
    relative = posixpath.normpath(relative)
    if relative.startswith("..") or relative.startswith("/"):
        return None
    return relative


def write_site(pages: list[FetchedPage], folder: Path, locale_folders: set[str]) -> dict[str, str]:
    """Save each page under ``folder`` as its URL path lays it out; returns {file path: URL}."""
    base = site_base(pages, locale_folders)
    written: dict[str, str] = {}
    for page in pages:
        relative = page_file(page.final_url, base)
        if relative is None:
            continue
        target = folder / relative
        if str(target) in written:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.html)
        written[str(target)] = page.final_url
    return written


def map_findings(findings: list[Finding], folder: Path, written: dict[str, str], display: str) -> list[Finding]:
    """Findings on the saved files named by the pages' URLs (paths and messages alike)."""
    by_display = {}
    prefix = str(folder)
    for file, url in written.items():
        by_display[file] = url
        by_display[display.rstrip("/") + file[len(prefix):]] = url
    # Longest first so that "a/index.html" is not replaced inside "a/index.html.bak".
    names = sorted(by_display, key=len, reverse=True)
    mapped = []
    for finding in findings:
        path = by_display.get(finding.path or "", finding.path)
        message = finding.message
        if prefix in message or display in message:
            for name in names:
                if name in message:
                    message = message.replace(name, by_display[name])
        if path is not finding.path or message is not finding.message:
            finding = dataclasses.replace(finding, path=path, message=message)
        mapped.append(finding)
    return mapped
