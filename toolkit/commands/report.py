"""``toolkit report``: the HTML report of progress, legal approvals and every finding.

The catalogue, page and legal checks run in-process (they take a second or
two); accessibility results are read from the JSON that
``toolkit a11y --format json -o build/a11y.json`` writes, or, with ``--a11y``,
axe runs now (using the a11y cache) and the report gets element screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..report.html import write_html_report
from ..report.overview import A11yResults, gather, load_a11y_json

def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="write the HTML report of progress, legal approvals and findings",
        description="Run the catalogue, page and legal checks and write one static HTML page "
                    "(default: index.html in the report-dir setting, build/report) with translation progress, legal "
                    "approvals, every finding and the accessibility results.",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="DIR",
                        help="the report folder (default: the report-dir setting, else build/report beside build/site)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--a11y-json", type=Path, metavar="FILE",
                        help="accessibility results from `toolkit a11y --format json` (default: build/a11y.json beside build/site, "
                             "or a11y.json in the report folder, if it exists)")
    source.add_argument("--a11y", action="store_true",
                        help="run the accessibility checks now, with element screenshots")
    parser.set_defaults(func=run)


def a11y_hint(config) -> str:
    return (f"Run `toolkit a11y --format json -o {config.relative(config.a11y_json_path)}` and then `toolkit report`, "
            "or `toolkit report --a11y` to run the checks now with element screenshots.")


def run_a11y_now(config) -> A11yResults:
    """The accessibility checks with the settings `toolkit a11y` would use, baseline applied."""
    from ..checks.a11y.audit import collect_pages, run_a11y
    from ..checks.a11y.settings import a11y_settings
    from ..checks.baseline import apply_baseline, load_baseline

    settings = a11y_settings(config)  # what `toolkit a11y` with no options would use
    baseline = load_baseline(settings["baseline"])
    pages = collect_pages(config, [])
    result = run_a11y(
        config, pages, tags=settings["tags"], viewports=settings["viewports"],
        workers=settings["workers"], webdriver_url=settings["webdriver_url"], screenshots=True,
        page_timeout=settings["timeout"], tags_source=settings["tags_source"],
    )
    outcome = apply_baseline(result.findings, baseline, set(result.pages))
    return A11yResults(
        findings=outcome.findings, source="this run", axe_version=result.axe_version, axe_source=result.axe_source,
        tags=list(result.tags), pages=list(result.pages), screenshots=dict(result.screenshots),
    )


def load_a11y(args, config) -> A11yResults | None:
    if args.a11y:
        return run_a11y_now(config)
    if args.a11y_json is not None:
        if not args.a11y_json.is_file():
            raise InputError("no such file", str(args.a11y_json))
        return load_a11y_json(args.a11y_json, config)
    default = config.a11y_json_path
    return load_a11y_json(default, config) if default.is_file() else None


def run(args, config) -> int:
    from ..checks.runner import collect

    a11y = load_a11y(args, config)  # first: a bad results file stops the run before the checks
    findings, _, _ = collect(config)
    data = gather(config, findings, a11y, a11y_hint=a11y_hint(config))
    out_dir = args.output or config.report_path
    page = write_html_report(data, out_dir)
    if a11y is None:
        print(f"toolkit report: accessibility not run; {a11y_hint(config)}", file=sys.stderr)
    print(page.resolve() if not page.resolve().is_relative_to(config.root.resolve()) else config.relative(page))
    return 0
