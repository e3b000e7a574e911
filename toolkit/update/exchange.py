"""Translators' files: export a catalogue, merge the returned copy back.

To tell "the translator changed this" from "the project changed this since",
the import needs the state of each entry when the copy was made.  The export
records it in the file itself: every entry gets an extracted comment
``#. toolkit-base: <hash>`` (a hash of its msgstr and fuzzy state at export
time) and the header gets ``X-Toolkit-Export: <time>``.  Editors keep extracted
comments, so the returned file carries its own base, whenever and wherever it
comes back.  For a file exported by other means, the exported copy can be given
as ``base`` instead; with neither, a translation that differs from a
non-empty project translation is a conflict, because nobody can tell who
changed it.

Per entry, with B the base, T the translator's and P the project's state:
T == B: nothing to do (the project's may be newer); P == B: T goes in;
both differ from B and from each other: a conflict, the project's kept unless
``theirs``.  Empty translations in the returned file never erase anything.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polib

from ..po.catalog import entry_key, has_translation, now_stamp, read_po, write_po
from ..errors import InputError
from ..findings import Finding
from ..locales import Locale

BASE_COMMENT = "toolkit-base:"
EXPORT_HEADER = "X-Toolkit-Export"

Check = Callable[[polib.POFile], list[Finding]]
Key = tuple[str | None, str]


def _forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def state_hash(entry: polib.POEntry) -> str:
    """A short hash of what a translator can change: the msgstr(s) and the fuzzy flag."""
    fuzzy = "fuzzy" if "fuzzy" in entry.flags else ""
    data = "\x00".join([fuzzy, *_forms(entry)])
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]


def display(entry: polib.POEntry) -> str:
    text = " | ".join(_forms(entry))
    return f"{text} (fuzzy)" if "fuzzy" in entry.flags else text


def _recorded_base(entry: polib.POEntry) -> str | None:
    for line in (entry.comment or "").splitlines():
        if line.strip().startswith(BASE_COMMENT):
            return line.strip()[len(BASE_COMMENT):].strip()
    return None


def _without_base(comment: str) -> str:
    return "\n".join(l for l in (comment or "").splitlines() if not l.strip().startswith(BASE_COMMENT))


def export_file(project_po: Path | str, out_po: Path | str) -> int:
    """Write a copy of ``project_po`` for a translator, each entry carrying its
    base hash; returns the number of entries exported (obsolete ones are left out)."""
    catalog = read_po(project_po)
    exported = polib.POFile(wrapwidth=catalog.wrapwidth)
    exported.header = catalog.header
    exported.metadata = dict(catalog.metadata)
    exported.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    exported.metadata[EXPORT_HEADER] = now_stamp()
    for entry in catalog:
        if entry.obsolete:
            continue
        base = f"{BASE_COMMENT} {state_hash(entry)}"
        stripped = _without_base(entry.comment)
        entry.comment = f"{stripped}\n{base}" if stripped else base
        exported.append(entry)
    write_po(exported, out_po)
    return len(exported)


@dataclass
class Conflict:
    msgctxt: str | None
    msgid: str
    ours: str
    theirs: str
    took: str  # "ours" or "theirs"


@dataclass
class StaleEntry:
    msgctxt: str | None
    msgid: str
    msgstr: str
    line: int | None


@dataclass
class ImportResult:
    added: list[Key] = field(default_factory=list)
    updated: list[Key] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stale: list[StaleEntry] = field(default_factory=list)
    project_newer: list[Key] = field(default_factory=list)
    unchanged: int = 0
    base: str = "none"  # "export" (hashes in the file), "file" (--base) or "none"
    checked: bool = False
    written: bool = False

    @property
    def changed(self) -> int:
        return len(self.added) + len(self.updated) + sum(c.took == "theirs" for c in self.conflicts)


def _language_matches(header_language: str, locale: Locale) -> bool:
    if not header_language:
        return True
    code = header_language.replace("-", "_").split("@")[0]
    return code.split("_")[0] == locale.language


def _take(project: polib.POEntry, returned: polib.POEntry) -> None:
    if project.msgid_plural:
        project.msgstr_plural = dict(returned.msgstr_plural)
    else:
        project.msgstr = returned.msgstr
    if "fuzzy" in returned.flags:
        if "fuzzy" not in project.flags:
            project.flags.insert(0, "fuzzy")
    elif "fuzzy" in project.flags:
        project.flags.remove("fuzzy")
        project.previous_msgid = project.previous_msgid_plural = project.previous_msgctxt = None


def _new_errors(check: Check, before: polib.POFile, after: polib.POFile) -> list[Finding]:
    """Errors the merge brings in: ones the project already had do not block it."""
    had = Counter(f.fingerprint for f in check(before) if f.severity == "error")
    new = []
    for finding in check(after):
        if finding.severity != "error":
            continue
        if had[finding.fingerprint] > 0:
            had[finding.fingerprint] -= 1
        else:
            new.append(finding)
    return new


def import_file(
    returned_po: Path | str,
    project_po: Path | str,
    locale: Locale,
    *,
    theirs: bool = False,
    check: Check | None = None,
    base_po: Path | str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Merge a translator's returned catalogue into the project's (see the module docstring).

    ``check`` (default: the catalogue checks) runs on the merged catalogue;
    if it finds errors the project did not already have, nothing is written and
    InputError lists them.
    """
    returned_po, project_po = Path(returned_po), Path(project_po)
    returned = read_po(returned_po)
    project = read_po(project_po)
    language = returned.metadata.get("Language", "")
    if not _language_matches(language, locale):
        raise InputError(f"the file is in Language {language!r}, not {locale.code}", str(returned_po))
    base_states: dict[Key, str] = {}
    if base_po is not None:
        base_states = {entry_key(e): state_hash(e) for e in read_po(base_po) if not e.obsolete}

    result = ImportResult()
    index = {entry_key(e): e for e in project if not e.obsolete}
    for theirs_entry in returned:
        if theirs_entry.obsolete:
            continue
        key = entry_key(theirs_entry)
        ours = index.get(key)
        if ours is None or bool(ours.msgid_plural) != bool(theirs_entry.msgid_plural):
            if has_translation(theirs_entry):
                result.stale.append(StaleEntry(key[0], key[1], display(theirs_entry), theirs_entry.linenum))
            continue
        if theirs_entry.msgid_plural and has_translation(theirs_entry) and len(theirs_entry.msgstr_plural) != locale.nplurals:
            raise InputError(
                f"{len(theirs_entry.msgstr_plural)} plural forms, {locale.code} has {locale.nplurals}",
                str(returned_po), theirs_entry.linenum,
            )
        if not has_translation(theirs_entry) or state_hash(theirs_entry) == state_hash(ours):
            result.unchanged += 1
            continue
        base = _recorded_base(theirs_entry) or base_states.get(key)
        if base is not None:
            result.base = "export" if _recorded_base(theirs_entry) else "file"
            translator_changed = state_hash(theirs_entry) != base
            project_changed = state_hash(ours) != base
        else:
            translator_changed = True
            same_text = _forms(theirs_entry) == _forms(ours)
            if same_text:
                # Only the fuzzy flag differs: a review counts, a stale flag does not.
                translator_changed = "fuzzy" not in theirs_entry.flags
            project_changed = has_translation(ours) and not same_text
        if not translator_changed:
            result.project_newer.append(key)
            continue
        if project_changed:
            took = "theirs" if theirs else "ours"
            result.conflicts.append(Conflict(key[0], key[1], display(ours), display(theirs_entry), took))
            if theirs:
                _take(ours, theirs_entry)
            continue
        (result.updated if has_translation(ours) else result.added).append(key)
        _take(ours, theirs_entry)

    if check is not None:
        result.checked = True
        if result.changed:
            errors = _new_errors(check, read_po(project_po), project)
            if errors:
                listing = "\n".join(f"  {f.location()}: [{f.check}] {f.message}" for f in errors)
                raise InputError(
                    f"the merged catalogue fails the catalogue checks; nothing was written:\n{listing}",
                    str(project_po),
                )
    if result.changed and not dry_run:
        project.metadata["PO-Revision-Date"] = now_stamp()
        translator = returned.metadata.get("Last-Translator")
        if translator:
            project.metadata["Last-Translator"] = translator
        result.written = write_po(project, project_po)
    return result
