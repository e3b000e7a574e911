"""Languages by tag and by name: the parts of a BCP 47 tag and the script a bare
language subtag implies, the languages written in both scripts, and each
language's name in itself as CLDR spells it (what a language list shows)."""

from __future__ import annotations

from functools import lru_cache

import babel

from ...locales import UnknownLocaleError, get_locale
from .document import BCP47, normalize

# -- language tags ------------------------------------------------------------------


def tag_parts(value: str) -> tuple[str, str | None, str | None]:
    match = BCP47.match(value)
    if not match:
        return value.lower(), None, None
    return ((match["language"] or match["long"] or "").lower(),
            match["script"].title() if match["script"] else None,
            match["region"].upper() if match["region"] else None)


@lru_cache(maxsize=None)
def implied_script(language: str) -> str | None:
    """The script a bare language subtag stands for (``sr`` is Cyrillic, ``en`` Latin)."""
    try:
        return get_locale(language).script
    except (UnknownLocaleError, ValueError):
        return None


# Languages written in Cyrillic and in Latin: a word in the other script is a slip.
DIGRAPHIC = frozenset({"sr", "cnr", "bs", "sh", "uz", "az", "kk", "tk", "mn"})


# -- languages' names in themselves -------------------------------------------------


@lru_cache(maxsize=None)
def _cldr_autonym(name: str) -> str | None:
    try:
        parsed = babel.Locale.parse(name)
    except (babel.UnknownLocaleError, ValueError):
        return None
    return parsed.get_display_name(parsed) or None


@lru_cache(maxsize=1)
def _all_autonyms() -> frozenset[str]:
    """Every language's name in itself (CLDR), casefolded: what a language list shows.

    Each name is what ``get_display_name`` gives for a locale in itself, read from
    the raw CLDR files along the locale's chain of parents: merging every locale's
    whole data (what ``babel.Locale`` does) would take seconds and keep all of it."""
    from babel.localedata import locale_identifiers

    names = set(n.casefold() for n in AUTONYM_EXTRA)
    try:
        for identifier in locale_identifiers():
            if identifier.count("_") > 1:
                continue
            name = _raw_autonym(identifier)
            if name:
                names.add(name.casefold())
                names.add(name.split(" (")[0].casefold())
    finally:
        _RAW_CLDR.clear()
    return frozenset(names)


_RAW_CLDR: dict[str, dict] = {}


def _raw_cldr(name: str) -> dict:
    """One CLDR file's own data, without what it inherits (not babel's cache:
    it keeps merged data under the same names)."""
    data = _RAW_CLDR.get(name)
    if data is None:
        import pickle

        from babel.localedata import resolve_locale_filename

        with open(resolve_locale_filename(name), "rb") as handle:
            loaded = pickle.load(handle)
        data = _RAW_CLDR[name] = {table: loaded.get(table, {}) for table in _NAME_TABLES}
    return data


_NAME_TABLES = ("languages", "scripts", "territories", "variants")


def _cldr_parent(name: str) -> str | None:
    """The locale ``name`` inherits from, as babel's loader chains them."""
    from babel import localedata
    from babel.core import get_global

    if name == "root":
        return None
    parent = get_global("parent_exceptions").get(name)
    if parent:
        return parent
    non_likely = getattr(localedata, "_is_non_likely_script", None)
    if non_likely is not None and non_likely(name):
        return "root"
    parts = name.split("_")
    return "root" if len(parts) == 1 else "_".join(parts[:-1])


def _cldr_lookup(name: str, table: str, key: str | None) -> str | None:
    """``table[key]`` of a locale's merged data: its own value, else its parents'."""
    if not key:
        return None
    current: str | None = name
    while current is not None:
        value = _raw_cldr(current).get(table, {}).get(key)
        if value is not None:
            return value if isinstance(value, str) else None
        current = _cldr_parent(current)
    return None


def _raw_autonym(identifier: str) -> str | None:
    """``_cldr_autonym(identifier)`` from the raw files (see :func:`_all_autonyms`)."""
    try:
        language, territory, script, variant, *rest = babel.core.parse_locale(identifier)
    except ValueError:
        return None
    modifier = rest[0] if rest else None
    name = babel.core.get_locale_identifier((language, territory, script, variant, modifier))
    try:
        retval = _cldr_lookup(name, "languages", language)
    except OSError:
        return None
    if retval and (territory or script or variant):
        details = []
        if script:
            details.append(_cldr_lookup(name, "scripts", script))
        if territory:
            details.append(_cldr_lookup(name, "territories", territory))
        if variant:
            details.append(_cldr_lookup(name, "variants", variant))
        if modifier:
            details.append(modifier)
        detail_string = ", ".join(atom for atom in details if atom)
        if detail_string:
            retval += f" ({detail_string})"
    return retval


AUTONYM_EXTRA = ("Srpski", "Crnogorski", "Bosanski", "Hrvatski", "Shqip", "Македонски", "Српски")


def is_autonym(text: str) -> bool:
    text = normalize(text).casefold()
    return 0 < len(text) <= 40 and text in _all_autonyms()
