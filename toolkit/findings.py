"""The one result type every check yields, whatever its family."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order severities so that ``error`` ranks highest."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    """One problem found by one check.

    ``check`` is a stable kebab-case id (``axe/<rule>`` for accessibility);
    ``path`` is relative to the project root, or a page URL; ``line`` is
    1-based where known; ``target`` is a CSS selector for page findings.
    ``extra`` holds family-specific details (axe impact, help URL, viewport).
    """

    check: str
    severity: str
    message: str
    path: str | None = None
    line: int | None = None
    locale: str | None = None
    msgid: str | None = None
    target: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies, which dominates a
        # report of thousands of findings.
        data = {
            "check": self.check, "severity": self.severity, "message": self.message, "path": self.path,
            "line": self.line, "locale": self.locale, "msgid": self.msgid, "target": self.target,
        }
        for key, value in self.extra.items():
            data[key] = list(value) if isinstance(value, (list, tuple)) else value
        return data

    @property
    def fingerprint(self) -> str:
        """A key that survives line shifts, used by baselines."""
        return "|".join(
            str(part or "") for part in (self.check, self.locale, self.path, self.msgid, self.target)
        )

    def location(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or "-"


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
    counts["total"] = sum(counts[s] for s in SEVERITIES)
    return counts


def worst_severity_at_least(findings: Iterable[Finding], threshold: str) -> bool:
    """True when any finding is at or above ``threshold``."""
    rank = severity_rank(threshold)
    return any(severity_rank(f.severity) >= rank for f in findings)
