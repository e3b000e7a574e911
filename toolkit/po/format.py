"""Writing .po text the way GNU gettext writes it.

Translators' tools (msgmerge, msgcat, msgattrib, Poedit's gettext backend)
rewrite a catalogue in GNU's layout; if the toolkit wrote any other layout,
every round trip between them would churn the diff.  So this module follows
GNU gettext's ``write-po.c``:

* a string is cut into portions after each ``\\n``; a string with more than
  one portion, or one that must wrap, starts with an empty ``""`` line;
* a portion wraps at 79 columns (room kept for the quotes) at the line break
  opportunities of the Unicode line breaking algorithm as GNU's libunistring
  computes them, never inside an escape sequence or a format directive, and
  never right before a final ``\\n``;
* flags are ``fuzzy`` (only on a translated entry), then format flags in
  gettext's order, then ``range:``, then ``no-wrap``; an obsolete entry with
  no translation at all is left out, as msgcat does.

The pair table below was measured on GNU gettext 0.21 with libunistring 1.0
(one probe per pair of classes, with and without a space between).  Letters,
digits and punctuation of Latin, Cyrillic, Greek and Hebrew text, and the
common general punctuation, wrap exactly as msgcat wraps them; classes of rarer
characters are derived from their general category and may differ.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import polib

PAGE_WIDTH = 79
_NO_WRAP_WIDTH = 10**9

# Break opportunity between two classes with no space between them:
# D direct (allowed), I indirect (allowed only after a space), P prohibited.
_COLUMNS = "AL NU BA HY IS EX OP CP CL QU SY PR PO GL BB B2 IN NS ID HL RI EB EM CJ".split()
_COLUMN = {name: i for i, name in enumerate(_COLUMNS)}
_PAIRS = {
    "AL": "IIIIPPIPPIPIIIDDIIDIDDDI",
    "NU": "IIIIPPIPPIPIIIDDIIDIDDDI",
    "BA": "DDIIPPDPPIPDDDDDIIDDDDDI",
    "HY": "DIIIPPDPPIPDDDDDIIDDDDDI",
    "IS": "DIIIPPDPPIPDDIDDIIDDDDDI",
    "EX": "DDIIPPDPPIPDDIDDIIDDDDDI",
    "OP": "PPPPPPPPPPPPPPPPPPPPPPPP",
    "CP": "IIIIPPDPPIPIIIDDIIDIDDDI",
    "CL": "DDIIPPDPPIPIIIDDIPDDDDDP",
    "QU": "IIIIPPPPPIPIIIIIIIIIIIII",
    "SY": "DIIIPPDPPIPDDIDDIIDIDDDI",
    "PR": "IIIIPPIPPIPDDIDDIIIIDIII",
    "PO": "IIIIPPIPPIPDDIDDIIDIDDDI",
    "GL": "IIIIPPIPPIPIIIIIIIIIIIII",
    "BB": "IIIIPPIPPIPIIIIIIIIIIIII",
    "B2": "DDIIPPDPPIPDDIDPIIDDDDDI",
    "IN": "DDIIPPDPPIPDDIDDIIDDDDDI",
    "NS": "DDIIPPDPPIPDDIDDIIDDDDDI",
    "WJ": "IIIIPPIPPIPIIIIIIIIIIIII",
    "ID": "DDIIPPDPPIPDIIDDIIDDDDDI",
    "HL": "IIIIPPIPPIPIIIDDIIDIDDDI",
    "ZWJ": "IIIIPPIPPIPIIIIIIIIIIIII",
    "RI": "DDIIPPDPPIPDDIDDIIDDIDDI",
    "EB": "DDIIPPDPPIPDIIDDIIDDDDII",
    "EM": "DDIIPPDPPIPDIIDDIIDDDDDI",
    "CJ": "DDIIPPDPPIPDDIDDIIDDDDDI",
}

_ASCII_PUNCT = {
    " ": "SP", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU", "(": "OP", ")": "CP",
    "+": "PR", ",": "IS", "-": "HY", ".": "IS", "/": "SY", ":": "IS", ";": "IS", "?": "EX",
    "[": "OP", "\\": "PR", "]": "CP", "{": "OP", "|": "BA", "}": "CL", "\t": "BA",
    "\n": "BK", "\v": "BK", "\f": "BK", "\r": "BK",
}
_SPECIAL = {
    0x00A0: "GL", 0x00A1: "OP", 0x00A2: "PO", 0x00A3: "PR", 0x00A4: "PR", 0x00A5: "PR",
    0x00AB: "QU", 0x00AD: "BA", 0x00B0: "PO", 0x00B1: "PR", 0x00B4: "BB", 0x00BB: "QU",
    0x00BF: "OP", 0x02C8: "BB", 0x02CC: "BB", 0x02DF: "BB", 0x037E: "IS", 0x058A: "BA",
    0x05BE: "BA", 0x1680: "BA", 0x180E: "GL", 0x2007: "GL", 0x200B: "ZW", 0x200C: "CM",
    0x200D: "ZWJ", 0x2010: "BA", 0x2011: "GL", 0x2012: "BA", 0x2013: "BA", 0x2014: "B2",
    0x2018: "QU", 0x2019: "QU", 0x201A: "OP", 0x201B: "QU", 0x201C: "QU", 0x201D: "QU",
    0x201E: "OP", 0x201F: "QU", 0x2024: "IN", 0x2025: "IN", 0x2026: "IN", 0x2027: "BA",
    0x2028: "BK", 0x2029: "BK", 0x202F: "GL", 0x2039: "QU", 0x203A: "QU", 0x203C: "NS",
    0x203D: "NS", 0x2044: "IS", 0x2047: "NS", 0x2048: "NS", 0x2049: "NS", 0x205F: "BA",
    0x2060: "WJ", 0x20A7: "PO", 0x20B6: "PO", 0x20BB: "PO", 0x20BE: "PO", 0x2103: "PO",
    0x2109: "PO", 0x2116: "PR", 0x2212: "PR", 0x2213: "PR", 0x3000: "BA", 0xFEFF: "WJ",
}
_SPECIAL.update({cp: "PO" for cp in range(0x2030, 0x2038)})
# Small kana and the prolonged sound mark: conditional Japanese starters.
_SPECIAL.update({cp: "CJ" for cp in (
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
    0x30FC, *range(0x31F0, 0x3200), *range(0xFF67, 0xFF71))})
_SPECIAL.update({cp: "BA" for cp in (*range(0x2000, 0x2007), *range(0x2008, 0x200B))})


@lru_cache(maxsize=8192)
def line_class(char: str) -> str:
    """The line breaking class of one character (UAX #14, as resolved by libunistring)."""
    if char.isascii():
        if char.isalpha():
            return "AL"
        if char.isdigit():
            return "NU"
        if char in _ASCII_PUNCT:
            return _ASCII_PUNCT[char]
        return "CM" if ord(char) < 0x20 or char == "\x7f" else "AL"
    code = ord(char)
    if code in _SPECIAL:
        return _SPECIAL[code]
    category = unicodedata.category(char)
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "RI"
    if category in ("Mn", "Mc", "Me", "Cc", "Cf"):
        return "CM"
    if category == "Zs":
        return "BA"
    if category == "Nd":
        return "ID" if wide else "NU"
    if category == "Ps":
        return "OP"
    if category == "Pe":
        return "CL"
    if category in ("Pi", "Pf"):
        return "QU"
    if category == "Pd":
        return "BA"
    if category == "Sc":
        return "PR"
    if 0x05D0 <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return "HL"
    return "ID" if wide else "AL"


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Columns a character takes, as libunistring's uc_width counts them (controls: 0)."""
    if char == "\u00ad":
        return 1
    category = unicodedata.category(char)
    if category in ("Cc", "Mn", "Me", "Cf") or 0x1160 <= ord(char) <= 0x11FF or char == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _possible_breaks(text: str) -> list[str]:
    """Per index: "B" a break is allowed before it, "M" mandatory, "" prohibited."""
    result = [""] * len(text)
    last = "BK"
    seen_space: int | None = None
    seen_space2: int | None = None
    for i, char in enumerate(text):
        cls = line_class(char)
        if cls == "BK":
            result[i] = "M"
            last, seen_space, seen_space2 = "BK", None, None
            continue
        target = i
        if cls == "SP":
            seen_space2, seen_space = seen_space, i
            continue
        if cls == "ZW":
            last, seen_space, seen_space2 = "ZW", None, None
            continue
        if cls == "CM":
            if last == "ZW":
                result[i] = "B"
                last = "ID"
                continue
            if seen_space is None:
                continue
            # A combining mark after a space makes that space a letter of its own.
            target, seen_space, cls = seen_space, seen_space2, "ID"
        if last == "BK":
            allowed = False
        elif last == "ZW":
            allowed = True
        elif cls in ("WJ", "ZWJ"):
            allowed = False
        else:
            rule = _PAIRS[last][_COLUMN[cls]]
            allowed = rule == "D" or (rule == "I" and seen_space is not None)
        result[target] = "B" if allowed else ""
        last, seen_space, seen_space2 = cls, None, None
    return result


def _text_width(text: str) -> int:
    if _plain(text):
        return len(text)
    return sum(map(char_width, text))


# One letter per class, so a string's classes are one str.translate away and
# the pair rules become regular expressions (both run in C).
_ALL_CLASSES = [*_COLUMNS, "WJ", "ZWJ", "SP", "CM", "ZW", "BK"]
_CODE = dict(zip(_ALL_CLASSES, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
_ROWS = {name: row + "PP" for name, row in _PAIRS.items()}  # nothing breaks before WJ or ZWJ
_COLUMN.update({"WJ": len(_COLUMNS), "ZWJ": len(_COLUMNS) + 1})


class _ClassCodes(dict):
    def __missing__(self, code_point: int) -> str:
        letter = _CODE[line_class(chr(code_point))]
        self[code_point] = letter
        return letter


_CLASS_CODES = _ClassCodes()
_SLOW = re.compile("[" + "".join(_CODE[c] for c in ("CM", "ZW", "BK")) + "]")

def _row_pattern(row: str) -> str:
    direct = "".join(_CODE[col] for col in _COLUMN if _ROWS[row][_COLUMN[col]] == "D")
    spaced = "".join(_CODE[col] for col in _COLUMN if _ROWS[row][_COLUMN[col]] in "DI")
    alternatives = [f"{_CODE['SP']}+(?=[{spaced}])"] if spaced else []
    if direct:
        alternatives.append(f"(?=[{direct}])")
    return f"{_CODE[row]}(?:{'|'.join(alternatives)})" if alternatives else ""


# A match ends where a line may break: right after a class whose pair rule
# allows it (D), or after a run of spaces (D or I).
_BREAKS = re.compile("|".join(p for p in map(_row_pattern, _ROWS) if p))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _opportunities(text: str) -> list[int] | None:
    """Indices a line may break before; None when the text needs the full algorithm."""
    codes = text.translate(_CLASS_CODES)
    if _SLOW.search(codes):
        return None
    return [m.end() for m in _BREAKS.finditer(codes)]


def _plain(text: str) -> bool:
    """Every character one column wide."""
    return text.isascii() and not _CONTROL.search(text)


def _line_breaks(text: str, prohibited: set[int], width: int, startcol: int) -> list[int]:
    """Indices before which a line must break so no line exceeds ``width``."""
    if startcol + _text_width(text) <= width:
        return []  # fits: the common case, no need to find break opportunities
    opportunities = _opportunities(text)
    if opportunities is None:
        return _line_breaks_slow(text, prohibited, width, startcol)
    if _plain(text):
        def span(a: int, b: int) -> int:
            return b - a
    else:
        sums = [0, *itertools.accumulate(map(char_width, text))]

        def span(a: int, b: int) -> int:
            return sums[b] - sums[a]
    breaks: list[int] = []
    last_break: int | None = None
    column = startcol
    piece_start = 0
    for i in opportunities:
        if i in prohibited:
            continue
        piece = span(piece_start, i)
        if last_break is not None and column + piece > width:
            if not breaks or breaks[-1] != last_break:
                breaks.append(last_break)
            column = 0
        last_break = i
        column += piece
        piece_start = i
    piece = span(piece_start, len(text))
    if last_break is not None and column + piece > width and (not breaks or breaks[-1] != last_break):
        breaks.append(last_break)
    return breaks


def _line_breaks_slow(text: str, prohibited: set[int], width: int, startcol: int) -> list[int]:
    """libunistring's u8_width_linebreaks, one character at a time."""
    possible = _possible_breaks(text)
    breaks: list[int] = []
    last_break: int | None = None
    column = startcol
    piece = 0
    for i, char in enumerate(text):
        kind = "" if i in prohibited else possible[i]
        if kind and last_break is not None and column + piece > width:
            if not breaks or breaks[-1] != last_break:
                breaks.append(last_break)
            column = 0
        if kind == "M":
            last_break, column, piece = None, 0, 0
            continue
        if kind == "B":
            last_break = i
            column += piece
            piece = 0
        piece += char_width(char)
    if last_break is not None and column + piece > width and (not breaks or breaks[-1] != last_break):
        breaks.append(last_break)
    return breaks


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_ESCAPE_TABLE = str.maketrans({char: "\\" + letter for char, letter in _ESCAPES.items()})
_ESCAPED_PAIR = re.compile(r"\\.")


def _escape(portion: str, offset: int, inside: frozenset[int]) -> tuple[str, set[int]]:
    """The portion as written between quotes, and the indices no line may break before."""
    out = portion.translate(_ESCAPE_TABLE)
    if len(out) == len(portion):
        prohibited: set[int] = set()
    else:
        prohibited = {m.start() + 1 for m in _ESCAPED_PAIR.finditer(out)}
    if inside:
        position = 0
        for j, char in enumerate(portion):
            if offset + j in inside:
                prohibited.add(position)
            position += 2 if char in _ESCAPES else 1
    if portion.endswith("\n"):
        prohibited.add(len(out) - 2)
    return out, prohibited


def _portions(value: str) -> list[str]:
    parts = []
    start = 0
    while True:
        end = value.find("\n", start)
        if end < 0:
            parts.append(value[start:])
            return parts
        parts.append(value[start : end + 1])
        start = end + 1
        if start == len(value):
            return parts


def wrap_string(name: str, value: str, *, prefix: str = "", wrap: bool = True,
                directives: frozenset[int] = frozenset(), page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines of one keyword and its quoted string, e.g. ``msgid "..."``."""
    after_break = len(prefix) + 1
    width = (page_width if wrap else _NO_WRAP_WIDTH) - 1 - after_break
    parts = _portions(value)
    lines: list[str] = []
    first = True
    offset = 0
    for index, part in enumerate(parts):
        text, prohibited = _escape(part, offset, directives)
        offset += len(part)
        more = index < len(parts) - 1
        while True:
            startcol = len(prefix) + (len(name) + 1 if first else 0) + 1 - after_break
            breaks = _line_breaks(text, prohibited, width, startcol)
            if first and text and (more or startcol > width or breaks):
                lines.append(f'{prefix}{name} ""')
                first = False
                continue
            break
        bounds = [0, *breaks, len(text)]
        pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        head = f"{prefix}{name} " if first else prefix
        first = False
        lines.append(f'{head}"{pieces[0]}"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
    return lines


# Format flags in the order gettext prints them.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)
_PYTHON_DIRECTIVE = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
_BRACE_DIRECTIVE = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def _flag_line(entry: polib.POEntry, translated: bool) -> str | None:
    flags = [f.strip() for f in entry.flags if f.strip()]
    out = []
    if "fuzzy" in flags and translated:
        out.append("fuzzy")
    for language in FORMAT_LANGUAGES:
        for form in (f"{language}-format", f"possible-{language}-format", f"no-{language}-format"):
            if form in flags:
                out.append(form.removeprefix("possible-"))
                break
    if not entry.obsolete:  # gettext drops an obsolete entry's range
        out.extend(f for f in flags if f.startswith("range:"))
    if "no-wrap" in flags:
        out.append("no-wrap")
    known = set(out) | {"fuzzy", "wrap", "no-wrap"}
    # Flags gettext does not know (it drops them) are kept: they are someone's data.
    out.extend(f for f in flags if f not in known and not f.endswith("-format") and not f.startswith("range:"))
    return "#, " + ", ".join(out) if out else None


def _directives(entry: polib.POEntry, value: str) -> frozenset[int]:
    """Indices inside (not at the start of) a format directive: no line break there."""
    flags = set(entry.flags)
    if "python-format" in flags or "possible-python-format" in flags:
        pattern = _PYTHON_DIRECTIVE
    elif "python-brace-format" in flags or "possible-python-brace-format" in flags:
        pattern = _BRACE_DIRECTIVE
    else:
        return frozenset()
    return frozenset(i for m in pattern.finditer(value) for i in range(m.start() + 1, m.end()))


def _comment_lines(mark: str, text: str) -> list[str]:
    if not text:
        return []
    return [f"{mark} {line}" if line else mark for line in text.split("\n")]


def _reference_lines(entry: polib.POEntry, page_width: int) -> list[str]:
    if not entry.occurrences:
        return []
    lines = []
    current = "#:"
    items: list[str] = []
    for path, line in entry.occurrences:
        while path.startswith("./"):
            path = path[2:]
        item = f"{path}:{line}" if line not in (None, "") else path
        if item not in items:  # gettext lists a source position once
            items.append(item)
    for item in items:
        if len(current) > 2 and len(current) + len(item) + 1 > page_width:
            lines.append(current)
            current = "#:"
        current += " " + item
    lines.append(current)
    return lines


def _first_translation(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def entry_lines(entry: polib.POEntry, *, page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines of one entry, in GNU's order and layout."""
    translated = bool(_first_translation(entry))
    lines = _comment_lines("#", entry.tcomment) + _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry, page_width)
    flag_line = _flag_line(entry, translated)
    if flag_line:
        lines.append(flag_line)
    wrap = "no-wrap" not in entry.flags
    prefix = "#~ " if entry.obsolete else ""

    def field(name: str, value: str, field_prefix: str = prefix) -> None:
        lines.extend(wrap_string(name, value, prefix=field_prefix, wrap=wrap,
                                 directives=_directives(entry, value), page_width=page_width))

    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        field("msgctxt", entry.previous_msgctxt, previous)
    if entry.previous_msgid is not None:
        field("msgid", entry.previous_msgid, previous)
    if entry.previous_msgid_plural is not None:
        field("msgid_plural", entry.previous_msgid_plural, previous)
    if entry.msgctxt is not None:
        field("msgctxt", entry.msgctxt)
    field("msgid", entry.msgid)
    if entry.msgid_plural:
        field("msgid_plural", entry.msgid_plural)
        forms = entry.msgstr_plural or {0: "", 1: ""}
        for index in sorted(forms):
            field(f"msgstr[{index}]", forms[index])
    else:
        field("msgstr", entry.msgstr)
    return lines


def _has_translation(entry: polib.POEntry) -> bool:
    if entry.msgstr_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def header_entry(catalog: polib.POFile) -> polib.POEntry:
    entry = polib.POEntry(msgid="", msgstr="")
    fields = catalog.ordered_metadata()
    if fields:
        entry.msgstr = "".join(f"{name}: {value}\n" for name, value in fields)
    entry.tcomment = catalog.header or ""
    if catalog.metadata_is_fuzzy:
        entry.flags = ["fuzzy"]
    return entry


def format_po(catalog: polib.POFile, *, page_width: int = PAGE_WIDTH) -> str:
    """The whole catalogue as GNU msgcat would write it: header, live entries, then obsolete ones."""
    blocks = []
    header = header_entry(catalog)
    if header.msgstr or header.tcomment or header.flags:
        blocks.append(entry_lines(header, page_width=page_width))
    live = [e for e in catalog if not e.obsolete and not (e.msgid == "" and e.msgctxt is None)]
    # An obsolete entry without any translation carries nothing (msgcat drops it too).
    obsolete = [e for e in catalog if e.obsolete and _has_translation(e)]
    for entry in live + obsolete:
        blocks.append(entry_lines(entry, page_width=page_width))
    return "\n\n".join("\n".join(block) for block in blocks) + ("\n" if blocks else "")
