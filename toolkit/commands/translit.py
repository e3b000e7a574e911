"""``toolkit translit``: Serbian Cyrillic to Latin, as a filter or on a catalogue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

from ..po.catalog import dump_po, read_po, write_po
from ..errors import InputError
from ..fileio import decode_utf8, read_text
from ..locales import UnknownLocaleError, get_locale
from ..update.translit import (
    cyrillic_to_latin,
    derive_file,
    derive_project,
    glossary_keep_terms,
    latin_to_cyrillic,
    transliterate_catalog,
)

HELP = """\
Transliterate Serbian (and Montenegrin) Cyrillic to Latin.  With no -i, reads
stdin and writes stdout.  With -i FILE.po, transliterates a catalogue; with -o
the output catalogue's entries flagged "#, toolkit-override" keep their hand-made
msgstr (fuzzy when the Cyrillic changed since).  Placeholders, markup, URLs,
e-mail addresses and glossary do-not-translate terms (i18n/glossary.yaml) stay
as they are.  --derive derives every [tool.toolkit.derived] locale of the project.
"""


def needs_config(args) -> bool:
    """A filter or named catalogues need no project; deriving sr_Latn does."""
    return bool(args.derive)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "translit", help="Serbian Cyrillic to Latin, for text or catalogues",
        description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-i", "--input", type=Path, help="a .po catalogue or text file (default: stdin)")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: stdout)")
    parser.add_argument("-l", "--locale", default="sr_Latn",
                        help="locale of the output catalogue's header (default: sr_Latn)")
    parser.add_argument("--keep", action="append", default=[], metavar="TERM",
                        help="a term to leave untouched (repeatable)")
    parser.add_argument("--to-cyrillic", action="store_true",
                        help="Latin to Cyrillic instead (not exact: catalogue entries are marked fuzzy)")
    parser.add_argument("--derive", action="store_true",
                        help="derive every [tool.toolkit.derived] catalogue of the project")
    parser.set_defaults(func=run)


def _read_text(path: Path | None) -> str:
    if path is not None:
        return read_text(path)
    return decode_utf8(sys.stdin.buffer.read(), "<stdin>")


def _to_cyrillic_catalog(catalog: polib.POFile, keep: list[str]) -> polib.POFile:
    for entry in catalog:
        if entry.msgid_plural:
            forms = {i: latin_to_cyrillic(s, keep=keep) for i, s in entry.msgstr_plural.items()}
            changed = forms != entry.msgstr_plural
            entry.msgstr_plural = forms
        else:
            new = latin_to_cyrillic(entry.msgstr, keep=keep)
            changed = new != entry.msgstr
            entry.msgstr = new
        # Digraphs are ambiguous in this direction: a person must confirm.
        if changed and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
    return catalog


def run(args, config) -> int:
    keep = [*args.keep, *glossary_keep_terms(config.path(config.i18n_dir))]
    if args.derive:
        for path, count in derive_project(config).items():
            print(f"{config.relative(path)}: {count} entries changed", file=sys.stderr)
        return 0
    try:
        locale = get_locale(args.locale)
    except UnknownLocaleError as error:
        raise InputError(str(error)) from error
    if args.input is not None and args.input.suffix in (".po", ".pot"):
        if args.to_cyrillic:
            result = _to_cyrillic_catalog(read_po(args.input), keep)
        elif args.output is not None:
            count = derive_file(args.input, args.output, locale, keep=keep)
            print(f"{args.output}: {count} entries changed", file=sys.stderr)
            return 0
        else:
            result = transliterate_catalog(read_po(args.input), None, locale, keep=keep)
        if args.output is not None:
            write_po(result, args.output)
        else:
            sys.stdout.buffer.write(dump_po(result))
        return 0
    text = _read_text(args.input)
    convert = latin_to_cyrillic if args.to_cyrillic else cyrillic_to_latin
    out = convert(text, keep=keep)
    if args.output is not None:
        from ..fileio import atomic_write_text

        atomic_write_text(args.output, out)
    else:
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    return 0
