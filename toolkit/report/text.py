"""The text report: findings grouped by check, then by file, for a person to read.

A root cause found in more than three places (the same untranslated string on
every page) is listed once, with its count and a few of its other places."""

from __future__ import annotations

import io
from collections import defaultdict

from ..findings import Finding, severity_rank, summarize
from .groups import group_findings, root_cause

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# A root cause found more than this many times is listed once, with a few of its other places.
REPEATED = 3
SHOWN = 3


def render_text(findings: list[Finding], extra: dict | None = None, *, color: bool = False) -> str:
    """Plain text; with ``color`` the same text styled by rich (for a terminal).

    Info findings (untranslated entries, needs-review results) are counted but
    listed only when ``extra["verbose"]`` is set, so errors and warnings stay
    readable on a project with many untranslated strings.
    """
    from rich.console import Console
    from rich.text import Text

    counts = summarize(findings)
    verbose = bool((extra or {}).get("verbose"))
    if not verbose:
        findings = [f for f in findings if f.severity != "info"]

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=200,
                      highlight=False, soft_wrap=True)
    # A root cause found in many places is listed once, where it is first found,
    # with how many other places share it.
    repeated = {root_cause(g.first): g for g in group_findings(findings, SHOWN + 1) if g.count > REPEATED}
    listed = findings
    if repeated:
        listed = [f for f in findings if (g := repeated.get(root_cause(f))) is None or g.first is f]
    more = {id(g.first): g for g in repeated.values()}
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in listed:
        groups[finding.check][finding.path or "-"].append(finding)

    def worst(check: str) -> int:
        return max(severity_rank(f.severity) for files in groups[check].values() for f in files)

    for check in sorted(groups, key=lambda c: (-worst(c), c)):
        files = groups[check]
        count = sum(len(v) for v in files.values())
        title = Text(f"{check} ({count})", style="bold")
        console.print(title)
        for path in sorted(files):
            console.print(Text(f"  {path}", style="dim" if color else ""))
            for finding in sorted(files[path], key=lambda f: (f.line or 0, f.message)):
                line = Text("    ")
                line.append(f"{finding.line or '-':>5}", style="dim" if color else "")
                line.append("  ")
                line.append(f"{finding.severity:<7}", style=_STYLES[finding.severity] if color else "")
                line.append(" ")
                if finding.locale:
                    line.append(f"[{finding.locale}] ")
                line.append(finding.message)
                if finding.msgid:
                    shown = finding.msgid if len(finding.msgid) <= 60 else finding.msgid[:59] + "…"
                    line.append(f"  (msgid {shown!r})", style="dim" if color else "")
                if finding.target:
                    line.append(f"  ({finding.target})", style="dim" if color else "")
                console.print(line)
                group = more.get(id(finding))
                if group is not None:
                    places = ", ".join(f.location() for f in group.examples[1:SHOWN + 1])
                    console.print(Text(f"           … and {group.count - 1} more like it: {places}"
                                       + (" …" if group.count - 1 > SHOWN else ""), style="dim" if color else ""))
    if counts["total"]:
        summary = f"{counts['total']} finding(s): {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
        if counts["info"] and not verbose:
            summary += " (info not listed: -v lists it)"
    else:
        checked = len((extra or {}).get("paths", ()))
        summary = "no findings" + (f" in {checked} file(s)" if checked else "")
    console.print(Text(summary, style="bold" if color else ""))
    return buffer.getvalue()
