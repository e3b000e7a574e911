"""The accessibility report as one self-contained HTML page.

Findings are grouped by page and viewport; each failing element is shown as a
screenshot (taken while the page was open, the element outlined in red), with
the rule, its impact, the CSS target and a link to the rule's help.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from jinja2 import Environment

from ..findings import Finding, summarize

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 70rem; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #767676; }
table.summary td, table.summary th { padding: .2rem .8rem; text-align: left; }
article { border: 1px solid #767676; border-radius: 4px; padding: .5rem 1rem; margin: 1rem 0; }
article h3 { font-size: 1.05rem; margin: .2rem 0; }
.sev-error { color: #a4001d; } .sev-warning { color: #6b4e00; } .sev-info { color: #1d4f91; }
code { background: #f2f2f2; padding: 0 .2rem; word-break: break-all; }
img.shot { display: block; max-width: 100%; border: 1px solid #767676; margin: .5rem 0; }
pre { white-space: pre-wrap; background: #f2f2f2; padding: .5rem; }
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p>axe-core {{ axe_version }}{% if tags %}, tags {{ tags | join(", ") }}{% endif %}{% if viewports %}, viewports {{ viewports | join(", ") }}{% endif %}.</p>
<table class="summary">
<caption>Findings by severity</caption>
<tr><th scope="col">Severity</th><th scope="col">Count</th></tr>
{% for name in ("error", "warning", "info") %}<tr><td>{{ name }}</td><td>{{ summary[name] }}</td></tr>
{% endfor %}</table>
{% if not groups %}<p>No findings.</p>{% endif %}
{% for (page, viewport), items in groups %}
<section>
<h2>{{ page }}{% if viewport %} <small>({{ viewport }})</small>{% endif %}</h2>
{% for f, shot in items %}
<article>
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
</main>
</body>
</html>
"""

_ENV = Environment(autoescape=True, keep_trailing_newline=True)


def render_a11y_html(
    findings: Iterable[Finding],
    screenshots: Mapping[tuple[str, str, str], str] | None = None,
    *,
    axe_version: str = "",
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
    return _ENV.from_string(_TEMPLATE).render(
        title=title, axe_version=axe_version, tags=list(tags), viewports=[str(v) for v in viewports],
        summary=summarize(findings), groups=sorted(grouped.items()),
    )
