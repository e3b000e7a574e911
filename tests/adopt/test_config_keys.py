"""[tool.toolkit]: unknown keys and wrong types refused, no configuration refused,
pages from globs, an unused template named, an empty build refused."""

import re
from pathlib import Path

import pytest

from toolkit import cli
from toolkit.config import KEYS, load_config
from toolkit.locales import get_locale, normalize_code

from tests.helpers import MINI_PYPROJECT, write_mini_project

README = Path(__file__).resolve().parents[2] / "README.md"


def run(project, *args):
    return cli.main(["-C", str(project), *map(str, args)])


def test_unknown_key_names_the_nearest_known_one(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\ntemplates-dir = "tpl"\n')
    assert run(tmp_path, "build") == 2
    error = capsys.readouterr().err
    assert "'templates-dir'" in error and "did you mean 'templates'" in error
    assert not (tmp_path / "build").exists()


def test_wrong_type_names_the_key(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nlocales = "hr"\n')
    assert run(tmp_path, "stats") == 2
    assert "locales must be a list of strings" in capsys.readouterr().err


@pytest.mark.parametrize("verb", ["compile", "update", "stats", "check", "build", "extract"])
def test_no_configuration_is_refused_and_nothing_written(tmp_path, capsys, verb):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run(tmp_path, verb) == 2
    assert "toolkit new" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


def test_readme_documents_every_key():
    text = README.read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.M))
    assert documented == set(KEYS)


def test_pages_globs_and_article_template(tmp_path, capsys):
    project = write_mini_project(tmp_path)
    templates = project / "templates"
    (templates / "pages" / "index.html").rename(templates / "home.html")
    (templates / "pages").rmdir()
    (templates / "article.html").rename(templates / "post.html")
    (project / "content" / "news" / "meeting.md").write_text(
        (project / "content" / "news" / "meeting.md").read_text().replace("template: article.html\n", "")
    )
    (templates / "orphan.html").write_text("<p>{{ _('Never built') }}</p>")
    (project / "pyproject.toml").write_text(MINI_PYPROJECT + 'pages = ["home.html"]\narticle-template = "post.html"\n')
    assert run(project, "build") == 0
    captured = capsys.readouterr()
    assert "built 6 pages" in captured.out
    assert "orphan.html was not built" in captured.err and "base.html" not in captured.err
    assert (project / "build" / "site" / "sq" / "home.html").is_file()
    assert (project / "build" / "site" / "sr" / "news" / "meeting.html").is_file()


def test_zero_pages_is_an_error(tmp_path, capsys):
    project = write_mini_project(tmp_path)
    (project / "pyproject.toml").write_text(MINI_PYPROJECT.replace('content = "content"', 'content = "nowhere"') + 'pages = ["nothing/*.html"]\n')
    assert run(project, "build") == 2
    assert "no page to build" in capsys.readouterr().err
    assert not (project / "build").exists()


@pytest.mark.parametrize("name", ["sr_Latn", "sr-Latn", "sr-latn", "sr@latin"])
def test_locale_spellings(tmp_path, name):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nlocales = ["sr", "sr-Latn"]\n')
    config = load_config(tmp_path)
    assert config.locale(name).code == "sr_Latn"
    assert normalize_code(name) == "sr_Latn"
    assert get_locale(name).script == "Latn"


def test_source_region_sets_dates(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nsource-region = "US"\n')
    assert load_config(tmp_path).source.cldr == "en_US"
    (tmp_path / "pyproject.toml").write_text("[tool.toolkit]\n")
    assert load_config(tmp_path).source.cldr == "en_GB"


def test_report_paths_follow_the_build_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.toolkit]\n")
    config = load_config(tmp_path)
    assert config.report_path == tmp_path / "build" / "report"
    assert config.a11y_json_path == tmp_path / "build" / "a11y.json"
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nbuild-dir = "public"\n')
    config = load_config(tmp_path)
    assert config.report_path == tmp_path / "public" / "report"
    (tmp_path / "pyproject.toml").write_text('[tool.toolkit]\nreport-dir = "out/report"\n')
    config = load_config(tmp_path)
    assert config.report_path == tmp_path / "out" / "report"
    assert config.a11y_json_path == tmp_path / "out" / "report" / "a11y.json"


def test_unrecognized_arguments_show_the_verbs_usage(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["compile", "-d", str(tmp_path), "--bogus"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("usage: toolkit compile") and "--bogus" in error


def test_siblings_key_is_read_and_checked(tmp_path):
    project = write_mini_project(tmp_path)
    (project / "pyproject.toml").write_text(
        MINI_PYPROJECT.replace('locales = ["sr", "sq"]', 'locales = ["sr", "sq", "sr-Latn"]')
        + "[tool.toolkit.siblings]\nsq = []\nsr = [\"sr_Latn\"]\n[tool.toolkit.derived]\n\"sr_Latn\" = \"sr\"\n"
    )
    assert load_config(project).siblings == {"sq": (), "sr": ("sr_Latn",)}
    (project / "pyproject.toml").write_text(MINI_PYPROJECT + "[tool.toolkit.siblings]\nsr = [\"hr\"]\n")
    assert run(project, "stats") == 2
