"""The JSON report: ``{"tool", "version", "findings", "summary"}``, the shared schema."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding, summarize


def report_dict(findings: list[Finding], extra: dict | None = None) -> dict:
    extra = extra or {}
    data = {
        "tool": "toolkit",
        "version": __version__,
        "findings": [f.to_dict() for f in findings],
        "summary": summarize(findings),
    }
    for key in ("paths", "checks", "fail_on"):
        if key in extra:
            data.setdefault("run", {})[key] = list(extra[key]) if key != "fail_on" else extra[key]
    return data


def dumps_report(data: dict) -> str:
    """The report as JSON with one finding per line.

    ``indent`` would force Python's pure-Python encoder, which dominates the
    time of a large check run; a line per finding keeps the file readable and
    diffable with the C encoder.
    """
    items = data["findings"]
    head = {key: value for key, value in data.items() if key != "findings"}
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = [f"  {encode(key)}: {encode(value)}" for key, value in head.items()]
    body = ",\n".join("    " + encode(item) for item in items)
    lines.append('  "findings": ' + (f"[\n{body}\n  ]" if items else "[]"))
    return "{\n" + ",\n".join(lines) + "\n}\n"


def render_json(findings: list[Finding], extra: dict | None = None) -> str:
    return dumps_report(report_dict(findings, extra))
