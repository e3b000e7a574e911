"""The ``toolkit`` command line: parse arguments, call a stage, map errors to exit codes.

Each verb lives in ``toolkit.commands.<verb>`` and provides ``add_parser(subparsers)``
(which sets ``func``) and ``run(args, config) -> int``.  A verb that can work without a
project says when in ``needs_config(args) -> bool``; without one, a verb needs a
``[tool.toolkit]`` table and refuses to run (exit 2, nothing written) when there is none.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from pathlib import Path

from . import __version__
from .config import NO_CONFIG_HELP, load_config
from .errors import ToolkitError

# Order is the order of ``toolkit --help``.
COMMANDS = [
    "new",
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

# Verbs that load whole catalogues make a great many objects that live to the end of
# the run and hold no cycles: the cyclic collector would only walk them again and again
# (a third of the time of a large catalogue's check).  Page, browser and server verbs keep it.
WITHOUT_CYCLIC_GC = frozenset({"extract", "init", "update", "compile", "translit", "import", "check", "stats"})


def needs_config(args) -> bool:
    module = sys.modules.get(args.func.__module__)
    if module is not None and hasattr(module, "needs_config"):
        return bool(module.needs_config(args))
    return True


@contextlib.contextmanager
def collector_for(verb: str):
    """The one place the cyclic garbage collector is paused: around a catalogue verb."""
    if verb not in WITHOUT_CYCLIC_GC or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
    parser.verb_parsers = dict(subparsers.choices)  # type: ignore[attr-defined]
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # The verb's own usage, not the top-level one.
        verb_parser = parser.verb_parsers.get(args.verb, parser)  # type: ignore[attr-defined]
        verb_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        config = load_config(args.project)
        if not config.configured and needs_config(args):
            print(f"toolkit {args.verb}: error: {NO_CONFIG_HELP}", file=sys.stderr)
            return 2
        with collector_for(args.verb):
            return int(args.func(args, config) or 0)
    except ToolkitError as error:
        print(f"toolkit {args.verb}: error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (toolkit checks | head): end quietly, as cat does.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except KeyboardInterrupt:
        print(f"toolkit {args.verb}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
