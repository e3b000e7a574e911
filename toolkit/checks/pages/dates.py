"""Dates: no English day or month name on a localized page, and each date the
English page shows written as the page's locale writes it (CLDR's forms)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterator

import babel
from babel.dates import format_date, get_day_names, get_month_names
from lxml import etree

from ...findings import Finding
from ...locales import Locale
from ..registry import check, finding
from .document import PageDoc, _per_page, element_text, normalize
from .site import Site

# -- dates --------------------------------------------------------------------------

_ENGLISH = "en"


@lru_cache(maxsize=None)
def names_of(locale_name: str) -> dict[str, int | str]:
    """Every month and day name of a CLDR locale (all widths, both contexts), casefolded."""
    names: dict[str, int | str] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, locale_name).items():
                names.setdefault(name.casefold().rstrip("."), number)
            for number, name in get_day_names(width, context, locale_name).items():
                names.setdefault(name.casefold().rstrip("."), f"day{number}")
    return names


@lru_cache(maxsize=None)
def english_date_words(locale: Locale) -> re.Pattern:
    """English month and day names that are not also ``locale``'s own words.

    Abbreviations ("Dec") count only next to a number, where they are dates."""
    local = names_of(locale.cldr)
    english = babel.Locale.parse(_ENGLISH)
    wide = set(english.months["format"]["wide"].values()) | set(english.days["format"]["wide"].values())
    short = set(english.months["format"]["abbreviated"].values()) | set(english.days["format"]["abbreviated"].values())
    wide = sorted((w for w in wide if w.casefold() not in local), key=len, reverse=True)
    short = sorted((w for w in short if w.casefold() not in local and w not in wide), key=len, reverse=True)
    parts = []
    if wide:
        parts.append(r"\b(?:%s)\b" % "|".join(map(re.escape, wide)))
    if short:
        alternatives = "|".join(map(re.escape, short))
        parts.append(r"\b\d{1,2}\.?\s+(?:%s)\b|\b(?:%s)\.?\s+\d{1,4}\b" % (alternatives, alternatives))
    return re.compile("|".join(parts) or r"(?!)")


@lru_cache(maxsize=None)
def _date_word_hints(locale: Locale) -> tuple[str, ...]:
    """The first three letters of every name :func:`english_date_words` looks for."""
    english = babel.Locale.parse(_ENGLISH)
    names = set()
    for width in ("wide", "abbreviated"):
        names.update(english.months["format"][width].values())
        names.update(english.days["format"][width].values())
    return tuple(sorted({name[:3] for name in names}))


@lru_cache(maxsize=1)
def _english_date_pattern() -> tuple[re.Pattern, dict[str, int]]:
    months = {name: number for name, number in names_of("en").items() if isinstance(number, int)}
    alternatives = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{alternatives})\.?,?\s+(?P<y1>\d{{4}})\b"
        rf"|\b(?P<m2>{alternatives})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})\b",
        re.IGNORECASE,
    )
    return pattern, months


_YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=1 << 14)
def english_dates(text: str) -> tuple[tuple[dt.date, str], ...]:
    """Dates written out in English in ``text`` ("1 December 2020", "December 1, 2020");
    remembered: a site's runs of text recur on its pages."""
    if not _YEAR.search(text):
        return ()
    pattern, months = _english_date_pattern()
    found = []
    for match in pattern.finditer(text):
        day = match["d1"] or match["d2"]
        month = months[(match["m1"] or match["m2"]).casefold()]
        year = match["y1"] or match["y2"]
        try:
            found.append((dt.date(int(year), month, int(day)), match.group(0)))
        except ValueError:
            continue
    return tuple(found)


def time_date(element: etree._Element) -> dt.date | None:
    value = (element.get("datetime") or element_text(element)).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def shows_date(text: str, day: dt.date, locale: Locale) -> bool:
    """Whether ``text`` shows ``day`` as ``locale`` writes it (see :func:`date_pattern`).

    Every form holds the year's last two digits: only the text around them is searched."""
    pattern, needle = date_pattern(day, locale)
    if needle is None:
        return pattern.search(text) is not None
    # A date is shorter than the window on either side of its year; the search
    # starts inside the text, so a look-behind still sees the digit before.
    at = text.find(needle)
    while at >= 0:
        if pattern.search(text, max(0, at - _DATE_WINDOW), at + _DATE_WINDOW):
            return True
        at = text.find(needle, at + 1)
    return False


_DATE_WINDOW = 80


@lru_cache(maxsize=4096)
def date_pattern(day: dt.date, locale: Locale) -> tuple[re.Pattern, str | None]:
    """``day`` as the region writes it: "1. децембра 2020.", "1 dhjetor 2020",
    "1.12.2020." or CLDR's own forms.  Month names match by stem, so the
    genitive of running text ("новембра") counts as CLDR's "новембар"."""
    from ..glossary import stem

    months = {name for name, number in names_of(locale.cldr).items() if number == day.month}
    stems = sorted({re.escape(stem(name)) for name in months if len(name) > 2}, key=len, reverse=True)
    month = r"(?:%s)\w*\.?" % "|".join(stems) if stems else r"(?!)"
    d, m, y = rf"0?{day.day}", rf"0?{day.month}", str(day.year)
    forms = [
        rf"(?<!\d){d}\.?\s*{month},?\s*{y}",
        rf"{month}\s+{d}\.?,?\s+{y}",
        rf"(?<!\d){d}\s*[./-]\s*{m}\s*[./-]\s*{y}",
        rf"{y}-{day.month:02d}-{day.day:02d}",
    ]
    written = [normalize(format_date(day, form, locale=locale.cldr)) for form in ("short", "medium", "long", "full")]
    forms.extend(map(re.escape, written))
    # The year's last two digits are in every form (not in CLDR's with other digits).
    needle = f"{day.year % 100:02d}"
    return re.compile("|".join(forms), re.IGNORECASE), needle if all(needle in w for w in written) else None


@_per_page
def dates_shown(page: PageDoc) -> dict[dt.date, tuple[etree._Element, str]]:
    """Dates an English page shows: its <time> elements and dates written out."""
    shown: dict[dt.date, tuple[etree._Element, str]] = {}
    for element in page.body.iter("time"):
        day = time_date(element)
        if day:
            shown.setdefault(day, (element, element_text(element)))
    for node in page.text_nodes:
        for day, label in english_dates(node.text):
            shown.setdefault(day, (node.element, label))
    return shown


@check("dates", "pages", "error",
       "no English day or month names on a localized page; each date of the English page shown in the page's language")
def check_dates(page: PageDoc, site: Site) -> Iterator[Finding]:
    if site.is_source(page) or page.locale.language == "en":
        return
    pattern = english_date_words(page.locale)
    scope = list(page.in_scope())
    # Runs joined by line breaks match wherever one run does (at least), and a match
    # holds the first letters of a name: most pages have no English date word at all.
    joined = "\n".join(n.text for n in scope)
    hinted = any(hint in joined for hint in _date_word_hints(page.locale))
    for node in (scope if hinted and pattern.search(joined) else ()):
        found = sorted({m.group(0) for m in pattern.finditer(node.text)})
        if found:
            yield finding("dates", f"English date words on a {page.locale.code} page: {', '.join(found)}",
                                **page.where(node.element))
    english = site.counterpart(page)
    if english is None:
        return
    shown = dates_shown(english)
    if not shown:
        return
    text = " ".join(n.normal for n in scope)
    # A date inside a declared English fallback is there, in English, on purpose.
    declared = {day for n in page.text_nodes if n.own_lang for day, _ in english_dates(n.normal)}
    times = None
    for day, (element, label) in sorted(shown.items()):
        if day in declared or shows_date(text, day, page.locale):
            continue
        if times is None:
            times = [e for e in page.body.iter("time") if page.own_lang(e) is None]
        yield finding("dates", 
            f"{english.display}:{element.sourceline} shows the date {label!r}; {page.display} does not show "
            f"{day.isoformat()} in {page.locale.code} (e.g. {format_date(day, 'long', locale=page.locale.cldr)!r})",
            **page.where(next((t for t in times if time_date(t) == day), times[0] if times else page.body),
                         counterpart=english.display))
