"""The page's prose in its own language: English text left untranslated (as on
the English version, or a source string of the project), and words in the other
script of a language written in Latin or Cyrillic."""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from ...findings import Finding
from ...locales import Locale
from ..registry import check, finding
from ..text import english_or_local, has_cyrillic, has_latin, word_script, words
from .document import TEXT_ATTRIBUTES, PageDoc, TextNode, _per_page, _self_and_ancestors, normalize, strip_non_prose
from .language import switcher_links
from .names import DIGRAPHIC, is_autonym
from .site import Site

# -- untranslated text ---------------------------------------------------------------


@_per_page
def attribute_texts(page: PageDoc) -> Iterator[tuple[etree._Element, str, str]]:
    for element in page._walk.attributed:
        keys = element.keys()
        for name in TEXT_ATTRIBUTES:
            if name in keys:
                value = element.get(name)
                if value and value.strip():
                    yield element, name, value
        if element.tag == "input" and element.get("type", "").lower() in ("submit", "button", "reset") and element.get("value"):
            yield element, "value", element.get("value")


def english_verdict(site: "Site", text: str, locale: Locale) -> bool:
    """Whether ``text``, found as it is on the English page, is English left untranslated
    on a ``locale`` page rather than a name, a term, code or text every language shares.
    Remembered for the site: the same strings recur on every page."""
    return site.memo("english verdicts", 200_000).get_or_compute(
        (text, locale.code, locale.language), _english_verdict, site, text, locale)


def _english_verdict(site: "Site", text: str, locale: Locale) -> bool:
    text = normalize(text)
    if site.may_equal_english(text, locale):
        return False  # kept on purpose, nothing to translate, or a name
    if is_autonym(text):
        return False  # a language list: "Deutsch", "Македонски"
    remaining = site.translatable_words(text, locale)
    verdict = english_or_local(" ".join(remaining), locale.language)
    if verdict == "local":
        return False  # the same in both languages: a name, a course's own language, a loanword
    if verdict is None and len(remaining) < 2 and text not in site.english_strings:
        return False  # one word the identifier cannot place
    return True


def untranslated(page: PageDoc, site: "Site") -> tuple[list[tuple[TextNode, str]], list[tuple[etree._Element, str, str]]]:
    """The page's English text left untranslated: (node, text) and (element, attribute,
    value).  Computed once per page: other checks leave these elements to this one."""
    cache = page.__dict__.setdefault("_untranslated", {})
    if "found" in cache:
        return cache["found"]
    nodes: list[tuple[TextNode, str]] = []
    attributes_found: list[tuple[etree._Element, str, str]] = []
    english = site.counterpart(page)
    if not site.is_source(page) and page.locale.language != "en":
        strings = site.english_strings
        english_texts, english_attributes = _english_texts(english) if english is not None else ((), ())
        container, _ = switcher_links(page, site)
        reported: set = set()
        for node in page.in_scope():
            text = node.normal
            if (text in english_texts or text in strings) and text not in reported \
                    and not _inside(node.element, container) and english_verdict(site, text, page.locale):
                reported.add(text)
                nodes.append((node, text))
        for element, name, value in attribute_texts(page):
            text = normalize(value)
            if ((text in english_attributes or text in strings) and (name, text) not in reported
                    and page.own_lang(element) is None
                    and not page.is_hidden(element) and english_verdict(site, text, page.locale)):
                reported.add((name, text))
                attributes_found.append((element, name, text))
    cache["found"] = (nodes, attributes_found)
    return cache["found"]


def _english_texts(english: PageDoc) -> tuple[frozenset[str], frozenset[str]]:
    """The English page's text runs and attribute texts, whitespace normalized:
    what every other version of the page is compared with."""
    cache = english.__dict__.setdefault("_memo", {})
    if "english_texts" not in cache:
        cache["english_texts"] = (frozenset(node.normal for node in english.text_nodes),
                                  frozenset(normalize(v) for _, _, v in attribute_texts(english)))
    return cache["english_texts"]


def _inside(element: etree._Element, container: etree._Element | None) -> bool:
    return container is not None and any(a is container for a in _self_and_ancestors(element))


def untranslated_elements(page: PageDoc, site: "Site") -> set[etree._Element]:
    nodes, attributes = untranslated(page, site)
    found = {node.element for node, _ in nodes}
    found.update(node.block for node, _ in nodes)
    return found


@check("untranslated-text", "pages", "warning",
       "text on a localized page that is the English text, outside any element with its own lang")
def check_untranslated(page: PageDoc, site: Site) -> Iterator[Finding]:
    nodes, attributes = untranslated(page, site)
    english = site.counterpart(page)
    where_from = f" (as on {english.display})" if english is not None else ""
    pending = site.pending(page.locale)
    for element, what, text in [(node.element, "text", text) for node, text in nodes] + attributes:
        label = f"text {text!r}" if what == "text" else f"{what}={text!r}"
        message = f"English {label} on a {page.locale.code} page{where_from}"
        yield finding("untranslated-text", message + _pending_note(pending, text),
                      severity="info" if text in pending else "warning", msgid=text, **page.where(element))


def _pending_note(pending: dict[str, str], text: str) -> str:
    """Why a string still in English is progress rather than a defect, when it is."""
    return f"; not translated yet in {pending[text]}" if text in pending else ""


# -- script mixing ------------------------------------------------------------------


@check("script-mixing", "pages", "error",
       "Latin words on a Cyrillic page or Cyrillic words on a Latin page, outside elements with their own lang")
def check_script_mixing(page: PageDoc, site: Site) -> Iterator[Finding]:
    script = page.locale.script
    if script not in ("Latn", "Cyrl"):
        return
    other = "Cyrl" if script == "Latn" else "Latn"
    names = {"Latn": "Latin", "Cyrl": "Cyrillic"}
    nodes = list(page.in_scope())
    # A word in the other script, or one mixing both, has a letter of the other
    # script: text without one has nothing to report.
    has_other = has_cyrillic if other == "Cyrl" else has_latin
    suspects = [node for node in nodes if has_other(node.text)]
    if not suspects:
        return
    # Keyed by the element itself (kept alive by the dict): an id() of a freed lxml
    # proxy is reused by the next one, which made the result depend on memory layout.
    block_texts: dict[etree._Element, list[str]] = {}
    for node in nodes:
        block_texts.setdefault(node.block, []).append(node.text)
    block_scripts: dict[etree._Element, set] = {}

    def scripts_of(block: etree._Element) -> set:
        if block not in block_scripts:
            texts = block_texts.get(block)
            block_scripts[block] = ({word_script(w) for w in words(" ".join(texts))} - {None}) if texts else set()
        return block_scripts[block]

    already = untranslated_elements(page, site)
    container, _ = switcher_links(page, site)
    digraphic = page.locale.language in DIGRAPHIC or len(
        {l.script for l in site.locales if l.language == page.locale.language}) > 1
    nodes = suspects
    for node in nodes:
        prose = strip_non_prose(node.text, site.protected(page.locale))
        wrong, homoglyphs = [], []
        block = node.block
        # A term or name in the other script inside a sentence of the page's own script
        # ("(login)", "на Facebook-у", "клавиша Enter") is the translator's choice.
        embedded = not digraphic and script in scripts_of(block)
        skip_wrong = (embedded or node.element in already or block in already or _inside(node.element, container)
                      or is_autonym(node.text))
        for token in words(prose):
            if not has_other(token):
                continue  # its parts are in the page's script or none
            for part in re.split(r"[-'’]", token):
                kind = word_script(part)
                if kind == "mixed":
                    homoglyphs.append(part)
                elif kind == other and not skip_wrong and not site.is_name(part):
                    # In a language written in both scripts a word in the other one is a
                    # transliteration slip; a capitalized Latin name in Cyrillic text is kept.
                    if (digraphic and script == "Cyrl" and part[:1].isupper() and len(part) > 1
                            and "Cyrl" in scripts_of(block)):
                        continue
                    wrong.append(part)
        if homoglyphs:
            yield finding("script-mixing", 
                f"words mixing Latin and Cyrillic letters (look-alike characters): {', '.join(homoglyphs[:5])}",
                **page.where(node.element))
        if wrong:
            yield finding("script-mixing", f"{names[other]} on a {names[script]} {page.locale.code} page: {', '.join(wrong[:5])}"
                + (f" (+{len(wrong) - 5} more)" if len(wrong) > 5 else ""),
                severity="warning", **page.where(node.element))
