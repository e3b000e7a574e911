"""``toolkit checks``: list every registered check with its id, family, severity and description."""

from __future__ import annotations

import json

from ..checks.registry import FAMILIES, all_checks


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("checks", help="list the checks and how to silence them")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--family", help=f"only this family ({', '.join(FAMILIES)})")
    parser.set_defaults(func=run)


def run(args, config) -> int:
    infos = sorted(all_checks(), key=lambda i: (i.family, i.id))
    if args.family:
        # "page" was the family's name before it was "pages", as `toolkit check --checks` says.
        wanted = "pages" if args.family == "page" else args.family
        infos = [i for i in infos if i.family == wanted]
    if args.format == "json":
        print(json.dumps([i.describe() for i in infos], ensure_ascii=False, indent=2))
        return 0
    width = max((len(i.id) for i in infos), default=10)
    family = None
    for info in infos:
        if info.family != family:
            family = info.family
            print(f"{family}:")
        print(f"  {info.id:<{width}}  {info.severity:<7}  {info.description}")
    print(
        "\nSilence one catalogue entry with a translator comment '# toolkit-ignore: ID' above it\n"
        "(it survives msgcat and msgmerge, which drop unknown '#,' flags); accept a finding everywhere\n"
        "with a baseline entry (check, path, msgid, justification) passed as --baseline FILE."
    )
    return 0
