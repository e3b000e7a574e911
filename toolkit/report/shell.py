"""The one page shell of every HTML output: head, stylesheet, skip link, header, main.

Pages extend ``shell.html`` and fill the blocks ``header`` (under the page's
``<h1>``), ``main`` and ``footer``.  The stylesheet is meant to keep every
page at WCAG 2.1 AA: contrast, visible focus, no horizontal scrolling at 375 px.
"""

from __future__ import annotations

from jinja2 import DictLoader, Environment

CSS = """
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
a{color:#0b4f9c}
a:focus-visible,summary:focus-visible,.table-scroll:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .25rem}
h2{font-size:1.3rem;margin:2.5rem 0 .75rem;border-bottom:2px solid #595959}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
h4{font-size:1rem;margin:1rem 0 .25rem}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;list-style:none;margin:.5rem 0}
p,li,summary{overflow-wrap:anywhere}
td,th{overflow-wrap:break-word}
code{background:#f2f2f2;padding:0 .2rem;font-size:.92em;overflow-wrap:anywhere}
.table-scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
table{border-collapse:collapse}
th,td{border:1px solid #767676;padding:.3rem .55rem;text-align:left;vertical-align:top}
thead th{background:#eef2f6}
caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev,.status{font-weight:600}
.sev-error,.status-errors,.status-stale{color:#a4001d}
.sev-warning,.status-warnings,.status-draft{color:#6b4e00}
.sev-info,.status-english{color:#1d4f91}
.status-clean,.status-approved{color:#1a6b32}
.status-missing{color:#4d4d4d}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
.counts li{border:1px solid #767676;border-radius:4px;padding:.35rem .75rem}
.chart{margin:.5rem 0 1rem;padding:0}
.chart-locale{display:grid;grid-template-columns:4.5rem 1fr;gap:.25rem .5rem;align-items:center;margin:.4rem 0}
.chart-name{font-weight:600}
.chart-bars{display:grid;gap:.15rem}
.chart-bar{display:grid;grid-template-columns:5.5rem 1fr 3.2rem;gap:.4rem;align-items:center;font-size:.85rem}
.bar{display:flex;height:.9rem;background:#e0e0e0;border:1px solid #595959;min-width:0}
.bar span{display:block;height:100%}
.bar .t,.key-t{background:#1a6b32}
.bar .f,.key-f{background:#b35c00}
.key-u{background:#e0e0e0;border:1px solid #595959}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;list-style:none;font-size:.9rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;vertical-align:-.1rem;margin-right:.3rem}
details{border:1px solid #767676;border-radius:4px;margin:.5rem 0;padding:0 .75rem}
details[open]{padding-bottom:.5rem}
summary{cursor:pointer;padding:.4rem 0}
summary h3,summary h4{display:inline;font-size:1.05rem;margin:0}
ul.findings{padding-left:1.1rem;margin:.25rem 0}
ul.findings li{margin:.3rem 0}
.muted{color:#4d4d4d}
article.a11y{border-top:1px solid #bfbfbf;padding:.4rem 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f2f2f2;padding:.5rem;margin:.4rem 0}
img.shot{display:block;max-width:100%;height:auto;border:2px solid #767676;margin:.4rem 0}
footer{margin-top:3rem;padding-bottom:2rem;color:#4d4d4d;font-size:.9rem}
"""

SHELL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css }}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>{{ title }}</h1>
{% block header %}{% endblock %}
</header>
<main id="main" tabindex="-1">
{% block main %}{% endblock %}
</main>
{% block footer %}{% endblock %}
</body>
</html>
"""

_ENV = Environment(loader=DictLoader({"shell.html": SHELL}), autoescape=True, keep_trailing_newline=True)


def render_page(template: str, **context) -> str:
    """Render a template that extends ``shell.html``; ``title`` names the page."""
    return _ENV.from_string(template).render(css=CSS.strip(), **context)
