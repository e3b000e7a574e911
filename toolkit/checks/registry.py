"""The one check registry: every family declares its checks with :func:`check`.

A check has a stable id, a family (``catalogue``, ``pages``, ``legal``,
``a11y``), a default severity, a one-line description and, for catalogue
checks, the characters an entry must hold for the check to have anything to
look at (``triggers``) and what it looks at (``scope``):

- ``pair``: one (source, translation) pair; the runner pairs plural forms
  with the msgid they stand for and prefixes each message with its form;
- ``entry``: the whole live entry (untranslated, fuzzy, identical forms);
- ``catalogue``: the whole file (header, duplicates, obsolete entries).

Families are found through :data:`FAMILY_MODULES`, an explicit list (as
Babel lists its checkers): nothing is discovered by scanning folders, and a
family is imported only when a run or a listing needs it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..findings import Finding

FAMILIES = ("catalogue", "pages", "legal", "a11y", "crawl")
# Family -> the module whose import declares its checks.
FAMILY_MODULES = {
    "catalogue": "toolkit.checks.catalogue",
    "pages": "toolkit.checks.pages",
    "legal": "toolkit.checks.legal",
    "a11y": "toolkit.checks.a11y.runner",
    "crawl": "toolkit.checks.crawl",
}
SCOPES = ("pair", "entry", "catalogue")


@dataclass(frozen=True)
class Check:
    id: str
    family: str
    severity: str
    description: str
    triggers: frozenset[str] | None = None
    scope: str | None = None
    function: Callable | None = field(default=None, compare=False, repr=False)

    def finding(self, message: str, **where) -> Finding:
        return Finding(check=self.id, severity=where.pop("severity", None) or self.severity, message=message, **where)

    def describe(self) -> dict[str, str]:
        """What ``toolkit checks --format json`` lists."""
        return {"id": self.id, "family": self.family, "severity": self.severity, "description": self.description}


REGISTRY: dict[str, Check] = {}


def check(id: str, family: str, severity: str, description: str, *, triggers: str | None = None,
          scope: str | None = None) -> Callable[[Callable], Callable]:
    """Declare a check implemented by the decorated function; ids are unique across families.

    A function that reports several checks carries one decorator per id.
    Catalogue checks default to the ``pair`` scope."""
    if family not in FAMILIES:
        raise ValueError(f"unknown check family {family!r}")
    if family == "catalogue":
        scope = scope or "pair"
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
    chars = frozenset(triggers) if triggers is not None else None

    def decorate(function: Callable) -> Callable:
        declared = Check(id, family, severity, description, chars, scope, function)
        known = REGISTRY.get(id)
        if known is not None and known != declared:
            raise ValueError(f"check id {id!r} declared twice")
        if known is None:
            REGISTRY[id] = declared
        return function

    return decorate


def finding(check_id: str, message: str, **where) -> Finding:
    """A finding of the registered check ``check_id`` (its severity unless ``severity=`` says otherwise)."""
    return REGISTRY[check_id].finding(message, **where)


def load(families: Iterable[str] = FAMILIES) -> None:
    """Import the modules that declare the checks of ``families``."""
    for family in families:
        importlib.import_module(FAMILY_MODULES[family])


def checks_of(family: str, scope: str | None = None) -> list[Check]:
    """The checks of one family in declaration order (its module imported first)."""
    load([family])
    return [c for c in REGISTRY.values() if c.family == family and (scope is None or c.scope == scope)]


def all_checks() -> list[Check]:
    """Every check of every family."""
    load()
    return list(REGISTRY.values())
