"""``toolkit check``: catalogue (and rendered page) checks -> a report and an exit code.

With no paths: every catalogue of the project (and the built site, when the
page checks are installed and the site is built).  With paths: each ``.po``
file is checked as a catalogue and each directory as a rendered site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..checks.runner import FAMILY_CHOICES, apply_check_baseline, collect, session
from ..findings import severity_rank, summarize, worst_severity_at_least
from ..crawl.cli_args import LiveSite, add_live_arguments, is_live
from ..report import FORMATS, write_report

# The legal checks (Jinja, lxml) and baselines are imported when a run needs
# them: a catalogue-only run starts in a fraction of the time.


def needs_config(args) -> bool:
    """Catalogues or site folders named on the command line need no project."""
    return not args.paths and not is_live(args)  # a live site needs no project either


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check catalogues (and built pages) for translation defects",
        description="Check .po catalogues (and a built site) and report the findings.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=".po files, or a built site's folder (default: the project's catalogues)")
    parser.add_argument("-l", "--locale", help="locale of the given .po files (default: from the path, else the header)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list info findings in the text report too")
    parser.add_argument("-o", "--output", type=Path, help="write the report to FILE instead of standard output")
    parser.add_argument("--fail-on", choices=("error", "warning"), default="error",
                        help="exit 1 when a finding is at least this severe (default: error)")
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help="accepted findings, each with a justification (YAML)")
    parser.add_argument("--checks", choices=FAMILY_CHOICES, default="all", dest="families",
                        help="which families of checks to run (default: all)")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="processes for the entries of a large catalogue and the pages of a large site (default: one per core)")
    add_live_arguments(parser)
    parser.set_defaults(func=run)


def run(args, config) -> int:
    with session():
        return _run(args, config)


def _run(args, config) -> int:
    with LiveSite(args, config) as live:  # --sitemap/--crawl: the fetched pages as one more site folder
        findings, checked, check_ids = collect(config, args.paths, args.families, args.locale, args.jobs)
        findings, checked = live.finish(findings, checked)
    if args.baseline:
        findings, accepted = apply_check_baseline(findings, args.baseline)
        if accepted:
            print(f"toolkit check: {len(accepted)} finding(s) accepted by {args.baseline}", file=sys.stderr)
    findings.sort(key=lambda f: (f.path or "", f.line or 0, -severity_rank(f.severity), f.check))
    extra = {"paths": checked, "checks": check_ids, "fail_on": args.fail_on, "verbose": args.verbose}
    write_report(findings, args.format, args.output, extra)
    if args.output or args.format != "text":
        counts = summarize(findings)
        print(
            f"toolkit check: {len(checked)} file(s), {counts['error']} error(s), "
            f"{counts['warning']} warning(s), {counts['info']} info"
            + (f"; report in {args.output}" if args.output else ""),
            file=sys.stderr,
        )
    return 1 if worst_severity_at_least(findings, args.fail_on) else 0
