"""The page's title (present, not empty, translated) and its quotation marks
(the convention of the page's language)."""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from ...findings import Finding
from ..registry import check, finding
from ..text import english_or_local, quote_problems
from .document import PageDoc, element_text
from .prose import _pending_note, attribute_texts, english_verdict, untranslated_elements
from .site import Site

# -- title --------------------------------------------------------------------------

TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]\s+")


@check("title", "pages", "error",
       "<title> is present, not empty, and translated on a localized page")
def check_title(page: PageDoc, site: Site) -> Iterator[Finding]:
    element = page.head.find("title") if page.head is not None else None
    if element is None:
        yield finding("title", "the page has no <title>", **page.where(page.head if page.head is not None else page.root))
        return
    text = element_text(element)
    if not text:
        yield finding("title", "<title> is empty", **page.where(element))
        return
    if site.is_source(page):
        return
    english = site.counterpart(page)
    strings = site.english_strings
    english_title = None
    titled: set[str] = set()  # the English title and its parts
    if english is not None and english.head is not None and english.head.find("title") is not None:
        english_title = element_text(english.head.find("title"))
        titled = {english_title, *TITLE_SEPARATORS.split(english_title)}
    parts = [text, *TITLE_SEPARATORS.split(text)]
    pending = site.pending(page.locale)
    waiting = next((part for part in parts if part in pending), None)
    for part in parts:
        if (part in titled or part in strings) and english_verdict(site, part, page.locale):
            message = f"<title> {text!r} is not translated" + (f" ({english.display} has {english_title!r})"
                                                               if english_title else "")
            yield finding("title", message + _pending_note(pending, waiting or part),
                          severity="info" if waiting else None, msgid=waiting or part, **page.where(element))
            return


# -- quotation marks ----------------------------------------------------------------


@check("quotes", "pages", "warning",
       "quotation marks follow the page language's convention (the catalogue rule)")
def check_quotes(page: PageDoc, site: Site) -> Iterator[Finding]:
    language = page.locale.language
    blocks: dict[etree._Element, list[str]] = {}
    for node in page.in_scope():
        blocks.setdefault(node.block, []).append(node.normal)
    # English left on the page keeps its English quotation marks: the text is the
    # problem (untranslated-text), not its punctuation.
    already = untranslated_elements(page, site) if language != "en" else set()
    for block, texts in blocks.items():
        text = " ".join(texts)
        problems = quote_problems(text, language)
        if problems and block not in already and english_or_local(text, language) != "en":
            yield finding("quotes", f"quotation marks in {language}: {'; '.join(problems[:3])}", **page.where(block))
    for element, name, value in attribute_texts(page):
        if page.own_lang(element) is None and not page.is_hidden(element) \
                and english_or_local(value, language) != "en":
            problems = quote_problems(value, language)
            if problems:
                yield finding("quotes", f"quotation marks in {name}: {'; '.join(problems[:3])}", **page.where(element))
