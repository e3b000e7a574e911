"""Report writers: one module per format, all fed the one findings list.

``write_report(findings, format, out)`` renders and writes (atomically to a
file, or to standard output when ``out`` is None).  ``extra`` carries what a
format can use beyond the findings: ``paths`` (the files or pages checked,
so JUnit can list passing cases), ``checks`` (the check ids that ran),
``fail_on`` (the failing severity).  ``jsonl`` is written as the findings
come; ``grouped`` and ``sarif`` give one entry per root cause
(:mod:`toolkit.report.groups`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from ..fileio import atomic_write_text
from ..findings import Finding

FORMATS = ("text", "json", "jsonl", "grouped", "junit", "sarif")


def render_report(findings: Iterable[Finding], format: str, extra: dict | None = None, *, color: bool = False) -> str:
    findings = list(findings)
    extra = dict(extra or {})
    if format == "text":
        from .text import render_text
        return render_text(findings, extra, color=color)
    if format == "json":
        from .json import render_json as renderer
    elif format == "jsonl":
        from .json import render_jsonl as renderer
    elif format == "grouped":
        from .json import render_grouped as renderer
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
    if format == "jsonl":
        # Line by line as the findings come: no copy of the report in memory.
        from .json import write_jsonl

        with _replacing(Path(out)) as handle:
            write_jsonl(findings, handle, extra)
        return
    text = render_report(findings, format, extra)
    atomic_write_text(Path(out), text if text.endswith("\n") else text + "\n")


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A text file that replaces ``path`` once written whole (never half a report)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(tmp, (path.stat().st_mode & 0o777) if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
