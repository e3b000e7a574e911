"""Extraction: templates and content -> one ``.pot`` per domain.

Messages come from Babel's extraction API with Jinja2's own extractor; the
``content`` and ``legal`` domains plug their own extraction methods into the
same API.  Unlike pybabel, a template that fails to parse is an error naming
file and line (pybabel skips it and silently loses its strings), and a run
that finds the same messages leaves the ``.pot`` byte-identical.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import polib
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from jinja2 import TemplateSyntaxError

from ..po.catalog import WRAP_WIDTH, dump_po, now_stamp, parse_po
from ..config import Config
from ..errors import InputError
from ..fileio import atomic_write_bytes

JINJA_METHODS = ("jinja2", "jinja2.ext:babel_extract", "jinja2.ext.babel_extract")
DEFAULT_COMMENT_TAGS = ("Translators:",)


@dataclass
class ExtractionSpec:
    """What to extract from where: pybabel's -F mapping, -k keywords and -c tags."""

    directories: list[Path]
    method_map: list[tuple[str, str]]
    options_map: dict[str, dict[str, str]] = field(default_factory=dict)
    keywords: dict = field(default_factory=lambda: dict(DEFAULT_KEYWORDS))
    comment_tags: tuple[str, ...] = DEFAULT_COMMENT_TAGS
    # Occurrences relative to this folder; None keeps paths as given, as pybabel does.
    relative_to: Path | None = None


def read_mapping(path: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8") as handle:
            return parse_mapping_cfg(handle, filename=str(path))
    except OSError as error:
        raise InputError(f"cannot read mapping: {error.strerror}", str(path)) from error
    except Exception as error:  # configparser errors carry their own line
        line = getattr(error, "lineno", None)
        raise InputError(f"bad mapping: {error}", str(path), line) from error


def keywords_from_args(extra: Iterable[str], *, defaults: bool = True) -> dict:
    keywords = dict(DEFAULT_KEYWORDS) if defaults else {}
    keywords.update(parse_keywords(list(extra)))
    return keywords


def extract_catalog(spec: ExtractionSpec, *, project: str = "PROJECT") -> Catalog:
    """Run the extraction described by ``spec`` into a Babel ``Catalog``."""
    catalog = Catalog(project=project, fuzzy=False)
    options_map = {pattern: dict(options) for pattern, options in spec.options_map.items()}
    for pattern, method in spec.method_map:
        if method in JINJA_METHODS:
            # A template that does not parse is an error, never a silent skip.
            options_map.setdefault(pattern, {})["silent"] = "false"
    for directory in spec.directories:
        current: dict[str, str] = {}

        def remember(filename: str, method: str, options: dict) -> None:
            current["file"] = filename

        if not directory.is_dir():
            raise InputError("no such directory", str(directory))
        try:
            for filename, lineno, message, comments, context in extract_from_dir(
                str(directory),
                spec.method_map,
                options_map,
                spec.keywords,
                spec.comment_tags,
                callback=remember,
                strip_comment_tags=False,
                directory_filter=_walk_into,
            ):
                location = _location(directory / filename, spec.relative_to)
                catalog.add(message, None, [(location, lineno)], auto_comments=comments, context=context)
        except TemplateSyntaxError as error:
            where = _location(directory / current.get("file", "?"), spec.relative_to)
            raise InputError(f"template syntax error: {error.message}", where, error.lineno) from error
        except InputError as error:
            if error.path:
                raise
            where = _location(directory / current.get("file", "?"), spec.relative_to)
            raise InputError(str(error), where, error.line) from error
        except (SyntaxError, UnicodeDecodeError, ValueError) as error:
            where = _location(directory / current.get("file", "?"), spec.relative_to)
            raise InputError(f"cannot extract: {error}", where, getattr(error, "lineno", None)) from error
    return catalog


SKIPPED_DIRS = {"node_modules", "build", "dist", "venv", "__pycache__"}


def _walk_into(dirpath: str) -> bool:
    name = os.path.basename(dirpath)
    return not (name.startswith((".", "_")) or name in SKIPPED_DIRS)


def _location(path: Path, relative_to: Path | None) -> str:
    if relative_to is None:
        return Path(os.path.normpath(path)).as_posix()
    return Path(os.path.relpath(os.path.normpath(path), relative_to)).as_posix()


def catalog_to_pot(catalog: Catalog, *, project: str, previous: polib.POFile | None = None) -> polib.POFile:
    """Babel's aggregated messages -> polib's model, as a ``.pot``."""
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.header = "Translations template for " + project + ".\nThis file is distributed under the same license as the project."
    pot.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in catalog:
        if not message.id:
            continue
        flags = sorted(f for f in message.flags if f != "fuzzy")
        if isinstance(message.id, (list, tuple)):
            entry = polib.POEntry(
                msgid=message.id[0],
                msgid_plural=message.id[1],
                msgstr_plural={0: "", 1: ""},
            )
        else:
            entry = polib.POEntry(msgid=message.id, msgstr="")
        entry.msgctxt = message.context
        entry.occurrences = [(path, str(line)) for path, line in message.locations]
        entry.comment = "\n".join(_unique(message.auto_comments))
        entry.flags = flags
        pot.append(entry)
    if previous is not None and _same_entries(previous, pot):
        pot.metadata["POT-Creation-Date"] = previous.metadata.get("POT-Creation-Date", "")
    return pot


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def _same_entries(a: polib.POFile, b: polib.POFile) -> bool:
    return [str(e) for e in a] == [str(e) for e in b] and a.header == b.header


@dataclass
class PotOptions:
    """pybabel extract's output options."""

    width: int = WRAP_WIDTH
    no_location: bool = False
    sort_output: bool = False
    sort_by_file: bool = False
    omit_header: bool = False
    msgid_bugs_address: str = ""
    copyright_holder: str = ""


def _apply_options(pot: polib.POFile, options: PotOptions) -> None:
    if options.msgid_bugs_address:
        pot.metadata["Report-Msgid-Bugs-To"] = options.msgid_bugs_address
    if options.copyright_holder:
        lines = pot.header.split("\n")
        lines.insert(1, f"Copyright (C) {now_stamp()[:4]} {options.copyright_holder}")
        pot.header = "\n".join(lines)
    entries = list(pot)
    if options.sort_output:
        entries.sort(key=lambda e: (e.msgid, e.msgctxt or ""))
    elif options.sort_by_file:
        entries.sort(key=lambda e: [(path, int(line) if str(line).isdigit() else 0) for path, line in e.occurrences])
    if options.no_location:
        for entry in entries:
            entry.occurrences = []
    pot[:] = entries
    if options.omit_header:
        pot.metadata = {}
        pot.header = ""


def write_pot(catalog: Catalog, out: Path, *, project: str, options: PotOptions | None = None) -> bool:
    """Write ``out`` unless only its creation date would change.  Returns True if written."""
    from ..po.format import format_po

    options = options or PotOptions()
    previous = None
    if out.exists():
        try:
            previous = parse_po(out.read_bytes(), str(out))
        except InputError:
            previous = None  # a broken template file is simply replaced
    pot = catalog_to_pot(catalog, project=project)
    _apply_options(pot, options)
    if previous is not None and _same_entries(previous, pot):
        pot.metadata["POT-Creation-Date"] = previous.metadata.get("POT-Creation-Date", "")
    if options.width == WRAP_WIDTH:
        return atomic_write_bytes(out, dump_po(pot))
    return atomic_write_bytes(out, format_po(pot, page_width=options.width).encode("utf-8"))


# -- the project's three domains ---------------------------------------------------


def project_specs(config: Config) -> dict[str, ExtractionSpec]:
    method_map, options_map = read_mapping(config.path(config.mapping))
    templates = config.path(config.templates)
    return {
        "messages": ExtractionSpec(
            directories=[config.root],
            method_map=method_map,
            options_map=options_map,
            relative_to=config.root,
        ),
        "content": ExtractionSpec(
            directories=[config.path(config.content)],
            method_map=[("**.md", "toolkit.build.content:extract_markdown")],
            keywords={"gettext": None},
            relative_to=config.root,
        ),
        "legal": ExtractionSpec(
            directories=[templates],
            method_map=[("**.html", "toolkit.build.legal:extract_disclaimers")],
            keywords={"pgettext": ((1, "c"), 2)},
            relative_to=config.root,
        ),
    }


def extract_project(config: Config, *, project: str | None = None) -> dict[str, bool]:
    """Extract every domain; returns ``{domain: written}``.  Nothing is written if any fails."""
    project = project or config.project_name
    catalogs = {domain: extract_catalog(spec, project=project) for domain, spec in project_specs(config).items()}
    return {
        domain: write_pot(catalog, config.pot_path(domain), project=project)
        for domain, catalog in catalogs.items()
    }
