"""``toolkit compile``: .po -> .mo, refusing catalogues whose placeholders do not match.

pybabel's forms work too: ``compile -d DIR [-D DOMAIN] [-l L] [-f] [--statistics]`` and
``compile -i PO [-o MO]``.
"""

from __future__ import annotations

from pathlib import Path

from ..po.catalog import compile_mo, is_translated, read_po
from ..errors import InputError
from ..fileio import atomic_write_bytes
from ..po.layout import add_domain_argument, domains, locale_of, locales_in, po_in


# What would break a page at run time: a lost or extra placeholder.
COMPILE_CHECKS = {"placeholder-mismatch"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("compile", help="compile catalogues to .mo")
    parser.add_argument("-i", "--input", type=Path, help="catalogue to compile (standalone)")
    parser.add_argument("-o", "--output", type=Path, help=".mo to write (standalone)")
    parser.add_argument("-d", "--directory", type=Path,
                        help="catalogues folder: every DIR/<locale>/LC_MESSAGES/DOMAIN.po (standalone)")
    parser.add_argument("-l", "--locale", help="only this locale")
    add_domain_argument(parser)
    parser.add_argument("-f", "--use-fuzzy", action="store_true", help="compile fuzzy entries too (as pybabel -f)")
    parser.add_argument("--statistics", action="store_true", help="print how much of each catalogue is translated")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not (args.input or args.output or args.directory)


def run(args, config) -> int:
    standalone = bool(args.input or args.output or args.directory)
    if args.input or args.output:
        if not args.input:
            raise InputError("standalone compile needs -i CATALOG.po")
        pairs = [(args.input, args.output or args.input.with_suffix(".mo"), args.input)]
    elif args.directory:
        pairs = []
        for domain in domains(args, standalone=True):
            codes = [locale_of(args.locale).code] if args.locale else locales_in(args.directory, domain)
            pairs.extend(
                (po_in(args.directory, c, domain), po_in(args.directory, c, domain).with_suffix(".mo"), po_in(args.directory, c, domain))
                for c in codes
            )
        if not pairs:
            raise InputError("no catalogue to compile (DIR/<locale>/LC_MESSAGES/DOMAIN.po)", str(args.directory))
    else:
        locales = [config.locale(args.locale)] if args.locale else list(config.targets)
        pairs = [
            (config.po_path(l.code, d), config.mo_path(l.code, d), config.relative(config.po_path(l.code, d)))
            for l in locales for d in domains(args, standalone=False)
            if config.po_path(l.code, d).exists()
        ]
    from ..checks.catalogue import catalog_locale
    from ..checks.runner import check_catalog

    compiled = []
    problems = []
    # Every catalogue is read and checked before any .mo is written.
    for po_path, mo_path, display in pairs:
        catalog = read_po(po_path, display=str(display))
        locale = catalog_locale(Path(po_path), catalog, None if standalone else config, args.locale)
        problems.extend(
            f"{f.path}:{f.line}: {f.message}"
            for f in check_catalog(catalog, locale, str(display), checks=COMPILE_CHECKS)
            if f.severity == "error"
        )
        if args.statistics:
            live = [e for e in catalog if not e.obsolete and e.msgid]
            done = sum(1 for e in live if is_translated(e))
            percent = done * 100 // len(live) if live else 0
            print(f"{done} of {len(live)} messages ({percent}%) translated in {display}")
        if args.use_fuzzy:
            catalog = _without_fuzzy_flags(catalog)
        compiled.append((mo_path, compile_mo(catalog), display))
    if problems:
        raise InputError("\n".join(problems) + f"\n{len(problems)} format error(s); no .mo written")
    for mo_path, data, display in compiled:
        changed = atomic_write_bytes(mo_path, data)
        print(f"{display} -> {mo_path.name}: {'written' if changed else 'unchanged'}")
    return 0


def _without_fuzzy_flags(catalog):
    """A copy in which fuzzy entries count as translated (pybabel compile -f)."""
    import copy

    clone = copy.deepcopy(catalog)
    for entry in clone:
        if "fuzzy" in entry.flags and entry.msgid:
            entry.flags.remove("fuzzy")
    return clone
