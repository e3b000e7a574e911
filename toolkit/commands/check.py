"""``toolkit check``: catalogue (and rendered page) checks -> a report and an exit code.

With no paths: every catalogue of the project (and the built site, when the
page checks are installed and the site is built).  With paths: each ``.po``
file is checked as a catalogue and each directory as a rendered site.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path

from ..checks import REGISTRY
from ..checks.catalogue import catalogue_check_ids, check_catalog_files, project_catalogs
from ..checks.text import clear_caches
from ..errors import InputError
from ..findings import Finding, severity_rank, summarize, worst_severity_at_least
from ..checks.glossary import find_glossary
from ..crawl.cli_args import LiveSite, add_live_arguments
from ..report import FORMATS, write_report

# The legal checks (Jinja, lxml) and baselines are imported when a run needs
# them: a catalogue-only run starts in a fraction of the time.

FAMILIES = ("catalogue", "pages", "legal", "all")
PAGES_MODULE = "toolkit.checks.pages"


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
    parser.add_argument("--checks", choices=FAMILIES, default="all", dest="families",
                        help="which families of checks to run (default: all)")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="processes for the entries of a large catalogue (default: one per core)")
    add_live_arguments(parser)
    parser.set_defaults(func=run)


def page_checker():
    """The page-check family's entry point, ``check_pages(root, config, locales=None)``,
    or None when that family is not installed."""
    if importlib.util.find_spec(PAGES_MODULE) is None:
        return None
    return importlib.import_module(PAGES_MODULE).check_pages


def run(args, config) -> int:
    # A run makes a great many objects (entries, findings, report rows) that
    # live to its end and hold no cycles: the cyclic collector would only walk
    # them again and again (a third of the time of a large catalogue's run).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args, config)
    finally:
        clear_caches()
        if collecting:
            gc.enable()


def _run(args, config) -> int:
    with LiveSite(args, config) as live:  # --sitemap/--crawl: the fetched pages as one more site folder
        findings, checked, check_ids = collect(args, config)
        findings, checked = live.finish(findings, checked)
    if args.baseline:
        from ..checks.baseline import load_baseline

        baseline = load_baseline(args.baseline)
        findings, accepted = baseline.split(findings)
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


def collect(args, config) -> tuple[list[Finding], list[str], list[str]]:
    """Run the requested families; returns (findings, what was checked, check ids run)."""
    want_catalogues = args.families in ("catalogue", "all")
    want_pages = args.families in ("pages", "all")
    # Legal checks read the approvals and the built pages: the project's, or a given site folder.
    want_legal = args.families in ("legal", "all")
    po_files: list[Path] = []
    sites: list[Path] = []
    if args.paths:
        for path in args.paths:
            if path.is_dir():
                sites.append(path)
            elif path.is_file() and path.suffix in (".po", ".pot"):
                po_files.append(path)
            elif not path.exists():
                raise InputError("no such file or folder", str(path))
            else:
                raise InputError("not a .po catalogue or a site folder", str(path))
        if sites and not (want_pages or want_legal):
            raise InputError("a folder is a built site, but --checks catalogue excludes page checks", str(sites[0]))
        if po_files and not want_catalogues:
            raise InputError("a .po file is a catalogue, but --checks pages excludes catalogue checks", str(po_files[0]))
    else:
        if want_catalogues:
            po_files = project_catalogs(config)
        if (want_pages or want_legal) and config.build_path.is_dir():
            sites = [config.build_path]

    findings: list[Finding] = []
    checked: list[str] = []
    check_ids: list[str] = []
    if po_files:
        glossary = find_glossary(config)
        findings.extend(check_catalog_files(po_files, config, args.locale, glossary=glossary,
                                            jobs=getattr(args, "jobs", None)))
        checked.extend(config.relative(p) for p in po_files)
        check_ids.extend(catalogue_check_ids())
    legal_catalogues = want_legal and not args.paths
    locales = [config.locale(args.locale)] if args.locale and (sites or legal_catalogues) else None
    if want_legal and (legal_catalogues or sites):
        from ..checks.legal import check_legal_catalogs, check_legal_pages

        if legal_catalogues:
            findings.extend(check_legal_catalogs(config, locales))
        for site in sites:
            findings.extend(check_legal_pages(site, config, locales))
        check_ids.extend(info.id for info in REGISTRY.values() if info.family == "legal")
        if not want_pages:
            checked.extend(config.relative(site) for site in sites)
    if sites and want_pages:
        check_pages = page_checker()
        if check_pages is None:
            if args.paths or args.families == "pages":
                raise InputError("page checks are not installed in this toolkit", str(sites[0]))
        else:
            for site in sites:
                findings.extend(check_pages(site, config, locales))
                checked.append(config.relative(site))
            check_ids.extend(info.id for info in REGISTRY.values() if info.family in ("page", "pages"))
    elif args.families == "pages" and not args.paths:
        raise InputError(f"no built site at {config.relative(config.build_path)}; run `toolkit build` first")
    return findings, checked, check_ids

