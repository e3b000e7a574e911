"""``toolkit extract``: templates and content -> one .pot per domain."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..extract.pot import (
    PotOptions, ExtractionSpec, extract_catalog, extract_project, keywords_from_args, read_mapping, write_pot,
)

NO_WRAP_WIDTH = 1 << 30


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract messages into .pot templates",
        description="With no arguments, extract the project's messages, content and legal domains "
        "into locales/<domain>.pot.  With DIR arguments, work like pybabel extract.",
    )
    parser.add_argument("directories", nargs="*", metavar="DIR", type=Path)
    parser.add_argument("-F", "--mapping", type=Path, help="pybabel-style mapping file")
    parser.add_argument("-k", "--keyword", action="append", default=[], dest="keywords",
                        help="extra keyword, GNU gettext style (e.g. lazy_gettext, pgettext:1c,2)")
    parser.add_argument("--no-default-keywords", action="store_true")
    parser.add_argument("-c", "--add-comments", action="append", default=[], metavar="TAG",
                        help="keep comments starting with TAG (default with no DIR: 'Translators:')")
    parser.add_argument("-o", "--output", type=Path, help="the .pot to write (with DIR)")
    parser.add_argument("--project", dest="project_name", default=None, help="Project-Id-Version")
    parser.add_argument("--version", dest="project_version", default=None, help="the project's version (Project-Id-Version)")
    parser.add_argument("-w", "--width", type=int, default=None, help="wrap lines at this width (default 79, as msgcat)")
    parser.add_argument("--no-wrap", action="store_true", help="do not wrap long lines (only at \\n)")
    parser.add_argument("-s", "--sort-output", action="store_true", help="sort entries by msgid")
    parser.add_argument("--sort-by-file", action="store_true", help="sort entries by their location")
    parser.add_argument("--no-location", action="store_true", help="no #: location comments")
    parser.add_argument("--omit-header", action="store_true", help="no header entry")
    parser.add_argument("--msgid-bugs-address", default="", metavar="EMAIL", help="Report-Msgid-Bugs-To")
    parser.add_argument("--copyright-holder", default="", metavar="NAME", help="the copyright line of the header")
    parser.set_defaults(func=run)


def needs_config(args) -> bool:
    return not args.directories


def run(args, config) -> int:
    if not args.directories:
        if args.output or args.mapping:
            raise InputError("-o and -F go with DIR arguments (standalone extraction)")
        written = extract_project(config, project=args.project_name or config.project_name)
        for domain, changed in written.items():
            state = "written" if changed else "unchanged"
            print(f"{config.relative(config.pot_path(domain))}: {state}")
        return 0
    if not args.output:
        raise InputError("standalone extraction needs -o OUT.pot")
    if args.mapping:
        method_map, options_map = read_mapping(args.mapping)
    else:
        method_map, options_map = [("**.py", "python")], {}
    spec = ExtractionSpec(
        directories=list(args.directories),
        method_map=method_map,
        options_map=options_map,
        keywords=keywords_from_args(args.keywords, defaults=not args.no_default_keywords),
        comment_tags=tuple(args.add_comments),
    )
    project = args.project_name or "PROJECT"
    if args.project_version:
        project = f"{project} {args.project_version}"
    if args.width is not None and args.width < 1:
        raise InputError("-w/--width must be a positive number of columns")
    options = PotOptions(
        width=NO_WRAP_WIDTH if args.no_wrap else (args.width or PotOptions.width),
        no_location=args.no_location, sort_output=args.sort_output, sort_by_file=args.sort_by_file,
        omit_header=args.omit_header, msgid_bugs_address=args.msgid_bugs_address,
        copyright_holder=args.copyright_holder,
    )
    catalog = extract_catalog(spec, project=project)
    changed = write_pot(catalog, args.output, project=project, options=options)
    count = sum(1 for message in catalog if message.id)
    print(f"{args.output}: {count} messages, {'written' if changed else 'unchanged'}")
    return 0
