"""A pool of browser workers: each keeps one browser for many pages.

Starting Chromium costs about a second; loading a page in a running one a tenth
of that.  Workers are threads (the work happens in the browsers), fed from one
queue; browsers stay open between runs until the pool is closed.
"""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path
from typing import Callable

from .browser import DEFAULT_VIEWPORT, Browser, first_line, start_browser
from .runner import PageLoadError, PageResult, PageTask, PinnedAxe, check_page


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class A11yPool:
    """Run :func:`~toolkit.checks.a11y.runner.check_page` over many pages with ``workers`` browsers.

    ``webdriver_url`` opens every session on that remote WebDriver (a Selenium
    Grid: one worker per slot).  Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, script: Path, workers: int | None = None,
                 webdriver_url: str | None = None, page_timeout: float = 30.0):
        self.script = Path(script)
        self.workers = max(1, workers or default_workers())
        self.webdriver_url = webdriver_url
        self.page_timeout = page_timeout
        self._idle: list[Browser] = []
        self._lock = threading.Lock()
        self.browsers_started = 0

    # -- browsers ------------------------------------------------------------------
    def _take(self) -> Browser:
        with self._lock:
            if self._idle:
                return self._idle.pop()
            self.browsers_started += 1
        return start_browser(self.webdriver_url, DEFAULT_VIEWPORT, self.page_timeout)

    def _give_back(self, browser: Browser) -> None:
        with self._lock:
            self._idle.append(browser)

    def close(self) -> None:
        with self._lock:
            browsers, self._idle = self._idle, []
        for browser in browsers:
            browser.quit()

    def __enter__(self) -> "A11yPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- work ----------------------------------------------------------------------
    def rules(self) -> list[dict]:
        """axe-core's rule list (``axe.getRules()``), read in one of the pool's browsers."""
        browser = self._take()
        try:
            browser.driver.get("about:blank")
            axe = PinnedAxe(browser.driver, self.script)
            axe.inject()
            return axe.rules()
        finally:
            self._give_back(browser)

    def run(self, tasks: list[PageTask], options: dict, screenshots: bool = False,
            script_href: str | None = None, on_result: Callable[[PageResult], None] | None = None) -> list[PageResult]:
        """Check every task; results come back in task order.

        A page that fails to load becomes a result with ``error`` set and the run
        goes on; an axe rejection or a browser that cannot start stops the run.
        """
        results: list[PageResult | None] = [None] * len(tasks)
        work: queue.Queue[int] = queue.Queue()
        for index in range(len(tasks)):
            work.put(index)
        fatal: list[BaseException] = []

        def worker() -> None:
            browser: Browser | None = None
            try:
                while not fatal:
                    try:
                        index = work.get_nowait()
                    except queue.Empty:
                        return
                    if browser is None:
                        browser = self._take()
                    result, healthy = self._check(browser, tasks[index], options, screenshots, script_href)
                    if not healthy:
                        browser.quit()
                        browser = None
                    results[index] = result
                    if on_result is not None:
                        on_result(result)
            except BaseException as error:  # re-raised in the calling thread
                fatal.append(error)
            finally:
                if browser is not None:
                    self._give_back(browser)

        threads = [threading.Thread(target=worker, name=f"a11y-worker-{n}", daemon=True)
                   for n in range(min(self.workers, len(tasks)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if fatal:
            raise fatal[0]
        return [result for result in results if result is not None]

    def _check(self, browser: Browser, task: PageTask, options: dict, screenshots: bool,
               script_href: str | None) -> tuple[PageResult, bool]:
        """One page; the flag says whether the browser is still fit for the next one."""
        from selenium.common.exceptions import WebDriverException

        try:
            axe = PinnedAxe(browser.driver, self.script, script_href)
            return check_page(browser, axe, task, options, screenshots), True
        except PageLoadError as error:
            return PageResult(task, error=str(error)), not error.restart
        except WebDriverException as error:
            # A crashed tab or a script timeout: report the page, restart the browser.
            return PageResult(task, error=f"browser error: {first_line(error)}"), False
