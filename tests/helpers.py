"""Shared test helpers: the repository root, the CLI in a subprocess, small projects on disk."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def run_toolkit(*args, cwd=None, check=False, input=None):
    """Run the CLI in a subprocess, as users and CI do."""
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", *map(str, args)],
        cwd=cwd or ROOT, capture_output=True, text=True, input=input,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"toolkit {' '.join(map(str, args))} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


MINI_PYPROJECT = """
[tool.toolkit]
source-locale = "en"
locales = ["sr", "sq"]
templates = "templates"
content = "content"
static = "static"
mapping = "babel.cfg"
"""

MINI_BASE = """<!doctype html>
<html lang="{{ locale.tag }}" dir="{{ locale.direction }}">
<head><meta charset="utf-8"><title>{% block title %}{{ page.title }}{% endblock %}</title>
{% for a in alternates %}<link rel="alternate" hreflang="{{ a.locale.tag }}" href="{{ a.url }}">
{% endfor %}<link rel="alternate" hreflang="x-default" href="{{ x_default_url }}"></head>
<body><main id="main">{% block main %}{% endblock %}</main>
<footer>{% disclaimer "eu-funding" %}This website is funded by the European Union.{% enddisclaimer %}</footer>
</body></html>
"""

MINI_INDEX = """{% extends "base.html" %}
{% block title %}{{ _("Home") }}{% endblock %}
{% block main %}
{# Translators: the greeting on the home page #}
<h1>{{ _("Welcome") }}</h1>
<p title="{{ _('Tooltip text') }}">{% trans count=3 %}{{ count }} report{% pluralize %}{{ count }} reports{% endtrans %}</p>
<p>{{ pgettext("month", "May") }}</p>
{% endblock %}
"""

MINI_ARTICLE = """{% extends "base.html" %}
{% block main %}<h1>{{ page.title }}</h1><p>{{ format_date(page.date) }}</p>{{ page.body }}{% endblock %}
"""

MINI_CONTENT = """---
title: Border police meet
date: 2020-12-01
template: article.html
---

The meeting was held in Belgrade.

## Findings

- First finding
- Second finding
"""


def write_mini_project(tmp_path):
    """The files of the mini_project fixture, written into ``tmp_path``."""
    (tmp_path / "pyproject.toml").write_text(MINI_PYPROJECT)
    (tmp_path / "babel.cfg").write_text(
        "[jinja2: templates/**.html]\nextensions = toolkit.build.legal.DisclaimerExtension\n"
    )
    (tmp_path / "templates" / "pages").mkdir(parents=True)
    (tmp_path / "templates" / "base.html").write_text(MINI_BASE)
    (tmp_path / "templates" / "article.html").write_text(MINI_ARTICLE)
    (tmp_path / "templates" / "pages" / "index.html").write_text(MINI_INDEX)
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "content" / "news" / "meeting.md").write_text(MINI_CONTENT)
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_text("body{}")
    return tmp_path


def copy_example_project(target: Path, *, node_modules: bool = False) -> Path:
    """The example site's sources and catalogues (no compiled .mo) copied into ``target``."""
    for name in ("pyproject.toml", "site", "locales", "i18n"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy(source, target / name)
    if node_modules:
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target
