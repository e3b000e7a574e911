"""The SARIF 2.1.0 report, so code-scanning views annotate the .po line.

Rules come from the check registry; each result points at its file (a
project-relative path, or a page URL) and, where known, its line.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..checks.registry import REGISTRY
from ..findings import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if "://" in path:
        return path
    return quote(PurePath(path).as_posix(), safe="/:@")


def _rule(check: str, findings: list[Finding]) -> dict:
    """A rule from the registry, or from a finding of a check the registry
    does not hold (axe rules carry their own help text)."""
    info = REGISTRY.get(check)
    rule: dict = {"id": check, "name": check}
    if info is not None:
        rule["shortDescription"] = {"text": info.description}
        rule["defaultConfiguration"] = {"level": _LEVELS[info.severity]}
        rule["properties"] = {"family": info.family}
    else:
        sample = findings[0]
        rule["shortDescription"] = {"text": sample.message or check}
        if sample.extra.get("help_url"):
            rule["helpUri"] = sample.extra["help_url"]
        rule["defaultConfiguration"] = {"level": _LEVELS[sample.severity]}
    return rule


def render_sarif(findings: list[Finding], extra: dict | None = None) -> str:
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    for check in (extra or {}).get("checks", ()):
        by_check.setdefault(check, [])
    rule_ids = sorted(c for c in by_check if by_check[c] or c in REGISTRY)
    rules = [_rule(c, by_check[c]) for c in rule_ids]
    index = {c: i for i, c in enumerate(rule_ids)}
    results = []
    for finding in findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.path or "-")}}}
        if "://" not in (finding.path or ""):
            location["physicalLocation"]["artifactLocation"]["uriBaseId"] = "%SRCROOT%"
        if finding.line:
            location["physicalLocation"]["region"] = {"startLine": finding.line}
        if finding.target:
            location["logicalLocations"] = [{"name": finding.target, "kind": "element"}]
        result = {
            "ruleId": finding.check,
            "ruleIndex": index[finding.check],
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {
                "toolkitFingerprint/v1": hashlib.sha256(finding.fingerprint.encode("utf-8")).hexdigest()
            },
            "properties": {k: v for k, v in (("locale", finding.locale), ("msgid", finding.msgid)) if v},
        }
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "toolkit", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the project root"}}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

