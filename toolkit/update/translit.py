"""Serbian (and Montenegrin) Cyrillic to Latin, for text and whole catalogues.

The table is the standard one-to-one Serbian correspondence; Љ, Њ and Џ become
two Latin letters, written all capitals (LJ, NJ, DŽ) when a neighbouring letter
is upper case and title case (Lj, Nj, Dž) otherwise.  Montenegrin С́ and З́ (a
Cyrillic letter followed by a combining acute) become Ś and Ź after
normalisation to NFC.

Only human-readable text is transliterated.  Placeholders, HTML tag and
attribute names, machine-read attribute values, URLs, e-mail addresses and
glossary terms that must not be translated are found by regular expressions
and copied through unchanged.

Catalogues: ``sr_Latn`` is derived from ``sr`` (translators edit only the
Cyrillic).  To override one derived entry by hand, edit it in the ``sr_Latn``
catalogue and add the flag ``#, toolkit-override``: the next derivation keeps
its msgstr.  The derivation records a hash of the Cyrillic msgstr the override
was made against in a translator comment (``# toolkit-override-source: <hash>``);
when the Cyrillic changes later, the override is kept but marked fuzzy so a
person looks at it again (and removes the fuzzy flag once it is right).
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Iterable

import polib

from ..po.catalog import entry_key, new_catalog, read_po, set_locale_header, write_po
from ..locales import Locale

OVERRIDE_FLAG = "toolkit-override"
OVERRIDE_SOURCE = "toolkit-override-source:"

_CYR_TO_LAT = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
    "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
    "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
    "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š",
}
_CYR_TO_LAT.update({k.lower(): v.lower() for k, v in list(_CYR_TO_LAT.items())})
_DIGRAPH_CAPITALS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}

# Attributes whose values people read (or hear, through a screen reader).  Every
# other attribute value (href, src, id, class, for, name, type, rel, lang,
# hreflang, data-*, value, ...) is machine-read and left alone.
HUMAN_ATTRIBUTES = frozenset({
    "title", "alt", "aria-label", "aria-description", "aria-roledescription",
    "aria-valuetext", "aria-placeholder", "placeholder", "label", "summary",
})

_PROTECTED = re.compile(
    r"""
      (?P<tag><(?:!--.*?--|/?[A-Za-z][^<>]*)>)                 # HTML tag or comment
    | (?P<url>\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>"']+)
    | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<jinja>\{\{.*?\}\}|\{%.*?%\})
    | (?P<format>\{[^{}\s]*\})                                 # {name}, {0}, {}, {x!r:>4}
    | (?P<printf>%(?:\([^()]*\))?[-\#0 +']*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlLqjzt]*[diouxXeEfFgGcrsa%])
    """,
    re.VERBOSE | re.DOTALL,
)
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'<>/=]+)(?:(?P<eq>\s*=\s*)(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+))?"""
)


def _is_upper_letter(char: str) -> bool:
    return char.isalpha() and char.isupper()


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1), combining marks skipped."""
    index += step
    while 0 <= index < len(text) and unicodedata.combining(text[index]):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _letters(text: str, start: int, end: int) -> str:
    """Transliterate text[start:end]; neighbours outside the span still decide digraph case."""
    out = []
    for index in range(start, end):
        char = text[index]
        if char in _DIGRAPH_CAPITALS:
            if _is_upper_letter(_neighbour(text, index, -1)) or _is_upper_letter(_neighbour(text, index, 1)):
                out.append(_DIGRAPH_CAPITALS[char])
            else:
                out.append(_CYR_TO_LAT[char])
        else:
            out.append(_CYR_TO_LAT.get(char, char))
    return unicodedata.normalize("NFC", "".join(out))


def _keep_pattern(keep: Iterable[str]) -> re.Pattern | None:
    terms = sorted({term for term in keep if term}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")(?!\w)")


def _protected_spans(text: str, keep_re: re.Pattern | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every span that must not change, in order, non-overlapping."""
    spans = [(m.start(), m.end(), m.lastgroup or "") for m in _PROTECTED.finditer(text)]
    if keep_re is not None:
        for match in keep_re.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), "keep"))
        spans.sort()
    return spans


def _convert(text: str, keep_re: re.Pattern | None, letters) -> str:
    out = []
    position = 0
    for start, end, kind in _protected_spans(text, keep_re):
        out.append(letters(text, position, start))
        if kind == "tag":
            out.append(_convert_tag(text, start, end, keep_re, letters))
        else:
            out.append(text[start:end])
        position = end
    out.append(letters(text, position, len(text)))
    return "".join(out)


def _convert_tag(text: str, start: int, end: int, keep_re, letters) -> str:
    """Inside a tag only the values of human-read attributes change."""
    tag = text[start:end]
    if tag.startswith("<!--"):
        return tag
    out = []
    position = 0
    name_end = re.match(r"</?[A-Za-z][^\s/>]*", tag).end()
    for match in _ATTRIBUTE.finditer(tag, name_end):
        value = match.group("value")
        if value is None or match.group("name").lower() not in HUMAN_ATTRIBUTES:
            continue
        quoted = value[:1] in "\"'"
        value_start = match.start("value") + (1 if quoted else 0)
        value_end = match.end("value") - (1 if quoted else 0)
        out.append(tag[position:value_start])
        # Entities and placeholders inside a title stay as they are.
        out.append(_convert(tag[value_start:value_end], keep_re, letters))
        position = value_end
    out.append(tag[position:])
    return "".join(out)


def cyrillic_to_latin(text: str, *, keep: Iterable[str] = ()) -> str:
    """Serbian/Montenegrin Cyrillic to Latin, leaving placeholders, markup and ``keep`` terms alone."""
    return _convert(text, _keep_pattern(keep), _letters)


# -- Latin to Cyrillic --------------------------------------------------------
# Not automatic: "konjunkcija" has n+j, not nj, and "nadživeti" has d+ž.  Output
# of this direction is for review only; catalogues mark it fuzzy.

_LAT_TO_CYR = {v: k for k, v in _CYR_TO_LAT.items() if len(v) == 1}
_LAT_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
# Word beginnings where the two letters belong to different morphemes.
_SPLIT_PREFIXES = ("nadž", "podž", "odžal", "predž", "injek", "konjun", "konjug", "tanjug")
_WORD = re.compile(r"[^\W\d_]+")


def _latin_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    lower = word.lower()
    split_after = set()
    for prefix in _SPLIT_PREFIXES:
        if lower.startswith(prefix):
            # Mark the digraph inside the prefix as two letters.
            for digraph in _LAT_DIGRAPHS:
                at = prefix.find(digraph)
                if at >= 0:
                    split_after.add(at)
    out = []
    index = 0
    while index < len(word):
        pair = lower[index:index + 2]
        if pair in _LAT_DIGRAPHS and index not in split_after:
            letter = _LAT_DIGRAPHS[pair]
            out.append(letter.upper() if word[index].isupper() else letter)
            index += 2
            continue
        char = word[index]
        if char in "ŚśŹź":
            base = {"Ś": "С", "ś": "с", "Ź": "З", "ź": "з"}[char]
            out.append(base + "\u0301")
        else:
            out.append(_LAT_TO_CYR.get(char, char))
        index += 1
    return "".join(out)


def _latin_letters(text: str, start: int, end: int) -> str:
    return _WORD.sub(lambda m: _latin_word(m.group(0)), text[start:end])


def latin_to_cyrillic(text: str, *, keep: Iterable[str] = ()) -> str:
    """Serbian Latin to Cyrillic, conservatively; the result needs review."""
    return _convert(text, _keep_pattern(keep), _latin_letters)


# -- catalogues ------------------------------------------------------------------


def source_hash(entry: polib.POEntry) -> str:
    """A short hash of an entry's Cyrillic translation (all plural forms)."""
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    else:
        forms = [entry.msgstr]
    return hashlib.sha1("\x00".join(forms).encode("utf-8")).hexdigest()[:12]


def _recorded_hash(entry: polib.POEntry) -> str | None:
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(OVERRIDE_SOURCE):
            return line.strip()[len(OVERRIDE_SOURCE):].strip()
    return None


def _with_recorded_hash(tcomment: str, digest: str) -> str:
    lines = [line for line in (tcomment or "").splitlines() if not line.strip().startswith(OVERRIDE_SOURCE)]
    lines.append(f"{OVERRIDE_SOURCE} {digest}")
    return "\n".join(lines)


def _transliterated_entry(entry: polib.POEntry, convert) -> polib.POEntry:
    derived = copy.deepcopy(entry)
    if entry.msgid_plural:
        derived.msgstr_plural = {index: convert(form) for index, form in entry.msgstr_plural.items()}
    else:
        derived.msgstr = convert(entry.msgstr)
    return derived


def _override_entry(source: polib.POEntry, override: polib.POEntry) -> polib.POEntry:
    derived = copy.deepcopy(source)
    derived.msgstr = override.msgstr
    derived.msgstr_plural = dict(override.msgstr_plural)
    derived.flags = list(override.flags)
    for flag in source.flags:
        if flag not in derived.flags and flag != "fuzzy":
            derived.flags.append(flag)
    digest = source_hash(source)
    recorded = _recorded_hash(override)
    stale = (recorded is not None and recorded != digest) or "fuzzy" in source.flags
    if stale and "fuzzy" not in derived.flags:
        derived.flags.insert(0, "fuzzy")
    derived.tcomment = _with_recorded_hash(override.tcomment, digest)
    return derived


def transliterate_catalog(
    source: polib.POFile,
    previous: polib.POFile | None,
    locale: Locale,
    *,
    keep: Iterable[str] = (),
) -> polib.POFile:
    """Derive the Latin catalogue from the Cyrillic one.

    Every entry is transliterated (msgstr and plural forms) with its flags,
    fuzzy included; entries of ``previous`` flagged ``toolkit-override`` keep
    their msgstr (see the module docstring).  The header is the source's, with
    the locale's Language and Plural-Forms.
    """
    keep_re = _keep_pattern(keep)

    def convert(text: str) -> str:
        return _convert(text, keep_re, _letters)

    overrides: dict[tuple[str | None, str], polib.POEntry] = {}
    if previous is not None:
        overrides = {entry_key(e): e for e in previous if OVERRIDE_FLAG in e.flags and not e.obsolete}
    derived = new_catalog(locale)
    derived.metadata = dict(source.metadata)
    derived.metadata_is_fuzzy = source.metadata_is_fuzzy
    derived.header = source.header
    set_locale_header(derived, locale)
    seen = set()
    for entry in source:
        key = entry_key(entry)
        override = overrides.get(key) if not entry.obsolete else None
        if override is not None and bool(override.msgid_plural) == bool(entry.msgid_plural):
            derived.append(_override_entry(entry, override))
        else:
            derived.append(_transliterated_entry(entry, convert))
        seen.add(key)
    # An override whose msgid left the source is hand work: kept, as obsolete.
    for key, override in overrides.items():
        if key not in seen:
            leftover = copy.deepcopy(override)
            leftover.obsolete = True
            derived.append(leftover)
    return derived


def _entry_state(entry: polib.POEntry) -> tuple:
    return (
        entry.obsolete,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        tuple(entry.flags),
        entry.tcomment,
    )


def derive_file(
    sr_po_path: Path | str,
    latn_po_path: Path | str,
    locale: Locale,
    *,
    keep: Iterable[str] = (),
) -> int:
    """Derive ``latn_po_path`` from ``sr_po_path`` and write it atomically.

    Returns how many entries differ from what the Latin file held before (new
    entries included).
    """
    source = read_po(sr_po_path)
    latn_po_path = Path(latn_po_path)
    previous = read_po(latn_po_path) if latn_po_path.exists() else None
    derived = transliterate_catalog(source, previous, locale, keep=keep)
    before = {}
    if previous is not None:
        before = {(entry_key(e), e.obsolete): _entry_state(e) for e in previous}
    changed = sum(
        1 for e in derived if before.get((entry_key(e), e.obsolete)) != _entry_state(e)
    )
    write_po(derived, latn_po_path)
    return changed


def glossary_keep_terms(i18n_dir: Path | str) -> list[str]:
    """The ``do-not-translate`` terms of ``i18n/glossary.yaml`` (or ``.yml``), if there is one."""
    import yaml

    from ..errors import InputError

    for name in ("glossary.yaml", "glossary.yml"):
        path = Path(i18n_dir) / name
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(f"not valid YAML: {getattr(error, 'problem', error)}", str(path),
                             mark.line + 1 if mark else None) from error
        terms = (data or {}).get("do-not-translate", []) if isinstance(data, dict) else []
        if not isinstance(terms, list):
            raise InputError("do-not-translate must be a list", str(path))
        # Entries may be plain strings or mappings with a "term" key.
        return [t["term"] if isinstance(t, dict) else str(t) for t in terms if t]
    return []


def derive_project(config) -> dict[Path, int]:
    """Derive every ``[tool.toolkit.derived]`` pair for every domain whose source
    catalogue exists; returns {written path: entries changed}."""
    from ..config import DOMAINS

    keep = glossary_keep_terms(config.path(config.i18n_dir))
    changed: dict[Path, int] = {}
    for target, origin in config.derived.items():
        locale = config.locale(target)
        for domain in DOMAINS:
            source = config.po_path(origin, domain)
            if source.is_file():
                out = config.po_path(target, domain)
                changed[out] = derive_file(source, out, locale, keep=keep)
    return changed
