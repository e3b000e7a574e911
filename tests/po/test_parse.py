"""The one-pass reader (toolkit.po.parse) against the reference: the toolkit's
line validator followed by polib.pofile, on generated, damaged and real catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.po.strategies import catalogs
from toolkit.po.catalog import WRAP_WIDTH, decode_po_bytes, dump_po
from toolkit.errors import InputError
from toolkit.po.parse import parse_po_text

from tests.helpers import DATA, ROOT
from tests.po.oracle import validate_po_text
FIELDS = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "comment", "tcomment",
          "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "linenum",
          "encoding")
_BARE_COMMENT = re.compile(r"^#(?=[^\s.:,|~])", re.MULTILINE)
_OBSOLETE_PREVIOUS = re.compile(r"^#~\|", re.MULTILINE)


def reference(text: str) -> polib.POFile:
    """What the toolkit read before the one-pass reader: validate, then polib."""
    validate_po_text(text, "x.po")
    text = _OBSOLETE_PREVIOUS.sub("#|", _BARE_COMMENT.sub("# ", text))
    try:
        return polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except OSError as error:
        line = int(re.search(r"line (\d+)", str(error)).group(1))
        message = re.sub(r"\s*\(?line \d+\)?", "", str(error)).replace(" in po file", "").strip(": ")
        raise InputError(message, "x.po", line) from error


def outcome(function, text):
    try:
        return function(text), None
    except InputError as error:
        return None, str(error)


def assert_same(text: str) -> polib.POFile | None:
    expected, expected_error = outcome(reference, text)
    got, got_error = outcome(lambda t: parse_po_text(t, "x.po", wrapwidth=WRAP_WIDTH), text)
    assert got_error == expected_error
    if expected is None:
        return None
    for attribute in ("header", "metadata", "metadata_is_fuzzy", "encoding", "wrapwidth", "fpath"):
        assert getattr(got, attribute) == getattr(expected, attribute), attribute
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected):
        for name in FIELDS:
            if name == "linenum" and theirs.linenum == 0:
                # polib numbers a header-less catalogue's first entry 0; ours has its real line.
                assert mine.linenum >= 1
                continue
            assert getattr(mine, name) == getattr(theirs, name), (name, theirs.msgid)
            assert type(getattr(mine, name)) is type(getattr(theirs, name)), name
    return got


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(catalog=catalogs(max_entries=10), gnu=st.booleans())
def test_generated_catalogues_parse_as_polib_does(catalog, gnu):
    text = dump_po(catalog).decode("utf-8") if gnu else str(catalog)
    parsed = assert_same(text)
    # polib's own writer can write what no reader accepts (a header comment
    # ",0" becomes the line "#,0"); both readers then refuse it alike.
    assert parsed is not None or not gnu
    if parsed is not None and not gnu:
        assert sorted(e.msgid for e in parsed) == sorted(e.msgid for e in catalog)


# Damage one line the way hand edits do: a lost quote, a bad escape, a stray
# keyword, a deleted line, two lines swapped, a comment with no space.
DAMAGE = [
    lambda line: line[:-1] if line.endswith('"') else line,
    lambda line: line.replace('"', '"\\q', 1),
    lambda line: "msgfoo " + line,
    lambda line: "",
    lambda line: "#" + line.lstrip("# "),
    lambda line: "#~ " + line,
    lambda line: "#| " + line,
    lambda line: line.replace("msgstr", "msgid", 1),
    lambda line: line.replace("msgid", "msgctxt", 1),
    lambda line: "#, fuzzy\n" + line,
    lambda line: "#: a.html:1\n" + line,
    lambda line: line.replace("msgstr[1]", "msgstr[2]"),
]


@FAST
@given(catalog=catalogs(max_entries=6), data=st.data())
def test_damaged_catalogues_fail_or_parse_alike(catalog, data):
    lines = str(catalog).split("\n")
    index = data.draw(st.integers(0, len(lines) - 1))
    damage = data.draw(st.sampled_from(range(len(DAMAGE))))
    if data.draw(st.booleans()) and index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    else:
        lines[index] = DAMAGE[damage](lines[index])
    assert_same("\n".join(lines))


def project_catalogues() -> list[Path]:
    files = sorted((DATA).rglob("*.po")) + sorted((ROOT / "locales").rglob("*.po"))
    files += sorted((ROOT / "locales").glob("*.pot"))
    return files


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_real_and_broken_catalogues_parse_alike(path):
    data = path.read_bytes()
    try:
        text = decode_po_bytes(data, "x.po").replace("\r\n", "\n")
    except InputError:
        return  # refused before parsing, by the same code either way
    assert_same(text)


@pytest.mark.parametrize("text, message", [
    ('msgid "a"\nmsgstr "b\n', "x.po:2: unterminated string (no closing quote on this line)"),
    ('msgid "a\\q"\nmsgstr ""\n', "x.po:1: bad escape sequence \\q"),
    ('msgid "a"\n', "x.po:1: the file ends before this msgid's msgstr"),
    ('msgctxt "c"\nmsgstr "b"\n', "x.po:2: msgstr after msgctxt, expected msgid"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', "x.po:4: plural index gap: msgstr[2] after 1 form(s)"),
    ('msgid "a"\n#, fuzzy\nmsgstr "b"\n', "x.po:3: Syntax error"),
    ('msgid "a"\nmsgstr "b"\n#| msgstr "c"\nmsgid "d"\nmsgstr ""\n', "x.po:3: Syntax error: unknown keyword msgstr"),
])
def test_errors_name_the_line(text, message):
    with pytest.raises(InputError) as caught:
        parse_po_text(text, "x.po")
    assert message in str(caught.value)
    assert_same(text)


def test_line_numbers_and_obsolete_previous():
    text = (
        '# header comment\nmsgid ""\nmsgstr ""\n"Language: sr\\n"\n\n'
        '#. note\n#: a.html:3 b.html\nmsgid "one"\nmsgstr "један"\n\n'
        '#comment without space\n#~| msgid "old"\n#~ msgid "gone"\n#~ msgstr "нестало"\n'
    )
    catalog = assert_same(text)
    live, obsolete = catalog
    assert (live.linenum, live.occurrences, live.comment) == (6, [("a.html", "3"), ("b.html", "")], "note")
    assert (obsolete.linenum, obsolete.obsolete, obsolete.previous_msgid) == (11, 1, "old")
    assert obsolete.tcomment == "comment without space"
    assert catalog.metadata == {"Language": "sr"} and catalog.header == "header comment"


def test_headerless_first_entry_has_its_line():
    catalog = parse_po_text('\n\n#: a.html:1\nmsgid "a"\nmsgstr "b"\n', "x.po")
    assert catalog[0].linenum == 3
