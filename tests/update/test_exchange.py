"""A translator's file, round trip: export, translate elsewhere, change the
project meanwhile, import."""

from __future__ import annotations

import argparse
import subprocess

import polib
import pytest

from toolkit.po.catalog import new_catalog, read_po, write_po
from toolkit.commands import import_ as import_command
from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.findings import Finding
from toolkit.update.exchange import BASE_COMMENT, EXPORT_HEADER, export_file, import_file
from toolkit.locales import get_locale

HR = get_locale("hr")


def no_check(catalog):
    return []


def entries(catalog) -> dict:
    return {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}


@pytest.fixture
def project(tmp_path):
    config = Config(root=tmp_path, locale_codes=("hr", "sr", "sr_Latn"), derived={"sr_Latn": "sr"})
    catalog = new_catalog(HR)
    catalog.append(polib.POEntry(msgid="Home", msgstr="Početna"))
    catalog.append(polib.POEntry(msgid="News", msgstr=""))
    catalog.append(polib.POEntry(msgid="Report", msgstr="Izvještaj"))
    catalog.append(polib.POEntry(msgctxt="page", msgid="Contact", msgstr="Kontakt"))
    catalog.append(polib.POEntry(msgid="Old", msgstr="Staro"))
    catalog.append(polib.POEntry(msgid="%(n)s mine", msgid_plural="%(n)s mines",
                                 msgstr_plural={0: "", 1: "", 2: ""}, flags=["python-format"]))
    catalog.append(polib.POEntry(msgid="Draft", msgstr="Nacrt", flags=["fuzzy"], previous_msgid="Drafts"))
    catalog.append(polib.POEntry(msgid="Same", msgstr="Isto"))
    write_po(catalog, config.po_path("hr", "messages"))
    return config


def translate_elsewhere(exported, returned):
    """What a translator does, in another tool: edit, then save through msgcat."""
    catalog = polib.pofile(str(exported))
    e = entries(catalog)
    e[(None, "News")].msgstr = "Vijesti"
    e[(None, "Report")].msgstr = "Izvješće"
    e[("page", "Contact")].msgstr = "Kontakti"
    e[(None, "Old")].msgstr = "Staro, popravljeno"
    e[(None, "%(n)s mine")].msgstr_plural = {0: "%(n)s mina", 1: "%(n)s mine", 2: "%(n)s mina"}
    e[(None, "Draft")].flags.remove("fuzzy")
    catalog.metadata["Last-Translator"] = "Ana <ana@example.org>"
    returned.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(returned))
    result = subprocess.run(["msgcat", "-o", str(returned), str(returned)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def change_project_meanwhile(path):
    catalog = read_po(path)
    e = entries(catalog)
    e[("page", "Contact")].msgstr = "Kontaktirajte nas"
    e[(None, "Home")].msgstr = "Naslovna"
    catalog.remove(e[(None, "Old")])
    catalog.append(polib.POEntry(msgid="Fresh", msgstr=""))
    write_po(catalog, path)


@pytest.fixture
def round_trip(project, tmp_path):
    po = project.po_path("hr", "messages")
    exported, returned = tmp_path / "out" / "hr.po", tmp_path / "back" / "hr.po"
    assert export_file(po, exported) == 8
    translate_elsewhere(exported, returned)
    change_project_meanwhile(po)
    return po, exported, returned


def test_export_records_a_base_per_entry(project, tmp_path):
    po = project.po_path("hr", "messages")
    export_file(po, tmp_path / "x.po")
    exported = read_po(tmp_path / "x.po")
    assert EXPORT_HEADER in exported.metadata
    assert all(BASE_COMMENT in e.comment for e in exported)
    assert [e.comment.count(BASE_COMMENT) for e in exported] == [1] * 8


def test_round_trip(round_trip):
    po, _exported, returned = round_trip
    result = import_file(returned, po, HR, check=no_check)
    assert sorted(k[1] for k in result.added) == ["%(n)s mine", "News"]
    assert sorted(k[1] for k in result.updated) == ["Draft", "Report"]
    assert [(c.msgid, c.ours, c.theirs, c.took) for c in result.conflicts] == [
        ("Contact", "Kontaktirajte nas", "Kontakti", "ours")]
    assert [(s.msgid, s.msgstr) for s in result.stale] == [("Old", "Staro, popravljeno")]
    assert result.stale[0].line is not None
    assert result.project_newer == [(None, "Home")]
    assert result.base == "export" and result.checked and result.written

    e = entries(read_po(po))
    assert e[(None, "News")].msgstr == "Vijesti"
    assert e[(None, "Report")].msgstr == "Izvješće"
    assert e[("page", "Contact")].msgstr == "Kontaktirajte nas"
    assert e[(None, "Home")].msgstr == "Naslovna"
    assert e[(None, "%(n)s mine")].msgstr_plural[1] == "%(n)s mine"
    assert "python-format" in e[(None, "%(n)s mine")].flags
    assert "fuzzy" not in e[(None, "Draft")].flags and e[(None, "Draft")].previous_msgid is None
    assert e[(None, "Fresh")].msgstr == ""
    assert not any(BASE_COMMENT in (x.comment or "") for x in e.values())
    assert read_po(po).metadata["Last-Translator"] == "Ana <ana@example.org>"

    # Importing the same file again changes nothing.
    before = po.read_bytes()
    again = import_file(returned, po, HR, check=no_check)
    assert again.changed == 0 and not again.written
    assert po.read_bytes() == before


def test_theirs_takes_the_translators_side(round_trip):
    po, _exported, returned = round_trip
    result = import_file(returned, po, HR, check=no_check, theirs=True)
    assert [c.took for c in result.conflicts] == ["theirs"]
    assert entries(read_po(po))[("page", "Contact")].msgstr == "Kontakti"


def test_a_failing_check_leaves_the_file_byte_identical(round_trip):
    po, _exported, returned = round_trip
    before = po.read_bytes()

    def check(catalog):
        return [
            Finding("placeholder-mismatch", "error", "bad", path=str(po), line=e.linenum, msgid=e.msgid)
            for e in catalog if e.msgstr == "Vijesti"
        ]

    with pytest.raises(InputError, match=r"(?s)fails the catalogue checks.*messages.po:\d+: \[placeholder-mismatch\] bad"):
        import_file(returned, po, HR, check=check)
    assert po.read_bytes() == before


def test_errors_the_project_already_had_do_not_block(round_trip):
    po, _exported, returned = round_trip

    def check(catalog):
        return [Finding("always", "error", "old problem", msgid="Home"),
                Finding("style", "warning", "only a warning", msgid="News")]

    assert import_file(returned, po, HR, check=check).written


def test_dry_run_writes_nothing(round_trip):
    po, _exported, returned = round_trip
    before = po.read_bytes()
    result = import_file(returned, po, HR, check=no_check, dry_run=True)
    assert result.changed == 4 and not result.written
    assert po.read_bytes() == before


def strip_bases(path):
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.comment = ""
    catalog.save(str(path))


def test_without_recorded_bases_differences_are_conflicts(round_trip):
    po, _exported, returned = round_trip
    strip_bases(returned)
    result = import_file(returned, po, HR, check=no_check)
    assert result.base == "none"
    assert sorted(c.msgid for c in result.conflicts) == ["Contact", "Home", "Report"]
    assert sorted(k[1] for k in result.added) == ["%(n)s mine", "News"]
    assert [k[1] for k in result.updated] == ["Draft"]  # same text, reviewed


def test_a_base_file_stands_in_for_the_comments(round_trip):
    po, exported, returned = round_trip
    strip_bases(returned)
    result = import_file(returned, po, HR, check=no_check, base_po=exported)
    assert result.base == "file"
    assert [c.msgid for c in result.conflicts] == ["Contact"]
    assert sorted(k[1] for k in result.updated) == ["Draft", "Report"]


def test_bad_returned_files(project, tmp_path):
    po = project.po_path("hr", "messages")
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "Home"\nmsgstr "Početna\n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.po:2"):
        import_file(broken, po, HR, check=no_check)
    other = new_catalog(get_locale("sq"))
    write_po(other, tmp_path / "sq.po")
    with pytest.raises(InputError, match="Language 'sq'"):
        import_file(tmp_path / "sq.po", po, HR, check=no_check)
    plural = new_catalog(HR)
    plural.append(polib.POEntry(msgid="%(n)s mine", msgid_plural="%(n)s mines", msgstr_plural={0: "a", 1: "b"}))
    write_po(plural, tmp_path / "plural.po")
    with pytest.raises(InputError, match=r"plural.po:\d+: 2 plural forms, hr has 3"):
        import_file(tmp_path / "plural.po", po, HR, check=no_check)


# -- the verb ---------------------------------------------------------------------


def run_verb(argv, config):
    parser = argparse.ArgumentParser()
    import_command.add_parser(parser.add_subparsers(dest="verb"))
    args = parser.parse_args(["import", *argv])
    return args.func(args, config)


def test_verb_export_import_and_summary(project, tmp_path, capsys, monkeypatch):
    # The verb uses the catalogue checks; keep this test independent of them.
    monkeypatch.setattr("toolkit.commands.import_.catalogue_check", lambda locale, path: no_check)
    exported, returned = tmp_path / "sent.po", tmp_path / "back.po"
    assert run_verb(["--export", str(exported), "-l", "hr"], project) == 0
    translate_elsewhere(exported, returned)
    change_project_meanwhile(project.po_path("hr", "messages"))
    capsys.readouterr()
    assert run_verb([str(returned), "-l", "hr", "--dry-run"], project) == 1
    out = capsys.readouterr().out
    assert "msgid no longer in the project" in out and "Staro, popravljeno" in out
    assert "Kontaktirajte nas" in out and "dry run: 4 entries would change" in out
    assert run_verb([str(returned), "-l", "hr", "--theirs"], project) == 1  # the stale entry
    assert entries(read_po(project.po_path("hr", "messages")))[("page", "Contact")].msgstr == "Kontakti"


def test_verb_refuses_derived_and_unknown_locales(project, tmp_path):
    with pytest.raises(InputError, match="sr_Latn is derived from sr"):
        run_verb([str(tmp_path / "x.po"), "-l", "sr_Latn"], project)
    with pytest.raises(InputError, match="not configured"):
        run_verb([str(tmp_path / "x.po"), "-l", "mk"], project)
    with pytest.raises(InputError, match="no catalogue for sr"):
        run_verb([str(tmp_path / "x.po"), "-l", "sr"], project)
