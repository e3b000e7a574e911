"""``toolkit update``: merge the .pot templates into every locale's catalogues.

pybabel's forms work too: ``update -i POT -d DIR [-l L] [-D DOMAIN]`` (every locale under
DIR without -l) and ``update -i POT -o PO [-l L]`` (the locale from the Language header).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..fileio import project_lock
from ..update.merge import update_file
from ..po.layout import add_domain_argument, domains, header_locale_code, locale_of, locales_in, po_in


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "update",
        help="merge templates into catalogues (exact, then fuzzy; nothing dropped)",
        description="With no -i/-o, update every locale and domain of the project and derive "
        "transliterated locales.  With -i TEMPLATE.pot -o CATALOG.po [-l L], update one file in place; "
        "with -i TEMPLATE.pot -d DIR [-l L] [-D DOMAIN], every DIR/<locale>/LC_MESSAGES/DOMAIN.po, as pybabel does.",
    )
    parser.add_argument("-i", "--input", type=Path, help="template .pot (standalone)")
    parser.add_argument("-o", "--output", type=Path, help="catalogue to update in place (standalone)")
    parser.add_argument("-d", "--output-dir", dest="directory", type=Path,
                        help="catalogues folder: DIR/<locale>/LC_MESSAGES/DOMAIN.po (with -i)")
    parser.add_argument("-l", "--locale", help="locale of the catalogue, or only this locale")
    add_domain_argument(parser)
    parser.add_argument("-N", "--no-fuzzy-matching", action="store_true", help="exact matches only")
    parser.add_argument("--suggest", action="store_true",
                        help="offer sibling-language translations as fuzzy entries (the siblings key; default hr, bs, cnr, sr_Latn)")
    parser.add_argument("--lock-timeout", type=float, default=60.0, metavar="SECONDS")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not (args.input or args.output or getattr(args, 'directory', None))


def run(args, config) -> int:
    fuzzy = not args.no_fuzzy_matching
    if args.input or args.output or args.directory:
        if not args.input or not (args.output or args.directory):
            raise InputError("standalone update needs -i TEMPLATE.pot with -o CATALOG.po or -d DIR")
        if args.output:
            if not args.output.exists() and not args.locale:
                raise InputError("no such catalogue (pass -l LOCALE to start one)", str(args.output))
            jobs = [(args.output, locale_of(args.locale or header_locale_code(args.output)))]
        else:
            jobs = []
            for domain in domains(args, standalone=True):
                codes = [locale_of(args.locale).code] if args.locale else locales_in(args.directory, domain)
                jobs.extend((po_in(args.directory, code, domain), locale_of(code)) for code in codes)
            if not jobs:
                raise InputError("no catalogue to update (DIR/<locale>/LC_MESSAGES/DOMAIN.po); create one with toolkit init", str(args.directory))
        with project_lock(args.output.parent if args.output else args.directory, args.lock_timeout):
            for po, locale in jobs:
                stats = update_file(args.input, po, locale, fuzzy=fuzzy)
                print(f"{po}: {describe(stats)}")
        return 0
    domains_ = domains(args, standalone=False)
    locales = [config.locale(args.locale)] if args.locale else list(config.targets)
    derived = config.derived
    with project_lock(config.locales_path, args.lock_timeout):
        for locale in locales:
            if locale.code in derived:
                continue
            for domain in domains_:
                template, po = config.pot_path(domain), config.po_path(locale.code, domain)
                if not template.exists():
                    raise InputError("no such template; run toolkit extract first", config.relative(template))
                if not po.exists():
                    print(f"{config.relative(po)}: missing; create it with toolkit init -l {locale.code}")
                    continue
                stats = update_file(template, po, locale, fuzzy=fuzzy)
                print(f"{config.relative(po)}: {describe(stats)}")
        if args.suggest:
            _suggest(config, locales, domains_)
        _derive(config, locales)
    return 0


def describe(stats) -> str:
    return f"{stats.exact} exact, {stats.fuzzy} fuzzy, {stats.new} new, {stats.obsolete} obsolete"


def _derive(config, locales) -> None:
    from ..update.translit import derive_project

    if not any(locale.code in config.derived for locale in locales):
        return
    for path, changed in derive_project(config).items():
        print(f"{config.relative(path)}: derived by transliteration ({changed} changed)")


def _suggest(config, locales, domains) -> None:
    from ..po.catalog import read_po, write_po
    from ..update.siblings import suggest_from_siblings

    codes = [l.code for l in config.targets]
    for domain in domains:
        catalogs = {c: read_po(config.po_path(c, domain)) for c in codes if config.po_path(c, domain).exists()}
        for locale in locales:
            siblings = config.siblings.get(locale.code, ())
            if siblings and locale.code in catalogs:
                added = suggest_from_siblings(catalogs, locale.code, siblings)
                if added:
                    write_po(catalogs[locale.code], config.po_path(locale.code, domain))
                    print(f"{config.relative(config.po_path(locale.code, domain))}: {added} sibling suggestion(s), fuzzy")
