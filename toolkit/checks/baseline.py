"""Baselines: findings a team has accepted, each with a written reason.

One file form serves every family (catalogue, page, legal, a11y).  A baseline
is a YAML list of entries, or JSON (which is YAML), bare or wrapped as
``{"entries": [...]}``.  Each entry names a finding by the fields of its
fingerprint (``check``, ``locale``, ``path``, ``msgid``, ``target``; leave out
what does not apply) or by the ``fingerprint`` string itself, and says why it
is accepted::

    - check: unchanged
      locale: hr
      path: locales/hr/LC_MESSAGES/messages.po
      msgid: Status
      justification: "Status" is the Croatian word too.

For accessibility findings ``rule`` names the axe rule (``rule: label`` is
``check: axe/label``) and ``page`` is a synonym of ``path``, which is the form
``i18n/a11y-baseline.json`` is written in.  ``viewport`` narrows an entry to one
viewport; without it the entry accepts the finding in every viewport.

Matching is by :attr:`toolkit.findings.Finding.fingerprint`, which survives
line shifts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

import yaml

from ..errors import InputError
from ..fileio import atomic_write_text, parse_json, parse_yaml, read_text
from ..findings import Finding

FINGERPRINT_FIELDS = ("check", "locale", "path", "msgid", "target")
AXE_PREFIX = "axe/"
# Keys a file may use, mapped to the entry field they fill.
KEYS = {"check": "check", "rule": "check", "path": "path", "page": "path", "locale": "locale",
        "msgid": "msgid", "target": "target", "viewport": "viewport",
        "fingerprint": "fingerprint", "justification": "justification"}
# Copied from a finding's dict by hand and harmless: accepted and ignored.
IGNORED_KEYS = {"message", "line"}


def fingerprint_of(fields: dict) -> str:
    """The fingerprint a finding with these fields would have."""
    return "|".join(str(fields.get(name) or "") for name in FINGERPRINT_FIELDS)


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding; ``line`` is where it starts in its file."""

    check: str
    justification: str
    path: str | None = None
    locale: str | None = None
    msgid: str | None = None
    target: str | None = None
    viewport: str | None = None
    line: int | None = field(default=None, compare=False)

    @classmethod
    def for_finding(cls, finding: Finding, justification: str) -> BaselineEntry:
        return cls(finding.check, justification, finding.path, finding.locale or None,
                   finding.msgid or None, finding.target or None)

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.__dict__)

    @property
    def key(self) -> tuple[str, str | None]:
        return self.fingerprint, self.viewport

    @property
    def rule(self) -> str:
        """The check id, without the ``axe/`` namespace of accessibility rules."""
        return self.check.removeprefix(AXE_PREFIX)

    @property
    def page(self) -> str | None:
        return self.path

    def describe(self) -> str:
        text = f"{self.rule} on {self.path or '-'}"
        if self.target:
            text += f" at {self.target}"
        if self.locale:
            text += f" [{self.locale}]"
        if self.viewport:
            text += f" ({self.viewport})"
        return text

    def to_dict(self) -> dict:
        """The entry as it is written to a file (rule/page for axe rules, else check/path)."""
        if self.check.startswith(AXE_PREFIX):
            data = {"rule": self.rule, "page": self.path}
        else:
            data = {"check": self.check, "path": self.path}
        data.update(locale=self.locale, msgid=self.msgid, target=self.target, viewport=self.viewport)
        data = {name: value for name, value in data.items() if value}
        data["justification"] = self.justification
        return data

    def sort_key(self) -> tuple:
        return tuple(value or "" for value in (self.path, self.check, self.target, self.locale,
                                               self.msgid, self.viewport))


class Baseline(list):
    """The entries of one baseline file, in file order (a list of :class:`BaselineEntry`)."""

    def __init__(self, entries: Iterable[BaselineEntry] = (), path: str | None = None):
        super().__init__(entries)
        self.path = path

    def match(self, finding: Finding) -> BaselineEntry | None:
        """The entry that accepts ``finding``: one for its viewport, else one for every viewport."""
        index = {entry.key: entry for entry in self}
        return _match(index, finding)

    def accepts(self, finding: Finding) -> bool:
        return self.match(finding) is not None

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings still to report, findings the baseline accepts)."""
        index = {entry.key: entry for entry in self}
        kept, accepted = [], []
        for finding in findings:
            (accepted if _match(index, finding) else kept).append(finding)
        return kept, accepted

    def unused(self, findings: Iterable[Finding], pages: Iterable[str] | None = None
               ) -> list[BaselineEntry]:
        """Entries no finding matched any more: fixed, and safe to delete.  With ``pages``,
        only entries for those paths count (the others were not checked this time)."""
        index = {entry.key: entry for entry in self}
        used = {id(entry) for entry in (_match(index, f) for f in findings) if entry}
        checked = None if pages is None else set(pages)
        return [entry for entry in self
                if id(entry) not in used and (checked is None or entry.path in checked)]


def _match(index: dict, finding: Finding) -> BaselineEntry | None:
    fingerprint = finding.fingerprint
    viewport = finding.extra.get("viewport")
    return (viewport and index.get((fingerprint, str(viewport)))) or index.get((fingerprint, None))


@dataclass
class BaselineOutcome:
    findings: list[Finding]  # what is left to report
    suppressed: int
    fixed: list[BaselineEntry]


def apply_baseline(findings: Iterable[Finding], baseline: Iterable[BaselineEntry],
                   checked_pages: Iterable[str]) -> BaselineOutcome:
    """Drop accepted findings; entries for checked pages that matched nothing are fixed."""
    baseline = _as_baseline(baseline)
    findings = list(findings)
    kept, accepted = baseline.split(findings)
    return BaselineOutcome(kept, len(accepted), baseline.unused(accepted, checked_pages))


# -- reading -------------------------------------------------------------------------

def load_baseline(path: Path | str) -> Baseline:
    """Read a baseline file; a missing file is an empty baseline (it accepts nothing).

    Malformed YAML or JSON, an unknown key, an entry without a justification or a
    duplicate entry is an InputError naming the file and line.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        return Baseline([], name)
    text = read_text(path, name)
    root = _compose(text, name, is_json=path.suffix.lower() == ".json")
    if root is None:
        return Baseline([], name)
    if isinstance(root, yaml.MappingNode):
        wrapper = _mapping(root, name, root.start_mark.line + 1)
        if set(wrapper) != {"entries"}:
            raise InputError('a baseline is a list of entries, or {"entries": [...]}', name,
                             root.start_mark.line + 1)
        root = wrapper["entries"]
    if not isinstance(root, yaml.SequenceNode):
        raise InputError("a baseline is a list of accepted findings", name, root.start_mark.line + 1)
    entries: list[BaselineEntry] = []
    seen: dict[tuple, int] = {}
    for node in root.value:
        entry = _entry(node, name)
        if entry.key in seen:
            raise InputError(f"duplicate baseline entry (first at line {seen[entry.key]})", name, entry.line)
        seen[entry.key] = entry.line
        entries.append(entry)
    return Baseline(entries, name)


def _compose(text: str, name: str, is_json: bool) -> yaml.Node | None:
    if is_json:
        parse_json(text, name)
        # JSON may indent with tabs, YAML may not; a raw tab cannot occur inside a JSON string.
        text = text.replace("\t", " ")
    return parse_yaml(text, name, nodes=True)


def _mapping(node: yaml.MappingNode, name: str, line: int) -> dict[str, yaml.Node]:
    result = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise InputError("baseline keys are plain words", name, key.start_mark.line + 1)
        result[key.value] = value
    return result


def _scalar(node: yaml.Node, key: str, name: str) -> str | None:
    """A value as written (``msgid: 404`` is the text "404"); null is None."""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(f"baseline field {key!r} must be a string", name, node.start_mark.line + 1)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    # YAML leaves JSON's surrogate-pair escapes (\ud83d\ude00) as two halves; join them.
    return node.value.encode("utf-16", "surrogatepass").decode("utf-16")


def _entry(node: yaml.Node, name: str) -> BaselineEntry:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise InputError("each baseline entry is a mapping (check, path, …, justification)", name, line)
    raw = _mapping(node, name, line)
    unknown = sorted(set(raw) - set(KEYS) - IGNORED_KEYS)
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} in baseline entry", name, line)
    fields: dict[str, str | None] = {}
    for key, value in raw.items():
        if key in IGNORED_KEYS:
            continue
        target = KEYS[key]
        if target in fields:
            raise InputError(f"baseline entry gives {target!r} twice (as {key!r} too)", name, line)
        text = _scalar(value, key, name)
        if key == "rule" and text:
            text = AXE_PREFIX + text.removeprefix(AXE_PREFIX)
        fields[target] = text or None
    justification = (fields.pop("justification", None) or "").strip()
    if not justification:
        raise InputError("baseline entry has no justification: say why this finding is accepted", name, line)
    fingerprint = fields.pop("fingerprint", None)
    if fingerprint:
        parts = fingerprint.split("|")
        if len(parts) != len(FINGERPRINT_FIELDS) or any(fields.get(f) for f in FINGERPRINT_FIELDS):
            raise InputError("a fingerprint is check|locale|path|msgid|target, given without those fields",
                             name, line)
        fields.update({f: part or None for f, part in zip(FINGERPRINT_FIELDS, parts)})
    if not fields.get("check"):
        raise InputError("baseline entry names no finding (give check and path, or fingerprint)", name, line)
    return BaselineEntry(justification=justification, line=line, **fields)


# -- writing -------------------------------------------------------------------------

def baseline_text(findings: Iterable[Finding], justification: str, as_json: bool = False) -> str:
    """A baseline accepting ``findings`` with one shared ``justification``
    (which must not be empty: every accepted finding needs a reason)."""
    if not justification.strip():
        raise InputError("a baseline needs a justification")
    entries = {}
    for finding in findings:
        entry = BaselineEntry.for_finding(finding, justification.strip())
        entries.setdefault(entry.key, entry)
    return render_baseline(entries.values(), as_json)


def render_baseline(entries: Iterable[BaselineEntry], as_json: bool = False) -> str:
    """The file text for ``entries``, sorted so that rewrites make small diffs."""
    items = [entry.to_dict() for entry in sorted(entries, key=BaselineEntry.sort_key)]
    if as_json:
        return json.dumps({"entries": items}, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False) if items else "[]\n"


def write_baseline(path: Path | str, entries: Iterable[BaselineEntry]) -> None:
    """Write ``entries`` atomically: JSON (``{"entries": [...]}``) for a .json file, else YAML."""
    path = Path(path)
    atomic_write_text(path, render_baseline(entries, as_json=path.suffix.lower() == ".json"))


def update_baseline(path: Path | str, findings: Iterable[Finding], baseline: Iterable[BaselineEntry],
                    checked_pages: Iterable[str], justification: str | None = None
                    ) -> tuple[list[BaselineEntry], list[BaselineEntry]]:
    """Rewrite the baseline at ``path`` to accept exactly ``findings`` on the checked pages.

    Entries for pages not checked this time stay as they are; entries still matched
    keep their justification; new ones take ``justification`` (without one, nothing
    is written and InputError lists them).  Returns ``(added, fixed)``.
    """
    baseline = _as_baseline(baseline)
    index = {entry.key: entry for entry in baseline}
    reason = (justification or "").strip()
    current: dict[tuple, BaselineEntry] = {}
    added: list[BaselineEntry] = []
    for finding in findings:
        entry = _match(index, finding)
        if entry is None:
            entry = BaselineEntry.for_finding(finding, reason)
            if entry.key not in current:
                added.append(entry)
        current.setdefault(entry.key, entry)
    if added and not reason:
        listed = "; ".join(entry.describe() for entry in added[:5])
        more = f" and {len(added) - 5} more" if len(added) > 5 else ""
        raise InputError(f"{len(added)} new finding(s) need a justification before they can be "
                         f"baselined (pass --justification TEXT): {listed}{more}", str(path))
    checked = set(checked_pages)
    fixed = [entry for entry in baseline if entry.path in checked and entry.key not in current]
    kept = {entry.key: entry for entry in baseline if entry.path not in checked}
    for key, entry in current.items():
        kept.setdefault(key, replace(entry, line=None))
    write_baseline(path, kept.values())
    return added, fixed


def _as_baseline(entries: Iterable[BaselineEntry]) -> Baseline:
    return entries if isinstance(entries, Baseline) else Baseline(entries)
