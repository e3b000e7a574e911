"""A one-pass reader of .po text into polib's model.

``parse_po_text`` validates and parses in the same pass over the lines and
builds the very ``POFile``/``POEntry`` objects ``polib.pofile`` would build
(same fields, same header metadata, same ``linenum``), several times faster.
Strictness is the toolkit's: what GNU gettext would refuse is an
:class:`~toolkit.errors.InputError` naming the line (an unterminated string,
a bad escape, a keyword out of order, a msgid without msgstr, a plural index
gap).  Lines polib itself cannot place (a comment between msgctxt and msgid,
``#,`` between msgid and msgstr) are the "syntax error" polib reports, with
the line; a validation error anywhere in the file is reported first, as the
toolkit always has.

Two readings differ from bare polib, as the toolkit's reader always did: a
comment with no space after ``#`` (``#text``) is the translator comment
``text`` (GNU reads it so; polib refuses it), and an obsolete entry's previous
msgid (``#~| msgid``) is kept as its ``previous_msgid``.  The first entry of
a catalogue without a header gets its real line number (polib says 0).
"""

from __future__ import annotations

import codecs
import re

import polib

from ..errors import InputError

__all__ = ["parse_po_text", "string_problem"]

_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"'
_STRING_RE = re.compile(_STRING)
_PLURAL_KEYWORD = re.compile(r"msgstr\[\d+\]")
# polib's own prefixes for an obsolete or previous line, as the validator strips them.
_PREFIX = re.compile(r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?")
_PREVIOUS_LINE = re.compile(r"#~?\s*#?\|")
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ENCODING = re.compile(r'"?Content-Type:.+? charset=([\w_\-:\.]+)')
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_BARE_EXCLUDED = frozenset(".:,|~")

# polib's state machine: for each symbol, the states it may follow.
_ALL = frozenset(["st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"])
_ALLOWED = {
    "tc": _ALL,
    "gc": _ALL, "oc": _ALL, "fl": _ALL, "pc": _ALL, "pm": _ALL, "pp": _ALL,
    "ct": frozenset(["st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"]),
    "mi": frozenset(["st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"]),
    "mp": frozenset(["tc", "gc", "pc", "pm", "pp", "mi"]),
    "ms": frozenset(["mi", "mp", "tc"]),
    "mx": frozenset(["mi", "mx", "mp", "tc"]),
    "mc": frozenset(["ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"]),
}
# polib starts a new entry when one of these follows a msgstr.
_STARTS_ENTRY = frozenset(["tc", "gc", "oc", "fl", "pp", "pm", "pc", "ct", "mi"])


def _unescape_match(match: re.Match) -> str:
    return _ESCAPES[match.group(1)]


def _unescape(text: str) -> str:
    # polib's unescaping: \a, octal and \x escapes stay as written.
    return _ESCAPE.sub(_unescape_match, text) if "\\" in text else text


def string_problem(body: str) -> str:
    """Why a quoted string did not parse: unterminated, or which escape is bad."""
    i = 1
    while i < len(body):
        char = body[i]
        if char == "\\":
            escape = body[i + 1 : i + 2]
            if not escape:
                break
            if escape not in '\\"abfnrtv01234567x':
                return f"bad escape sequence \\{escape}"
            i += 2
            continue
        if char == '"':
            rest = body[i + 1 :].strip()
            return f"unexpected text after the string: {rest[:20]!r}" if rest else "malformed string"
        i += 1
    return "unterminated string (no closing quote on this line)"


def _valid_string(text: str) -> bool:
    """``text`` is exactly one well-formed quoted string."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        return False
    inner = text[1:-1]
    if '"' not in inner and "\\" not in inner:
        return True
    return _STRING_RE.fullmatch(text) is not None


class _PolibError(Exception):
    """A line polib's reader cannot place; reported only if the file validates."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


_ENTRY_FIELDS = {
    "msgid": "", "msgstr": "", "msgid_plural": "", "msgstr_plural": None, "msgctxt": None, "obsolete": False,
    "encoding": polib.default_encoding, "comment": "", "tcomment": "", "occurrences": None, "flags": None,
    "previous_msgctxt": None, "previous_msgid": None, "previous_msgid_plural": None, "linenum": 0,
}


def _new_entry(linenum: int, _new=polib.POEntry.__new__, _class=polib.POEntry) -> polib.POEntry:
    """An empty POEntry, as ``POEntry(linenum=linenum)`` makes it, without its slow constructor."""
    entry = _new(_class)
    fields = _ENTRY_FIELDS.copy()
    fields["msgstr_plural"] = {}
    fields["occurrences"] = []
    fields["flags"] = []
    fields["linenum"] = linenum
    entry.__dict__ = fields
    return entry


def _classify(line: str, raw: str, number: int) -> tuple[str | None, str, int, bool]:
    """polib's reading of a comment-like line: (symbol or None to skip, token,
    obsolete, whether it counts as a comment for the end of the file)."""
    if raw[:1] == "#" and len(raw) > 1:
        second = raw[1]
        if not second.isspace() and second not in _BARE_EXCLUDED:
            line = ("# " + raw[1:]).strip()
        elif raw[:3] == "#~|":
            line = ("#|" + raw[3:]).strip()
    tokens = line.split(None, 2)
    first = tokens[0]
    if first == "#~|":
        return None, line, 0, True
    obsolete = 0
    if first == "#~" and len(tokens) > 1:
        line = line[3:].strip()
        tokens = tokens[1:]
        first = tokens[0]
        obsolete = 1
    count = len(tokens)
    comment = first[:1] == "#"
    if first in _KEYWORDS and count > 1:
        return _KEYWORDS[first], line[len(first):].lstrip(), obsolete, comment
    if first == "#:":
        return ("oc" if count > 1 else None), line, obsolete, comment
    if line[:1] == '"':
        return "mc", line, obsolete, comment
    if line[:7] == "msgstr[":
        return "mx", line, obsolete, comment
    if first == "#,":
        return ("fl" if count > 1 else None), line, obsolete, comment
    if first == "#" or first.startswith("##"):
        return "tc", (line + " " if line == "#" else line), obsolete, comment
    if first == "#.":
        return ("gc" if count > 1 else None), line, obsolete, comment
    if first == "#|":
        if count <= 1:
            raise _PolibError("Syntax error", number)
        token = line[2:].lstrip()
        if tokens[1].startswith('"'):
            return "mc", token, obsolete, comment
        if count == 2:
            raise _PolibError("Syntax error: invalid continuation line", number)
        if tokens[1] not in _PREVIOUS:
            raise _PolibError(f"Syntax error: unknown keyword {tokens[1]}", number)
        return _PREVIOUS[tokens[1]], token[len(tokens[1]):].lstrip(), obsolete, comment
    raise _PolibError("Syntax error", number)


def _check_keyword_line(body: str, path: str, number: int) -> str:
    """The keyword of a validated keyword line, or InputError."""
    parts = body.split(None, 1)
    keyword = parts[0]
    rest = parts[1] if len(parts) > 1 else ""
    known = keyword in _KEYWORDS or _PLURAL_KEYWORD.fullmatch(keyword) is not None
    if known and _valid_string(rest):
        return keyword
    if not known:
        raise InputError(f"unknown keyword {keyword!r}", path, number)
    if not rest.startswith('"'):
        raise InputError(f"{keyword} without a quoted string", path, number)
    raise InputError(string_problem(rest), path, number)


def parse_po_text(text: str, path: str, *, wrapwidth: int = 78) -> polib.POFile:
    """Validate and parse catalogue text (already decoded, LF line ends).

    Returns what ``polib.pofile(text, wrapwidth=wrapwidth)`` returns for a
    valid catalogue; raises InputError naming ``path`` and the line otherwise.
    """
    match = _ENCODING.search(text)
    encoding = polib.default_encoding
    if match:
        try:
            codecs.lookup(match.group(1).strip())
            encoding = match.group(1).strip()
        except LookupError:
            pass
    catalog = polib.POFile(wrapwidth=wrapwidth, encoding=encoding, check_for_duplicates=False)
    return _parse(text, path, catalog)


def _parse(text: str, path: str, catalog: polib.POFile) -> polib.POFile:

    # The validator's state: which keyword came last, and what it promised.
    expect_msgid_next = False
    plural_count = 0
    saw: str | None = None
    open_msgid: int | None = None  # line of a msgid still waiting for its msgstr

    # polib's state machine, kept in locals for speed.
    building = True  # False once polib would have failed (reported if the file validates)
    polib_error: _PolibError | None = None
    state = "st"
    entries: list[polib.POEntry] = []
    append = entries.append
    entry = _new_entry(0)
    started = False  # the first entry takes the line of its first line
    plural_index = 0
    last_is_comment = True  # polib keeps the last entry only if the file ends on a string
    allowed = _ALLOWED
    keywords = _KEYWORDS
    unescape = _unescape
    valid_string = _valid_string
    string_re = _STRING_RE
    header = ""

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        first = line[0]
        obsolete = 0
        if first == "#":
            second = line[1:2]
            if second == "~" or second == "|":
                body = _PREFIX.sub("", line, count=1)
                if body:
                    if body[0] == '"':
                        if not valid_string(body):
                            raise InputError(string_problem(body), path, number)
                        if saw is None:
                            raise InputError("a string with no keyword before it", path, number)
                    else:
                        keyword = _check_keyword_line(body, path, number)
                        if not _PREVIOUS_LINE.match(line):
                            # "#~ msgid ...": an obsolete entry's keywords keep the order too.
                            expect_msgid_next, plural_count, saw, open_msgid = _order(
                                keyword, number, path, expect_msgid_next, plural_count, saw, open_msgid)
            if not building:
                continue
            third = line[2:3]
            if third == " " and (second == ":" or second == "," or second == "."):
                symbol = "oc" if second == ":" else "fl" if second == "," else "gc"
                token = line
                last_is_comment = True
            elif second == " ":
                symbol, token, last_is_comment = "tc", line, True
            else:
                try:
                    symbol, token, obsolete, last_is_comment = _classify(line, raw, number)
                except _PolibError as error:
                    polib_error, building = error, False
                    continue
                if symbol is None:
                    continue
        elif first == '"':
            if not (line[-1] == '"' and len(line) > 1):
                raise InputError(string_problem(line), path, number)
            inner = line[1:-1]
            if ('"' in inner or "\\" in inner) and string_re.fullmatch(line) is None:
                raise InputError(string_problem(line), path, number)
            if saw is None:
                raise InputError("a string with no keyword before it", path, number)
            if not building:
                continue
            symbol, token, last_is_comment = "mc", line, False
        else:
            parts = line.split(None, 1)
            keyword = parts[0]
            symbol = keywords.get(keyword)
            rest = parts[1] if len(parts) == 2 else ""
            if (symbol is None or rest[:1] != '"' or rest[-1] != '"' or len(rest) < 2
                    or ('"' in rest[1:-1] or "\\" in rest) and string_re.fullmatch(rest) is None):
                _check_keyword_line(line, path, number)
                symbol = "mx"
            # The usual orders inline (as _order has them); the rest, and any error, there.
            if symbol == "ms" and saw == "msgid" and not expect_msgid_next:
                saw, open_msgid = "msgstr", None
            elif symbol == "mi" and open_msgid is None:
                expect_msgid_next, plural_count, saw, open_msgid = False, 0, "msgid", number
            elif symbol == "ct" and open_msgid is None:
                expect_msgid_next, saw = True, "msgctxt"
            else:
                expect_msgid_next, plural_count, saw, open_msgid = _order(
                    keyword, number, path, expect_msgid_next, plural_count, saw, open_msgid)
            if not building:
                continue
            token = rest if symbol != "mx" else line
            last_is_comment = False

        # polib's transition for this line.
        if state not in allowed[symbol]:
            polib_error, building = _PolibError("Syntax error", number), False
            continue
        if not started and not (symbol == "tc" and (state == "st" or state == "he")):
            entry.linenum = number
            started = True
        if symbol == "mc":
            value = unescape(token[1:-1])
            if state == "ms":
                entry.msgstr += value
            elif state == "mi":
                entry.msgid += value
            elif state == "mx":
                entry.msgstr_plural[plural_index] += value
            elif state == "ct":
                entry.msgctxt += value
            elif state == "mp":
                entry.msgid_plural += value
            elif state == "pm":
                entry.previous_msgid += value
            elif state == "pp":
                entry.previous_msgid_plural += value
            else:
                entry.previous_msgctxt += value
            continue  # a continuation leaves the state as it is
        if (state == "ms" or state == "mx") and symbol in _STARTS_ENTRY:
            append(entry)
            entry = _new_entry(number)
        if symbol == "mi":
            entry.obsolete = obsolete
            entry.msgid = unescape(token[1:-1])
        elif symbol == "ms":
            entry.msgstr = unescape(token[1:-1])
        elif symbol == "oc":
            occurrences = entry.occurrences
            for occurrence in token[3:].split():
                name, colon, number_text = occurrence.rpartition(":")
                if colon and number_text.isdigit():
                    occurrences.append((name, number_text))
                else:
                    occurrences.append((occurrence, ""))
        elif symbol == "ct":
            entry.msgctxt = unescape(token[1:-1])
        elif symbol == "mx":
            plural_index = int(token[7])  # polib reads one digit
            entry.msgstr_plural[plural_index] = unescape(token[token.find('"') + 1 : -1])
        elif symbol == "mp":
            entry.msgid_plural = unescape(token[1:-1])
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol == "tc":
            if state == "st" or state == "he":
                header = header + "\n" + token[2:] if header != "" else token[2:]
                state = "he"
                continue
            comment = token.lstrip("#")
            if comment[:1] == " ":
                comment = comment[1:]
            entry.tcomment = entry.tcomment + "\n" + comment if entry.tcomment != "" else comment
        elif symbol == "gc":
            entry.comment = entry.comment + "\n" + token[3:] if entry.comment != "" else token[3:]
        elif symbol == "pm":
            entry.previous_msgid = unescape(token[1:-1])
        elif symbol == "pc":
            entry.previous_msgctxt = unescape(token[1:-1])
        else:  # pp
            entry.previous_msgid_plural = unescape(token[1:-1])
        state = symbol

    if open_msgid is not None:
        raise InputError("the file ends before this msgid's msgstr", path, open_msgid)
    if expect_msgid_next:
        raise InputError("the file ends after a msgctxt, before its msgid", path)
    if polib_error is not None:
        raise InputError(polib_error.message, path, polib_error.line)

    if not last_is_comment:
        append(entry)
    catalog.header = header
    header = _header_entry(entries)
    if header is not None:
        entries.remove(header)
        catalog.metadata_is_fuzzy = header.flags
        key = None
        metadata = catalog.metadata
        for row in header.msgstr.splitlines():
            try:
                key, value = row.split(":", 1)
                metadata[key] = value.strip()
            except (ValueError, KeyError):
                if key is not None:
                    metadata[key] += "\n" + row.strip()
    catalog.extend(entries)
    return catalog


def _order(keyword, number, path, expect_msgid_next, plural_count, saw, open_msgid):
    """Keyword order, as GNU msgfmt requires it: the validator's next state."""
    if keyword == "msgctxt" or keyword == "msgid":
        if open_msgid is not None and not expect_msgid_next:
            raise InputError(f"the msgid at line {open_msgid} has no msgstr", path, number)
    if keyword == "msgctxt":
        return True, plural_count, keyword, open_msgid
    if keyword == "msgid":
        return False, 0, keyword, number
    if expect_msgid_next:
        raise InputError(f"{keyword} after msgctxt, expected msgid", path, number)
    if keyword == "msgstr":
        if saw != "msgid":
            raise InputError("msgstr without msgid before it", path, number)
        return False, plural_count, keyword, None
    if keyword == "msgid_plural":
        if saw != "msgid":
            raise InputError("msgid_plural without msgid before it", path, number)
        return False, plural_count, keyword, open_msgid
    index = int(keyword[7:-1])
    if saw != "msgid_plural" and saw != "msgstr[]":
        raise InputError(f"{keyword} without msgid_plural before it", path, number)
    if index != plural_count:
        raise InputError(f"plural index gap: {keyword} after {plural_count} form(s)", path, number)
    return False, plural_count + 1, "msgstr[]", None


def _header_entry(entries: list[polib.POEntry]) -> polib.POEntry | None:
    """The entry polib takes for the header: ``POFile.find("")`` among live entries."""
    matches = [e for e in entries if not e.obsolete and e.msgid == ""]
    if not matches:
        return None
    if len(matches) > 1:
        without_context = [m for m in matches if not m.msgctxt]
        if without_context:
            return without_context[-1]
    return matches[0]
