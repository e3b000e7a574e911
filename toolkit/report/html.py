"""The HTML report: one static page for translators and QA, readable from file://.

Everything is inline (CSS, the bar chart) except the element screenshots,
which are written as PNG files into ``screenshots/`` beside ``index.html``.
Links to ``.po`` files and built pages are relative to the report's folder,
so the folder works as a CI artefact next to the build.  The page itself is
meant to pass axe at WCAG 2.1 AA: a skip link, one heading outline, tables
with captions and scoped headers, a text table behind the chart, groups in
``<details>``, and no horizontal scrolling at 375 px (wide tables scroll in
their own focusable region).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from ..fileio import atomic_write_bytes, atomic_write_text
from ..findings import Finding, severity_rank, summarize
from ..po.stats import locale_totals
from .overview import ReportData
from .shell import render_page

SCREENSHOT_DIR = "screenshots"
LEGAL_STATUSES = ("approved", "draft", "stale", "missing")
STATUS_LABELS = {
    "clean": "clean", "english": "English shown", "warnings": "warnings",
    "errors": "errors", "missing": "no page",
}

_TEMPLATE = """{% extends "shell.html" %}
{% block header %}
<p class="muted">Generated {{ data.generated }} from <code>{{ data.site_dir or "the build folder" }}</code> and the catalogues in <code>{{ data.project }}</code>.</p>
<nav aria-label="Report sections">
<ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#progress">Translation progress</a></li>
<li><a href="#pages">Pages by locale</a></li>
<li><a href="#legal">Legal approvals</a></li>
<li><a href="#findings">Findings</a></li>
<li><a href="#a11y">Accessibility</a></li>
</ul>
</nav>
{% endblock %}
{% block main %}

<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<p>{{ data.locales | length }} locales: {% for code in data.locales %}<code>{{ code }}</code>{% if code == data.source_locale %} (source){% endif %}{{ ", " if not loop.last else "." }}{% endfor %}</p>
<ul class="counts" aria-label="Findings by severity">
{% for name in ("error", "warning", "info") %}<li><span class="sev sev-{{ name }}">{{ counts[name] }}</span> {{ name }}{{ "s" if counts[name] != 1 and name != "info" else "" }}</li>
{% endfor %}<li>{% if data.a11y %}<span class="sev sev-{{ 'error' if a11y_counts.error else 'warning' if a11y_counts.warning else 'info' }}">{{ a11y_counts.error + a11y_counts.warning }}</span> accessibility violations{% else %}accessibility not run{% endif %}</li>
<li>{{ legal_counts.approved }} of {{ data.legal | length }} legal translations approved</li>
</ul>
</section>

<section aria-labelledby="progress">
<h2 id="progress">Translation progress</h2>
{% if progress_rows %}
<figure class="chart" aria-labelledby="chart-caption">
<figcaption id="chart-caption">Translated share of each domain per locale. The table after the chart gives the same numbers.</figcaption>
<ul class="legend" aria-label="Chart colours">
<li><i class="key-t"></i>translated</li><li><i class="key-f"></i>fuzzy (needs review)</li><li><i class="key-u"></i>untranslated</li>
</ul>
<div aria-hidden="true">
{% for code, rows in progress_by_locale %}<div class="chart-locale"><span class="chart-name">{{ code }}</span><div class="chart-bars">
{% for row in rows %}<div class="chart-bar"><span>{{ row.domain }}</span><span class="bar"><span class="t" style="width:{{ share(row.translated, row.total) }}%"></span><span class="f" style="width:{{ share(row.fuzzy, row.total) }}%"></span></span><span>{{ "%.0f" | format(row.percent) }} %</span></div>
{% endfor %}</div></div>
{% endfor %}</div>
</figure>
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="progress-caption">
<table>
<caption id="progress-caption">Entries per locale and domain</caption>
<thead><tr><th scope="col">Locale</th><th scope="col">Domain</th><th scope="col">Translated</th><th scope="col">Fuzzy</th><th scope="col">Untranslated</th><th scope="col">Total</th><th scope="col">Done</th></tr></thead>
<tbody>
{% for code, rows in progress_by_locale %}{% for row in rows %}<tr>{% if loop.first %}<th scope="rowgroup" rowspan="{{ rows | length }}">{{ code }}</th>{% endif %}<td>{% if row.path and row.exists %}<a href="{{ href(row.path) }}">{{ row.domain }}</a>{% else %}{{ row.domain }} <span class="muted">(no catalogue)</span>{% endif %}</td><td class="num">{{ row.translated }}</td><td class="num">{{ row.fuzzy }}</td><td class="num">{{ row.untranslated }}</td><td class="num">{{ row.total }}</td><td class="num">{{ "%.0f" | format(row.percent) }} %</td></tr>
{% endfor %}{% endfor %}</tbody>
<tfoot>{% for total in totals %}<tr><th scope="row">{{ total.locale }}</th><td>all domains</td><td class="num">{{ total.translated }}</td><td class="num">{{ total.fuzzy }}</td><td class="num">{{ total.untranslated }}</td><td class="num">{{ total.total }}</td><td class="num">{{ "%.0f" | format(total.percent) }} %</td></tr>
{% endfor %}</tfoot>
</table>
</div>
{% else %}<p>No target locales are configured.</p>{% endif %}
</section>

<section aria-labelledby="pages">
<h2 id="pages">Pages by locale</h2>
{% if data.pages %}
<p>Each cell is the worst that applies to that page in that locale: <span class="status status-errors">errors</span>, <span class="status status-warnings">warnings</span>, <span class="status status-english">English shown</span> (text fell back to English, counted as elements marked <code>lang="en"</code>) or <span class="status status-clean">clean</span>. Each links to the built page.</p>
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="pages-caption">
<table>
<caption id="pages-caption">Status of every page in every locale</caption>
<thead><tr><th scope="col">Page</th>{% for code in data.locales %}<th scope="col">{{ code }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in data.pages %}<tr><th scope="row"><code>{{ row.page }}</code></th>{% for cell in row.cells %}<td>{% if cell.exists %}<a class="status status-{{ cell.status }}" href="{{ href(cell.path) }}">{{ labels[cell.status] }}</a>{% for part in cell_details(cell) %}<br><span class="muted">{{ part }}</span>{% endfor %}{% else %}<span class="status status-missing">{{ labels.missing }}</span>{% endif %}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
</div>
{% else %}<p>No built site found. Run <code>toolkit build</code>, then <code>toolkit report</code> again.</p>{% endif %}
</section>

<section aria-labelledby="legal">
<h2 id="legal">Legal approvals</h2>
{% if legal_rows %}
<p>A translated disclaimer is published only while its approval is current: <span class="status status-approved">approved</span>; <span class="status status-draft">draft</span> (translated, not approved); <span class="status status-stale">stale</span> (approved once, but the English or the translation changed since); <span class="status status-missing">missing</span> (not translated). Until approved, pages show the English text. Approve with <code>toolkit legal approve -l LOCALE ID</code>.</p>
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="legal-caption">
<table>
<caption id="legal-caption">Disclaimer approval per locale</caption>
<thead><tr><th scope="col">Disclaimer</th>{% for code in legal_locales %}<th scope="col">{{ code }}</th>{% endfor %}</tr></thead>
<tbody>
{% for disclaimer, cells in legal_rows %}<tr><th scope="row"><code>{{ disclaimer }}</code></th>{% for code in legal_locales %}{% set state = cells.get(code) %}<td>{% if state %}{% if state.line %}<a class="status status-{{ state.status }}" href="{{ href(state.po_path) }}">{{ state.status }}</a>{% else %}<span class="status status-{{ state.status }}">{{ state.status }}</span>{% endif %}{% else %}<span class="muted">n/a</span>{% endif %}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
</div>
{% if legal_notes %}<h3>Why some are not approved</h3>
<ul class="findings">{% for state in legal_notes %}<li><code>{{ state.id }}</code> in <code>{{ state.locale }}</code>: <span class="status status-{{ state.status }}">{{ state.status }}</span>{% if state.reason %}: {{ state.reason }}{% endif %}{% if state.line %} (<a href="{{ href(state.po_path) }}">{{ state.po_path }}:{{ state.line }}</a>){% endif %}</li>
{% endfor %}</ul>{% endif %}
{% else %}<p>The templates have no legal disclaimers.</p>{% endif %}
</section>

<section aria-labelledby="findings">
<h2 id="findings">Catalogue, page and legal findings</h2>
{% if not finding_groups %}<p>No findings: every catalogue and page check passed.</p>{% endif %}
{% for group in finding_groups %}
<details{% if group.open %} open{% endif %}>
<summary><h3>{{ group.check }}</h3> <span class="muted">({{ group.count_text }})</span></summary>
{% if group.description %}<p class="muted">{{ group.description }}</p>{% endif %}
{% for locale, items in group.locales %}
<h4>{{ locale or "all locales" }}</h4>
<ul class="findings">
{% for f in items %}<li><span class="sev sev-{{ f.severity }}">{{ f.severity }}</span>: {% if f.path %}{% set link = href(f.path) %}{% if link %}<a href="{{ link }}">{{ f.location() }}</a>{% else %}<code>{{ f.location() }}</code>{% endif %}: {% endif %}{{ f.message }}{% if f.target %} <span class="muted">at</span> <code>{{ f.target }}</code>{% endif %}</li>
{% endfor %}</ul>
{% endfor %}
</details>
{% endfor %}
</section>

<section aria-labelledby="a11y">
<h2 id="a11y">Accessibility</h2>
{% if not data.a11y %}
<p><strong>Accessibility not run.</strong> {{ data.a11y_hint }}</p>
{% else %}
<p>From <code>{{ data.a11y.source }}</code>{% if data.a11y.axe_version %}: axe-core {{ data.a11y.axe_version }}{% if data.a11y.axe_source %} ({{ data.a11y.axe_source }}){% endif %}{% endif %}{% if data.a11y.tags %}, rules tagged {{ data.a11y.tags | join(", ") }}{% endif %}. {{ a11y_counts.error }} error{{ "s" if a11y_counts.error != 1 }}, {{ a11y_counts.warning }} warning{{ "s" if a11y_counts.warning != 1 }}, {{ a11y_counts.info }} to review by hand.</p>
{% if not a11y_pages %}<p>No accessibility findings.</p>{% endif %}
{% for page, items in a11y_pages %}
<details{% if loop.index <= 3 %} open{% endif %}>
<summary><h3>{{ page }}</h3> <span class="muted">({{ items | length }} finding{{ "s" if items | length != 1 }})</span></summary>
{% if href(page) %}<p><a href="{{ href(page) }}">Open the page</a></p>{% endif %}
{% for f, shot in items %}
<article class="a11y">
<h4><span class="sev sev-{{ f.severity }}">{{ f.severity }}</span>: {{ f.check }}{% if f.extra.impact %} ({{ f.extra.impact }}){% endif %}{% if f.extra.viewport %} at {{ f.extra.viewport }}{% endif %}</h4>
<p>{{ f.message }}</p>
{% if f.target %}<p>Element: <code>{{ f.target }}</code></p>{% endif %}
{% if f.extra.summary %}<pre>{{ f.extra.summary }}</pre>{% endif %}
{% if shot %}<img class="shot" src="{{ shot }}" alt="Screenshot of the element {{ f.target }} on {{ page }}">{% endif %}
{% if f.extra.help_url %}<p><a href="{{ f.extra.help_url }}">How to fix {{ f.check }}</a></p>{% endif %}
</article>
{% endfor %}
</details>
{% endfor %}
{% endif %}
</section>
{% endblock %}
{% block footer %}<footer><p>Written by <code>toolkit report</code>. Findings use the same ids as <code>toolkit check</code> and <code>toolkit a11y</code>; <code>toolkit checks</code> lists them with how to silence one.</p></footer>{% endblock %}
"""


def _share(part: int, total: int) -> str:
    return "0" if not total else f"{100.0 * part / total:.1f}"


def _cell_details(cell) -> list[str]:
    parts = []
    if cell.errors:
        parts.append(f"{cell.errors} error{'s' if cell.errors != 1 else ''}")
    if cell.warnings:
        parts.append(f"{cell.warnings} warning{'s' if cell.warnings != 1 else ''}")
    if cell.english:
        parts.append(f"{cell.english} in English")
    return parts


def _count_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])


def _finding_groups(findings: list[Finding]) -> list[dict]:
    from ..checks import REGISTRY

    by_check: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_check[finding.check].append(finding)
    groups = []
    for check, items in by_check.items():
        by_locale: dict[str, list[Finding]] = defaultdict(list)
        for finding in sorted(items, key=lambda f: (f.path or "", f.line or 0, f.target or "")):
            by_locale[finding.locale or ""].append(finding)
        counts = summarize(items)
        info = REGISTRY.get(check)
        worst = max(severity_rank(f.severity) for f in items)
        groups.append({
            "check": check, "count_text": _count_text(counts), "worst": worst,
            "description": info.description if info else "", "open": counts["error"] > 0,
            "locales": sorted(by_locale.items()),
        })
    groups.sort(key=lambda g: (-g["worst"], g["check"]))
    return groups


def screenshot_files(data: ReportData) -> dict[tuple[str, str, str], tuple[str, bytes]]:
    """(page, viewport, target) -> (file name under the report folder, PNG bytes).

    Names are content hashes, so an element that looks the same in two
    viewports is stored once and an unchanged screenshot keeps its name.
    """
    files: dict[tuple[str, str, str], tuple[str, bytes]] = {}
    if data.a11y is None:
        return files
    for key, encoded in data.a11y.screenshots.items():
        try:
            png = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue  # a damaged screenshot only loses its picture, not the finding
        name = f"{SCREENSHOT_DIR}/{hashlib.sha256(png).hexdigest()[:20]}.png"
        files[key] = (name, png)
    return files


def render_html_report(data: ReportData, out_dir: Path, shots: dict[tuple[str, str, str], str] | None = None) -> str:
    """The report page for a report written into ``out_dir`` (links are relative to it).

    ``shots`` maps (page, viewport, target) to the screenshot's path relative to ``out_dir``.
    """
    out_dir = Path(out_dir).resolve()
    shots = shots or {}

    def href(path: str | None) -> str | None:
        if not path:
            return None
        if path.startswith(("http://", "https://")):
            return path
        target = data.root / path
        if not target.exists():
            return None
        return quote(Path(os.path.relpath(target.resolve(), out_dir)).as_posix())

    progress_by_locale: dict[str, list] = defaultdict(list)
    for row in data.progress:
        progress_by_locale[row.locale].append(row)

    legal_locales = list(dict.fromkeys(state.locale for state in data.legal))
    legal_rows: dict[str, dict] = {}
    for state in data.legal:
        legal_rows.setdefault(state.id, {})[state.locale] = state
    legal_counts = {status: sum(1 for s in data.legal if s.status == status) for status in LEGAL_STATUSES}

    a11y_pages: list = []
    a11y_counts = {"error": 0, "warning": 0, "info": 0, "total": 0}
    if data.a11y:
        a11y_counts = summarize(data.a11y.findings)
        grouped: dict[str, list] = defaultdict(list)
        for finding in sorted(data.a11y.findings, key=lambda f: (-severity_rank(f.severity), f.check, f.target or "")):
            key = (finding.path, str(finding.extra.get("viewport", "")), finding.target)
            grouped[finding.path or "-"].append((finding, shots.get(key)))
        a11y_pages = sorted(grouped.items())

    return render_page(
        _TEMPLATE, title=f"Translation and accessibility report: {data.project}", data=data, href=href, share=_share, labels=STATUS_LABELS,
        cell_details=_cell_details, counts=summarize(data.findings),
        progress_by_locale=list(progress_by_locale.items()), progress_rows=data.progress,
        totals=locale_totals(data.progress),
        legal_locales=legal_locales, legal_rows=list(legal_rows.items()), legal_counts=legal_counts,
        legal_notes=[s for s in data.legal if s.status in ("stale", "draft")],
        finding_groups=_finding_groups(data.findings),
        a11y_pages=a11y_pages, a11y_counts=a11y_counts,
    )


def write_html_report(data: ReportData, out_dir: Path) -> Path:
    """Write ``index.html`` and its screenshots into ``out_dir``; returns the page's path.

    Screenshots of earlier runs that this report no longer shows are removed.
    """
    out_dir = Path(out_dir)
    files = screenshot_files(data)
    shot_dir = out_dir / SCREENSHOT_DIR
    keep = {name for name, _ in files.values()}
    for name, png in dict(files.values()).items():
        atomic_write_bytes(out_dir / name, png)
    if shot_dir.is_dir():
        for old in shot_dir.glob("*.png"):
            if f"{SCREENSHOT_DIR}/{old.name}" not in keep:
                old.unlink()
    page = out_dir / "index.html"
    atomic_write_text(page, render_html_report(data, out_dir, {key: name for key, (name, _) in files.items()}))
    return page
