"""Report writers: one module per format, all fed the one findings list.

``write_report(findings, format, out)`` renders and writes (atomically to a
file, or to standard output when ``out`` is None).  ``extra`` carries what a
format can use beyond the findings: ``paths`` (the files or pages checked,
so JUnit can list passing cases), ``checks`` (the check ids that ran),
``fail_on`` (the failing severity).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, TextIO

from ..fileio import atomic_write_text
from ..findings import Finding

FORMATS = ("text", "json", "junit", "sarif")


def render_report(findings: Iterable[Finding], format: str, extra: dict | None = None, *, color: bool = False) -> str:
    findings = list(findings)
    extra = dict(extra or {})
    if format == "text":
        from .text import render_text
        return render_text(findings, extra, color=color)
    if format == "json":
        from .json import render_json as renderer
    elif format == "junit":
        from .junit import render_junit as renderer
    elif format == "sarif":
        from .sarif import render_sarif as renderer
    else:
        raise ValueError(f"unknown report format {format!r} (known: {', '.join(FORMATS)})")
    return renderer(findings, extra)


def write_report(findings: Iterable[Finding], format: str, out: Path | str | None, extra: dict | None = None,
                 *, stream: TextIO | None = None) -> None:
    """Render ``findings`` as ``format`` into ``out`` (a path), or onto
    ``stream`` (standard output by default) when ``out`` is None.  Text is
    coloured only when written to a terminal."""
    if out is None:
        stream = stream or sys.stdout
        color = format == "text" and hasattr(stream, "isatty") and stream.isatty()
        text = render_report(findings, format, extra, color=color)
        stream.write(text)
        if text and not text.endswith("\n"):
            stream.write("\n")
        stream.flush()
        return
    text = render_report(findings, format, extra)
    atomic_write_text(Path(out), text if text.endswith("\n") else text + "\n")
