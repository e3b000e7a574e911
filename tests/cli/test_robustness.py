"""Broken and hostile input: every verb exits 2 with file and line, writes nothing.

The corpus is tests/data/bad/.  Each case is installed into a copy of a small
project that has been extracted, initialised, updated and compiled; the sha256
of every file in the project is compared before and after the verb.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import shutil
from pathlib import Path

import polib
import pytest

from tests.helpers import DATA, write_mini_project
from toolkit.po.catalog import read_po, write_po
from toolkit.cli import main

BAD = DATA / "bad"
PO = "locales/sr/LC_MESSAGES/messages.po"

# The line each broken catalogue's error must name (None: the whole file).
PO_LINES = {
    "bad-escape.po": 11,
    "binary.po": 1,
    "bom.po": 1,
    "duplicate-msgid.po": 16,
    "invalid-utf8.po": 11,
    "msgctxt-without-msgid.po": 11,
    "msgstr-before-msgid.po": 10,
    "plural-index-gap.po": 13,
    "plural-without-msgid-plural.po": 11,
    "string-without-keyword.po": 1,
    "truncated.po": 10,
    "unknown-charset.po": 6,
    "unknown-keyword.po": 11,
    "unterminated-string.po": 11,
    "wrong-charset.po": 11,
}
TEMPLATE_LINES = {"syntax-error.html": 6, "unknown-tag.html": 4, "bad-expression.html": 3}
# YAML reports a flow sequence left open where it notices it, on the next key.
CONTENT_LINES = {"broken-yaml.md": 3, "unclosed-front-matter.md": 1, "front-matter-not-a-mapping.md": 2}
CONFIGS = sorted(p.name for p in (BAD / "config").glob("*.toml"))


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file; the empty lock file that serialises runs is not content."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".toolkit.lock"
    }


@pytest.fixture(scope="module")
def ready(tmp_path_factory):
    """A compiled project, built once per module and copied per test."""
    root = tmp_path_factory.mktemp("ready")
    write_mini_project(root)
    for argv in (["extract"], ["init", "-l", "sr"], ["init", "-l", "sq"], ["compile"]):
        assert main(["-C", str(root), *argv]) == 0
    return root


@pytest.fixture
def project(ready, tmp_path):
    target = tmp_path / "project"
    shutil.copytree(ready, target)
    return target


def run(project: Path, capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["-C", str(project), *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.err


def assert_refused(project, capsys, argv, where: str, line: int | None):
    before = tree_hashes(project)
    code, err = run(project, capsys, *argv)
    assert code == 2, f"toolkit {' '.join(map(str, argv))} exited {code}: {err}"
    assert "Traceback" not in err
    expected = f"{where}:{line}:" if line else where
    assert expected in err, f"{expected!r} not in {err!r}"
    assert tree_hashes(project) == before, "a file changed although the input was refused"
    return err


PO_VERBS = {
    "update": ["update"],
    "compile": ["compile"],
    "check": ["check"],
    "translit": ["translit", "-i", PO, "-o", "locales/sr_out.po"],
    "import": ["import", "{bad}", "-l", "sr"],
}


@pytest.mark.parametrize("verb", sorted(PO_VERBS))
@pytest.mark.parametrize("case", sorted(PO_LINES))
def test_broken_catalogue_is_refused(project, capsys, case, verb):
    bad = BAD / "po" / case
    if verb == "import":
        # The project's catalogue is fine; the translator's returned file is broken.
        argv = [a.replace("{bad}", str(bad)) for a in PO_VERBS[verb]]
        where = str(bad)
    else:
        shutil.copyfile(bad, project / PO)
        argv = [a for a in PO_VERBS[verb]]
        if verb == "translit":
            argv = ["translit", "-i", project / PO, "-o", project / "locales" / "sr_out.po"]
            where = str(project / PO)
        else:
            where = PO
    assert_refused(project, capsys, argv, where, PO_LINES[case])


def test_ten_megabyte_line_is_a_clear_error_not_a_hang(project, capsys):
    path = project / PO
    text = path.read_text().replace('msgid "Home"\nmsgstr ""', 'msgid "Home"\nmsgstr "' + "ж" * 5_300_000 + '"')
    path.write_text(text)
    line = text[: text.index("жжж")].count("\n") + 1
    for verb in ("update", "compile", "check"):
        err = assert_refused(project, capsys, [verb], PO, line)
        assert "bytes long" in err


def test_crlf_and_bom_follow_gnu_msgfmt(project, capsys, tmp_path):
    """msgfmt reads CRLF line ends and refuses a byte order mark; so does the toolkit.
    A CRLF catalogue is written back with LF line ends by update."""
    crlf = (project / PO).read_bytes().replace(b"\n", b"\r\n")
    (project / PO).write_bytes(crlf)
    assert read_po(project / PO).find("Welcome") is not None
    code, err = run(project, capsys, "update")
    assert code == 0, err
    assert b"\r\n" not in (project / PO).read_bytes()
    bom = tmp_path / "bom.po"
    shutil.copyfile(BAD / "po" / "bom.po", bom)
    assert subprocess.run(["msgfmt", "-o", "/dev/null", str(bom)], capture_output=True).returncode != 0
    assert subprocess.run(["msgfmt", "-o", "/dev/null", str(BAD / "po" / "crlf.po")], capture_output=True).returncode == 0


def test_corrupt_mo_stops_build(project, capsys):
    (project / "locales/sr/LC_MESSAGES/messages.mo").write_bytes(b"\xde\x12\x04\x95garbage")
    assert_refused(project, capsys, ["build"], "locales/sr/LC_MESSAGES/messages.mo", None)


@pytest.mark.parametrize("verb", ["extract", "build"])
@pytest.mark.parametrize("case", sorted(TEMPLATE_LINES))
def test_broken_template_is_refused(project, capsys, case, verb):
    shutil.copyfile(BAD / "templates" / case, project / "templates" / "pages" / case)
    assert_refused(project, capsys, [verb], f"templates/pages/{case}", TEMPLATE_LINES[case])


@pytest.mark.parametrize("verb", ["extract", "build"])
@pytest.mark.parametrize("case", sorted(CONTENT_LINES))
def test_broken_content_is_refused(project, capsys, case, verb):
    shutil.copyfile(BAD / "content" / case, project / "content" / "news" / case)
    assert_refused(project, capsys, [verb], f"content/news/{case}", CONTENT_LINES[case])


@pytest.mark.parametrize("verb", ["extract", "update", "compile", "build", "check"])
@pytest.mark.parametrize("case", CONFIGS)
def test_bad_configuration_is_refused(project, capsys, case, verb):
    shutil.copyfile(BAD / "config" / case, project / "pyproject.toml")
    err = assert_refused(project, capsys, [verb], "pyproject.toml", None)
    assert not (project.parent.parent / "etc").exists()
    if "traversal" in case or "absolute" in case:
        assert "leaves the project" in err or "unknown" in err.lower() or "not a" in err.lower()


def _hostile(domain: str) -> dict[str, str]:
    rows = (BAD / "hostile" / f"{domain}.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [r.split("\t") for r in rows if r and not r.startswith("#")]
    return {msgid: text.encode("ascii", "backslashreplace").decode("unicode_escape") for msgid, text in pairs}


def _install_hostile(project: Path) -> dict[str, str]:
    everything = {}
    for domain in ("messages", "content"):
        path = project / f"locales/sr/LC_MESSAGES/{domain}.po"
        catalog = read_po(path)
        for msgid, text in _hostile(domain).items():
            entry = catalog.find(msgid)
            assert entry is not None, msgid
            if entry.msgid_plural:
                entry.msgstr_plural = {i: text for i in entry.msgstr_plural}
            else:
                entry.msgstr = text
            everything[msgid] = text
        write_po(catalog, path)
    return everything


def test_hostile_translations_are_reported_by_check(project, capsys):
    hostile = _install_hostile(project)
    before = tree_hashes(project)
    capsys.readouterr()
    code = main(["-C", str(project), "check", "--format", "json", "--checks", "catalogue"])
    report = capsys.readouterr().out
    assert code == 1
    findings = json.loads(report)["findings"]
    flagged = {f["msgid"] for f in findings if f.get("locale") == "sr"}
    missed = [msgid for msgid in hostile if msgid not in flagged]
    assert not missed, f"check reported nothing for hostile translations of {missed}"
    assert tree_hashes(project) == before


def test_hostile_translations_are_escaped_by_build(project, capsys):
    _install_hostile(project)
    assert main(["-C", str(project), "compile"]) == 0
    code, err = run(project, capsys, "build")
    assert code == 0, err
    pages = {p: p.read_text(encoding="utf-8") for p in (project / "build/site/sr").rglob("*.html")}
    assert pages
    for page, html in pages.items():
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert 'onmouseover="alert' not in html, page
        assert 'href="javascript:' not in html, page
        assert "<iframe" not in html, page
    index = pages[project / "build/site/sr/index.html"]
    assert "&lt;script&gt;" in index


def test_unreadable_paths_are_input_errors(project, capsys):
    assert_refused(project, capsys, ["compile", "-i", project / "missing.po"], "missing.po", None)
    assert_refused(project, capsys, ["update", "-l", "xx"], "xx", None)


def test_write_po_round_trips_a_crlf_catalogue_with_lf(project):
    path = project / PO
    catalog = polib.pofile(path.read_text())
    write_po(catalog, path)
    assert b"\r" not in path.read_bytes()
