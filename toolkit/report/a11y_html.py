"""The accessibility report as one self-contained HTML page.

Findings are grouped by page and viewport; each failing element is shown as a
screenshot (taken while the page was open, the element outlined in red), with
the rule, its impact, the CSS target and a link to the rule's help.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from ..findings import Finding, summarize
from .shell import render_page

_TEMPLATE = """{% extends "shell.html" %}
{% block header %}
<p>axe-core {{ axe_version }}{% if axe_source %} ({{ axe_source }}){% endif %}{% if tags %}, tags {{ tags | join(", ") }}{% endif %}{% if viewports %}, viewports {{ viewports | join(", ") }}{% endif %}.</p>
{% endblock %}
{% block main %}
<div class="table-scroll">
<table>
<caption>Findings by severity</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Count</th></tr></thead>
<tbody>
{% for name in ("error", "warning", "info") %}<tr><td class="sev sev-{{ name }}">{{ name }}</td><td class="num">{{ summary[name] }}</td></tr>
{% endfor %}</tbody>
</table>
</div>
{% if not groups %}<p>No findings.</p>{% endif %}
{% for (page, viewport), items in groups %}
<section>
<h2>{{ page }}{% if viewport %} <small>({{ viewport }})</small>{% endif %}</h2>
{% for f, shot in items %}
<article class="a11y">
<h3 class="sev-{{ f.severity }}">{{ f.severity }}: {{ f.check }}{% if f.extra.impact %} ({{ f.extra.impact }}){% endif %}</h3>
<p>{{ f.message }}{% if f.locale %} — locale <code>{{ f.locale }}</code>{% endif %}</p>
{% if f.target %}<p>Element: <code>{{ f.target }}</code></p>{% endif %}
{% if shot %}<img class="shot" src="data:image/png;base64,{{ shot }}" alt="Screenshot of {{ f.target }} on {{ page }}, outlined in red">{% endif %}
{% if f.extra.summary %}<pre>{{ f.extra.summary }}</pre>{% endif %}
{% if f.extra.help_url %}<p><a href="{{ f.extra.help_url }}">How to fix {{ f.check }}</a></p>{% endif %}
</article>
{% endfor %}
</section>
{% endfor %}
{% endblock %}
"""



def render_a11y_html(
    findings: Iterable[Finding],
    screenshots: Mapping[tuple[str, str, str], str] | None = None,
    *,
    axe_version: str = "",
    axe_source: str = "",
    tags: Iterable[str] = (),
    viewports: Iterable[str] = (),
    title: str = "Accessibility report",
) -> str:
    """The report page; ``screenshots`` maps (page, viewport, target) to a base64 PNG."""
    findings = list(findings)
    screenshots = screenshots or {}
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for finding in findings:
        viewport = finding.extra.get("viewport", "")
        shot = screenshots.get((finding.path, viewport, finding.target)) if finding.target else None
        grouped[(finding.path or "-", viewport)].append((finding, shot))
    return render_page(
        _TEMPLATE, title=title, axe_version=axe_version, axe_source=axe_source, tags=list(tags), viewports=[str(v) for v in viewports],
        summary=summarize(findings), groups=sorted(grouped.items()),
    )
