"""A hand-made site adopts the toolkit through documented keys only: its own folder
names (layouts/, posts/, assets/, translations/, legal/), pages chosen by a glob,
its own article template, locales spelled as BCP 47 tags, and the build in public/."""

import json
import os
import subprocess
import sys
from pathlib import Path

import polib

from toolkit import cli
from toolkit.config import load_config
from toolkit.update.translit import latin_to_cyrillic

REPO = Path(__file__).resolve().parents[2]

PYPROJECT = """\
[project]
name = "most-ngo-site"
version = "1.0"

[tool.toolkit]
project-name = "Most"
source-locale = "en"
source-region = "US"
locales = ["hr", "sr", "sr-Latn", "sq"]
templates = "layouts"
pages = ["[!_]*.html"]
article-template = "_post.html"
content = "posts"
static = "assets"
locales-dir = "translations"
build-dir = "public"
mapping = "babel.cfg"
i18n-dir = "legal"
site-url = "https://most.example.org"

[tool.toolkit.derived]
"sr-Latn" = "sr"
"""

BASE = """<!DOCTYPE html>
<html lang="{{ locale.tag }}" dir="{{ locale.direction }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ page.title }}{% endblock %}</title>
{{ hreflang_links() }}
<link rel="stylesheet" href="{{ static('main.css') }}">
</head>
<body>
<header>
{{ language_switcher(_("Languages")) }}
</header>
<main id="main">
{% block main %}{% endblock %}
</main>
<footer><p>{% disclaimer "funding" %}Funded by our members.{% enddisclaimer %}</p></footer>
</body>
</html>
"""
INDEX = """{% extends "_base.html" %}
{% block title %}{{ _("Volunteer with us") }}{% endblock %}
{% block main %}
<h1>{{ _("Volunteer with us") }}</h1>
<p>{{ _("Our volunteers teach children to read.") }}</p>
{% endblock %}
"""
POST = """{% extends "_base.html" %}
{% block main %}<article><h1>{{ page.title }}</h1><p>{{ format_date(page.date) }}</p>{{ page.body }}</article>{% endblock %}
"""
ARTICLE = """---
title: The library opens
date: 2026-03-02
---

The library opens on Monday.
"""


def make_site(root: Path) -> Path:
    (root / "layouts").mkdir(parents=True)
    (root / "layouts" / "_base.html").write_text(BASE)
    (root / "layouts" / "index.html").write_text(INDEX)
    (root / "layouts" / "_post.html").write_text(POST)
    (root / "posts").mkdir()
    (root / "posts" / "library.md").write_text(ARTICLE)
    (root / "assets").mkdir()
    (root / "assets" / "main.css").write_text("body { color: #111; }\n")
    (root / "legal").mkdir()
    (root / "babel.cfg").write_text("[jinja2: layouts/**.html]\nextensions = toolkit.build.legal.DisclaimerExtension\n")
    (root / "pyproject.toml").write_text(PYPROJECT)
    return root


def translate_all(root: Path, code: str, convert) -> None:
    for po_path in (root / "translations" / code / "LC_MESSAGES").glob("*.po"):
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid_plural:
                entry.msgstr_plural = {i: convert(entry.msgid_plural) for i in range(3)}
            else:
                entry.msgstr = convert(entry.msgid)
        po.save()


def test_hand_made_site(tmp_path, capsys):
    site = make_site(tmp_path / "most")
    main = lambda *args: cli.main(["-C", str(site), *map(str, args)])
    assert main("extract") == 0
    assert (site / "translations" / "messages.pot").is_file()
    for code in ("hr", "sr", "sr@latin", "sq"):  # any spelling of a locale
        assert main("init", "-l", code) == 0
    assert (site / "translations" / "sr_Latn" / "LC_MESSAGES" / "messages.po").is_file()
    assert polib.pofile(str(site / "translations" / "hr" / "LC_MESSAGES" / "messages.po")).metadata[
        "Project-Id-Version"] == "Most"
    translate_all(site, "hr", lambda text: "Hrvatski: " + text.lower())
    translate_all(site, "sq", lambda text: "Shqip: " + text.lower())
    serbian = str.maketrans({"w": "v", "y": "i", "x": "ks", "q": "k"})  # letters Serbian has
    translate_all(site, "sr", lambda text: latin_to_cyrillic("Srpski: " + text.lower().translate(serbian)))
    assert main("update") == 0  # derives sr_Latn from sr
    assert main("compile") == 0
    capsys.readouterr()
    assert main("build") == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err
    assert "built 10 pages into public/" in captured.out
    page = (site / "public" / "sr_Latn" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sr-Latn"' in page and "<title>Srpski: volunteer vith us</title>" in page
    assert '<link rel="alternate" hreflang="sr-Cyrl" href="https://most.example.org/sr/index.html">' in page
    assert '<a href="../sq/index.html" lang="sq" hreflang="sq">Shqip</a>' in page
    assert 'aria-current="true">Srpski</a>' in page
    assert (site / "public" / "hr" / "library.html").is_file()
    assert (site / "public" / "static" / "main.css").is_file()
    english = (site / "public" / "en" / "library.html").read_text(encoding="utf-8")
    assert "Monday, March 2, 2026" in english  # source-region US
    assert not (site / "build").exists()
    config = load_config(site)
    assert config.report_path == site / "public" / "report"
    assert main("check", "--checks", "catalogue") == 0
    assert main("check", "--checks", "legal") == 0
    report = site / "findings.json"
    main("check", "--checks", "pages", "--format", "json", "-o", report)
    document = json.loads(report.read_text(encoding="utf-8"))
    findings = document["findings"] if isinstance(document, dict) else document
    assert [f for f in findings if f["severity"] == "error"] == []


def test_a_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "checks"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
