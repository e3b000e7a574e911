"""toolkit.runtime: a Flask app renders the same HTML as toolkit build."""

import polib
import pytest

from toolkit import cli
from toolkit.runtime import Runtime, translations

from tests.helpers import write_mini_project

flask = pytest.importorskip("flask")

SR = {"Welcome": "Добродошли", "Home": "Почетна"}  # "Tooltip text" and the rest stay English
SQ = {"Welcome": "Mirë se vini", "Tooltip text": "Tekst ndihmës", "May": "Maj"}


def translate(project, code, strings, plurals=None):
    path = project / "locales" / code / "LC_MESSAGES" / "messages.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        if entry.msgid_plural and plurals:
            entry.msgstr_plural = plurals
    po.save()


@pytest.fixture
def project(tmp_path):
    project = write_mini_project(tmp_path)
    with (project / "pyproject.toml").open("a") as handle:
        handle.write('site-url = "https://example.org"\n')
    main = lambda *args: cli.main(["-C", str(project), *args])
    assert main("extract") == 0
    for code in ("sr", "sq"):
        assert main("init", "-l", code) == 0
    translate(project, "sr", SR)
    translate(project, "sq", SQ, {0: "%(count)s raport", 1: "%(count)s raporte"})
    assert main("compile") == 0
    assert main("build") == 0
    return project


def test_flask_renders_what_build_writes(project):
    site = Runtime.from_project(project)
    app = flask.Flask("site", template_folder=str(project / "templates"))
    site.equip(app.jinja_env)

    @app.route("/<code>/<path:path>")
    def page(code, path):
        return flask.render_template(f"pages/{path}", **site.context(code, path))

    client = app.test_client()
    for code in ("en", "sr", "sq"):
        built = (project / "build" / "site" / code / "index.html").read_text(encoding="utf-8")
        served = client.get(f"/{code}/index.html").get_data(as_text=True)
        assert served == built, code
    sr = client.get("/sr/index.html").get_data(as_text=True)
    assert "Добродошли" in sr and '<span lang="en">' in sr and "\ue000" not in sr
    assert 'href="../sq/index.html"' in sr
    # The disclaimer has no approved translation: English, marked.
    assert 'data-disclaimer="eu-funding" lang="en"' in sr


def test_plain_jinja_environment(project):
    from jinja2 import Environment, FileSystemLoader

    site = Runtime.from_project(project)
    environment = site.equip(Environment(loader=FileSystemLoader(str(project / "templates")), autoescape=True))
    html = environment.get_template("pages/index.html").render(site.context("sq", "index.html"))
    assert html == (project / "build" / "site" / "sq" / "index.html").read_text(encoding="utf-8")


def test_translations_object(project):
    sr = translations("sr", project)
    assert sr.gettext("Welcome") == "Добродошли"
    assert sr.gettext("Tooltip text") == "Tooltip text"
    assert sr.ngettext("%(num)s report", "%(num)s reports", 2) == "%(num)s reports"
    assert sr.pgettext("month", "May") == "May"
    sq = translations("sq", project)
    assert sq.pgettext("month", "May") == "Maj"
    assert translations("en", project).gettext("Welcome") == "Welcome"
