"""The page's declared language: ``<html lang>`` and ``dir`` (and the one finding
for a folder whose text is in the other script than its pages' lang says), the
hreflang alternates, and the language switcher."""

from __future__ import annotations

import collections
import re
from typing import Iterator

import babel
from lxml import etree

from ...findings import Finding
from ...locales import Locale
from ..registry import check, finding
from .document import BCP47, PageDoc, _per_page, element_text
from .names import implied_script, tag_parts
from .site import EXAMPLES, SCRIPT_NAMES, Site, alternates, autonym_locale

# -- html-lang ----------------------------------------------------------------------

def _english_names() -> dict[str, set[str]]:
    english = babel.Locale.parse("en")
    return {"languages": set(english.languages), "scripts": set(english.scripts), "territories": set(english.territories)}


_NAMES = _english_names()


def lang_problems(value: str) -> list[str]:
    """Why ``value`` is not a usable BCP 47 language tag (empty when it is)."""
    match = BCP47.match(value)
    if not match:
        return [f"{value!r} is not a BCP 47 language tag" + (" (use - not _)" if "_" in value else "")]
    problems = []
    language = (match["language"] or match["long"] or "").lower()
    if language and language not in _NAMES["languages"] and language != "cnr":
        problems.append(f"{value!r}: unknown language subtag {language!r}")
    script = match["script"]
    if script and script.title() not in _NAMES["scripts"]:
        problems.append(f"{value!r}: unknown script subtag {script!r}")
    region = match["region"]
    if region and region.upper() not in _NAMES["territories"]:
        problems.append(f"{value!r}: unknown region subtag {region!r}")
    return problems


def _tag_has_script(tag: str) -> bool:
    return tag_parts(tag)[1] is not None


def requires_script(site: "Site") -> bool:
    """The policy that every lang and hreflang names its script (off by default:
    ``sr`` is valid BCP 47 and Cyrillic is its default script)."""
    return bool(getattr(site.config, "script_subtags", False))


@check("html-lang", "pages", "error",
       "<html lang> is present, valid BCP 47 and names the page's locale with its script; dir is valid")
def check_html_lang(page: PageDoc, site: Site) -> Iterator[Finding]:
    html = page.root
    locale = page.locale
    value = html.get("lang")
    if value is None or not value.strip():
        yield finding("html-lang", f"<html> has no lang; expected lang=\"{locale.tag}\"", **page.where(html))
    else:
        value = value.strip()
        problems = lang_problems(value)
        for problem in problems:
            yield finding("html-lang", problem, **page.where(html))
        if not problems:
            language, script, region = tag_parts(value)
            if language != locale.language:
                yield finding("html-lang", f"lang=\"{value}\" on a {locale.code} page; expected lang=\"{locale.tag}\"",
                                        **page.where(html))
            elif said_once(site, locale, language, script):
                pass  # the folder's text is in the other script: one finding for the folder
            elif script is None and implied_script(language) not in (None, locale.script):
                yield finding("html-lang", f"lang=\"{value}\" implies the {implied_script(language)} script, but {locale.code} pages are "
                    f"{locale.script}: lang=\"{locale.tag}\"", **page.where(html))
            elif script is None and requires_script(site) and _tag_has_script(locale.tag):
                yield finding("html-lang", f"lang=\"{value}\" does not say the script; {locale.code} pages are {locale.script}: lang=\"{locale.tag}\"",
                    **page.where(html))
            elif script is not None and script != locale.script:
                yield finding("html-lang", 
                    f"lang=\"{value}\" names the {script} script, but {locale.code} pages are {locale.script}: "
                    f"lang=\"{locale.tag}\"", **page.where(html))
            elif region and locale.region and region != locale.region.upper():
                yield finding("html-lang", f"lang=\"{value}\" names region {region}; expected lang=\"{locale.tag}\"",
                                        **page.where(html))
        xml_lang = html.get("xml:lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang")
        if xml_lang and xml_lang.strip().lower() != value.lower():
            yield finding("html-lang", f"xml:lang=\"{xml_lang}\" differs from lang=\"{value}\"", **page.where(html))
    direction = html.get("dir")
    if direction is not None:
        normalized = direction.strip().lower()
        if normalized not in ("ltr", "rtl", "auto"):
            yield finding("html-lang", f"dir=\"{direction}\" is not ltr, rtl or auto", **page.where(html))
        elif normalized != "auto" and normalized != locale.direction:
            yield finding("html-lang", f"dir=\"{direction}\" but {locale.code} is written {locale.direction}",
                                    **page.where(html))
    elif locale.direction == "rtl":
        yield finding("html-lang", f"<html> has no dir; {locale.code} is written right to left: dir=\"rtl\"",
                                **page.where(html))


# A folder whose text is in the other script than its name says (site.decide_scripts):
# one html-lang finding for the folder, not one a page.


def said_once(site: "Site", locale: Locale, language: str, script: str | None) -> bool:
    """Whether a page's lang contradicts the script its folder's text is written in:
    one finding for the folder (:func:`script_mismatches`), not one a page."""
    return locale.code in site.text_scripts and (script or implied_script(language)) not in (None, locale.script)


def script_mismatches(site: "Site") -> Iterator[Finding]:
    """One warning per folder whose pages' lang says another script than their text."""
    for locale in site.checked:
        if locale.code not in site.text_scripts:
            continue
        folder = site.folders[locale.code]
        wrong: list[str] = []
        values: collections.Counter = collections.Counter()
        for rel in site.pages_of(locale):
            summary = site.summaries.get(f"{folder}/{rel}")
            value = (summary.lang or "").strip() if summary is not None else ""
            if not value or lang_problems(value):
                continue
            language, script, _ = tag_parts(value)
            if language == locale.language and said_once(site, locale, language, script):
                wrong.append(summary.display)
                values[value] += 1
        if not wrong:
            continue
        value = values.most_common(1)[0][0]
        said = tag_parts(value)[1] or implied_script(locale.language)
        yield finding(
            "html-lang",
            f"the {folder}/ pages are written in {SCRIPT_NAMES[locale.script]}, but lang=\"{value}\" says "
            f"{SCRIPT_NAMES.get(said, said)}; expected lang=\"{locale.tag}\" ({len(wrong)} {folder} pages)",
            severity="warning", path=site.display(site.root / folder), locale=locale.code,
            extra={"pages": len(wrong), "examples": wrong[:EXAMPLES], "text_script": locale.script,
                   "lang_values": dict(values)})


# -- hreflang -----------------------------------------------------------------------


@check("hreflang", "pages", "error",
       "hreflang alternates: one per locale plus x-default, reciprocal, each resolving to a page that exists")
def check_hreflang(page: PageDoc, site: Site) -> Iterator[Finding]:
    links = alternates(page)
    if len(site.locales) < 2:
        return
    anchor = page.head if page.head is not None else page.root
    seen: dict[str, etree._Element] = {}
    named: set[str] = set()
    for link in links:
        value = link.get("hreflang", "").strip()
        key = value.lower()
        if key in seen:
            yield finding("hreflang", f"hreflang=\"{value}\" appears twice (also line {seen[key].sourceline})",
                                   **page.where(link))
            continue
        seen[key] = link
        if key != "x-default" and site.locale_for_tag(value) is None:
            problems = lang_problems(value)
            message = problems[0] if problems else f"hreflang=\"{value}\" names no locale of the site"
            yield finding("hreflang", message, **page.where(link))
            continue
        target = site.resolve(page, link.get("href", ""))
        if target.kind != "page" or not site.exists(target.key):
            yield finding("hreflang", f"hreflang=\"{value}\" href=\"{link.get('href', '')}\" leads to no page of the site",
                                   **page.where(link))
            continue
        if key == "x-default":
            continue
        locale = site.locale_for_tag(value)
        named.add(locale.code)
        if site.locale_of(target.key) != locale.code:
            yield finding("hreflang", 
                f"hreflang=\"{value}\" leads to {target.key}, outside the {locale.code} pages ({site.folders[locale.code]}/)",
                **page.where(link))
            continue
        if locale.code == page.locale.code:
            if target.key != page.url:
                yield finding("hreflang", f"the page's own alternate leads to {target.key}, not to itself",
                                       **page.where(link))
            continue
        other = site.summary(target.key)
        if other is not None:
            if not any(key == page.url and site.locale_for_tag(tag) == page.locale for tag, key in other.alternates):
                yield finding("hreflang", 
                    f"not reciprocal: {other.display} does not list {page.display} as its hreflang=\"{page.locale.tag}\"",
                    **page.where(link, counterpart=other.display))
    if not links:
        # One absence, not one per locale: the site-wide summary folds these pages together.
        yield finding("hreflang", "no hreflang alternates: the page names none of its other language versions",
                               severity="warning", **page.where(anchor))
        return
    for locale in site.locales:
        if locale.code not in named:
            yield finding("hreflang", f"no hreflang=\"{locale.tag}\" alternate for {locale.code}", **page.where(anchor))
    if "x-default" not in seen:
        yield finding("hreflang", "no hreflang=\"x-default\" alternate", **page.where(anchor))


# -- language switcher --------------------------------------------------------------


@_per_page
def switcher_links(page: PageDoc, site: "Site | None" = None) -> tuple[etree._Element | None, list[etree._Element]]:
    """The switcher's container and its entries: body links with hreflang; the links
    of a navigation named for languages; a <select> whose options name the site's
    locales; or a group of links whose texts are the locales' autonyms."""
    cache = page.__dict__.setdefault("_switcher", {})
    if "found" not in cache:
        cache["found"] = _find_switcher(page, site)
    return cache["found"]


def _find_switcher(page: PageDoc, site: "Site | None"):
    flagged = page._walk.flagged
    if flagged:
        # The innermost element holding them all.
        chain = list(flagged[0].iterancestors())
        for link in flagged[1:]:
            holders = set(link.iterancestors())
            while chain and chain[0] not in holders:
                chain.pop(0)
        container = chain[0] if chain else None
        return container, [a for a in container.iter("a")] if container is not None else flagged
    for element in page._walk.named:
        marker = " ".join(element.get(a, "") for a in ("class", "id"))
        if re.search(r"lang(?:uage)?[-_]?(?:switch|select|picker|menu|nav)|languages", marker, re.IGNORECASE):
            entries = list(element.iter("a")) or list(element.iter("option"))
            if entries:
                return element, entries
    if site is None:
        return None, []
    for select in page.body.iter("select"):
        options = list(select.iter("option"))
        if sum(site.entry_locale(o) is not None for o in options) >= 2:
            return select, options
    groups: dict[int, tuple[etree._Element, list[etree._Element]]] = {}
    for link in page.body.iter("a"):
        if autonym_locale(site, element_text(link)) is None:
            continue
        parent = link.getparent()
        holder = parent.getparent() if parent is not None and parent.tag == "li" else parent
        if holder is not None:
            groups.setdefault(id(holder), (holder, []))[1].append(link)
    for holder, links in groups.values():
        if len({autonym_locale(site, element_text(a)).code for a in links}) >= 2:
            return holder, links
    return None, []


@check("language-switcher", "pages", "error",
       "each language switcher link names its language in that language and carries lang and hreflang")
def check_language_switcher(page: PageDoc, site: Site) -> Iterator[Finding]:
    if len(site.locales) < 2:
        return
    container, links = switcher_links(page, site)
    if container is None:
        # A design choice of many sites (help that follows the application's language):
        # worth a look, and folded into one finding per locale by the site-wide summary.
        yield finding("language-switcher", "no language switcher (links with hreflang to the other language versions)",
                               severity="info", **page.where(page.body))
        return
    named: set[str] = set()
    for link in links:
        hreflang = (link.get("hreflang") or "").strip()
        lang = (link.get("lang") or "").strip()
        label = element_text(link)
        option = link.tag == "option"
        locale = site.entry_locale(link)
        if locale is None:
            if hreflang:
                yield finding("language-switcher", f"switcher link {label!r}: hreflang=\"{hreflang}\" names no locale of the site",
                                       **page.where(link))
            continue
        named.add(locale.code)
        if not hreflang and not option:
            yield finding("language-switcher", f"switcher link {label!r} has no hreflang", severity="warning", **page.where(link))
        if not lang:
            yield finding("language-switcher", f"switcher link {label!r} has no lang; expected lang=\"{locale.tag}\"",
                                   severity="warning", **page.where(link))
        elif site.locale_for_tag(lang) != locale:
            yield finding("language-switcher", f"switcher link {label!r} has lang=\"{lang}\"; expected lang=\"{locale.tag}\"",
                                   **page.where(link))
        if label.casefold() != locale.autonym.casefold() and autonym_locale(site, label) != locale:
            yield finding("language-switcher", f"switcher link names {locale.code} as {label!r}, not in its own language: {locale.autonym!r}",
                **page.where(link))
        if option:
            continue
        target = site.resolve(page, link.get("href", ""))
        if target.kind != "page" or site.locale_of(target.key) != locale.code or not site.exists(target.key):
            yield finding("language-switcher", 
                f"switcher link for {locale.code} leads to {link.get('href', '')!r}, not to a {locale.code} page",
                **page.where(link))
    for locale in site.locales:
        if locale.code not in named:
            yield finding("language-switcher", f"the language switcher has no link for {locale.code} ({locale.autonym})",
                                   **page.where(container))
