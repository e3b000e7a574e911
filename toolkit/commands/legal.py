"""``toolkit legal``: where legal disclaimer translations stand, and their approval."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..build.approvals import STATUSES, DisclaimerState, approvals_path, approve, legal_states

_STYLES = {"approved": "green", "stale": "bold red", "draft": "yellow", "missing": "dim"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "legal",
        help="status and approval of legal disclaimer translations",
        description="A translated disclaimer is published only while a reviewer's approval of "
        "exactly that English and that translation is current (i18n/legal-approvals.json).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    status = actions.add_parser("status", help="a disclaimer x locale table: missing, draft, approved, stale")
    status.add_argument("-l", "--locale", action="append", help="only these locales")
    status.set_defaults(func=run)
    approve_parser = actions.add_parser(
        "approve", help="approve the current English and translation of disclaimers in one locale"
    )
    approve_parser.add_argument("-l", "--locale", required=True, help="the locale whose translations are approved")
    approve_parser.add_argument("ids", nargs="+", metavar="ID", help="disclaimer ids (the msgctxt in legal.po)")
    approve_parser.add_argument("--by", metavar="NAME", help="who approves (default: git config user.name, else $USER)")
    approve_parser.set_defaults(func=run)


def status_table(states: list[DisclaimerState], codes: list[str]) -> Table:
    table = Table(title="Legal disclaimers: approval per locale", title_justify="left")
    table.add_column("disclaimer", no_wrap=True)
    for code in codes:
        table.add_column(code, no_wrap=True)
    rows: dict[str, dict[str, str]] = {}
    for state in states:
        rows.setdefault(state.id, {})[state.locale] = state.status
    for disclaimer_id, cells in rows.items():
        table.add_row(disclaimer_id, *(
            f"[{_STYLES[cells[code]]}]{cells[code]}[/]" if code in cells else "" for code in codes
        ))
    return table


def run(args, config) -> int:
    console = Console(width=None if Console().is_terminal else 200, highlight=False)
    if args.action == "approve":
        for approval in approve(config, args.locale, args.ids, by=args.by):
            console.print(
                f"approved {approval.id} in {approval.locale} by {approval.approved_by} at {approval.approved_at}",
                markup=False,
            )
        console.print(f"recorded in {config.relative(approvals_path(config))}", markup=False)
        return 0
    codes = [config.locale(code).code for code in args.locale] if args.locale else [l.code for l in config.targets]
    states = legal_states(config, codes)
    if not states:
        console.print("no disclaimers in the templates", markup=False)
        return 0
    console.print(status_table(states, codes))
    counts = {status: sum(1 for s in states if s.status == status) for status in STATUSES}
    console.print(", ".join(f"{counts[s]} {s}" for s in STATUSES), markup=False)
    for state in states:
        if state.status == "stale":
            console.print(f"stale: {state.id} ({state.locale}): {state.reason}", markup=False)
    return 0
