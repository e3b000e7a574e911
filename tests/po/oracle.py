"""The line-by-line .po validator the toolkit used before its one-pass reader.

Kept only as a test oracle: the reader must reject exactly what this rejects,
with the same message and line.
"""

import re

from toolkit.errors import InputError
from toolkit.po.parse import string_problem as _string_problem

_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"'
_KEYWORD_LINE = re.compile(
    r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+" + _STRING + r"\s*$"
)
_CONTINUATION = re.compile(r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?" + _STRING + r"\s*$")


def validate_po_text(text: str, path: str) -> None:
    """Reject what polib would silently accept or misreport: an unterminated
    string, a bad escape, a keyword out of order, a message without msgstr, a
    plural index gap.  Raises InputError naming the line."""
    expect_msgid_next = False
    plural_indices: list[int] = []
    saw = None
    open_msgid: int | None = None  # line of a msgid still waiting for its msgstr
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") and not line.startswith(("#~", "#|")):
            continue
        body = re.sub(r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?", "", line)
        if not body:
            continue
        if body.startswith('"'):
            if not _CONTINUATION.match(line):
                raise InputError(_string_problem(body), path, number)
            if saw is None:
                raise InputError("a string with no keyword before it", path, number)
            continue
        keyword = body.split(None, 1)[0]
        if not _KEYWORD_LINE.match(line):
            if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not re.fullmatch(r"msgstr\[\d+\]", keyword):
                raise InputError(f"unknown keyword {keyword!r}", path, number)
            rest = body[len(keyword) :].strip()
            if not rest.startswith('"'):
                raise InputError(f"{keyword} without a quoted string", path, number)
            raise InputError(_string_problem(rest), path, number)
        if re.match(r"#~?\s*#?\|", line):
            continue
        if keyword in ("msgctxt", "msgid") and open_msgid is not None and not expect_msgid_next:
            raise InputError(f"the msgid at line {open_msgid} has no msgstr", path, number)
        if keyword == "msgctxt":
            expect_msgid_next = True
        elif keyword == "msgid":
            expect_msgid_next = False
            plural_indices = []
            open_msgid = number
        elif expect_msgid_next:
            raise InputError(f"{keyword} after msgctxt, expected msgid", path, number)
        elif keyword == "msgid_plural":
            if saw != "msgid":
                raise InputError("msgid_plural without msgid before it", path, number)
        elif keyword == "msgstr":
            if saw != "msgid":
                raise InputError("msgstr without msgid before it", path, number)
            open_msgid = None
        elif keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            if saw not in ("msgid_plural", "msgstr[]"):
                raise InputError(f"{keyword} without msgid_plural before it", path, number)
            if index != len(plural_indices):
                raise InputError(f"plural index gap: {keyword} after {len(plural_indices)} form(s)", path, number)
            plural_indices.append(index)
            keyword = "msgstr[]"
            open_msgid = None
        saw = keyword
    if open_msgid is not None:
        raise InputError("the file ends before this msgid's msgstr", path, open_msgid)
    if expect_msgid_next:
        raise InputError("the file ends after a msgctxt, before its msgid", path)
