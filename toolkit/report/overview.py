"""What the HTML report shows, gathered from the project: progress, legal states,
findings, accessibility results and a page × locale status matrix.

Nothing here renders HTML; :mod:`toolkit.report.html` does that from :class:`ReportData`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from lxml import etree, html as lxml_html

from ..build.approvals import DisclaimerState, legal_states
from ..config import Config
from ..errors import InputError
from ..fileio import parse_json, read_text
from ..findings import Finding
from ..po.stats import Progress, translation_progress

FINDING_FIELDS = ("check", "severity", "message", "path", "line", "locale", "msgid", "target")


@dataclass
class A11yResults:
    """Accessibility findings with the element screenshots taken during the run."""

    findings: list[Finding]
    source: str  # where the results came from, for the reader
    axe_version: str = ""
    axe_source: str = ""  # where the axe-core script came from
    tags: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    # (page path, viewport, CSS target) -> base64 PNG
    screenshots: dict[tuple[str, str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class PageCell:
    """One page in one locale."""

    locale: str
    exists: bool
    path: str | None  # relative to the project root
    errors: int = 0
    warnings: int = 0
    english: int = 0  # elements marked lang="en" on a translated page: text shown in English

    @property
    def status(self) -> str:
        if not self.exists:
            return "missing"
        if self.errors:
            return "errors"
        if self.warnings:
            return "warnings"
        if self.english:
            return "english"
        return "clean"


@dataclass(frozen=True)
class PageRow:
    page: str  # path under the locale folder, e.g. "news/article.html"
    cells: tuple[PageCell, ...]


@dataclass
class ReportData:
    root: Path
    project: str
    generated: str
    source_locale: str
    locales: list[str]  # every locale, the source first
    progress: list[Progress]
    legal: list[DisclaimerState]
    findings: list[Finding]  # catalogue, page and legal findings
    pages: list[PageRow]
    a11y: A11yResults | None = None
    a11y_hint: str = ""  # how to get accessibility results when there are none
    site_dir: str = ""


def finding_from_dict(data: dict, where: str = "") -> Finding:
    """The inverse of :meth:`Finding.to_dict`: unknown keys go back into ``extra``."""
    if not isinstance(data, dict) or not {"check", "severity", "message"} <= set(data):
        raise InputError("a finding needs at least check, severity and message", where or None)
    known = {name: data.get(name) for name in FINDING_FIELDS}
    extra = {key: value for key, value in data.items() if key not in FINDING_FIELDS}
    try:
        return Finding(**known, extra=extra)
    except (TypeError, ValueError) as error:
        raise InputError(f"not a finding: {error}", where or None) from error


def load_findings(text: str, display: str) -> list[Finding]:
    """The findings of a JSON report in any of its forms (``json``, ``jsonl``, ``grouped``)."""
    from .json import read_findings

    items = list(read_findings(text, display))
    return [finding_from_dict(item, f"{display}: findings[{n}]") for n, item in enumerate(items)]


def _is_json_lines(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].rstrip()
    return first.startswith("{") and first.endswith("}") and "\n" in text.strip()


def load_a11y_json(path: Path, config: Config) -> A11yResults:
    """Read what ``toolkit a11y --format json -o FILE`` wrote.

    Screenshots are taken from a top-level ``"screenshots"`` list of
    ``{"page", "viewport", "target", "png"}`` objects when the file has one.
    """
    display = config.relative(path)
    text = read_text(path, display)
    findings = load_findings(text, display)
    document = parse_json(text, display) if not _is_json_lines(text) else {}
    shots: dict[tuple[str, str, str], str] = {}
    for item in document.get("screenshots") or []:
        if isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("page", "target", "png")):
            shots[(item["page"], str(item.get("viewport", "")), item["target"])] = item["png"]
    return A11yResults(
        findings=findings, source=display, axe_version=str(document.get("axe_version", "")),
        axe_source=str(document.get("axe_source", "")),
        tags=[str(t) for t in document.get("tags") or []],
        pages=sorted({f.path for f in findings if f.path}), screenshots=shots,
    )


def count_english(path: Path, source_language: str = "en") -> int:
    """Elements of a built page marked as shown in the source language (the
    build marks every fallback string ``lang="en"``); the root element and the
    language switcher's links (autonyms, marked with their own ``hreflang``) are
    not counted."""
    try:
        tree = lxml_html.parse(str(path))
    except (OSError, etree.ParserError):
        return 0
    root = tree.getroot()
    if root is None:
        return 0
    prefix = source_language.lower()
    return sum(
        1 for element in root.iterdescendants()
        if isinstance(element.tag, str)
        and (element.get("lang") or "").lower().split("-")[0] == prefix
        and element.get("hreflang") is None
    )


def page_matrix(config: Config, findings: Iterable[Finding], site: Path | None = None) -> list[PageRow]:
    """Status of every built page in every locale, from the findings and the fallbacks."""
    site = site or config.build_path
    source = config.source.code
    locales = [(locale.code, site / config.url_dir(locale)) for locale in config.all_locales]
    pages = sorted({
        file.relative_to(folder).as_posix()
        for _, folder in locales if folder.is_dir() for file in folder.rglob("*.html")
    })
    counts: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        if finding.path and finding.severity in ("error", "warning"):
            counts[(finding.path, finding.severity)] += 1
    rows = []
    for page in pages:
        cells = []
        for code, folder in locales:
            file = folder / page
            if not file.is_file():
                cells.append(PageCell(code, False, None))
                continue
            display = config.relative(file)
            english = 0 if code == source else count_english(file, config.source.language)
            cells.append(PageCell(code, True, display, counts[(display, "error")],
                                  counts[(display, "warning")], english))
        rows.append(PageRow(page, tuple(cells)))
    return rows


def gather(config: Config, findings: list[Finding], a11y: A11yResults | None, *,
           a11y_hint: str = "", site: Path | None = None) -> ReportData:
    """Everything the report shows; ``findings`` are the catalogue, page and legal findings."""
    site = site or config.build_path
    page_findings = findings + (a11y.findings if a11y else [])
    return ReportData(
        root=config.root,
        project=config.project_name,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        source_locale=config.source.code,
        locales=[locale.code for locale in config.all_locales],
        progress=translation_progress(config),
        legal=legal_states(config),
        findings=findings,
        pages=page_matrix(config, page_findings, site) if site.is_dir() else [],
        a11y=a11y,
        a11y_hint=a11y_hint,
        site_dir=config.relative(site),
    )
