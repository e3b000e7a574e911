"""The ``toolkit`` command line: parse arguments, call a stage, map errors to exit codes.

Each verb lives in ``toolkit.commands.<verb>`` and provides ``add_parser(subparsers)``
(which sets ``func``) and ``run(args, config) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import __version__
from .config import load_config
from .errors import ToolkitError

# Order is the order of ``toolkit --help``.
COMMANDS = [
    "extract",
    "init",
    "update",
    "compile",
    "build",
    "a11y",
    "translit",
    "legal",
    "import_",
    "check",
    "checks",
    "stats",
    "report",
    "serve",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Extract, merge, compile, render and check a multilingual Jinja2 site.",
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    parser.add_argument(
        "-C", "--project", metavar="DIR", type=Path, default=None,
        help="project folder (default: the nearest folder upwards with a pyproject.toml)",
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB")
    subparsers.required = True
    for name in COMMANDS:
        importlib.import_module(f".commands.{name}", __package__).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(args.project)
        return int(args.func(args, config) or 0)
    except ToolkitError as error:
        print(f"toolkit {args.verb}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"toolkit {args.verb}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
