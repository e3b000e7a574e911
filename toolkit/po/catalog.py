"""Reading, writing and compiling gettext catalogues.

Every stage works on polib's ``POFile``/``POEntry``; this module is the one
place that turns bytes on disk into that model and back.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime, timezone
from pathlib import Path

import polib

from ..errors import InputError
from ..fileio import atomic_write_bytes
from ..locales import Locale
from .format import format_po
from .parse import parse_po_text

WRAP_WIDTH = 79

_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)")


MAX_LINE_BYTES = 1_000_000
"""Longest line a catalogue may have: no real message comes near it, and a
runaway line (a pasted binary, a generated blob) is refused at once with its
line number instead of being parsed, merged and re-wrapped for minutes."""

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode_po_bytes(data: bytes, path: str) -> str:
    """Decode a catalogue by the charset its header declares (UTF-8 when none).

    Refused as GNU msgfmt refuses them: a byte order mark, bytes that are not
    valid in the declared charset, an unknown charset.  Also refused: a
    catalogue that declares a legacy charset but holds UTF-8 text (it would
    decode to mojibake without any error).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError(
            "starts with a byte order mark, which GNU msgfmt rejects; save the file as UTF-8 without BOM",
            path, 1,
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("a NUL byte: this is not a text catalogue", path, line)
    head = data[:4096].decode("ascii", errors="replace")
    match = _CHARSET.search(head)
    charset = match.group(1) if match and match.group(1).upper() != "CHARSET" else "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError as error:
        line = data[: match.start()].count(b"\n") + 1 if match else None
        raise InputError(f"unknown charset {charset!r} in the header", path, line) from error
    if codec != "utf-8" and not data.isascii():
        first = _UTF8_SEQUENCE.search(data)
        try:
            data.decode("utf-8")
            looks_utf8 = first is not None
        except UnicodeDecodeError:
            looks_utf8 = False
        if looks_utf8:
            line = data[: first.start()].count(b"\n") + 1
            raise InputError(
                f"the header declares charset={charset} but the text is UTF-8; declare charset=UTF-8",
                path, line,
            )
    try:
        return data.decode(codec)
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


def _check_line_lengths(data: bytes, name: str) -> None:
    if len(data) <= MAX_LINE_BYTES:
        return
    lengths = list(map(len, data.split(b"\n")))
    if max(lengths) > MAX_LINE_BYTES:
        number, length = next((n, size) for n, size in enumerate(lengths, 1) if size > MAX_LINE_BYTES)
        raise InputError(f"line is {length:,} bytes long (at most {MAX_LINE_BYTES:,} accepted)", name, number)


def parse_po(data: bytes, name: str, *, source: Path | None = None) -> polib.POFile:
    """Parse catalogue bytes; CRLF line ends are read like LF (as msgfmt does).

    Validation and parsing are one pass (toolkit.po.parse), giving the same
    POFile polib would, with the strictness of the one-pass reader (:mod:`toolkit.po.parse`).
    """
    _check_line_lengths(data, name)
    text = decode_po_bytes(data, name).replace("\r\n", "\n")
    catalog = parse_po_text(text, name, wrapwidth=WRAP_WIDTH)
    _check_duplicates(catalog, name)
    catalog.fpath = str(source) if source else None
    return catalog


def _check_duplicates(catalog: polib.POFile, name: str) -> None:
    seen: dict[tuple, int] = {}
    for entry in catalog:
        # GNU msgfmt also refuses an obsolete entry that repeats a live one; that
        # case is read, and repaired by toolkit update (the live one wins).
        key = (entry.obsolete, entry.msgctxt, entry.msgid)
        if key in seen:
            context = f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt is not None else ""
            raise InputError(
                f"duplicate message {entry.msgid!r}{context}; first defined at line {seen[key]}",
                name, entry.linenum,
            )
        seen[key] = entry.linenum


def dump_po(catalog: polib.POFile) -> bytes:
    """The catalogue as UTF-8 bytes in GNU gettext's layout (see toolkit.po.format)."""
    catalog.wrapwidth = WRAP_WIDTH
    return format_po(catalog, page_width=WRAP_WIDTH).encode("utf-8")


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
        "Report-Msgid-Bugs-To": (template.metadata.get("Report-Msgid-Bugs-To") if template else "") or "",
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


# What "translated" means, once for every stage:
#   is_translated    every form filled, not fuzzy, not obsolete: what a .mo carries;
#   has_translation  any form filled, fuzzy or obsolete ones too: what a merge must never lose;
#   translations_of  the filled forms themselves, in plural-form order.


def is_translated(entry: polib.POEntry) -> bool:
    """Complete and usable: every form filled, not fuzzy, not obsolete."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def has_translation(entry: polib.POEntry) -> bool:
    """Any non-empty msgstr, fuzzy or not."""
    if entry.msgid_plural or entry.msgstr_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translations_of(entry: polib.POEntry) -> list[str]:
    """The non-empty translation strings of an entry, in plural-form order."""
    if entry.msgstr_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural) if entry.msgstr_plural[i]]
    return [entry.msgstr] if entry.msgstr else []


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
