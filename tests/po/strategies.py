"""Hypothesis strategies for whole catalogues (shared by the round-trip and gettext tests)."""

from __future__ import annotations

import polib
from hypothesis import strategies as st

# Letters of the site's languages, digits, ASCII punctuation, the escapes GNU
# writes (\n \t \" \\) and the typographic marks translators use.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "čćžšđČĆŽŠĐëçËÇ"
    "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШѓќѕЃЌЅ"
    " .,;:!?-/()[]{}<>=&%$#@*+'\"\\_|~^`"
    "\n\t\u00a0«»„“”‘’—–…€°№"
)
text = st.text(alphabet=ALPHABET, max_size=160)
nonempty = st.text(alphabet=ALPHABET, min_size=1, max_size=160)
words = st.lists(st.sampled_from(
    ["border", "police", "Belgrade", "SEESAC", "report", "%(count)s", "%s", "{name}", "<b>", "</b>",
     "granične", "полиције", "оружје", "a", "reports—about", "http://www.seesac.org/", "e.g.", "\\n",
     "“quoted”", "(see below)", "100%", "“", "..."]), min_size=1, max_size=40).map(" ".join)
message = st.one_of(nonempty, words)
# GNU's reader joins a line ending in a backslash with the next one, so no
# comment line may end in one (GNU's own writer has the same limit).
comment_line = st.text(alphabet=ALPHABET.replace("\n", "").replace("\t", ""), max_size=60).map(
    lambda line: line.rstrip().rstrip("\\").rstrip())
# polib keeps no empty comment line before the first or after the last non-empty one.
comment = st.lists(comment_line, max_size=3).map(lambda lines: "\n".join(lines).strip("\n"))
path = st.from_regex(r"[a-z][a-z0-9_/.-]{0,40}\.(html|md|py)", fullmatch=True)
occurrence = st.tuples(path, st.one_of(st.just(""), st.integers(1, 99999).map(str)))
KNOWN_FLAGS = ["fuzzy", "python-format", "no-python-format", "python-brace-format", "c-format", "no-wrap",
               "range: 0..10"]


@st.composite
def entries(draw, *, gnu_only: bool = False):
    """One entry; with ``gnu_only``, nothing GNU gettext would drop or change."""
    plural = draw(st.booleans())
    entry = polib.POEntry(msgid=draw(message))
    if draw(st.booleans()):
        entry.msgctxt = draw(st.one_of(text, st.sampled_from(["month", "legal:eu-funding", ""])))
    if plural:
        entry.msgid_plural = draw(message)
        count = draw(st.integers(2, 4))
        entry.msgstr_plural = {i: draw(st.one_of(st.just(""), message)) for i in range(count)}
    else:
        entry.msgstr = draw(st.one_of(st.just(""), message))
    entry.tcomment = draw(comment)
    # polib drops an empty "#." line, so extracted comments have none inside.
    entry.comment = "\n".join(line for line in draw(comment).split("\n") if line)
    entry.occurrences = draw(st.lists(occurrence, max_size=6))
    flags = draw(st.lists(st.sampled_from(KNOWN_FLAGS), unique=True, max_size=3))
    if not gnu_only:
        flags += draw(st.lists(st.sampled_from(["toolkit-ignore: placeholder-mismatch", "reviewed"]),
                               unique=True, max_size=1))
    if "python-format" in flags and "no-python-format" in flags:
        flags.remove("no-python-format")
    entry.flags = flags
    if draw(st.booleans()):
        entry.previous_msgid = draw(message)
        if draw(st.booleans()):
            entry.previous_msgctxt = draw(text)
        if plural and draw(st.booleans()):
            entry.previous_msgid_plural = draw(message)
    entry.obsolete = draw(st.integers(0, 4)) == 0
    if entry.obsolete and gnu_only:
        # msgcat drops an obsolete entry whose first form is empty.
        if plural and not entry.msgstr_plural[0]:
            entry.msgstr_plural[0] = "x"
        elif not plural and not entry.msgstr:
            entry.msgstr = "x"
    return entry


@st.composite
def catalogs(draw, *, gnu_only: bool = False, max_entries: int = 8):
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = draw(comment)
    catalog.metadata = {
        "Project-Id-Version": draw(st.sampled_from(["seesac 1.0", "PROJECT"])),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "2020-12-01 10:00+0100",
        "PO-Revision-Date": "2020-12-02 11:00+0100",
        "Last-Translator": draw(st.sampled_from(["", "Ана Петровић <ana@example.org>"])),
        "Language-Team": "",
        "Language": "sr",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                        "(n%100<10 || n%100>=20) ? 1 : 2);",
    }
    seen = set()
    for entry in draw(st.lists(entries(gnu_only=gnu_only), max_size=max_entries)):
        key = (entry.msgctxt, entry.msgid)  # gettext: one entry per key, live or obsolete
        if key not in seen:
            seen.add(key)
            catalog.append(entry)
    return catalog
