"""``toolkit init -l L``: new catalogues for a locale, one per domain.

pybabel's forms work too: ``init -i POT -d DIR -l L [-D DOMAIN]`` and ``init -i POT -o PO -l L``.
"""

from __future__ import annotations

from pathlib import Path

from ..po.catalog import new_catalog, read_po, write_po
from ..errors import InputError
from ..update.merge import merge_catalog
from ..po.layout import add_domain_argument, domains, locale_of, po_in


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("init", help="create catalogues for a new locale")
    parser.add_argument("-l", "--locale", required=True)
    parser.add_argument("-i", "--input", type=Path, help="template .pot (standalone)")
    parser.add_argument("-o", "--output", type=Path, help="catalogue to create (standalone)")
    parser.add_argument("-d", "--output-dir", dest="directory", type=Path,
                        help="catalogues folder: writes DIR/LOCALE/LC_MESSAGES/DOMAIN.po (with -i)")
    add_domain_argument(parser)
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not (args.input or args.output or args.directory)


def run(args, config) -> int:
    locale = locale_of(args.locale)
    standalone = bool(args.input or args.output or args.directory)
    names = domains(args, standalone=standalone)
    if standalone:
        if not args.input:
            raise InputError("standalone init needs -i TEMPLATE.pot with -o CATALOG.po or -d DIR")
        if args.output:
            pairs = [(args.input, args.output)]
        elif args.directory:
            pairs = [(args.input, po_in(args.directory, locale.code, name)) for name in names]
        else:
            raise InputError("standalone init needs -o CATALOG.po or -d DIR")
    else:
        locale = config.locale(locale.code) if _configured(config, locale.code) else locale
        pairs = [(config.pot_path(d), config.po_path(locale.code, d)) for d in names]
    for template_path, po_path in pairs:
        if po_path.exists():
            raise InputError("already exists; use toolkit update to merge a template into it", str(po_path))
        if not template_path.exists():
            raise InputError("no such template; run toolkit extract first", str(template_path))
    for template_path, po_path in pairs:
        template = read_po(template_path)
        # The catalogue names the project its template names.
        project = template.metadata.get("Project-Id-Version") or (config.project_name if not standalone else "PROJECT")
        catalog, _ = merge_catalog(template, new_catalog(locale, project=project, template=template), locale)
        write_po(catalog, po_path)
        print(f"{po_path}: created ({len(catalog)} entries)")
    return 0


def _configured(config, code: str) -> bool:
    try:
        config.locale(code)
        return True
    except InputError:
        return False
