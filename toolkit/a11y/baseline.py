"""The accessibility baseline: accepted findings, each with a written justification.

``i18n/a11y-baseline.json`` is ``{"entries": [{"rule", "page", "target", "locale",
"justification"}, ...]}``.  A violation that matches an entry (in any viewport) is
suppressed, so CI fails only on new problems.  Entries for pages that were
checked and no longer have the problem are reported as fixed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..fileio import atomic_write_text
from ..findings import Finding

FIELDS = ("rule", "page", "target", "locale", "justification")


@dataclass(frozen=True)
class BaselineEntry:
    rule: str
    page: str
    target: str | None
    locale: str | None
    justification: str
    line: int | None = None

    @property
    def key(self) -> tuple:
        return (self.rule, self.page, self.target or None, self.locale or None)

    def to_json(self) -> dict:
        return {"rule": self.rule, "page": self.page, "target": self.target,
                "locale": self.locale, "justification": self.justification}


def finding_key(finding: Finding) -> tuple:
    rule = finding.check.removeprefix("axe/")
    return (rule, finding.path, finding.target or None, finding.locale or None)


def is_baselinable(finding: Finding) -> bool:
    return finding.check.startswith("axe/") and finding.extra.get("outcome") == "violation"


def load_baseline(path: Path) -> list[BaselineEntry]:
    """Read and validate the baseline; a missing file is an empty baseline."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the baseline: {error}", str(path)) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", str(path), error.lineno) from error
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError('expected an object {"entries": [...]}', str(path), 1)
    lines = _entry_lines(text, len(data["entries"]))
    entries = []
    seen: dict[tuple, int | None] = {}
    for raw, line in zip(data["entries"], lines):
        if not isinstance(raw, dict):
            raise InputError("a baseline entry must be an object", str(path), line)
        unknown = sorted(set(raw) - set(FIELDS))
        if unknown:
            raise InputError(f"unknown field(s) {', '.join(unknown)} in a baseline entry", str(path), line)
        for name in ("rule", "page"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                raise InputError(f"baseline entry has no {name!r}", str(path), line)
        for name in ("target", "locale"):
            if raw.get(name) is not None and not isinstance(raw[name], str):
                raise InputError(f"baseline entry field {name!r} must be a string or null", str(path), line)
        justification = raw.get("justification")
        if not isinstance(justification, str) or not justification.strip():
            raise InputError(
                f"baseline entry for {raw['rule']} on {raw['page']} has no justification; "
                "every accepted finding needs a written reason",
                str(path), line,
            )
        entry = BaselineEntry(raw["rule"].removeprefix("axe/"), raw["page"], raw.get("target"),
                              raw.get("locale"), justification.strip(), line)
        if entry.key in seen:
            raise InputError(f"duplicate baseline entry (first at line {seen[entry.key]})", str(path), line)
        seen[entry.key] = line
        entries.append(entry)
    return entries


def _entry_lines(text: str, count: int) -> list[int | None]:
    """The line on which each entry of the (already valid) ``entries`` array starts."""
    match = re.search(r'"entries"\s*:\s*\[', text)
    if not match:
        return [None] * count
    decoder = json.JSONDecoder()
    position = match.end()
    lines: list[int | None] = []
    whitespace = re.compile(r"[\s,]*")
    for _ in range(count):
        position = whitespace.match(text, position).end()
        lines.append(text.count("\n", 0, position) + 1)
        try:
            _, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            break
    return lines + [None] * (count - len(lines))


@dataclass
class BaselineOutcome:
    findings: list[Finding]  # what is left to report
    suppressed: int
    fixed: list[BaselineEntry]


def apply_baseline(findings: Iterable[Finding], entries: list[BaselineEntry],
                   checked_pages: set[str]) -> BaselineOutcome:
    """Drop baselined violations; entries of checked pages that matched nothing are fixed."""
    by_key = {entry.key: entry for entry in entries}
    used: set[tuple] = set()
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        key = finding_key(finding)
        if is_baselinable(finding) and key in by_key:
            used.add(key)
            suppressed += 1
        else:
            kept.append(finding)
    fixed = [e for e in entries if e.page in checked_pages and e.key not in used]
    return BaselineOutcome(kept, suppressed, fixed)


def update_baseline(path: Path, findings: Iterable[Finding], entries: list[BaselineEntry],
                    checked_pages: set[str], justification: str | None = None
                    ) -> tuple[list[BaselineEntry], list[BaselineEntry]]:
    """Rewrite the baseline to accept exactly the current violations of the checked pages.

    Entries of pages not checked this time are kept as they are; kept entries keep
    their justification; new ones take ``justification`` (without one, nothing is
    written and InputError lists them).  Returns ``(added, fixed)``.
    """
    old = {entry.key: entry for entry in entries}
    current: dict[tuple, BaselineEntry] = {}
    added: list[BaselineEntry] = []
    for finding in findings:
        if not is_baselinable(finding):
            continue
        key = finding_key(finding)
        if key in current:
            continue
        if key in old:
            current[key] = old[key]
            continue
        entry = BaselineEntry(*key, justification=(justification or "").strip())
        current[key] = entry
        added.append(entry)
    if added and not (justification or "").strip():
        listed = "; ".join(f"{e.rule} on {e.page} at {e.target}" for e in added[:5])
        more = f" and {len(added) - 5} more" if len(added) > 5 else ""
        raise InputError(
            f"{len(added)} new finding(s) need a justification before they can be baselined "
            f"(pass --justification TEXT): {listed}{more}", str(path)
        )
    fixed = [e for e in entries if e.page in checked_pages and e.key not in current]
    untouched = [e for e in entries if e.page not in checked_pages]
    result = sorted([*untouched, *current.values()],
                    key=lambda e: (e.page, e.rule, e.target or "", e.locale or ""))
    text = json.dumps({"entries": [e.to_json() for e in result]}, indent=2, ensure_ascii=False)
    atomic_write_text(path, text + "\n")
    return added, fixed
