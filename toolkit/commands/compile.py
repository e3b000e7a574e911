"""``toolkit compile``: .po -> .mo, refusing catalogues whose placeholders do not match."""

from __future__ import annotations

from pathlib import Path

from ..po.catalog import compile_mo, read_po
from ..config import DOMAINS
from ..errors import InputError
from ..fileio import atomic_write_bytes


# What would break a page at run time: a lost or extra placeholder.
COMPILE_CHECKS = {"placeholder-mismatch"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("compile", help="compile catalogues to .mo")
    parser.add_argument("-i", "--input", type=Path, help="catalogue to compile (standalone)")
    parser.add_argument("-o", "--output", type=Path, help=".mo to write (standalone)")
    parser.add_argument("-l", "--locale", help="only this locale")
    parser.add_argument("-D", "--domain", action="append", choices=DOMAINS, help="only these domains")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not (args.input or args.output or getattr(args, 'directory', None))


def run(args, config) -> int:
    if args.input or args.output:
        if not args.input:
            raise InputError("standalone compile needs -i CATALOG.po")
        pairs = [(args.input, args.output or args.input.with_suffix(".mo"), args.input)]
    else:
        locales = [config.locale(args.locale)] if args.locale else list(config.targets)
        pairs = [
            (config.po_path(l.code, d), config.mo_path(l.code, d), config.relative(config.po_path(l.code, d)))
            for l in locales for d in (args.domain or DOMAINS)
            if config.po_path(l.code, d).exists()
        ]
    from ..checks.catalogue import catalog_locale, check_catalog

    compiled = []
    problems = []
    # Every catalogue is read and checked before any .mo is written.
    for po_path, mo_path, display in pairs:
        catalog = read_po(po_path, display=str(display))
        locale = catalog_locale(Path(po_path), catalog, None if args.input else config, args.locale)
        problems.extend(
            f"{f.path}:{f.line}: {f.message}"
            for f in check_catalog(catalog, locale, str(display), checks=COMPILE_CHECKS)
            if f.severity == "error"
        )
        compiled.append((mo_path, compile_mo(catalog), display))
    if problems:
        raise InputError("\n".join(problems) + f"\n{len(problems)} format error(s); no .mo written")
    for mo_path, data, display in compiled:
        changed = atomic_write_bytes(mo_path, data)
        print(f"{display} -> {mo_path.name}: {'written' if changed else 'unchanged'}")
    return 0
