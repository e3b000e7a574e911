"""``toolkit checks``: list every registered check with its id, family, severity and description."""

from __future__ import annotations

import importlib
import json
import pkgutil

from .. import checks as checks_package
from ..checks import REGISTRY


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("checks", help="list the checks and how to silence them")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--family", help="only this family (catalogue, page, legal, a11y)")
    parser.set_defaults(func=run)


def load_all_checks() -> None:
    """Import every module of toolkit.checks so each family registers its checks."""
    for module in pkgutil.iter_modules(checks_package.__path__):
        importlib.import_module(f"{checks_package.__name__}.{module.name}")


def run(args, config) -> int:
    load_all_checks()
    infos = sorted(REGISTRY.values(), key=lambda i: (i.family, i.id))
    if args.family:
        infos = [i for i in infos if i.family == args.family]
    if args.format == "json":
        print(json.dumps([vars(i) for i in infos], ensure_ascii=False, indent=2))
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
