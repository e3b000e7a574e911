"""Serbian Cyrillic to Latin: the hard-case word list against GNU gettext's
``msgfilter recode-sr-latin``, protected spans, and derived catalogues."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest

from tests.helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.po.catalog import read_po, write_po
from toolkit.commands import translit as translit_command
from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.locales import get_locale
from toolkit.update.translit import (
    OVERRIDE_FLAG,
    cyrillic_to_latin,
    derive_file,
    derive_project,
    glossary_keep_terms,
    latin_to_cyrillic,
    source_hash,
    transliterate_catalog,
)

HARD_CASES = DATA / "translit" / "hard-cases.tsv"
SR = get_locale("sr")
SR_LATN = get_locale("sr_Latn")


def load_cases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in HARD_CASES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cyrillic, expected, msgfilter, note = line.split("\t")
            assert msgfilter in ("agrees", "differs")
            rows.append((cyrillic, expected, msgfilter, note))
    return rows


CASES = load_cases()


@pytest.fixture(scope="module")
def msgfilter_output(tmp_path_factory) -> dict[str, str]:
    """Every hard case run through ``msgfilter recode-sr-latin`` in one catalogue."""
    folder = tmp_path_factory.mktemp("msgfilter")
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "sr"}
    for number, (cyrillic, *_rest) in enumerate(CASES):
        catalog.append(polib.POEntry(msgid=f"case {number}", msgstr=cyrillic))
    source = folder / "in.po"
    catalog.save(str(source))
    result = subprocess.run(
        ["msgfilter", "-i", str(source), "-o", str(folder / "out.po"), "recode-sr-latin"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = polib.pofile(str(folder / "out.po"))
    return {CASES[int(e.msgid.split()[1])][0]: e.msgstr for e in out}


@pytest.mark.parametrize("cyrillic,expected,msgfilter,note", CASES, ids=[c[3] for c in CASES])
def test_hard_cases(cyrillic, expected, msgfilter, note):
    assert cyrillic_to_latin(cyrillic) == expected


@pytest.mark.parametrize("cyrillic,expected,msgfilter,note", CASES, ids=[c[3] for c in CASES])
def test_msgfilter_agrees_or_differs_as_recorded(msgfilter_output, cyrillic, expected, msgfilter, note):
    theirs = msgfilter_output[cyrillic]
    if msgfilter == "agrees":
        assert theirs == expected
    else:
        # Where msgfilter differs it changes something that must stay (or
        # leaves the acute uncomposed); the toolkit's answer is the expected one.
        assert theirs != expected


def test_the_three_named_examples():
    assert cyrillic_to_latin("ЉУБАВ") == "LJUBAV"
    assert cyrillic_to_latin("Љубав") == "Ljubav"
    assert cyrillic_to_latin("ЊУЈОРК") == "NJUJORK"


def test_output_is_nfc():
    text = cyrillic_to_latin("с\u0301утра и З\u0301")
    assert text == "śutra i Ź"
    assert unicodedata.is_normalized("NFC", text)


def test_keep_terms_stay_and_words_containing_them_do_not():
    keep = ["Београд", "ОЕБС"]
    assert cyrillic_to_latin("Београд и ОЕБС", keep=keep) == "Београд i ОЕБС"
    assert cyrillic_to_latin("Београдски", keep=keep) == "Beogradski"


def test_human_read_attributes_are_text_and_placeholders_inside_them_stay():
    html = '<input placeholder="Тражи %(упит)s" name="упит" type="текст" title=\'Претрага\'>'
    assert cyrillic_to_latin(html) == (
        '<input placeholder="Traži %(упит)s" name="упит" type="текст" title=\'Pretraga\'>'
    )


def test_html_comment_and_jinja_expressions_stay():
    text = "<!-- напомена --> {{ име }} {% if ово %}да{% endif %}"
    assert cyrillic_to_latin(text) == "<!-- напомена --> {{ име }} {% if ово %}da{% endif %}"


def test_latin_to_cyrillic_handles_digraphs_conservatively():
    assert latin_to_cyrillic("Ljubav NJEGOŠ Džep") == "Љубав ЊЕГОШ Џеп"
    # n+j and d+ž across a morpheme boundary are two letters.
    assert latin_to_cyrillic("konjunkcija") == "конјункција"
    assert latin_to_cyrillic("nadživeti") == "надживети"
    assert latin_to_cyrillic("%(ime)s Śekira") == "%(ime)s С\u0301екира"


# -- the property: placeholders and tags never change --------------------------

CYRILLIC_WORD = st.text(alphabet="абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
                        min_size=1, max_size=8)
NAME = st.text(alphabet="abcxyz_имеслов", min_size=1, max_size=6)
PROTECTED = st.one_of(
    NAME.map(lambda n: f"%({n})s"),
    NAME.map(lambda n: "{" + n + "}"),
    st.sampled_from(["%s", "%d", "%%", "{0}", "{}", "%5.2f", "</a>", "<br/>", "</strong>"]),
    st.tuples(st.sampled_from(["a", "span", "img", "div"]),
              st.sampled_from(["href", "src", "id", "class", "for", "name", "rel", "lang", "data-x"]),
              CYRILLIC_WORD).map(lambda t: f'<{t[0]} {t[1]}="{t[2]}">'),
    CYRILLIC_WORD.map(lambda w: f"https://{w}.срб/{w}"),
    CYRILLIC_WORD.map(lambda w: f"{w}@пошта.срб"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(CYRILLIC_WORD.map(lambda w: ("word", w)), PROTECTED.map(lambda p: ("keep", p))),
                min_size=1, max_size=8))
def test_placeholders_and_tags_never_change(parts):
    text = " ".join(part for _kind, part in parts)
    expected = " ".join(cyrillic_to_latin(part) if kind == "word" else part for kind, part in parts)
    assert cyrillic_to_latin(text) == expected


# -- catalogues -----------------------------------------------------------------


def sr_catalog() -> polib.POFile:
    catalog = polib.POFile()
    catalog.metadata = {
        "Project-Id-Version": "site", "Language": "sr", "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": SR.plural_forms,
    }
    catalog.append(polib.POEntry(msgid="Love", msgstr="ЉУБАВ и љубав"))
    catalog.append(polib.POEntry(msgid="Home", msgstr="Почетна", flags=["fuzzy"], previous_msgid="Homepage"))
    catalog.append(polib.POEntry(msgid="%(n)s report", msgid_plural="%(n)s reports",
                                 msgstr_plural={0: "%(n)s извештај", 1: "%(n)s извештаја", 2: "%(n)s извештаја"},
                                 flags=["python-format"]))
    catalog.append(polib.POEntry(msgctxt="menu", msgid="News", msgstr="Вести"))
    catalog.append(polib.POEntry(msgid="Empty", msgstr=""))
    return catalog


def by_key(catalog):
    return {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}


def test_catalogue_is_transliterated_with_flags_and_header():
    derived = transliterate_catalog(sr_catalog(), None, SR_LATN)
    entries = by_key(derived)
    assert entries[(None, "Love")].msgstr == "LJUBAV i ljubav"
    assert entries[(None, "Home")].msgstr == "Početna"
    assert "fuzzy" in entries[(None, "Home")].flags
    assert entries[(None, "Home")].previous_msgid == "Homepage"
    plural = entries[(None, "%(n)s report")]
    assert plural.msgstr_plural == {0: "%(n)s izveštaj", 1: "%(n)s izveštaja", 2: "%(n)s izveštaja"}
    assert "python-format" in plural.flags
    assert entries[("menu", "News")].msgstr == "Vesti"
    assert entries[(None, "Empty")].msgstr == ""
    assert derived.metadata["Language"] == "sr_Latn"
    assert derived.metadata["Plural-Forms"] == SR_LATN.plural_forms
    assert derived.metadata["Project-Id-Version"] == "site"


def test_override_survives_and_goes_fuzzy_when_the_cyrillic_changes(tmp_path):
    sr_path, latn_path = tmp_path / "sr.po", tmp_path / "sr_Latn.po"
    write_po(sr_catalog(), sr_path)
    assert derive_file(sr_path, latn_path, SR_LATN) == 5

    # A person overrides one entry by hand.
    latn = read_po(latn_path)
    by_key(latn)[(None, "Love")].msgstr = "Ljubav (ručno)"
    by_key(latn)[(None, "Love")].flags.append(OVERRIDE_FLAG)
    write_po(latn, latn_path)

    assert derive_file(sr_path, latn_path, SR_LATN) == 1  # the hash is recorded
    entry = by_key(read_po(latn_path))[(None, "Love")]
    assert entry.msgstr == "Ljubav (ručno)"
    assert "fuzzy" not in entry.flags
    assert f"toolkit-override-source: {source_hash(by_key(sr_catalog())[(None, 'Love')])}" in entry.tcomment
    before = latn_path.read_bytes()
    assert derive_file(sr_path, latn_path, SR_LATN) == 0
    assert latn_path.read_bytes() == before

    # The Cyrillic changes: the override stays, marked fuzzy for review.
    sr = read_po(sr_path)
    by_key(sr)[(None, "Love")].msgstr = "Љубав"
    write_po(sr, sr_path)
    assert derive_file(sr_path, latn_path, SR_LATN) == 1
    entry = by_key(read_po(latn_path))[(None, "Love")]
    assert entry.msgstr == "Ljubav (ručno)"
    assert "fuzzy" in entry.flags and OVERRIDE_FLAG in entry.flags

    # Reviewed: the fuzzy flag removed by hand stays removed.
    latn = read_po(latn_path)
    by_key(latn)[(None, "Love")].flags.remove("fuzzy")
    write_po(latn, latn_path)
    derive_file(sr_path, latn_path, SR_LATN)
    assert "fuzzy" not in by_key(read_po(latn_path))[(None, "Love")].flags

    # msgfmt accepts the flag and the comment.
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(latn_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_override_of_a_removed_msgid_is_kept_as_obsolete():
    previous = transliterate_catalog(sr_catalog(), None, SR_LATN)
    by_key(previous)[("menu", "News")].flags.append(OVERRIDE_FLAG)
    by_key(previous)[("menu", "News")].msgstr = "Novosti"
    source = sr_catalog()
    source.remove(by_key(source)[("menu", "News")])
    derived = transliterate_catalog(source, previous, SR_LATN)
    obsolete = [e for e in derived if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("News", "Novosti")]


def test_glossary_terms_are_read(tmp_path):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "glossary.yaml").write_text(
        "do-not-translate:\n  - SEESAC\n  - term: ОЕБС\n", encoding="utf-8")
    assert glossary_keep_terms(tmp_path / "i18n") == ["SEESAC", "ОЕБС"]
    (tmp_path / "i18n" / "glossary.yaml").write_text("do-not-translate: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="glossary.yaml:2"):
        glossary_keep_terms(tmp_path / "i18n")
    assert glossary_keep_terms(tmp_path / "none") == []


def test_derive_project_writes_every_derived_domain(tmp_path):
    config = Config(root=tmp_path, locale_codes=("sr", "sr_Latn"), derived={"sr_Latn": "sr"})
    write_po(sr_catalog(), config.po_path("sr", "messages"))
    changed = derive_project(config)
    assert changed == {config.po_path("sr_Latn", "messages"): 5}
    assert by_key(read_po(config.po_path("sr_Latn", "messages")))[("menu", "News")].msgstr == "Vesti"


# -- the verb ---------------------------------------------------------------------


def run_verb(argv, config, stdin: bytes = b"", monkeypatch=None):
    parser = argparse.ArgumentParser()
    translit_command.add_parser(parser.add_subparsers(dest="verb"))
    args = parser.parse_args(["translit", *argv])
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return args.func(args, config)


def test_verb_filters_stdin_with_keep_and_glossary(tmp_path, monkeypatch, capfd):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "glossary.yaml").write_text("do-not-translate:\n  - ОЕБС\n", encoding="utf-8")
    config = Config(root=tmp_path)
    text = "ЉУБАВ, ОЕБС, Београд и %(име)s\n".encode()
    assert run_verb(["--keep", "Београд"], config, text, monkeypatch) == 0
    assert capfd.readouterr().out == "LJUBAV, ОЕБС, Београд i %(име)s\n"


def test_verb_on_a_catalogue_and_bad_input(tmp_path, monkeypatch, capfd):
    config = Config(root=tmp_path)
    write_po(sr_catalog(), tmp_path / "sr.po")
    assert run_verb(["-i", str(tmp_path / "sr.po"), "-o", str(tmp_path / "out.po")], config) == 0
    assert by_key(read_po(tmp_path / "out.po"))[(None, "Love")].msgstr == "LJUBAV i ljubav"
    assert run_verb(["-i", str(tmp_path / "out.po"), "--to-cyrillic"], config) == 0
    back = polib.pofile(capfd.readouterr().out)
    assert by_key(back)[(None, "Love")].msgstr == "ЉУБАВ и љубав"
    assert "fuzzy" in by_key(back)[(None, "Love")].flags
    (tmp_path / "bad.po").write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.po:2"):
        run_verb(["-i", str(tmp_path / "bad.po"), "-o", str(tmp_path / "x.po")], config)
    with pytest.raises(InputError, match="<stdin>:1"):
        run_verb([], config, b"\xff\xfe", monkeypatch)
