"""Reading, writing and compiling gettext catalogues.

Every stage works on polib's ``POFile``/``POEntry``; this module is the one
place that turns bytes on disk into that model and back.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import polib

from .errors import InputError
from .fileio import atomic_write_bytes
from .locales import Locale

WRAP_WIDTH = 79

_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"'
_KEYWORD_LINE = re.compile(
    r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+" + _STRING + r"\s*$"
)
_CONTINUATION = re.compile(r"^(?:#~\|\s*|#~\s*(?:#\|\s*)?|#\|\s*)?" + _STRING + r"\s*$")
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)")


def validate_po_text(text: str, path: str) -> None:
    """Reject what polib would silently accept: an unterminated string, a bad
    escape, a keyword out of order, a plural index gap.  Raises InputError
    naming the line."""
    expect_msgid_next = False
    plural_indices: list[int] = []
    saw = None
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
                raise InputError("malformed string (unterminated, or a bad escape)", path, number)
            if saw is None:
                raise InputError("a string with no keyword before it", path, number)
            continue
        if not _KEYWORD_LINE.match(line):
            keyword = body.split(None, 1)[0]
            if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not keyword.startswith("msgstr["):
                raise InputError(f"unknown keyword {keyword!r}", path, number)
            raise InputError("malformed string (unterminated, or a bad escape)", path, number)
        keyword = body.split(None, 1)[0]
        if re.match(r"#~?\s*#?\|", line):
            continue
        if keyword == "msgctxt":
            expect_msgid_next = True
        elif keyword == "msgid":
            expect_msgid_next = False
            plural_indices = []
        elif expect_msgid_next:
            raise InputError(f"{keyword} after msgctxt, expected msgid", path, number)
        elif keyword == "msgid_plural":
            if saw != "msgid":
                raise InputError("msgid_plural without msgid before it", path, number)
        elif keyword == "msgstr":
            if saw not in ("msgid",):
                raise InputError("msgstr without msgid before it", path, number)
        elif keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            if saw not in ("msgid_plural", "msgstr[]"):
                raise InputError(f"{keyword} without msgid_plural before it", path, number)
            if index != len(plural_indices):
                raise InputError(f"plural index gap: {keyword} after {len(plural_indices)} forms", path, number)
            plural_indices.append(index)
            keyword = "msgstr[]"
        saw = keyword


def decode_po_bytes(data: bytes, path: str) -> str:
    """Decode a catalogue by the charset its header declares (UTF-8 when none)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:4096].decode("ascii", errors="replace")
    match = _CHARSET.search(head)
    charset = match.group(1) if match and match.group(1).upper() != "CHARSET" else "utf-8"
    try:
        return data.decode(charset)
    except LookupError as error:
        raise InputError(f"unknown charset {charset!r} in the header", path) from error
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(f"invalid {charset} byte sequence", path, line) from error


def read_po(path: Path | str, *, display: str | None = None) -> polib.POFile:
    """Read one catalogue into polib's model, or raise InputError naming file and line."""
    path = Path(path)
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", name) from error
    return parse_po(data, name, source=path)


def parse_po(data: bytes, name: str, *, source: Path | None = None) -> polib.POFile:
    text = decode_po_bytes(data, name).replace("\r\n", "\n")
    validate_po_text(text, name)
    try:
        # polib's own duplicate check rescans the file per entry (minutes on
        # 20,000 entries); check_duplicates does it with a set.
        catalog = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except (OSError, ValueError) as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(?line \d+\)?", "", str(error)).replace(" in po file", "").strip(": ")
        raise InputError(message or "syntax error", name, line) from error
    check_duplicates(catalog, name)
    catalog.fpath = str(source) if source else None
    return catalog


def check_duplicates(catalog: polib.POFile, name: str) -> None:
    """Raise InputError at the second entry with a (msgctxt, msgid) already
    used by a live entry; an obsolete entry may not repeat a live one either."""
    live = {entry_key(entry) for entry in catalog if not entry.obsolete}
    seen: set[tuple[str | None, str]] = set()
    for entry in catalog:
        key = entry_key(entry)
        if entry.obsolete:
            if key in live:
                raise InputError(f"obsolete entry repeats a live entry: {entry.msgid!r}", name, entry.linenum)
        elif key in seen:
            raise InputError(f"duplicate message definition {entry.msgid!r}", name, entry.linenum)
        else:
            seen.add(key)


def dump_po(catalog: polib.POFile) -> bytes:
    catalog.wrapwidth = WRAP_WIDTH
    text = catalog.__unicode__()
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def write_po(catalog: polib.POFile, path: Path | str) -> bool:
    """Write atomically; returns False when the file already held these bytes."""
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalog.encoding = "utf-8"
    return atomic_write_bytes(path, dump_po(catalog))


def new_catalog(locale: Locale | None, *, project: str = "PROJECT", template: polib.POFile | None = None) -> polib.POFile:
    """An empty catalogue with a complete header for ``locale`` (None: a template)."""
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": (template.metadata.get("POT-Creation-Date") if template else "")
        or "",
        "PO-Revision-Date": "" if locale is None else "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": locale.code if locale else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if locale is not None:
        catalog.metadata["Plural-Forms"] = locale.plural_forms
    return catalog


def set_locale_header(catalog: polib.POFile, locale: Locale) -> None:
    catalog.metadata["Language"] = locale.code
    catalog.metadata["Plural-Forms"] = locale.plural_forms
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalog.metadata.setdefault("MIME-Version", "1.0")
    catalog.metadata.setdefault("Content-Transfer-Encoding", "8bit")


def entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    """msgctxt is part of an entry's identity."""
    return (entry.msgctxt, entry.msgid)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def compile_mo(catalog: polib.POFile) -> bytes:
    """The .mo bytes: translated entries only (fuzzy and obsolete left out)."""
    compiled = polib.POFile(wrapwidth=WRAP_WIDTH)
    compiled.metadata = dict(catalog.metadata)
    for entry in catalog:
        if is_translated(entry):
            compiled.append(entry)
    return compiled.to_binary()


def now_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


_PYTHON_FORMAT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])")


def python_placeholders(text: str) -> list[str]:
    """The %-format placeholders of ``text`` (``%%`` left out), in order."""
    return [m.group(0) for m in _PYTHON_FORMAT.finditer(text) if m.group("type") != "%"]


def placeholder_errors(catalog: polib.POFile, path: str) -> list[str]:
    """python-format entries whose translation's placeholders differ from the source's.

    Named placeholders may be reordered; positional ones must stay in order.
    """
    problems = []
    for entry in catalog:
        if not is_translated(entry):
            continue
        if "python-format" not in entry.flags and not python_placeholders(entry.msgid):
            continue
        pairs = (
            [(entry.msgid if i == 0 else entry.msgid_plural, s) for i, s in sorted(entry.msgstr_plural.items())]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for source, translation in pairs:
            expected, found = python_placeholders(source), python_placeholders(translation)
            named = any("(" in p for p in expected + found)
            if (sorted(expected) != sorted(found)) if named else (expected != found):
                if entry.msgid_plural and not named and set(found) <= set(expected):
                    continue  # a plural form may leave the count out ("one" reads as a word)
                problems.append(
                    f"{path}:{entry.linenum}: placeholders {' '.join(expected) or '(none)'} in the source "
                    f"but {' '.join(found) or '(none)'} in the translation"
                )
    return problems
