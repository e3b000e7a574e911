"""The JSON reports.

``json``: ``{"tool", "version", "findings", "summary"}``, the shared schema.
``jsonl``: JSON lines, written as the findings come: a first line
``{"tool", "version", "run"}``, one line per finding, a last line
``{"summary"}``.
``grouped``: ``{"tool", "version", "groups", "summary"}``: one entry per root
cause (:mod:`toolkit.report.groups`), the first finding's fields with
``count`` and ``examples`` (the locations of up to ten findings).

:func:`read_findings` reads any of the three back.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator, TextIO

from .. import __version__
from ..errors import InputError
from ..findings import SEVERITIES, Finding, summarize
from .groups import group_findings

_encode = json.JSONEncoder(ensure_ascii=False).encode


def _run(extra: dict | None) -> dict:
    run: dict = {}
    for key in ("paths", "checks", "fail_on"):
        if key in (extra or {}):
            run[key] = list(extra[key]) if key != "fail_on" else extra[key]
    return run


def report_dict(findings: list[Finding], extra: dict | None = None) -> dict:
    data = {
        "tool": "toolkit",
        "version": __version__,
        "findings": [f.to_dict() for f in findings],
        "summary": summarize(findings),
    }
    run = _run(extra)
    if run:
        data["run"] = run
    return data


def dumps_report(data: dict, items_key: str = "findings") -> str:
    """The report as JSON with one finding per line.

    ``indent`` would force Python's pure-Python encoder, which dominates the
    time of a large check run; a line per finding keeps the file readable and
    diffable with the C encoder.
    """
    items = data[items_key]
    head = {key: value for key, value in data.items() if key != items_key}
    lines = [f"  {_encode(key)}: {_encode(value)}" for key, value in head.items()]
    body = ",\n".join("    " + _encode(item) for item in items)
    lines.append(f'  "{items_key}": ' + (f"[\n{body}\n  ]" if items else "[]"))
    return "{\n" + ",\n".join(lines) + "\n}\n"


def render_json(findings: list[Finding], extra: dict | None = None) -> str:
    return dumps_report(report_dict(findings, extra))


# -- JSON lines -------------------------------------------------------------------


def write_jsonl(findings: Iterable[Finding], stream: TextIO, extra: dict | None = None) -> dict[str, int]:
    """Write the findings as JSON lines while they come; returns the counts."""
    head = {"tool": "toolkit", "version": __version__}
    run = _run(extra)
    if run:
        head["run"] = run
    stream.write(_encode(head) + "\n")
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
        stream.write(_encode(finding.to_dict()) + "\n")
    counts["total"] = sum(counts[s] for s in SEVERITIES)
    stream.write(_encode({"summary": counts}) + "\n")
    return counts


def render_jsonl(findings: list[Finding], extra: dict | None = None) -> str:
    import io

    buffer = io.StringIO()
    write_jsonl(findings, buffer, extra)
    return buffer.getvalue()


# -- grouped by root cause ----------------------------------------------------------


def _where(finding: Finding) -> dict:
    return {k: v for k, v in (("path", finding.path), ("line", finding.line), ("target", finding.target)) if v is not None}


def render_grouped(findings: list[Finding], extra: dict | None = None) -> str:
    groups = []
    for group in group_findings(findings):
        item = group.first.to_dict()
        item["count"] = group.count
        item["examples"] = [_where(f) for f in group.examples]
        groups.append(item)
    data = {"tool": "toolkit", "version": __version__, "groups": groups, "summary": summarize(findings)}
    run = _run(extra)
    if run:
        data["run"] = run
    return dumps_report(data, "groups")


# -- reading ------------------------------------------------------------------------


def read_findings(text: str, name: str) -> Iterator[dict]:
    """The finding objects of a report in any of the JSON forms above, in order:
    a grouped report gives each root cause's first finding (with its ``count``
    and ``examples``)."""
    from ..fileio import parse_json

    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0]
    if stripped.startswith("{") and first_line.rstrip().endswith("}") and "\n" in stripped.strip():
        try:
            head = json.loads(first_line)
        except json.JSONDecodeError:
            head = None
        if isinstance(head, dict) and "findings" not in head:
            yield from _read_lines(text, name)
            return
    document = parse_json(text, name)
    if not isinstance(document, dict):
        raise InputError("not a report of findings: no \"findings\" list", name)
    items = document.get("findings", document.get("groups"))
    if not isinstance(items, list):
        raise InputError("not a report of findings: no \"findings\" list", name)
    yield from items


def _read_lines(text: str, name: str) -> Iterator[dict]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON: {error.msg}", name, number) from error
        if isinstance(item, dict) and "check" in item:
            yield item
