"""``toolkit build``: render every page for every locale."""

from __future__ import annotations

import sys
from pathlib import Path

from ..build.render import build_site


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("build", help="render the site into build/site/<locale>/")
    parser.add_argument("-o", "--output", type=Path, help="output folder (default: build-dir)")
    parser.add_argument("-l", "--locale", action="append", help="only these locales")
    parser.set_defaults(func=run)


def run(args, config) -> int:
    locales = [config.locale(code) for code in args.locale] if args.locale else None
    result = build_site(config, args.output, locales=locales)
    for name in result.unused_templates:
        where = config.relative(config.path(config.templates) / name)
        print(f"toolkit build: warning: {where} was not built: it matches no pages glob "
              f"({', '.join(config.pages)}) and no page includes, imports or extends it", file=sys.stderr)
    print(f"built {len(result.pages)} pages into {config.relative(result.out)}/")
    if result.fallbacks:
        print(f"{len(result.fallbacks)} pages show English text where a translation is missing:")
        for page, count in sorted(result.fallbacks.items()):
            print(f"  {page}: {count} string(s)")
    if result.legal_fallbacks:
        print(f"{len(result.legal_fallbacks)} pages show a legal disclaimer in English (no approved translation):")
        for page, ids in sorted(result.legal_fallbacks.items()):
            print(f"  {page}: {', '.join(ids)}")
    return 0
