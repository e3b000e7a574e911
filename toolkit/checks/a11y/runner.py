"""Run axe-core on one loaded page and turn its results into findings.

The pinned axe-core (``node_modules/axe-core/axe.min.js``, from ``npm ci``) is
injected through axe-selenium-python's :class:`Axe`, with its known faults
worked around in :class:`PinnedAxe`:

* options are written into the script with ``json.dumps`` (the wrapper pastes
  Python's ``repr``, so ``True`` reaches JavaScript as an undefined name);
* the script settles explicitly on rejection, so a bad option fails at once with
  axe's own message instead of waiting for the 30-second script timeout;
* axe is injected into every frame too, because axe only reports on frames
  that have their own copy of axe (``iframes: true`` is axe's default).

Sending the 650 kB script through WebDriver costs 0.1-0.25 s a page; when the
script is also served over loopback (``script_href``) it is loaded with a
``<script src>`` instead, which the browser caches compiled, and WebDriver
injection is the fallback (remote browsers, pages whose CSP forbids it).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_selenium_python import Axe

from ...errors import InputError, MissingComponentError, ToolkitError
from ...findings import Finding
from ..registry import check
from .browser import Browser, Viewport, first_line
from .prominence import measure as measure_prominence, prominence_findings

AXE_INSTALL_HINT = "npm install --save-exact axe-core@4.14.1"
DEFAULT_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549")
IMPACTS = ("minor", "moderate", "serious", "critical")
# critical/serious block a user → error; moderate and minor are still WCAG
# failures, so warning (not info); info is kept for "needs review" results.
IMPACT_SEVERITY = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "warning"}
PAGE_ERROR_CHECK = "a11y-page-error"
MAX_SCREENSHOTS_PER_PAGE = 25
# Frame selectors in a target are joined with this; shadow-DOM hops with " >> ".
FRAME_JOIN = " >>> "
SHADOW_JOIN = " >> "

_RUN_SCRIPT = """
var done = arguments[arguments.length - 1];
try {
  if (typeof axe === 'undefined') { done({ok: false, error: 'axe-core is not loaded in the page'}); return; }
  axe.run(document, %s).then(
    function (results) { done({ok: true, results: results}); },
    function (error) { done({ok: false, error: String((error && error.message) || error)}); });
} catch (error) {
  done({ok: false, error: String((error && error.message) || error)});
}
"""

_LOAD_SCRIPT = """
var done = arguments[arguments.length - 1];
if (typeof axe !== 'undefined') { done(true); return; }
try {
  var s = document.createElement('script');
  s.src = arguments[0];
  s.onload = function () { s.remove(); done(typeof axe !== 'undefined'); };
  s.onerror = function () { s.remove(); done(false); };
  (document.head || document.documentElement).appendChild(s);
} catch (error) { done(false); }
"""

_CONFIGURE_SCRIPT = (
    # Frames on another origin (a video embed) would otherwise never answer the top frame.
    "if (typeof axe !== 'undefined') { axe.configure({allowedOrigins: ['<unsafe_all_origins>']}); }"
)


class AxeRunError(ToolkitError):
    """axe-core rejected the run (bad options, a broken page script).  Exit 2."""


class PageLoadError(Exception):
    """The page did not load; ``restart`` says the browser session may be unusable."""

    def __init__(self, message: str, restart: bool = False):
        super().__init__(message)
        self.restart = restart


# -- the script ------------------------------------------------------------------


def find_axe_script(root: Path) -> Path:
    """The axe-core script, found in the order :mod:`.axe_source` documents."""
    from .axe_source import locate

    return locate(root).path


def axe_version(script: Path) -> str:
    """The version in axe-core's own package.json beside the script, else in its banner."""
    from .axe_source import script_version

    version = script_version(script)
    if not version:
        raise MissingComponentError(f"{script}: cannot read the axe-core version; run: {AXE_INSTALL_HINT}")
    return version


def axe_options(tags: tuple[str, ...] | list[str] = DEFAULT_TAGS, **overrides: Any) -> dict:
    """The ``axe.run`` options: the given tags, only the results we report, frames included."""
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations", "incomplete"],
        "iframes": True,
        "elementRef": False,
    }
    options.update(overrides)
    return options


@functools.lru_cache(maxsize=4)
def _script_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


class PinnedAxe(Axe):
    """axe-selenium-python's ``Axe`` with the pinned script and its faults worked around."""

    def __init__(self, selenium, script_url: str | Path, script_href: str | None = None):
        super().__init__(selenium, script_url=str(script_url))
        self.script_href = script_href

    def inject(self) -> None:
        """Inject axe into the top document and, depth first, into every frame."""
        self._inject_here(depth=0)
        self.selenium.switch_to.default_content()

    def _inject_here(self, depth: int) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By

        if not (self.script_href and self.selenium.execute_async_script(_LOAD_SCRIPT, self.script_href)):
            self.selenium.execute_script(_script_source(self.script_url))
        self.selenium.execute_script(_CONFIGURE_SCRIPT)
        if depth >= 5:
            return
        for frame in self.selenium.find_elements(By.CSS_SELECTOR, "iframe, frame"):
            try:
                self.selenium.switch_to.frame(frame)
            except WebDriverException:
                continue
            try:
                self._inject_here(depth + 1)
            except WebDriverException:
                pass  # a frame that cannot take scripts (sandboxed) is reported by axe as such
            finally:
                self.selenium.switch_to.parent_frame()

    def run(self, context=None, options=None) -> dict:
        """Run axe; return its results or raise AxeRunError with axe's message."""
        if context is not None:
            raise ValueError("PinnedAxe.run checks the whole document; use options to narrow it")
        response = self.selenium.execute_async_script(_RUN_SCRIPT % json.dumps(options or {}))
        if not isinstance(response, dict) or not response.get("ok"):
            message = response.get("error") if isinstance(response, dict) else repr(response)
            raise AxeRunError(f"axe-core rejected the run: {message}")
        return response["results"]

    def rules(self) -> list[dict]:
        """``axe.getRules()``: every rule of this axe-core with its tags."""
        return self.selenium.execute_script(
            "return axe.getRules().map(function (r) { return {ruleId: r.ruleId, tags: r.tags}; });"
        )


def validate_tags(tags: list[str] | tuple[str, ...], rules: list[dict], source: str = "--tags") -> None:
    """An unknown tag makes axe 4 run zero rules silently: refuse it (InputError)."""
    if not tags:
        raise InputError(f"{source}: no tags given; axe would run no rules")
    known = {tag for rule in rules for tag in rule.get("tags", ())}
    unknown = [tag for tag in tags if tag not in known]
    if unknown:
        # Leave out the per-criterion tags (wcag111, EN-9.1.1.1, cat.*): hundreds of them.
        main = sorted(t for t in known if not re.match(r"(wcag\d{3,}|EN-9\.|cat\.|TT\d|RGAA-|section508\.)", t))
        raise InputError(
            f"{source}: unknown axe-core tag(s) {', '.join(unknown)}; "
            f"axe-core knows, among others: {', '.join(main)}"
        )


# -- one page ---------------------------------------------------------------------


@dataclass(frozen=True)
class PageTask:
    """One page in one viewport: where to load it and how to name it in findings."""

    url: str
    path: str
    locale: str | None
    viewport: Viewport
    cache_key: str | None = None


@dataclass
class PageResult:
    task: PageTask
    violations: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    error: str | None = None
    screenshots: dict[str, str] = field(default_factory=dict)
    cached: bool = False
    # The cookie banners' controls as measured in the page (see prominence.py).
    prominence: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"violations": self.violations, "incomplete": self.incomplete,
                "error": self.error, "screenshots": self.screenshots, "prominence": self.prominence}

    @classmethod
    def from_json(cls, task: PageTask, data: dict) -> "PageResult":
        return cls(task, violations=data.get("violations", []), incomplete=data.get("incomplete", []),
                   error=data.get("error"), screenshots=data.get("screenshots", {}), cached=True,
                   prominence=data.get("prominence", []))


def load_page(browser: Browser, url: str) -> None:
    """Navigate and make sure a real page arrived (not an error page, not an HTTP error)."""
    from selenium.common.exceptions import TimeoutException, WebDriverException

    driver = browser.driver
    try:
        driver.get(url)
    except TimeoutException as error:
        raise PageLoadError(f"page load timed out: {first_line(error)}", restart=True) from error
    except WebDriverException as error:
        raise PageLoadError(f"page did not load: {first_line(error)}") from error
    if driver.current_url.startswith("chrome-error://"):
        raise PageLoadError("page did not load (the browser showed its error page)")
    status = driver.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "return n && n.responseStatus ? n.responseStatus : 0;"
    )
    if status and int(status) >= 400:
        raise PageLoadError(f"HTTP {status} for {url}")


def check_page(browser: Browser, axe: PinnedAxe, task: PageTask, options: dict,
               screenshots: bool = False) -> PageResult:
    """Load ``task`` in ``browser``, run axe, keep what the findings need."""
    browser.set_viewport(task.viewport)
    try:
        load_page(browser, task.url)
    except PageLoadError as error:
        if error.restart:
            raise
        return PageResult(task, error=str(error))
    axe.inject()
    results = axe.run(options=options)
    result = PageResult(
        task,
        violations=[_slim_rule(rule) for rule in results.get("violations", [])],
        incomplete=[_slim_rule(rule) for rule in results.get("incomplete", [])],
        prominence=measure_prominence(browser.driver),
    )
    if screenshots:
        result.screenshots = take_screenshots(browser, result.violations)
    return result


def _slim_rule(rule: dict) -> dict:
    return {
        "id": rule.get("id"),
        "impact": rule.get("impact"),
        "help": rule.get("help"),
        "description": rule.get("description"),
        "helpUrl": rule.get("helpUrl"),
        "tags": rule.get("tags", []),
        "nodes": [
            {
                "target": rule_target(node.get("target", [])),
                "parts": node.get("target", []),
                "impact": node.get("impact"),
                "html": (node.get("html") or "")[:500],
                "summary": node.get("failureSummary") or "",
            }
            for node in rule.get("nodes", [])
        ],
    }


def rule_target(target: list) -> str:
    """axe's node.target (frames outermost first; a list inside is a shadow-DOM path) as one string."""
    parts = []
    for part in target:
        parts.append(SHADOW_JOIN.join(part) if isinstance(part, list) else str(part))
    return FRAME_JOIN.join(parts)


# -- screenshots ------------------------------------------------------------------

_HIGHLIGHT = """
var el = arguments[0];
el.scrollIntoView({block: 'center', inline: 'center'});
var old = [el.style.outline, el.style.outlineOffset];
el.style.outline = '4px solid #d0021b';
el.style.outlineOffset = '-4px';
return old;
"""
_UNHIGHLIGHT = "arguments[0].style.outline = arguments[1][0]; arguments[0].style.outlineOffset = arguments[1][1];"


def take_screenshots(browser: Browser, violations: list[dict]) -> dict[str, str]:
    """PNG (base64) of each failing element, outlined in red, keyed by target."""
    from selenium.common.exceptions import WebDriverException

    shots: dict[str, str] = {}
    for rule in violations:
        for node in rule["nodes"]:
            if len(shots) >= MAX_SCREENSHOTS_PER_PAGE:
                return shots
            if node["target"] in shots:
                continue
            try:
                element = _locate(browser.driver, node["parts"])
                if element is None:
                    continue
                old = browser.driver.execute_script(_HIGHLIGHT, element)
                try:
                    shots[node["target"]] = element.screenshot_as_base64
                finally:
                    browser.driver.execute_script(_UNHIGHLIGHT, element, old)
            except WebDriverException:
                continue  # zero-size or detached elements have no picture; the finding stays
            finally:
                browser.driver.switch_to.default_content()
    return shots


def _locate(driver, parts: list):
    from selenium.webdriver.common.by import By

    for frame in parts[:-1]:
        if isinstance(frame, list):
            return None
        driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, frame))
    last = parts[-1] if parts else None
    if last is None:
        return None
    if isinstance(last, list):  # shadow DOM: host selector, then selectors inside each root
        element = driver.find_element(By.CSS_SELECTOR, last[0])
        for selector in last[1:]:
            element = element.shadow_root.find_element(By.CSS_SELECTOR, selector)
        return element
    return driver.find_element(By.CSS_SELECTOR, last)


# -- findings ---------------------------------------------------------------------


@check(PAGE_ERROR_CHECK, "a11y", "error",
       "a page could not be loaded for the accessibility check (HTTP error, timeout, crash)")
def result_findings(result: PageResult, version: str) -> list[Finding]:
    """Violations (error/warning by impact), then incomplete ones (info), then a page error."""
    task = result.task
    base = {"viewport": str(task.viewport), "axe_version": version}
    findings: list[Finding] = []
    if result.error:
        findings.append(Finding(
            check=PAGE_ERROR_CHECK, severity="error", message=result.error,
            path=task.path, locale=task.locale, extra=dict(base),
        ))
    for outcome, rules in (("violation", result.violations), ("incomplete", result.incomplete)):
        for rule in rules:
            for node in rule["nodes"]:
                impact = node.get("impact") or rule.get("impact") or "minor"
                severity = IMPACT_SEVERITY.get(impact, "warning") if outcome == "violation" else "info"
                message = rule.get("help") or rule.get("description") or rule["id"]
                if outcome == "incomplete":
                    message = f"needs review: {message}"
                findings.append(Finding(
                    check=f"axe/{rule['id']}", severity=severity, message=message,
                    path=task.path, locale=task.locale, target=node["target"],
                    extra={**base, "impact": impact, "help_url": rule.get("helpUrl"),
                           "outcome": outcome, "html": node.get("html", ""),
                           "summary": node.get("summary", "")},
                ))
    findings.extend(prominence_findings(result.prominence, task.path, task.locale, base))
    return findings

