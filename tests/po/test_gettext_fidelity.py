"""Every catalogue the toolkit writes is one GNU gettext would write.

``msgcat`` rewrites a catalogue in GNU's layout; if it reproduces the
toolkit's bytes exactly, then translators' tools (msgmerge, msgattrib, Poedit)
cause no diff churn.  ``msgfmt -c`` accepts what the toolkit writes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.gettext
from hypothesis import HealthCheck, given, settings

from tests.helpers import MINI_CONTENT, MINI_PYPROJECT, ROOT, write_mini_project
from tests.po.strategies import catalogs
from toolkit.po.catalog import dump_po, read_po, write_po
from toolkit.cli import main
from toolkit.po.format import line_class, wrap_string


def msgcat(data: bytes) -> bytes:
    result = subprocess.run(["msgcat", "--force-po", "-"], input=data, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def assert_gnu_layout(data: bytes) -> None:
    gnu = msgcat(data)
    if gnu != data:
        import difflib

        diff = "\n".join(difflib.unified_diff(data.decode().splitlines(), gnu.decode().splitlines(),
                                              "toolkit", "msgcat", lineterm="", n=1))
        pytest.fail("msgcat rewrites the catalogue:\n" + diff)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(gnu_only=True, max_entries=12))
def test_msgcat_reproduces_generated_catalogues(catalog):
    assert_gnu_layout(dump_po(catalog))


def test_msgcat_reproduces_long_lines_escapes_plurals_context_obsolete_previous():
    catalog = polib.POFile()
    catalog.metadata = {"Language": "sr", "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                                        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
    long = ("SEESAC supports the strengthening of the capacities of national and regional "
            "stakeholders to control and reduce the proliferation and misuse of small arms. ")
    catalog.append(polib.POEntry(msgid=long * 3, msgstr=long.upper() * 3, msgctxt="about",
                                 occurrences=[(f"templates/pages/page{i}.html", str(i)) for i in range(12)]))
    catalog.append(polib.POEntry(msgid='Say "hello"\\world\tnow\nand again\n', msgstr="Кажи „здраво“\n\n"))
    catalog.append(polib.POEntry(msgid="%(count)s report", msgid_plural="%(count)s reports about " + long,
                                 msgstr_plural={0: "%(count)s извештај", 1: "%(count)s извештаја",
                                                2: "%(count)s извештаја " + long},
                                 flags=["python-format", "fuzzy"], previous_msgid="%(count)s old " + long))
    catalog.append(polib.POEntry(msgid="http://www.seesac.org/Small-Arms-Survey/ and "
                                       "Supercalifragilisticexpialidocious-antidisestablishmentarianism/"
                                       "pneumonoultramicroscopicsilicovolcanoconiosis", msgstr=""))
    catalog.append(polib.POEntry(msgid="<p>Some sentence.</p><p>Another sentence that is long enough to wrap: "
                                       "yes, it is.</p>", msgstr="<p>Реченица.</p>"))
    catalog.append(polib.POEntry(msgid="Old " + long, msgstr="Стари " + long, obsolete=True,
                                 previous_msgid="Older " + long, flags=["fuzzy"]))
    data = dump_po(catalog)
    assert_gnu_layout(data)
    text = data.decode()
    assert 'msgid ""\n"Say \\"hello\\"\\\\world\\tnow\\n"\n"and again\\n"\n' in text
    assert "#~| msgid \"\"\n#~| \"Older SEESAC" in text
    assert max(len(line) for line in text.splitlines() if not line.startswith("#:")) <= 79


def test_header_is_one_line_per_field_and_flags_in_gettext_order():
    catalog = polib.POFile()
    catalog.metadata = {"Project-Id-Version": "x", "Language": "sq", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="a", msgstr="b", flags=["no-wrap", "python-format", "fuzzy", "c-format"]))
    catalog.append(polib.POEntry(msgid="c", msgstr="", flags=["fuzzy"]))
    text = dump_po(catalog).decode()
    assert text.startswith('msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n"Language: sq\\n"\n')
    assert "#, fuzzy, c-format, python-format, no-wrap\n" in text
    assert '#, fuzzy\nmsgid "c"' not in text  # gettext keeps fuzzy only on a translated entry
    assert_gnu_layout(text.encode())


def test_breaks_follow_the_unicode_line_breaking_classes():
    assert [line_class(c) for c in "a1 -/.(\")„«—…\u00a0\u200b"] == [
        "AL", "NU", "SP", "HY", "SY", "IS", "OP", "QU", "CP", "OP", "QU", "B2", "IN", "GL", "ZW"]
    # A break comes after the space, never inside a word or before punctuation.
    lines = wrap_string("msgid", "word " * 20 + "end.")
    assert lines[0] == 'msgid ""'
    assert all(line.endswith(' "') or line.endswith('end."') for line in lines[1:])


@pytest.fixture(scope="module")
def written_project(tmp_path_factory):
    """Every kind of file the toolkit writes: templates, catalogues, translated and derived."""
    root = write_mini_project(tmp_path_factory.mktemp("written"))
    (root / "pyproject.toml").write_text(MINI_PYPROJECT.replace('["sr", "sq"]', '["sr", "sq", "sr_Latn"]')
                                         + '\n[tool.toolkit.derived]\nsr_Latn = "sr"\n')
    (root / "content" / "news" / "meeting.md").write_text(
        MINI_CONTENT + "\nA much longer paragraph about the meeting of the border police of the region, "
        "with \"quotes\", a back\\slash and a link to <http://www.seesac.org/>, long enough to wrap twice "
        "over at the seventy-ninth column as gettext does.\n")
    for argv in (["extract"], ["init", "-l", "sr"], ["init", "-l", "sq"]):
        assert main(["-C", str(root), *argv]) == 0
    for domain in ("messages", "content"):
        path = root / f"locales/sr/LC_MESSAGES/{domain}.po"
        catalog = read_po(path)
        for entry in catalog:
            if entry.msgid_plural:
                entry.msgstr_plural = {i: f"{entry.msgid} [{i}] превод" for i in entry.msgstr_plural}
            else:
                entry.msgstr = entry.msgid + " — превод"
        write_po(catalog, path)
    assert main(["-C", str(root), "update"]) == 0
    return root


def test_every_written_catalogue_passes_msgfmt_check_and_msgcat(written_project):
    files = sorted(written_project.glob("locales/**/*.po")) + sorted(written_project.glob("locales/*.pot"))
    assert len(files) >= 9
    for path in files:
        data = path.read_bytes()
        assert_gnu_layout(data)
        if path.suffix == ".po":
            result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, f"{path}: {result.stderr}"


def test_the_projects_own_catalogues_are_in_gnu_layout():
    files = sorted((ROOT / "locales").glob("**/*.po")) + sorted((ROOT / "locales").glob("*.pot"))
    assert files, "the project has no catalogues"
    for path in files:
        assert_gnu_layout(path.read_bytes())


def test_msgcat_output_reads_back_to_the_same_bytes(written_project):
    """A catalogue a translator ran through GNU tools comes back unchanged through the toolkit."""
    path = written_project / "locales/sr/LC_MESSAGES/content.po"
    gnu = msgcat(path.read_bytes())
    assert dump_po(read_po(path)) == gnu
    assert Path(path).read_bytes() == gnu
