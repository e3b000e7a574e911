"""Reading and writing a catalogue loses nothing.

(``update`` never losing a translation is a property in test_merge.py, and
transliteration never changing placeholders or tags one in test_translit.py.)
"""

from __future__ import annotations

import polib
from hypothesis import HealthCheck, given, settings

from tests.po.strategies import catalogs
from toolkit.po.catalog import dump_po, parse_po


def model(entry: polib.POEntry) -> dict:
    """What an entry means; the writer's normalisations are applied to the expectation."""
    translated = bool(entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr)
    flags = {f for f in entry.flags if f != "wrap"}
    if not translated:
        flags.discard("fuzzy")  # gettext keeps fuzzy only on a translated entry
    if entry.obsolete:
        flags = {f for f in flags if not f.startswith("range:")}  # and no range on an obsolete one
    return {
        "msgctxt": entry.msgctxt, "msgid": entry.msgid, "msgid_plural": entry.msgid_plural or None,
        "msgstr": entry.msgstr if not entry.msgid_plural else None,
        "msgstr_plural": dict(entry.msgstr_plural) if entry.msgid_plural else None,
        "tcomment": entry.tcomment, "comment": entry.comment,
        "occurrences": list(dict.fromkeys((p, str(l)) for p, l in entry.occurrences)), "flags": flags,
        "previous": (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
        "obsolete": bool(entry.obsolete),
    }


def has_translation(entry: polib.POEntry) -> bool:
    return any(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_read_after_write_is_the_identity(catalog):
    data = dump_po(catalog)
    again = parse_po(data, "generated.po")
    # Obsolete entries come last, and one without any translation carries nothing.
    expected = [model(e) for e in catalog if not e.obsolete] + [
        model(e) for e in catalog if e.obsolete and has_translation(e)
    ]
    assert [model(e) for e in again] == expected
    assert again.metadata == catalog.metadata
    assert again.header == catalog.header
    assert dump_po(again) == data
