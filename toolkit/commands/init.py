"""``toolkit init -l L``: new catalogues for a locale, one per domain."""

from __future__ import annotations

from pathlib import Path

from ..po.catalog import new_catalog, read_po, write_po
from ..config import DOMAINS
from ..errors import InputError
from ..locales import UnknownLocaleError, get_locale
from ..update.merge import merge_catalog


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("init", help="create catalogues for a new locale")
    parser.add_argument("-l", "--locale", required=True)
    parser.add_argument("-i", "--input", type=Path, help="template .pot (standalone)")
    parser.add_argument("-o", "--output", type=Path, help="catalogue to create (standalone)")
    parser.add_argument("-D", "--domain", action="append", choices=DOMAINS, help="only these domains")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not (args.input or args.output or getattr(args, 'directory', None))


def run(args, config) -> int:
    try:
        locale = get_locale(args.locale)
    except UnknownLocaleError as error:
        raise InputError(str(error)) from error
    if args.input or args.output:
        if not (args.input and args.output):
            raise InputError("standalone init needs both -i TEMPLATE.pot and -o CATALOG.po")
        pairs = [(args.input, args.output)]
    else:
        pairs = [(config.pot_path(d), config.po_path(locale.code, d)) for d in (args.domain or DOMAINS)]
    for template_path, po_path in pairs:
        if po_path.exists():
            raise InputError("already exists; use toolkit update to merge a template into it", str(po_path))
        if not template_path.exists():
            raise InputError("no such template; run toolkit extract first", str(template_path))
    for template_path, po_path in pairs:
        template = read_po(template_path)
        catalog, _ = merge_catalog(template, new_catalog(locale, template=template), locale)
        write_po(catalog, po_path)
        print(f"{po_path}: created ({len(catalog)} entries)")
    return 0
