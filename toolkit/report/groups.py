"""Root causes: findings that are one problem seen in many places.

The same untranslated string on 1,000 pages, the same missing alternate on
every page of a locale: one root cause, reported once with a count and
examples.  Two findings share a root cause when they come from the same check
at the same severity in the same locale about the same string (``msgid``) or,
without one, with the same message once the pages they name are taken out,
at the same element (``target``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..findings import Finding

EXAMPLES = 10


def root_cause(finding: Finding) -> tuple:
    if finding.msgid:
        return (finding.check, finding.severity, finding.locale, "msgid", finding.msgid)
    message = finding.message
    for page in (finding.path, finding.extra.get("counterpart")):
        if page and isinstance(page, str):
            message = message.replace(page, "{page}")
    return (finding.check, finding.severity, finding.locale, message, finding.target)


@dataclass
class Group:
    """One root cause: its first finding, how many findings share it, and examples."""

    first: Finding
    count: int = 0
    examples: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding, limit: int = EXAMPLES) -> None:
        self.count += 1
        if len(self.examples) < limit:
            self.examples.append(finding)


def group_findings(findings: Iterable[Finding], limit: int = EXAMPLES) -> list[Group]:
    """The root causes of ``findings`` in the order each is first seen; each
    keeps at most ``limit`` example findings."""
    groups: dict[tuple, Group] = {}
    for finding in findings:
        key = root_cause(finding)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(finding)
        group.add(finding, limit)
    return list(groups.values())
