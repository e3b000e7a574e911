"""Approval of legal disclaimer translations.

``i18n/legal-approvals.json`` records, for each (disclaimer id, locale), the
SHA-256 of the exact English text and of the exact translation a reviewer
approved, who approved them and when.  The file is meant to be reviewed in
pull requests: one entry per (id, locale), sorted, with the approved texts
written out beside their hashes.

An approval is current while both hashes still match: the English as the
templates hold it now and the translation as the ``legal`` catalogue holds it
now.  Anything else is stale, and the build publishes the English original.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import polib
from jinja2 import TemplateSyntaxError

from ..po.catalog import read_po
from ..config import Config
from ..errors import InputError
from ..fileio import atomic_write_text, parse_json, project_lock, read_text
from .legal import normalize_text, parse_disclaimers

APPROVALS_FILE = "legal-approvals.json"
FORMAT_VERSION = 1
STATUSES = ("missing", "draft", "approved", "stale")
_FIELDS = ("id", "locale", "english", "translation", "english_sha256", "translation_sha256", "approved_by", "approved_at")


@lru_cache(maxsize=1 << 12)
def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Approval:
    id: str
    locale: str
    english: str
    translation: str
    english_sha256: str
    translation_sha256: str
    approved_by: str
    approved_at: str

    def covers(self, english: str, translation: str) -> bool:
        return self.english_sha256 == text_hash(english) and self.translation_sha256 == text_hash(translation)

    def to_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in _FIELDS}


Approvals = dict[tuple[str, str], Approval]


# -- the approvals file -------------------------------------------------------------


def approvals_path(config: Config) -> Path:
    return config.path(config.i18n_dir) / APPROVALS_FILE


def load_approvals(config: Config) -> Approvals:
    """The approvals of the project (empty when the file does not exist yet)."""
    path = approvals_path(config)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    # The build asks once per page; reread only when the file changes.
    return dict(_load_cached(str(path), config.relative(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _load_cached(path: str, display: str, mtime_ns: int, size: int) -> Approvals:
    return read_approvals(Path(path), display)


def read_approvals(path: Path, display: str | None = None) -> Approvals:
    name = display or str(path)
    text = read_text(path, name)
    data = parse_json(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("approvals"), list):
        raise InputError('expected an object with an "approvals" list', name, 1)
    approvals: Approvals = {}
    for index, item in enumerate(data["approvals"]):
        line = _entry_line(text, index)
        if not isinstance(item, dict):
            raise InputError(f"approval #{index + 1} is not an object", name, line)
        missing = [f for f in _FIELDS if not isinstance(item.get(f), str)]
        if missing:
            raise InputError(f"approval #{index + 1} lacks {', '.join(missing)}", name, line)
        approval = Approval(**{f: item[f] for f in _FIELDS})
        key = (approval.id, approval.locale)
        if key in approvals:
            raise InputError(f"two approvals for {approval.id} in {approval.locale}", name, line)
        approvals[key] = approval
    return approvals


def _entry_line(text: str, index: int) -> int | None:
    """The line where the ``index``-th object of the approvals list starts.

    The file is written one key a line, so each entry opens with a line
    holding only ``{``; hand-edited files may not, and then no line is named.
    """
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "{"]
    # The first "{" opens the whole document.
    return starts[index + 1] if index + 1 < len(starts) else None


def dump_approvals(approvals: Approvals) -> str:
    entries = [approvals[key].to_dict() for key in sorted(approvals)]
    document = {
        "about": "Legal disclaimer translations approved for publication: toolkit legal approve -l LOCALE ID. "
        "An approval lapses when the English or the translation changes.",
        "format": FORMAT_VERSION,
        "approvals": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def save_approvals(config: Config, approvals: Approvals) -> bool:
    return atomic_write_text(approvals_path(config), dump_approvals(approvals))


# -- the English and the translations -----------------------------------------------


@dataclass(frozen=True)
class SourceDisclaimer:
    id: str
    english: str
    path: str
    line: int


def source_disclaimers(config: Config) -> dict[str, SourceDisclaimer]:
    """Every disclaimer the templates define, by id.

    The templates are what the build renders, so their English is the
    reference even before ``toolkit extract`` has refreshed ``legal.pot``.
    A project without templates falls back to ``legal.pot``.
    """
    templates = config.path(config.templates)
    found: dict[str, SourceDisclaimer] = {}
    if templates.is_dir():
        for path in sorted(templates.rglob("*.html")):
            relative = path.relative_to(templates).parts
            if any(part.startswith((".", "_")) for part in relative[:-1]):
                continue
            display = config.relative(path)
            source = read_text(path, display)
            if "disclaimer" not in source:
                continue
            try:
                items = parse_disclaimers(source, display)
            except TemplateSyntaxError as error:
                raise InputError(f"template syntax error: {error.message}", display, error.lineno) from error
            for line, disclaimer_id, english in items:
                _add(found, SourceDisclaimer(disclaimer_id, english, display, line))
        return found
    pot = config.pot_path("legal")
    if pot.is_file():
        for entry in read_po(pot, display=config.relative(pot)):
            if entry.msgctxt and not entry.obsolete:
                _add(found, SourceDisclaimer(entry.msgctxt, normalize_text(entry.msgid), config.relative(pot), entry.linenum))
    return found


def _add(found: dict[str, SourceDisclaimer], item: SourceDisclaimer) -> None:
    other = found.get(item.id)
    if other is not None and other.english != item.english:
        raise InputError(
            f"disclaimer {item.id!r} has different English here and at {other.path}:{other.line}; "
            "one id names one text",
            item.path, item.line,
        )
    found.setdefault(item.id, item)


@dataclass(frozen=True)
class DisclaimerState:
    """Where one disclaimer stands in one locale."""

    id: str
    locale: str
    status: str  # one of STATUSES
    english: str
    translation: str | None
    approval: Approval | None
    po_path: str
    line: int | None
    reason: str = ""
    entry: polib.POEntry | None = field(default=None, compare=False, repr=False)


def legal_entry(catalog: polib.POFile | None, disclaimer_id: str, english: str) -> polib.POEntry | None:
    """The catalogue's entry for a disclaimer: the one with today's English, else any."""
    if catalog is None:
        return None
    candidates = [e for e in catalog if e.msgctxt == disclaimer_id and not e.obsolete]
    for entry in candidates:
        if entry.msgid == english:
            return entry
    return candidates[0] if candidates else None


def locale_catalog(config: Config, code: str) -> polib.POFile | None:
    path = config.po_path(code, "legal")
    if not path.is_file():
        return None
    return read_po(path, display=config.relative(path))


def disclaimer_state(
    source: SourceDisclaimer, code: str, catalog: polib.POFile | None, approval: Approval | None, po_path: str
) -> DisclaimerState:
    entry = legal_entry(catalog, source.id, source.english)
    translation = entry.msgstr if entry is not None and entry.msgstr else None
    line = entry.linenum if entry is not None else None

    def state(status: str, reason: str = "") -> DisclaimerState:
        return DisclaimerState(source.id, code, status, source.english, translation, approval, po_path, line, reason, entry)

    if translation is None:
        return state("missing")
    if approval is None:
        return state("draft", "fuzzy" if "fuzzy" in entry.flags else "")
    if approval.english_sha256 != text_hash(source.english):
        return state("stale", "the English changed since the approval")
    if entry.msgid != source.english:
        return state("stale", "the catalogue still holds older English; run toolkit extract and toolkit update")
    if approval.translation_sha256 != text_hash(translation):
        return state("stale", "the translation changed since the approval")
    if "fuzzy" in entry.flags:
        return state("stale", "the translation is marked fuzzy, so it is not compiled")
    return state("approved")


def legal_states(config: Config, codes: list[str] | None = None) -> list[DisclaimerState]:
    """The state of every disclaimer in every target locale (or ``codes``), id-major."""
    sources = source_disclaimers(config)
    approvals = load_approvals(config)
    codes = codes if codes is not None else [l.code for l in config.targets]
    catalogs = {code: locale_catalog(config, code) for code in codes}
    return [
        disclaimer_state(
            sources[disclaimer_id], code, catalogs[code], approvals.get((disclaimer_id, code)),
            config.relative(config.po_path(code, "legal")),
        )
        for disclaimer_id in sorted(sources)
        for code in codes
    ]


# -- approving ----------------------------------------------------------------------


def default_approver(root: Path) -> str:
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name:
        return name
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def approve(
    config: Config, code: str, ids: list[str], *, by: str | None = None, when: str | None = None
) -> list[Approval]:
    """Record approvals of the current English and translation of ``ids`` in locale ``code``.

    Every id is checked before the file is written, so a bad id approves nothing.
    """
    locale = config.locale(code)
    if locale.code == config.source.code:
        raise InputError(f"{code} is the source locale: its disclaimers are the originals, nothing to approve")
    if not ids:
        raise InputError("name at least one disclaimer id to approve")
    sources = source_disclaimers(config)
    catalog = locale_catalog(config, locale.code)
    po_display = config.relative(config.po_path(locale.code, "legal"))
    who = (by or "").strip() or default_approver(config.root)
    when = when or utc_now()
    new: list[Approval] = []
    for disclaimer_id in ids:
        if disclaimer_id not in sources:
            known = ", ".join(sorted(sources)) or "none"
            raise InputError(f"unknown disclaimer id {disclaimer_id!r} (known: {known})")
        source = sources[disclaimer_id]
        entry = legal_entry(catalog, disclaimer_id, source.english)
        if entry is None or not entry.msgstr:
            raise InputError(f"{disclaimer_id} has no {locale.code} translation to approve", po_display,
                             entry.linenum if entry is not None else None)
        if entry.msgid != source.english:
            raise InputError(
                f"the catalogue's English for {disclaimer_id} is not the template's "
                f"({source.path}:{source.line}); run toolkit extract and toolkit update, then translate",
                po_display, entry.linenum,
            )
        if "fuzzy" in entry.flags:
            raise InputError(f"the {disclaimer_id} translation is marked fuzzy; review it and clear the flag first",
                             po_display, entry.linenum)
        new.append(Approval(
            id=disclaimer_id, locale=locale.code, english=source.english, translation=entry.msgstr,
            english_sha256=text_hash(source.english), translation_sha256=text_hash(entry.msgstr),
            approved_by=who, approved_at=when,
        ))
    with project_lock(config.path(config.i18n_dir)):
        approvals = load_approvals(config)
        for approval in new:
            approvals[(approval.id, approval.locale)] = approval
        save_approvals(config, approvals)
    return new


# -- rendering ----------------------------------------------------------------------


class ApprovedResolver:
    """Publishes a disclaimer's translation only while its approval is current.

    ``chain`` is the locale's compiled ``legal`` catalogue chain; the English
    is the template's, as rendered, so a changed template lapses every
    approval of that disclaimer at once.
    """

    def __init__(self, approvals: Approvals, code: str, chain, *, is_source: bool):
        self.approvals = approvals
        self.code = code
        self.chain = chain
        self.is_source = is_source
        self.fell_back: list[str] = []

    def resolve(self, disclaimer_id: str, english: str) -> tuple[str, bool]:
        if self.is_source:
            return english, True
        translation = self.chain.lookup(english, disclaimer_id)
        approval = self.approvals.get((disclaimer_id, self.code))
        if translation is not None and approval is not None and approval.covers(english, translation):
            return translation, True
        self.fell_back.append(disclaimer_id)
        return english, False
