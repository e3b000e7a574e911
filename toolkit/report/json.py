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


def render_json(findings: list[Finding], extra: dict | None = None) -> str:
    return json.dumps(report_dict(findings, extra), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
