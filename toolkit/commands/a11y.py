"""``toolkit a11y``: axe-core accessibility checks of built pages or URLs in headless Chromium.

Severity follows axe's impact: critical and serious are errors; moderate and
minor are warnings (they still fail WCAG); "needs review" results are info and
never fail a run.  ``--fail-on-impact`` sets the lowest impact that makes the
exit code 1 (default: minor, i.e. every violation not in the baseline).  A page
that does not load is an ``a11y-page-error`` finding and always fails the run.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from ..checks.a11y.audit import PageSource, collect_pages, run_a11y
from ..checks.a11y.runner import DEFAULT_TAGS, IMPACT_SEVERITY, IMPACTS, PAGE_ERROR_CHECK
from ..checks.a11y.settings import a11y_settings
from ..checks.baseline import apply_baseline, load_baseline, update_baseline
from ..crawl.cli_args import add_live_arguments, is_live, live_a11y_pages
from ..errors import InputError
from ..fileio import atomic_write_text
from ..findings import Finding
from ..report import FORMATS as REPORT_FORMATS
from ..report import render_report

FORMATS = (*REPORT_FORMATS, "html")


def needs_config(args) -> bool:
    """Pages or URLs named on the command line need no project."""
    return not args.inputs and not is_live(args)  # a live site needs no project either


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "a11y", help="axe-core accessibility checks in headless Chromium",
        description="Check built pages (default: every page of the build folder, every locale) "
                    "or URLs with axe-core in headless Chromium.",
    )
    parser.add_argument("inputs", nargs="*", metavar="PATH|URL",
                        help="pages, folders of pages, or http(s) URLs")
    parser.add_argument("--axe-script", type=Path, metavar="FILE",
                        help="the axe-core script to inject (default: the axe-script setting, then "
                             "node_modules/axe-core, then the copy axe-selenium-python bundles if it is 4.x)")
    parser.add_argument("--tags", action="append", metavar="TAG[,TAG...]",
                        help=f"axe rule tags (default: {','.join(DEFAULT_TAGS)})")
    parser.add_argument("--viewport", action="append", metavar="WxH",
                        help="viewport size, repeatable (default: 1280x800)")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="browsers in parallel (default: the number of cores)")
    parser.add_argument("--webdriver-url", metavar="URL",
                        help="open the browsers on this remote WebDriver (Selenium Grid)")
    parser.add_argument("--serve-address", metavar="HOST",
                        help="address to serve local pages on (default 127.0.0.1; with a Grid on "
                             "other machines, this machine's address as the nodes reach it)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="page load and axe run timeout (default: 30)")
    parser.add_argument("--no-cache", action="store_true", help="check every page again")
    parser.add_argument("--fail-on-impact", choices=IMPACTS,
                        help="lowest impact of a new violation that fails the run (default: minor)")
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help="accepted findings (default: i18n/a11y-baseline.json)")
    parser.add_argument("--update-baseline", action="store_true",
                        help="rewrite the baseline to accept the current violations; report fixed entries")
    parser.add_argument("--justification", metavar="TEXT",
                        help="with --update-baseline: the reason recorded for new entries")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list needs-review (info) results in the text report too")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report here")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_live_arguments(parser)
    parser.set_defaults(func=run)


def settings_from_args(args, config) -> dict:
    """Command-line values over ``[tool.toolkit.a11y]`` over defaults."""
    return a11y_settings(
        config, tags=args.tags, viewports=args.viewport, workers=args.workers,
        fail_on_impact=args.fail_on_impact, timeout=args.timeout, baseline=args.baseline,
        webdriver_url=args.webdriver_url, serve_address=args.serve_address,
    )


def run(args, config) -> int:
    settings = settings_from_args(args, config)
    if args.justification and not args.update_baseline:
        raise InputError("--justification only goes with --update-baseline")
    baseline_path: Path = settings["baseline"]
    baseline = load_baseline(baseline_path)  # a broken baseline stops the run before any browser starts
    pages, fetch_findings = live_a11y_pages(args, config, collect_pages, PageSource)  # --sitemap/--crawl, or the inputs

    with _progress(args) as progress:
        a11y = run_a11y(
            config, pages, tags=settings["tags"], viewports=settings["viewports"],
            workers=settings["workers"], webdriver_url=settings["webdriver_url"],
            use_cache=not args.no_cache, screenshots=args.format == "html",
            page_timeout=settings["timeout"], tags_source=settings["tags_source"],
            axe_script=args.axe_script.resolve() if args.axe_script else None,
            serve_host=settings["serve_host"],
            on_total=progress.total, on_result=progress.advance,
        )

    checked_pages = set(a11y.pages)
    baseline_name = config.relative(baseline_path)
    added: list = []
    if args.update_baseline:
        # Only violations are accepted: "needs review" results never fail a run, and a page
        # that did not load must be fixed, not baselined.
        violations = [f for f in a11y.findings if f.extra.get("outcome") == "violation"]
        added, fixed = update_baseline(baseline_path, violations, baseline, checked_pages,
                                       args.justification)
        outcome = apply_baseline(a11y.findings, load_baseline(baseline_path), checked_pages)
    else:
        outcome = apply_baseline(a11y.findings, baseline, checked_pages)
        fixed = outcome.fixed
    findings = [*fetch_findings, *outcome.findings]

    threshold = IMPACTS.index(settings["fail_on"])
    failing = [
        f for f in findings
        if f.check == PAGE_ERROR_CHECK or (f in fetch_findings and f.severity == "error")
        or (f.extra.get("outcome") == "violation"
            and IMPACTS.index(f.extra.get("impact") or "minor") >= threshold)
    ]
    summary = {
        "pages": len(a11y.pages),
        "viewports": [str(v) for v in a11y.viewports],
        "checked": a11y.checked,
        "cached": a11y.cache_hits,
        "baselined": outcome.suppressed,
        "baseline_fixed": [e.to_dict() for e in fixed],
        "baseline_added": len(added),
        "failing": len(failing),
        "seconds": round(a11y.seconds, 3),
    }
    report = _render(args.format, findings, a11y, summary, settings["fail_on"],
                     color=not args.output and sys.stdout.isatty(), verbose=args.verbose)
    if args.output:
        atomic_write_text(args.output, report)
    else:
        sys.stdout.write(report)

    if args.output or args.format == "text":
        _note(f"{len(a11y.pages)} page(s) × {len(a11y.viewports)} viewport(s): "
              f"{a11y.checked} checked, {a11y.cache_hits} from cache; axe-core {a11y.axe_version} ({a11y.axe_source}); "
              f"{outcome.suppressed} baselined, {len(failing)} failing (impact {settings['fail_on']} or above)",
              args)
    if fixed:
        verb = "removed from" if args.update_baseline else "now fixed in"
        _note(f"{len(fixed)} baseline entr{'y' if len(fixed) == 1 else 'ies'} {verb} {baseline_name}:", args)
        for entry in fixed:
            _note(f"  fixed: {entry.describe()}", args)
    if args.update_baseline:
        _note(f"{baseline_name}: {len(added)} entr{'y' if len(added) == 1 else 'ies'} added, "
              f"{len(fixed)} removed", args)
        return 1 if any(f.check == PAGE_ERROR_CHECK for f in failing) else 0
    return 1 if failing else 0


def _note(text: str, args) -> None:
    # With a report on stdout in a machine format, keep remarks on stderr.
    stream = sys.stdout if (args.format == "text" and not args.output) else sys.stderr
    print(text, file=stream)


def _render(fmt: str, findings: list[Finding], a11y, summary: dict, fail_on: str,
            color: bool = False, verbose: bool = False) -> str:
    if fmt == "html":
        from ..report.a11y_html import render_a11y_html

        return render_a11y_html(findings, a11y.screenshots, axe_version=a11y.axe_version, axe_source=a11y.axe_source,
                                tags=a11y.tags, viewports=a11y.viewports)
    extra = {"paths": a11y.pages, "fail_on": IMPACT_SEVERITY[fail_on], "verbose": verbose}
    if fmt == "json":
        from ..report.json import dumps_report, report_dict

        document = report_dict(findings, extra)
        document["axe_version"] = a11y.axe_version
        document["axe_source"] = a11y.axe_source
        document["tags"] = a11y.tags
        document["summary"].update(summary)
        return dumps_report(document)
    if fmt == "text":
        # The shared text layout has no column for impact and viewport: say them in the line.
        findings = [
            dataclasses.replace(f, message=f"{f.message} ({', '.join(_details(f))})") if _details(f) else f
            for f in findings
        ]
    return render_report(findings, fmt, extra, color=color)


def _details(finding: Finding) -> list[str]:
    return [str(finding.extra[key]) for key in ("impact", "viewport") if finding.extra.get(key)]


class _progress:
    """A rich progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, args):
        from rich.console import Console

        console = Console(stderr=True)
        self._bar = None
        if console.is_terminal and not args.no_progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("a11y"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console, transient=True)
        self._task = None

    def __enter__(self):
        if self._bar:
            self._bar.start()
        return self

    def __exit__(self, *exc):
        if self._bar:
            self._bar.stop()

    def total(self, count: int) -> None:
        if self._bar:
            self._task = self._bar.add_task("pages", total=count)

    def advance(self, _result) -> None:
        if self._bar and self._task is not None:
            self._bar.advance(self._task)
