"""Interactions before the audit: put a page into a state (banner details open, menu open,
form submitted) and audit it in that state too.

Declared in ``[tool.toolkit.a11y]``, one table per state::

    [[tool.toolkit.a11y.interactions]]
    name = "cookie details"          # the state's name in findings and the report
    pages = ["*/index.html"]         # glob patterns on the page's path or URL
    steps = [
      {click = "#cookie-details-toggle"},
      {wait-for = "#cookie-details"},           # until the element is displayed
      {set-value = "#search", value = "oružje"},
      {press = "Enter", selector = "#search"},  # a key, into the element (or the focused one)
      {wait-ms = 200},
    ]

Every matching page is audited as loaded and once per state, each state from a
fresh load; a state's findings name the page ``<path> [<state>]`` and carry
``state`` in their details.  A step that fails (no such element) is a page
error of that state, not of the run.
"""

from __future__ import annotations

import fnmatch
import time
from dataclasses import dataclass

from ...errors import InputError
from .runner import PageLoadError, PinnedAxe

STEP_KINDS = ("click", "set-value", "press", "wait-for", "wait-ms")
MAX_WAIT_MS = 30000


@dataclass(frozen=True)
class Step:
    kind: str
    selector: str | None = None
    value: str | None = None
    ms: int = 0

    def describe(self) -> str:
        if self.kind == "wait-ms":
            return f"wait-ms {self.ms}"
        if self.kind == "press":
            return f"press {self.value}" + (f" in {self.selector}" if self.selector else "")
        return f"{self.kind} {self.selector}" + (f" = {self.value!r}" if self.kind == "set-value" else "")


@dataclass(frozen=True)
class Interaction:
    name: str
    pages: tuple[str, ...]
    steps: tuple[Step, ...]

    def matches(self, path: str) -> bool:
        return any(fnmatch.fnmatchcase(path, pattern) for pattern in self.pages)

    def key(self) -> str:
        """What the cache keys a state on: its name and steps."""
        return repr((self.name, self.steps))


def parse_interactions(table, where: str = "[tool.toolkit.a11y] interactions") -> list[Interaction]:
    if table is None:
        return []
    if not isinstance(table, list):
        raise InputError(f"{where} must be a list of tables (name, pages, steps)")
    result: list[Interaction] = []
    names: set[str] = set()
    for number, item in enumerate(table, 1):
        here = f"{where} #{number}"
        if not isinstance(item, dict):
            raise InputError(f"{here}: must be a table with name, pages and steps")
        unknown = sorted(set(item) - {"name", "pages", "steps"})
        if unknown:
            raise InputError(f"{here}: unknown key(s) {', '.join(unknown)}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip() or any(c in name for c in "[]"):
            raise InputError(f"{here}: name must be a non-empty string without brackets")
        if name in names:
            raise InputError(f"{here}: the name {name!r} is used twice")
        names.add(name)
        pages = item.get("pages", ["*"])
        pages = [pages] if isinstance(pages, str) else pages
        if not isinstance(pages, list) or not pages or not all(isinstance(p, str) for p in pages):
            raise InputError(f"{here}: pages must be a glob pattern or a list of them")
        steps_table = item.get("steps")
        if not isinstance(steps_table, list) or not steps_table:
            raise InputError(f"{here}: steps must be a non-empty list")
        steps = tuple(_parse_step(step, f"{here} step {n}") for n, step in enumerate(steps_table, 1))
        result.append(Interaction(name, tuple(pages), steps))
    return result


def _parse_step(step, here: str) -> Step:
    if not isinstance(step, dict):
        raise InputError(f"{here}: a step is a table such as {{click = \"#menu-button\"}}")
    kinds = [k for k in STEP_KINDS if k in step]
    if len(kinds) != 1:
        raise InputError(f"{here}: one of {', '.join(STEP_KINDS)} per step")
    kind = kinds[0]
    allowed = {kind, "value"} if kind == "set-value" else {kind, "selector"} if kind == "press" else {kind}
    extra = sorted(set(step) - allowed)
    if extra:
        raise InputError(f"{here}: unknown key(s) {', '.join(extra)} for {kind}")
    value = step[kind]
    if kind == "wait-ms":
        if not isinstance(value, int) or not 0 <= value <= MAX_WAIT_MS:
            raise InputError(f"{here}: wait-ms must be a whole number of milliseconds up to {MAX_WAIT_MS}")
        return Step(kind, ms=value)
    if not isinstance(value, str) or not value:
        raise InputError(f"{here}: {kind} needs a string")
    if kind == "set-value":
        text = step.get("value")
        if not isinstance(text, str):
            raise InputError(f"{here}: set-value needs value = \"...\"")
        return Step(kind, selector=value, value=text)
    if kind == "press":
        selector = step.get("selector")
        if selector is not None and not isinstance(selector, str):
            raise InputError(f"{here}: selector must be a string")
        _key(value, here)
        return Step(kind, selector=selector, value=value)
    return Step(kind, selector=value)


def _key(name: str, here: str = "press") -> str:
    from selenium.webdriver.common.keys import Keys

    if len(name) == 1:
        return name
    special = getattr(Keys, name.upper().replace("-", "_"), None)
    if special is None:
        raise InputError(f"{here}: unknown key {name!r} (a character, or Enter, Escape, Tab, Space, ArrowDown...)")
    return special


def state_path(path: str, name: str) -> str:
    return f"{path} [{name}]"


def run_steps(driver, interaction: Interaction, timeout: float) -> None:
    """Run the steps in the loaded page; a failing step is a PageLoadError naming it."""
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    for number, step in enumerate(interaction.steps, 1):
        try:
            if step.kind == "wait-ms":
                time.sleep(step.ms / 1000)
            elif step.kind == "wait-for":
                WebDriverWait(driver, timeout).until(
                    expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, step.selector)))
            elif step.kind == "click":
                element = WebDriverWait(driver, timeout).until(
                    expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, step.selector)))
                element.click()
            elif step.kind == "set-value":
                element = driver.find_element(By.CSS_SELECTOR, step.selector)
                element.clear()
                element.send_keys(step.value)
            elif step.kind == "press":
                if step.selector:
                    driver.find_element(By.CSS_SELECTOR, step.selector).send_keys(_key(step.value))
                else:
                    ActionChains(driver).send_keys(_key(step.value)).perform()
        except TimeoutException as error:
            raise PageLoadError(f"interaction {interaction.name!r} step {number} ({step.describe()}): "
                                f"not there within {timeout:g} s") from error
        except WebDriverException as error:
            message = (getattr(error, "msg", None) or str(error)).strip().splitlines()[0]
            raise PageLoadError(f"interaction {interaction.name!r} step {number} ({step.describe()}): {message}") from error


class StateAxe(PinnedAxe):
    """PinnedAxe that first puts the loaded page into a state (axe is injected after the steps)."""

    def __init__(self, selenium, script_url, script_href=None, interaction: Interaction | None = None,
                 timeout: float = 10.0):
        super().__init__(selenium, script_url, script_href)
        self.interaction = interaction
        self.timeout = timeout

    def inject(self) -> None:
        if self.interaction is not None:
            run_steps(self.selenium, self.interaction, self.timeout)
        super().inject()
