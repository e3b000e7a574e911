"""One accessibility run: find the pages, serve them, use the cache, run the pool, make findings."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import urlsplit

from ...config import Config
from ...errors import InputError
from ...findings import Finding
from .browser import DEFAULT_VIEWPORT, Viewport
from .cache import CACHE_DIR, A11yCache
from .pool import A11yPool
from .runner import (
    DEFAULT_TAGS, PageResult, PageTask, axe_options, axe_version, find_axe_script,
    result_findings, validate_tags,
)
from ...serve import PageServer


@dataclass(frozen=True)
class PageSource:
    """A page to check: a local file served from ``site_root``, or a URL."""

    path: str  # as findings name it: relative to the project root, or the URL
    locale: str | None
    file: Path | None = None
    site_root: Path | None = None
    url: str | None = None


@dataclass
class A11yRun:
    findings: list[Finding]
    results: list[PageResult]
    axe_version: str
    tags: list[str]
    viewports: list[Viewport]
    pages: list[str]
    cache_hits: int = 0
    checked: int = 0
    seconds: float = 0.0
    screenshots: dict[tuple[str, str, str], str] = field(default_factory=dict)


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def collect_pages(config: Config, inputs: Sequence[str] = ()) -> list[PageSource]:
    """Pages for the given paths or URLs; with none, every built page of every locale."""
    build = config.build_path.resolve()
    locale_dirs = {config.url_dir(locale): locale.code for locale in config.all_locales}
    if not inputs:
        if not build.is_dir():
            raise InputError(f"{config.relative(build)} does not exist: build the site first (toolkit build)")
        inputs = [str(build)]
    pages: list[PageSource] = []
    seen: set[str] = set()
    for item in inputs:
        if is_url(item):
            first = urlsplit(item).path.strip("/").split("/")[0]
            source = PageSource(path=item, locale=locale_dirs.get(first), url=item)
            if item not in seen:
                seen.add(item)
                pages.append(source)
            continue
        path = (config.root / item).resolve() if not Path(item).is_absolute() else Path(item).resolve()
        if path.is_dir():
            files = sorted(path.rglob("*.html"))
            if not files:
                raise InputError(f"no .html pages under {item}")
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"{item}: no such file or folder")
        for file in files:
            site_root = build if file.is_relative_to(build) else (path if path.is_dir() else path.parent)
            relative = file.relative_to(site_root).parts
            locale = locale_dirs.get(relative[0]) if len(relative) > 1 else None
            display = config.relative(file)
            if display not in seen:
                seen.add(display)
                pages.append(PageSource(path=display, locale=locale, file=file, site_root=site_root))
    return pages


def run_a11y(
    config: Config,
    pages: Sequence[PageSource],
    *,
    tags: Sequence[str] = DEFAULT_TAGS,
    viewports: Sequence[Viewport] = (DEFAULT_VIEWPORT,),
    workers: int | None = None,
    webdriver_url: str | None = None,
    use_cache: bool = True,
    screenshots: bool = False,
    page_timeout: float = 30.0,
    pool: A11yPool | None = None,
    on_result: Callable[[PageResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    extra_options: dict | None = None,
    tags_source: str = "--tags",
    serve_host: str = "127.0.0.1",
) -> A11yRun:
    """Check ``pages`` in every viewport and return the findings (baseline not applied).

    ``pool`` lets a caller keep browsers across runs; otherwise one is made (and
    only started if some page is not in the cache).  Local pages are served on
    ``serve_host`` (loopback unless remote browsers need another address).
    """
    started = time.perf_counter()
    script = find_axe_script(config.root)
    version = axe_version(script)
    tags = list(tags)
    options = axe_options(tags, **(extra_options or {}))
    cache = A11yCache(config.root / CACHE_DIR, version, options, enabled=use_cache)
    own_pool = pool is None
    if pool is None:
        pool = A11yPool(script, workers=workers, webdriver_url=webdriver_url, page_timeout=page_timeout)
    try:
        rules = cache.rules()
        if rules is None:
            rules = pool.rules()
            cache.put_rules(rules)
        validate_tags(tags, rules, tags_source)

        results: list[PageResult] = []
        todo: list[PageTask] = []
        served_roots = sorted({p.site_root for p in pages if p.site_root is not None})
        with contextlib.ExitStack() as stack:
            try:
                servers = {root: stack.enter_context(PageServer(root, serve_host)) for root in served_roots}
                # axe itself, over HTTP too, so browsers cache it compiled (see runner)
                axe_server = stack.enter_context(PageServer(script.parent, serve_host))
            except OSError as error:
                raise InputError(f"cannot serve pages on {serve_host}: {error}") from error
            for viewport in viewports:
                for page in pages:
                    if page.url:
                        todo.append(PageTask(page.url, page.path, page.locale, viewport))
                        continue
                    key = cache.page_key(page.file, page.site_root, str(viewport))
                    task = PageTask(servers[page.site_root].url_for(page.file), page.path,
                                    page.locale, viewport, key)
                    cached = cache.get(key, need_screenshots=screenshots)
                    if cached is None:
                        todo.append(task)
                    else:
                        results.append(PageResult.from_json(task, cached))
            if on_total:
                on_total(len(pages) * len(viewports))
            if on_result:
                for result in results:
                    on_result(result)
            if todo:
                fresh = pool.run(todo, options, screenshots=screenshots,
                                 script_href=axe_server.url_for(script), on_result=on_result)
                for result in fresh:
                    if result.task.cache_key and not result.error:
                        cache.put(result.task.cache_key, result.to_json(), screenshots)
                results.extend(fresh)
    finally:
        if own_pool:
            pool.close()

    order = {(p.path, str(v)): n for n, (v, p) in enumerate((v, p) for v in viewports for p in pages)}
    results.sort(key=lambda r: order[(r.task.path, str(r.task.viewport))])
    findings = [finding for result in results for finding in result_findings(result, version)]
    shots = {
        (r.task.path, str(r.task.viewport), target): png
        for r in results for target, png in r.screenshots.items()
    }
    return A11yRun(
        findings=findings, results=results, axe_version=version, tags=tags,
        viewports=list(viewports), pages=[p.path for p in pages],
        cache_hits=len(results) - len(todo), checked=len(todo),
        seconds=time.perf_counter() - started, screenshots=shots,
    )
