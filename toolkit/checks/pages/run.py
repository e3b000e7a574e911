"""The run of the page checks: each path taken once, with its version in every
locale (what the checks compare), each page parsed once and checked in a stream,
in forked workers on a large site; then the findings about the site as a whole,
and one finding per root cause."""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import multiprocessing
import os
from pathlib import Path
from typing import Iterable, Iterator

from ...findings import Finding
from ...locales import Locale
from ..registry import checks_of
from .language import script_mismatches
from .site import EXAMPLES, PageSummary, open_site
from .structure import missing_versions

# -- the run: pages read once, checked in a stream --------------------------------------

# Below this many pages a second process costs more than it saves.
PARALLEL_MIN_PAGES = 400
# Pages' paths handed to a worker at a time, and checked before the workers start.
CHUNK = 16
WARM_UP = 4


def check_pages(root: Path, config, locales: list[str | Locale] | None = None,
                checks: Iterable[str] | None = None, *, jobs: int | None = None) -> list[Finding]:
    """Run the page checks on ``root`` laid out as ``<locale>/<path>.html``.

    ``locales`` limits which locales' pages are checked (their counterparts in
    other locales are still read for comparison); ``checks`` limits the check
    ids run; ``jobs`` is the number of processes (default: one per core on a
    large site).  The findings come in locale order, then page order.  Raises
    :class:`InputError` when ``root`` holds no locale folder.
    """
    run = PageRun(root, config, locales, checks, jobs=jobs)
    ordered: list[tuple[tuple[int, str], list[Finding]]] = list(run.pages())
    ordered.sort(key=lambda item: item[0])
    findings = [finding for _, found in ordered for finding in found]
    findings.extend(run.site_findings())
    return one_per_root_cause(findings)


class PageRun:
    """One run of the page checks.  Pages are taken one path at a time, with
    that path's version in every locale (what the checks compare), each page
    parsed once; the trees go when the path is done, and a
    :class:`PageSummary` of each page stays for the checks across pages.  With
    ``jobs`` > 1 the paths are shared between this process and ``jobs`` - 1
    forked ones, which send back findings and summaries."""

    def __init__(self, root: Path, config, locales=None, checks: Iterable[str] | None = None, *,
                 jobs: int | None = None):
        self.site = open_site(root, config, locales)
        wanted = set(checks) if checks else None
        self.checks = [(c, c.function) for c in checks_of("pages") if wanted is None or c.id in wanted]
        self.wanted = wanted
        site = self.site
        order = {locale.code: n for n, locale in enumerate(site.checked)}
        paths: dict[str, None] = {}
        for locale in site.checked:
            for rel in site.pages_of(locale):
                paths.setdefault(rel, None)
        self.paths = sorted(paths)
        self.order = order
        self.count = sum(1 for locale in site.checked for _ in site.pages_of(locale))
        self.jobs = _page_jobs(jobs, self.count)

    @property
    def summaries(self) -> dict[str, PageSummary]:
        return self.site.summaries

    def pages(self) -> Iterator[tuple[tuple[int, str], list[Finding]]]:
        """``((locale index, path), findings)`` for every checked page, a path at a time."""
        if self.jobs < 2 or len(self.paths) <= WARM_UP:
            for rel in self.paths:
                yield from self._check_path(rel)
            return
        # The first paths are checked here: what the checks load once (language
        # models, CLDR names, patterns) is then loaded before the fork and shared.
        for rel in self.paths[:WARM_UP]:
            yield from self._check_path(rel)
        rest = self.paths[WARM_UP:]
        chunks = [rest[i:i + CHUNK] for i in range(0, len(rest), CHUNK)]
        global _RUN
        _RUN = self
        try:
            context = multiprocessing.get_context("fork")
            # ``jobs`` workers take the chunks as they come free, so that none waits
            # for another; this process only gathers what they send back.
            with concurrent.futures.ProcessPoolExecutor(self.jobs, mp_context=context) as pool:
                pending = collections.deque(pool.submit(_check_chunk, chunk) for chunk in chunks)
                while pending:
                    yield from self._take(pending.popleft().result())
        finally:
            _RUN = None

    def _take(self, result) -> Iterator[tuple[tuple[int, str], list[Finding]]]:
        found, summaries = result
        for url, summary in summaries.items():
            self.site.summaries.setdefault(url, summary)
        yield from found

    def _check_path(self, rel: str) -> Iterator[tuple[tuple[int, str], list[Finding]]]:
        site = self.site
        site.enter_group(f"{folder}/{rel}" for folder in site.folders.values())
        try:
            for locale in site.checked:
                page = site.page(f"{site.folders[locale.code]}/{rel}")
                if page is None:
                    continue
                found: list[Finding] = []
                for info, function in self.checks:
                    found.extend(function(page, site))
                yield (self.order[locale.code], rel), found
        finally:
            site.enter_group(())

    def site_findings(self) -> list[Finding]:
        """The findings about the site as a whole (pages missing in a locale)."""
        found: list[Finding] = []
        if self.wanted is None or "structure-parity" in self.wanted:
            found.extend(missing_versions(self.site))
        if self.wanted is None or "html-lang" in self.wanted:
            found.extend(script_mismatches(self.site))
        return found


_RUN: PageRun | None = None


def _check_chunk(paths: list[str]):
    """In a worker: the findings of ``paths`` and the summaries made meanwhile."""
    run = _RUN
    run.site.summaries = {}
    found = [item for rel in paths for item in run._check_path(rel)]
    return found, run.site.summaries


def _page_jobs(jobs: int | None, pages: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    if pages < PARALLEL_MIN_PAGES or not hasattr(os, "fork"):
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# Page-level absences that, on every page of a locale, are one absence of the site.
SITE_WIDE = {
    ("hreflang", "no hreflang alternates: the page names none of its other language versions"),
    ("language-switcher", "no language switcher (links with hreflang to the other language versions)"),
}


def one_per_root_cause(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per root cause: identical findings once; an absence found on
    several pages of a locale (no hreflang anywhere) as one finding for the locale,
    with the count of pages and a few examples."""
    kept: list[Finding] = []
    seen: set = set()
    absent: dict[tuple, list[Finding]] = {}
    for item in findings:
        key = (item.check, item.path, item.line, item.target, item.message, item.severity)
        if key in seen:
            continue
        seen.add(key)
        if (item.check, item.message) in SITE_WIDE:
            group = absent.setdefault((item.check, item.locale, item.message), [])
            if not group:
                kept.append(item)
            group.append(item)
            continue
        kept.append(item)
    for (check, locale, message), group in absent.items():
        if len(group) > 1:
            first = group[0]
            kept[kept.index(first)] = dataclasses.replace(
                first, message=f"{message} ({len(group)} {locale} pages)",
                extra={**(first.extra or {}), "pages": len(group), "examples": [f.path for f in group[:EXAMPLES]]})
    return kept
