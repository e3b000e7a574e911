"""One accessibility run: find the pages, serve them, use the cache, run the pool, make findings."""

from __future__ import annotations

import contextlib
import functools
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import urlsplit

from ...config import Config
from ...errors import InputError
from ...findings import Finding
from .axe_source import locate as locate_axe
from .browser import DEFAULT_VIEWPORT, Viewport
from .cache import CACHE_DIR, DEFAULT_MAX_AGE_DAYS, A11yCache
from .interactions import Interaction, StateAxe, parse_interactions, state_path
from .pool import A11yPool
from .runner import (
    DEFAULT_TAGS, PageLoadError, PageResult, PageTask, axe_options, axe_version, check_page,
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
    # A live page (--sitemap/--crawl): the bytes fetched and their validators key the cache;
    # the fetcher holds the run's headers, cookies and credentials for the browser.
    body: bytes | None = field(default=None, repr=False, compare=False)
    validators: dict | None = field(default=None, repr=False, compare=False)
    fetcher: object | None = field(default=None, repr=False, compare=False)


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
    axe_source: str = ""  # where the axe-core script came from: "node_modules: node_modules/axe-core/axe.min.js"


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
    axe_script: Path | str | None = None,
) -> A11yRun:
    """Check ``pages`` in every viewport and return the findings (baseline not applied).

    ``pool`` lets a caller keep browsers across runs; otherwise one is made (and
    only started if some page is not in the cache).  Local pages are served on
    ``serve_host`` (loopback unless remote browsers need another address).
    """
    started = time.perf_counter()
    source = locate_axe(config.root, axe_script)
    script = source.path
    version = source.version or axe_version(script)
    tags = list(tags)
    options = axe_options(tags, **(extra_options or {}))
    settings = config.a11y or {}
    interactions = parse_interactions(settings.get("interactions"))
    max_age = settings.get("cache-max-age-days", DEFAULT_MAX_AGE_DAYS)
    if not isinstance(max_age, (int, float)) or max_age <= 0:
        raise InputError("[tool.toolkit.a11y] cache-max-age-days must be a positive number of days")
    own_pool = pool is None
    if pool is None:
        pool = A11yPool(script, workers=workers, webdriver_url=webdriver_url, page_timeout=page_timeout)
    cache = A11yCache(config.root / CACHE_DIR, version, options, enabled=use_cache,
                      axe_script=script.read_bytes(),
                      browser_version=browser_version(pool.webdriver_url or webdriver_url))
    states: dict[PageTask, Interaction] = {}
    order: dict[tuple[str, str], int] = {}
    credentials: dict[PageTask, object] = {}
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
            audits = [(page, None) for page in pages]
            audits += [(page, i) for i in interactions for page in pages if i.matches(page.path)]
            for viewport in viewports:
                for page, interaction in audits:
                    state = interaction.key() if interaction else ""
                    path = state_path(page.path, interaction.name) if interaction else page.path
                    if page.url:
                        key = cache.url_key(page.url, page.body, page.validators, str(viewport), state)
                        task = PageTask(page.url, path, page.locale, viewport, key)
                    else:
                        key = cache.page_key(page.file, page.site_root, str(viewport), state)
                        task = PageTask(servers[page.site_root].url_for(page.file), path,
                                        page.locale, viewport, key)
                    order[(path, str(viewport))] = len(order)
                    if interaction:
                        states[task] = interaction
                    if page.fetcher is not None:
                        credentials[task] = page.fetcher
                    cached = cache.get(key, need_screenshots=screenshots) if key else None
                    if cached is None:
                        todo.append(task)
                    else:
                        results.append(PageResult.from_json(task, cached))
            if on_total:
                on_total(len(audits) * len(viewports))
            if on_result:
                for result in results:
                    on_result(result)
            if todo:
                with _stateful(pool, states, credentials):
                    fresh = pool.run(todo, options, screenshots=screenshots,
                                     script_href=axe_server.url_for(script), on_result=on_result)
                for result in fresh:
                    if result.task.cache_key and not result.error:
                        cache.put(result.task.cache_key, result.to_json(), screenshots)
                results.extend(fresh)
    finally:
        if own_pool:
            pool.close()
    if use_cache:
        cache.prune(max_age)

    results.sort(key=lambda r: order[(r.task.path, str(r.task.viewport))])
    findings = []
    for result in results:
        interaction = states.get(result.task)
        for finding in result_findings(result, version):
            if interaction is not None:
                finding.extra["state"] = interaction.name
            findings.append(finding)
    shots = {
        (r.task.path, str(r.task.viewport), target): png
        for r in results for target, png in r.screenshots.items()
    }
    return A11yRun(
        findings=findings, results=results, axe_version=version, tags=tags,
        viewports=list(viewports), pages=list(dict.fromkeys(path for path, _ in order)),
        cache_hits=len(results) - len(todo), checked=len(todo),
        seconds=time.perf_counter() - started, screenshots=shots,
        axe_source=f"{source.origin}: {config.relative(script)}",
    )


@functools.lru_cache(maxsize=8)
def _local_browser_version(binary: str, mtime: float) -> str:
    try:
        output = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return f"{binary} (version unknown)"
    return " ".join(output.split()) or f"{binary} (version unknown)"


def browser_version(webdriver_url: str | None = None) -> str:
    """The local Chromium's ``--version``; for a remote WebDriver, its address (the Grid owns the version)."""
    if webdriver_url:
        return f"remote {webdriver_url}"
    from .browser import find_browser
    import os

    try:
        binary = find_browser().chromium
    except Exception:  # no browser: nothing is audited without one, and the pool says so
        return "none"
    try:
        mtime = os.stat(binary).st_mtime
    except OSError:
        mtime = 0.0
    return _local_browser_version(binary, mtime)


@contextlib.contextmanager
def _stateful(pool: A11yPool, states: dict, credentials: dict):
    """Make ``pool`` run each task's interaction steps before axe, and send the run's
    credentials to live pages (only while this run uses the pool)."""
    if not states and not credentials:
        yield
        return

    def check(browser, task, options, screenshots, script_href):
        from selenium.common.exceptions import WebDriverException

        from .browser import first_line

        try:
            _browser_credentials(browser, credentials.get(task), task.url)
            axe = StateAxe(browser.driver, pool.script, script_href, states.get(task),
                           timeout=pool.page_timeout)
            return check_page(browser, axe, task, options, screenshots), True
        except PageLoadError as error:
            return PageResult(task, error=str(error)), not error.restart
        except WebDriverException as error:
            return PageResult(task, error=f"browser error: {first_line(error)}"), False

    pool._check = check  # this instance only, for this run
    try:
        yield
    finally:
        del pool._check


def _browser_credentials(browser, fetcher, url: str) -> None:
    """Send the run's headers, cookies and basic auth from ``browser`` for pages on their origin
    (through the DevTools protocol: a local Chromium only); clear them for other pages."""
    parts = urlsplit(url)
    site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    wanted = fetcher if fetcher is not None and fetcher.has_credentials and site == fetcher.auth_origin else None
    current = getattr(browser, "toolkit_credentials", None)
    if wanted is current:
        return
    driver = browser.driver
    if not hasattr(driver, "execute_cdp_cmd"):
        raise InputError("--header, --cookie and basic auth reach the browser through the DevTools protocol: "
                         "use a local Chromium, not --webdriver-url")
    driver.execute_cdp_cmd("Network.enable", {})
    headers = wanted.browser_headers() if wanted is not None else {}
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": headers})
    if wanted is not None:
        for name, value in wanted.browser_cookies():
            driver.execute_cdp_cmd("Network.setCookie", {"name": name, "value": value, "url": wanted.auth_origin + "/"})
    browser.toolkit_credentials = wanted
