"""Suggestions from sibling languages.

Bosnian, Croatian, Montenegrin and Serbian (Latin) share most of their
vocabulary, so a translation in one is a good first draft in another.  A
suggestion always goes in fuzzy, with a translator comment naming its source
locale: a person must confirm it, and compiling leaves it out until then.
"""

from __future__ import annotations

from typing import Iterable

import polib

from ..po.catalog import entry_key, has_translation, is_translated
from ..locales import parse_nplurals

SIBLING_ORDER = ("hr", "bs", "cnr", "sr_Latn")
SUGGESTION_NOTE = "suggested from {locale}"


def _nplurals(catalog: polib.POFile) -> int | None:
    try:
        return parse_nplurals(catalog.metadata.get("Plural-Forms", ""))
    except ValueError:
        return None


def _is_empty(entry: polib.POEntry) -> bool:
    """A live, non-fuzzy entry with no translation: the only kind a suggestion may fill."""
    return not (entry.obsolete or "fuzzy" in entry.flags or has_translation(entry))


def suggest_from_siblings(
    catalogs: dict[str, polib.POFile],
    target: str,
    order: Iterable[str] = SIBLING_ORDER,
) -> int:
    """Fill each untranslated entry of ``catalogs[target]`` from the first sibling
    in ``order`` that has it translated (same msgctxt and msgid), as a fuzzy
    entry with a translator comment naming the sibling.  Entries already
    translated or fuzzy are left alone.  Returns how many entries were filled.
    """
    catalog = catalogs[target]
    wanted_forms = _nplurals(catalog)
    siblings = []
    for code in order:
        if code == target or code not in catalogs:
            continue
        sibling = catalogs[code]
        index = {entry_key(e): e for e in sibling if is_translated(e)}
        siblings.append((code, _nplurals(sibling), index))
    filled = 0
    for entry in catalog:
        if not _is_empty(entry):
            continue
        for code, forms, index in siblings:
            found = index.get(entry_key(entry))
            if found is None or bool(found.msgid_plural) != bool(entry.msgid_plural):
                continue
            if entry.msgid_plural:
                # Plural forms only carry over between identical plural rules.
                if forms != wanted_forms or len(found.msgstr_plural) != wanted_forms:
                    continue
                entry.msgstr_plural = dict(found.msgstr_plural)
            else:
                entry.msgstr = found.msgstr
            if "fuzzy" not in entry.flags:
                entry.flags.insert(0, "fuzzy")
            note = SUGGESTION_NOTE.format(locale=code)
            entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
            filled += 1
            break
    return filled
