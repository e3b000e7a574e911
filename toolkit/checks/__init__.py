"""Checks: one small unit per problem, each with a stable id, a severity and a description.

Families register their checks here so that ``toolkit checks`` can list them all
and every family reports through the one :class:`~toolkit.findings.Finding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..findings import Finding


@dataclass(frozen=True)
class CheckInfo:
    id: str
    family: str  # "catalogue", "page", "legal", "a11y"
    severity: str
    description: str

    def finding(self, message: str, **where) -> Finding:
        return Finding(check=self.id, severity=where.pop("severity", self.severity), message=message, **where)


REGISTRY: dict[str, CheckInfo] = {}


def register(id: str, family: str, severity: str, description: str) -> CheckInfo:
    """Declare a check; ids are unique across families."""
    if id in REGISTRY and REGISTRY[id] != CheckInfo(id, family, severity, description):
        raise ValueError(f"check id {id!r} declared twice")
    info = CheckInfo(id, family, severity, description)
    REGISTRY[id] = info
    return info


def check(id: str, family: str, severity: str, description: str) -> Callable:
    """Decorator form of :func:`register`; the function gains an ``info`` attribute."""

    def decorate(function: Callable) -> Callable:
        function.info = register(id, family, severity, description)
        return function

    return decorate
