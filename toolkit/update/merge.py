"""Merging a template (.pot) into a locale's catalogue (.po): ``toolkit update``.

The rules follow GNU msgmerge, with one promise kept strictly: no translation
is ever dropped.  Every translation of the old catalogue ends up in a live
entry (an exact match, or a fuzzy one with its previous msgid as ``#| msgid``)
or as an obsolete ``#~`` entry.

Fuzzy matching uses rapidfuzz's normalized Indel similarity (the same measure
as msgmerge's ``fstrcmp``), but only between template entries that found no
exact match and old translations that lost theirs, with a one-to-one
assignment (best pairs first).  That is what makes it both fast (thousands by
thousands, not the whole catalogue) and accurate: a reworded message gets the
translation of the message it was reworded from, not of a still-live sibling.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from ..po.catalog import (
    WRAP_WIDTH, entry_key, has_translation, new_catalog, read_po, set_locale_header, translations_of, write_po,
)
from ..locales import Locale

DEFAULT_CUTOFF = 0.6
"""Least similarity (0 to 1) for a fuzzy match; msgmerge's threshold too."""

# How many best candidates each unmatched message keeps per round of the
# one-to-one assignment; more rounds run for messages whose candidates were
# all claimed by better pairs.
_TOP = 4
# Ranking, not eligibility: among similar candidates prefer the one in the
# same msgctxt and with the same singular/plural shape.
_CONTEXT_PENALTY = 5.0
_SHAPE_PENALTY = 2.0


@dataclass
class MergeStats:
    """What a merge did: template entries matched exactly, matched fuzzily
    (including exact msgids whose plural shape changed), new; and obsolete
    entries in the result (of which ``revived`` were brought back from ``#~``
    into live entries, counted in exact or fuzzy)."""

    exact: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    revived: int = 0

    def __add__(self, other: "MergeStats") -> "MergeStats":
        return MergeStats(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.exact, self.fuzzy, self.new, self.obsolete, self.revived)


def _template_owned(flag: str) -> bool:
    """Flags the extractor decides (format, range, wrapping); the rest are the translator's."""
    return flag.endswith("-format") or flag.startswith("range:") or flag in ("wrap", "no-wrap")


def _flags(template: polib.POEntry, old: polib.POEntry | None, fuzzy: bool) -> list[str]:
    flags = ["fuzzy"] if fuzzy else []
    flags += [f for f in template.flags if f != "fuzzy"]
    if old is not None:
        flags += [f for f in old.flags if f != "fuzzy" and not _template_owned(f)]
    return list(dict.fromkeys(flags))


def _carry_msgstr(entry: polib.POEntry, old: polib.POEntry, nplurals: int) -> bool:
    """Copy old's translation into ``entry`` (shaped like the template).

    Returns True when the singular/plural shape changed, which makes the
    entry fuzzy: a singular translation is copied into every plural form and
    a plural one keeps its first form, as msgmerge does.
    """
    old_plural = bool(old.msgid_plural)
    if entry.msgid_plural:
        if old_plural:
            forms = dict(old.msgstr_plural)
            for index in range(nplurals):
                forms.setdefault(index, "")
            entry.msgstr_plural = dict(sorted(forms.items()))
            return old.msgid_plural != entry.msgid_plural
        entry.msgstr_plural = {index: old.msgstr for index in range(nplurals)}
        return True
    if old_plural:
        entry.msgstr = old.msgstr_plural.get(0, "") if old.msgstr_plural else ""
        return True
    entry.msgstr = old.msgstr
    return False


def _live_entry(template: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=template.msgid,
        msgctxt=template.msgctxt,
        msgid_plural=template.msgid_plural,
        comment=template.comment,
        occurrences=list(template.occurrences),
    )


def _new_entry(template: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = _live_entry(template)
    entry.tcomment = template.tcomment
    entry.flags = _flags(template, None, False)
    if template.msgid_plural:
        entry.msgstr_plural = {index: "" for index in range(nplurals)}
    return entry


def _set_previous(entry: polib.POEntry, old: polib.POEntry) -> None:
    """``#| msgid``: the source the carried translation was made for."""
    if "fuzzy" in old.flags and old.previous_msgid is not None:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    else:
        entry.previous_msgctxt = old.msgctxt
        entry.previous_msgid = old.msgid
        entry.previous_msgid_plural = old.msgid_plural or None


def _exact_entry(template: polib.POEntry, old: polib.POEntry, nplurals: int) -> tuple[polib.POEntry, bool]:
    entry = _live_entry(template)
    entry.tcomment = old.tcomment
    shape_changed = _carry_msgstr(entry, old, nplurals)
    was_fuzzy = "fuzzy" in old.flags
    entry.flags = _flags(template, old, was_fuzzy or shape_changed)
    if shape_changed:
        _set_previous(entry, old)
    elif was_fuzzy:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    return entry, shape_changed


def _fuzzy_entry(template: polib.POEntry, old: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = _live_entry(template)
    entry.tcomment = old.tcomment
    _carry_msgstr(entry, old, nplurals)
    entry.flags = _flags(template, old, True)
    _set_previous(entry, old)
    return entry


def _obsolete_entry(old: polib.POEntry) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=old.msgid,
        msgctxt=old.msgctxt,
        msgid_plural=old.msgid_plural,
        msgstr=old.msgstr,
        msgstr_plural=dict(old.msgstr_plural),
        tcomment=old.tcomment,
        flags=list(old.flags),
        previous_msgctxt=old.previous_msgctxt,
        previous_msgid=old.previous_msgid,
        previous_msgid_plural=old.previous_msgid_plural,
        obsolete=True,
    )
    return entry


def _length_window(length: int, cutoff: float) -> tuple[int, int]:
    """Lengths a string may have and still reach ``cutoff`` similarity with one
    of ``length`` characters: 2*min/(a+b) >= cutoff bounds the ratio of lengths."""
    if cutoff <= 0:
        return 0, math.inf  # type: ignore[return-value]
    low = math.ceil(length * cutoff / (2 - cutoff) - 1e-9)
    high = math.floor(length * (2 - cutoff) / cutoff + 1e-9)
    return low, high


def match_fuzzy(
    queries: list[polib.POEntry], candidates: list[polib.POEntry], cutoff: float = DEFAULT_CUTOFF
) -> dict[int, int]:
    """A one-to-one assignment of query entries to candidate entries by msgid
    similarity (at least ``cutoff``), best pairs first; ties go to the earlier
    query and the earlier candidate.  Returns {query index: candidate index}."""
    threshold = cutoff * 100
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    pending = [q for q in range(len(queries)) if queries[q].msgid]
    while pending:
        free = [c for c in range(len(candidates)) if c not in taken]
        if not free:
            break
        free.sort(key=lambda c: (len(candidates[c].msgid), c))
        lengths = [len(candidates[c].msgid) for c in free]
        texts = [candidates[c].msgid for c in free]
        pairs: list[tuple[float, int, int]] = []
        searched: list[int] = []
        for q in pending:
            query = queries[q]
            low, high = _length_window(len(query.msgid), cutoff)
            start, stop = bisect.bisect_left(lengths, low), bisect.bisect_right(lengths, high)
            if start >= stop:
                continue
            found = process.extract(
                query.msgid, texts[start:stop], scorer=fuzz.ratio, processor=None,
                limit=_TOP, score_cutoff=threshold,
            )
            if found:
                searched.append(q)
            for _text, score, index in found:
                c = free[start + index]
                other = candidates[c]
                rank = score
                if other.msgctxt != query.msgctxt:
                    rank -= _CONTEXT_PENALTY
                if bool(other.msgid_plural) != bool(query.msgid_plural):
                    rank -= _SHAPE_PENALTY
                pairs.append((-rank, q, c))
        pairs.sort()
        progress = False
        for _rank, q, c in pairs:
            if q in assigned or c in taken:
                continue
            assigned[q] = c
            taken.add(c)
            progress = True
        # Queries whose best candidates all went to better pairs look again
        # among the candidates still free.
        pending = [q for q in searched if q not in assigned]
        if not progress:
            break
    return assigned


def merge_catalog(
    template: polib.POFile,
    catalog: polib.POFile,
    locale: Locale,
    *,
    fuzzy: bool = True,
    cutoff: float = DEFAULT_CUTOFF,
) -> tuple[polib.POFile, MergeStats]:
    """Merge ``template`` into ``catalog`` and return a new catalogue and what happened.

    Live entries are the template's, in its order, keyed by (msgctxt, msgid).
    Exact matches keep their translation, translator comments and the
    translator's flags (fuzzy only if they were fuzzy); extracted comments,
    references and format flags come from the template.  With ``fuzzy``, each
    remaining template entry may take the translation of the most similar old
    entry (live or obsolete) that lost its match, marked fuzzy with
    ``#| msgid``.  Every other old translation is kept as an obsolete entry,
    in its old order.  Neither argument is modified.
    """
    nplurals = locale.nplurals
    result = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    result.header = catalog.header
    result.metadata = dict(catalog.metadata) or dict(new_catalog(locale).metadata)
    result.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    set_locale_header(result, locale)
    if template.metadata.get("POT-Creation-Date"):
        result.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    result.encoding = "utf-8"

    old_entries = list(catalog)
    index: dict[tuple[str | None, str], int] = {}
    # Live entries first: an exact match prefers a live entry over a #~ one.
    for position, old in sorted(enumerate(old_entries), key=lambda item: (item[1].obsolete, item[0])):
        index.setdefault(entry_key(old), position)

    stats = MergeStats()
    used: set[int] = set()
    live: list[polib.POEntry | None] = []
    unmatched: list[int] = []
    seen: set[tuple[str | None, str]] = set()
    templates = []
    for source in template:
        key = entry_key(source)
        if source.obsolete or key in seen or key == (None, ""):
            continue
        seen.add(key)
        templates.append(source)
        position = index.get(key)
        if position is None:
            live.append(None)
            unmatched.append(len(templates) - 1)
            continue
        old = old_entries[position]
        used.add(position)
        entry, shape_changed = _exact_entry(source, old, nplurals)
        if shape_changed:
            stats.fuzzy += 1
        else:
            stats.exact += 1
        stats.revived += old.obsolete
        live.append(entry)

    candidates = [
        position for position, old in enumerate(old_entries)
        if position not in used and has_translation(old)
    ]
    if fuzzy and unmatched and candidates:
        pairs = match_fuzzy(
            [templates[t] for t in unmatched], [old_entries[c] for c in candidates], cutoff
        )
        for query, choice in pairs.items():
            position = candidates[choice]
            old = old_entries[position]
            used.add(position)
            live[unmatched[query]] = _fuzzy_entry(templates[unmatched[query]], old, nplurals)
            stats.fuzzy += 1
            stats.revived += old.obsolete

    for position, entry in enumerate(live):
        if entry is None:
            entry = _new_entry(templates[position], nplurals)
            stats.new += 1
        result.append(entry)

    # A key is written once: an input may hold a live entry and a #~ twin
    # (GNU tools reject such a file), and the live one is the current text.
    written = set(seen)
    keep: set[int] = set()
    for position, old in sorted(enumerate(old_entries), key=lambda item: (item[1].obsolete, item[0])):
        key = entry_key(old)
        if position in used or not has_translation(old) or key in written:
            continue
        written.add(key)
        keep.add(position)
    for position, old in enumerate(old_entries):
        if position in keep:
            result.append(_obsolete_entry(old))
            stats.obsolete += 1
    return result, stats


def update_file(
    template_path: Path | str,
    po_path: Path | str,
    locale: Locale,
    *,
    fuzzy: bool = True,
    cutoff: float = DEFAULT_CUTOFF,
) -> MergeStats:
    """Merge the template at ``template_path`` into the catalogue at ``po_path``
    in place (atomically; an unchanged result leaves the file untouched).
    A missing catalogue starts empty.  Raises InputError for a broken file."""
    template = read_po(template_path)
    po_path = Path(po_path)
    catalog = read_po(po_path) if po_path.exists() else new_catalog(locale, template=template)
    merged, stats = merge_catalog(template, catalog, locale, fuzzy=fuzzy, cutoff=cutoff)
    write_po(merged, po_path)
    return stats
