"""Headless Chromium for the accessibility checks: find it, start it, size its viewport.

Selenium is told never to download anything (``SE_OFFLINE``) and is given the
chromedriver path explicitly, so a missing browser is a clear error, not a
download attempt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass

from ...errors import InputError, MissingComponentError

INSTALL_HINT = "apt-get install chromium chromium-driver"

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMEDRIVER_NAMES = ("chromedriver",)

# Flags that keep a CI browser quiet and deterministic: no GPU, no /dev/shm
# (small in containers), no first-run UI, no background downloads or sync.
CHROME_FLAGS = (
    "--headless=new",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"

    @classmethod
    def parse(cls, text: str) -> "Viewport":
        """``"1280x800"`` → ``Viewport(1280, 800)``; anything else is an InputError."""
        width, sep, height = text.strip().lower().partition("x")
        if not sep or not width.isdigit() or not height.isdigit():
            raise InputError(f"viewport {text!r} is not WIDTHxHEIGHT, e.g. 1280x800")
        viewport = cls(int(width), int(height))
        if not (100 <= viewport.width <= 10000 and 100 <= viewport.height <= 10000):
            raise InputError(f"viewport {text!r} is out of range (100 to 10000 pixels a side)")
        return viewport


DEFAULT_VIEWPORT = Viewport(1280, 800)


@dataclass(frozen=True)
class BrowserPaths:
    chromium: str
    chromedriver: str


def find_browser() -> BrowserPaths:
    """Locate Chromium and chromedriver (``TOOLKIT_CHROMIUM``/``TOOLKIT_CHROMEDRIVER`` override).

    Raises MissingComponentError (exit 3) naming the install command.
    """
    chromium = _find("TOOLKIT_CHROMIUM", CHROMIUM_NAMES)
    chromedriver = _find("TOOLKIT_CHROMEDRIVER", CHROMEDRIVER_NAMES)
    missing = [name for name, path in (("Chromium", chromium), ("chromedriver", chromedriver)) if not path]
    if missing:
        raise MissingComponentError(
            f"{' and '.join(missing)} not found; install with: {INSTALL_HINT}"
        )
    return BrowserPaths(chromium, chromedriver)


def _find(variable: str, names: tuple[str, ...]) -> str | None:
    override = os.environ.get(variable)
    if override:
        return override if os.access(override, os.X_OK) else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def chrome_options(viewport: Viewport = DEFAULT_VIEWPORT, binary: str | None = None,
                   user_data_dir: str | None = None):
    from selenium.webdriver import ChromeOptions

    options = ChromeOptions()
    if binary:
        options.binary_location = binary
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    # Chromium refuses to start as root with its sandbox on.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    if user_data_dir:
        options.add_argument(f"--user-data-dir={user_data_dir}")
    options.add_argument(f"--window-size={viewport.width},{viewport.height}")
    return options


class Browser:
    """One WebDriver session, local or remote, that remembers its temporary profile."""

    def __init__(self, driver, profile: str | None = None, remote: bool = False):
        self.driver = driver
        self.profile = profile
        self.remote = remote
        self.viewport: Viewport | None = None

    def set_viewport(self, viewport: Viewport) -> None:
        """Make the page's layout viewport exactly ``viewport``.

        Headless Chromium still draws a window frame, so the window is sized by
        the viewport plus the frame (plain WebDriver, so a Grid node does it too).
        """
        if viewport == self.viewport:
            return
        driver = self.driver
        inner = _inner_size(driver)
        outer = driver.get_window_size()
        for _ in range(2):
            frame_w = max(0, outer["width"] - inner[0]) if inner[0] else 0
            frame_h = max(0, outer["height"] - inner[1]) if inner[1] else 0
            driver.set_window_size(viewport.width + frame_w, viewport.height + frame_h)
            inner = _inner_size(driver)
            if inner == (viewport.width, viewport.height):
                break
            outer = driver.get_window_size()
        self.viewport = viewport

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.quit()


def _inner_size(driver) -> tuple[int, int]:
    size = driver.execute_script("return [window.innerWidth, window.innerHeight];")
    return int(size[0]), int(size[1])


def start_browser(webdriver_url: str | None = None, viewport: Viewport = DEFAULT_VIEWPORT,
                  page_timeout: float = 30.0) -> Browser:
    """Start a headless Chromium session: locally, or on the WebDriver at ``webdriver_url``."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    if webdriver_url:
        options = chrome_options(viewport)
        try:
            driver = webdriver.Remote(command_executor=webdriver_url, options=options)
        except Exception as error:  # refused connections surface as urllib3 errors, not WebDriver ones
            raise MissingComponentError(
                f"cannot open a browser session at {webdriver_url}: {first_line(error)}"
            ) from error
        browser = Browser(driver, remote=True)
    else:
        paths = find_browser()
        profile = tempfile.mkdtemp(prefix="toolkit-a11y-profile-")
        options = chrome_options(viewport, binary=paths.chromium, user_data_dir=profile)
        try:
            driver = webdriver.Chrome(options=options, service=Service(paths.chromedriver))
        except (WebDriverException, OSError) as error:
            shutil.rmtree(profile, ignore_errors=True)
            raise MissingComponentError(
                f"Chromium did not start ({first_line(error)}); install with: {INSTALL_HINT}"
            ) from error
        browser = Browser(driver, profile=profile)
    # A new renderer's first answers can be slow on a busy machine: the page
    # timeouts bound pages, not starting the browser, so they are set after.
    browser.set_viewport(viewport)
    driver.set_page_load_timeout(page_timeout)
    driver.set_script_timeout(page_timeout)
    return browser


def first_line(error: Exception) -> str:
    text = getattr(error, "msg", None) or str(error)
    return (text.strip().splitlines() or ["unknown error"])[0]

