"""Baselines: findings a team has accepted, each with a written reason.

A baseline is a YAML list; each entry names a finding by the fields of its
fingerprint (``check``, ``locale``, ``path``, ``msgid``, ``target``; leave out
what does not apply) or by the ``fingerprint`` string itself, and says why
it is accepted::

    - check: unchanged
      locale: hr
      path: locales/hr/LC_MESSAGES/messages.po
      msgid: Status
      justification: "Status" is the Croatian word too.

Matching is by :attr:`toolkit.findings.Finding.fingerprint`, which survives
line shifts.  Any family (catalogue, page, a11y) can use the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from .errors import InputError
from .findings import Finding

FINGERPRINT_FIELDS = ("check", "locale", "path", "msgid", "target")


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    justification: str
    line: int | None = None


@dataclass
class Baseline:
    entries: dict[str, BaselineEntry]
    path: str | None = None

    def accepts(self, finding: Finding) -> bool:
        return finding.fingerprint in self.entries

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings still to report, findings the baseline accepts)."""
        kept, accepted = [], []
        for finding in findings:
            (accepted if self.accepts(finding) else kept).append(finding)
        return kept, accepted

    def unused(self, findings: Iterable[Finding]) -> list[BaselineEntry]:
        """Entries no finding matched any more: fixed, and safe to delete."""
        seen = {f.fingerprint for f in findings}
        return [entry for key, entry in self.entries.items() if key not in seen]


def fingerprint_of(fields: dict) -> str:
    """The fingerprint a finding with these fields would have."""
    return "|".join(str(fields.get(name) or "") for name in FINGERPRINT_FIELDS)


def load_baseline(path: Path | str) -> Baseline:
    """Read a baseline file; an entry without a justification, an unknown key
    or malformed YAML is an InputError naming the file and line."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read baseline: {error.strerror}", name) from error
    except UnicodeDecodeError as error:
        raise InputError("baseline is not UTF-8", name) from error
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(f"invalid YAML: {error.problem or error}", name, mark.line + 1 if mark else None) from error
    if root is None:
        return Baseline({}, name)
    if not isinstance(root, yaml.SequenceNode):
        raise InputError("a baseline is a list of accepted findings", name, root.start_mark.line + 1)
    entries: dict[str, BaselineEntry] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise InputError("each baseline entry is a mapping (check, path, …, justification)", name, line)
        data = yaml.safe_load(yaml.serialize(node))
        unknown = set(data) - {*FINGERPRINT_FIELDS, "fingerprint", "justification", "message", "line"}
        if unknown:
            raise InputError(f"unknown key {sorted(unknown)[0]!r} in baseline entry", name, line)
        justification = data.get("justification")
        if not isinstance(justification, str) or not justification.strip():
            raise InputError("baseline entry has no justification: say why this finding is accepted", name, line)
        if "fingerprint" in data:
            fingerprint = str(data["fingerprint"])
        elif data.get("check"):
            fingerprint = fingerprint_of(data)
        else:
            raise InputError("baseline entry names no finding (give check and path, or fingerprint)", name, line)
        entries[fingerprint] = BaselineEntry(fingerprint, justification.strip(), line)
    return Baseline(entries, name)


def baseline_text(findings: Iterable[Finding], justification: str) -> str:
    """A baseline accepting ``findings`` with one shared ``justification``
    (which must not be empty: every accepted finding needs a reason)."""
    if not justification.strip():
        raise InputError("a baseline needs a justification")
    items = []
    seen = set()
    for finding in findings:
        if finding.fingerprint in seen:
            continue
        seen.add(finding.fingerprint)
        item = {name: getattr(finding, name) for name in FINGERPRINT_FIELDS if getattr(finding, name)}
        item["justification"] = justification.strip()
        items.append(item)
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False)
