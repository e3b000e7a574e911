"""``toolkit stats``: translation progress per locale and domain."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from .. import __version__
from ..config import DOMAINS
from ..po.stats import Progress, locale_totals, translation_progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats", help="translation progress per locale and domain",
        description="Count translated, fuzzy and untranslated entries in every locale's catalogues.",
    )
    parser.add_argument("-l", "--locale", action="append", help="only these locales")
    parser.add_argument("-D", "--domain", action="append", choices=DOMAINS, help="only these domains")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(func=run)


def _cell(row: Progress) -> str:
    text = f"{row.translated}/{row.total} ({row.percent:.0f} %)"
    if row.fuzzy:
        text += f", {row.fuzzy} fuzzy"
    if not row.exists:
        text += ", no .po"
    return text


def progress_table(rows: list[Progress], domains: list[str]) -> Table:
    table = Table(title="Translation progress: translated/total entries", title_justify="left")
    table.add_column("locale", no_wrap=True)
    for domain in domains:
        table.add_column(domain)
    table.add_column("all", style="bold")
    cells: dict[str, dict[str, Progress]] = {}
    for row in rows:
        cells.setdefault(row.locale, {})[row.domain] = row
    for total in locale_totals(rows):
        table.add_row(total.locale, *(_cell(cells[total.locale][d]) for d in domains), _cell(total))
    return table


def run(args, config) -> int:
    codes = [config.locale(code).code for code in args.locale] if args.locale else None
    domains = args.domain or list(DOMAINS)
    rows = translation_progress(config, codes, domains)
    if args.format == "json":
        document = {"tool": "toolkit", "version": __version__,
                    "progress": [row.to_dict() for row in rows],
                    "totals": [row.to_dict() for row in locale_totals(rows)]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    console = Console(width=None if Console().is_terminal else 160, highlight=False)
    console.print(progress_table(rows, domains))
    return 0
