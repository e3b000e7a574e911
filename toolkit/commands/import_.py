"""``toolkit import``: merge a translator's returned catalogue back into the project."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import DOMAINS
from ..errors import InputError
from ..fileio import project_lock
from ..checks.runner import check_catalog
from ..update.exchange import ImportResult, export_file, import_file

def catalogue_check(locale, path: str):
    """The catalogue checks of one file, so that an import that brings in a new error is refused."""
    return lambda catalog: check_catalog(catalog, locale, path)


HELP = """\
Merge a translator's returned .po file into the project's catalogue for -l L.

Send translators a file made with `toolkit import --export OUT.po -l L`: every
entry carries a "#. toolkit-base: <hash>" comment recording its state at export
time, which is how the import tells the translator's changes from the project's.
Then, when it comes back, `toolkit import OUT.po -l L`:

  - entries the translator translated or changed go in;
  - entries whose msgid is no longer in the project are reported, not dropped;
  - where both the project and the translator changed an entry since the
    export, that is a conflict: both versions are shown and the project's is
    kept, unless --theirs;
  - if the merged catalogue fails the catalogue checks at error severity (with
    errors the project did not already have), nothing is written.

For a file exported some other way, give the copy that was sent as --base;
without either, any difference from a non-empty project translation is a
conflict.  Exit 1 when conflicts were left unresolved or stale entries were
found, 0 otherwise.
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="merge a translator's returned .po file back (or --export one)",
        description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path, help="the returned .po file")
    parser.add_argument("-l", "--locale", required=True, help="the catalogue's locale")
    parser.add_argument("-D", "--domain", default="messages", choices=DOMAINS,
                        help="the gettext domain (default: messages)")
    parser.add_argument("--theirs", action="store_true", help="in a conflict, take the translator's version")
    parser.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    parser.add_argument("--base", type=Path, metavar="EXPORTED.po",
                        help="the copy the translator was sent, for a file not made by --export")
    parser.add_argument("--export", type=Path, metavar="OUT.po",
                        help="write a copy of the catalogue for a translator instead of importing")
    parser.add_argument("--lock-timeout", type=float, default=60.0, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def summary_table(result: ImportResult, name: str) -> Table:
    kept = sum(c.took == "ours" for c in result.conflicts)
    table = Table(title=f"import {name}")
    table.add_column("outcome")
    table.add_column("entries", justify="right")
    table.add_row("newly translated", str(len(result.added)))
    table.add_row("translation changed", str(len(result.updated)))
    table.add_row("conflicts, translator's taken", str(len(result.conflicts) - kept))
    table.add_row("conflicts, project's kept", str(kept))
    table.add_row("project's newer, kept", str(len(result.project_newer)))
    table.add_row("msgid no longer in the project", str(len(result.stale)))
    table.add_row("unchanged", str(result.unchanged))
    return table


def _details(result: ImportResult) -> list[Table]:
    tables = []
    if result.conflicts:
        table = Table(title="conflicts")
        for column in ("msgctxt", "msgid", "project's", "translator's", "kept"):
            table.add_column(column, overflow="fold")
        for c in result.conflicts:
            table.add_row(c.msgctxt or "", c.msgid, c.ours, c.theirs, "translator's" if c.took == "theirs" else "project's")
        tables.append(table)
    if result.stale:
        table = Table(title="entries whose msgid is no longer in the project")
        for column in ("line", "msgctxt", "msgid", "translation"):
            table.add_column(column, overflow="fold")
        for s in result.stale:
            table.add_row(str(s.line or ""), s.msgctxt or "", s.msgid, s.msgstr)
        tables.append(table)
    return tables


def run(args, config) -> int:
    locale = config.locale(args.locale)
    if locale.code in config.derived:
        raise InputError(
            f"{locale.code} is derived from {config.derived[locale.code]}: "
            f"import into {config.derived[locale.code]} instead"
        )
    project_po = config.po_path(locale.code, args.domain)
    if not project_po.is_file():
        raise InputError(f"no catalogue for {locale.code} in domain {args.domain}", config.relative(project_po))
    console = Console()
    if args.export is not None:
        count = export_file(project_po, args.export)
        console.print(f"{args.export}: {count} entries exported from {config.relative(project_po)}")
        return 0
    if args.file is None:
        raise InputError("give the returned .po file (or --export OUT.po)")
    with project_lock(config.locales_path, args.lock_timeout):
        result = import_file(
            args.file, project_po, locale, theirs=args.theirs, base_po=args.base, dry_run=args.dry_run,
            check=catalogue_check(locale, config.relative(project_po)),
        )
    for table in _details(result):
        console.print(table)
    console.print(summary_table(result, str(args.file)))
    if not result.checked:
        console.print("[yellow]the catalogue checks are not available: the merge was not checked[/yellow]")
    if args.dry_run:
        console.print(f"dry run: {result.changed} entries would change in {config.relative(project_po)}")
    elif result.written:
        console.print(f"{config.relative(project_po)}: {result.changed} entries changed")
    unresolved = any(c.took == "ours" for c in result.conflicts)
    return 1 if unresolved or result.stale else 0
