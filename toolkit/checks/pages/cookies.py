"""The cookie banner: accept and reject offered on the same layer, neither
pre-selected, its text in the page's language."""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from ...findings import Finding
from ..registry import check, finding
from .document import (ACCEPT_WORDS, COOKIE_WORDS, PRESELECTED, REJECT_WORDS, PageDoc, TextNode, _per_page,
                       _self_and_ancestors, element_text, normalize)
from .names import tag_parts
from .site import Site

# -- cookie banner ------------------------------------------------------------------


@_per_page
def cookie_banner(page: PageDoc) -> etree._Element | None:
    """The outermost element named for cookies or consent that offers a choice: a
    section about cookies with no button (a policy page's "#cookies") is not a banner."""
    for element in page._walk.named:  # an element nothing names is no banner
        if element.tag in ("a", "button", "input", "p", "span"):
            continue
        marker = " ".join(element.get(a, "") for a in ("class", "id", "aria-label", "data-cookie-banner"))
        if (COOKIE_WORDS.search(marker) or element.get("data-cookie-banner") is not None) and _buttons(element):
            return element
    return None


def _buttons(banner: etree._Element) -> list[etree._Element]:
    return [e for e in banner.iter()
            if isinstance(e.tag, str) and (e.tag == "button"
                                           or (e.tag == "input" and e.get("type", "").lower() in ("button", "submit"))
                                           or e.get("role") == "button")]


def _choice(button: etree._Element, fallback_text: str | None = None) -> str | None:
    """"accept" or "reject", from language-neutral attributes first, then English text."""
    attributes = " ".join(v for k, v in button.attrib.items() if k in ("value", "name", "id", "class") or k.startswith("data-"))
    for source in (attributes, fallback_text or ""):
        rejects = bool(REJECT_WORDS.search(source.replace("_", " ").replace("-", " ")))
        accepts = bool(ACCEPT_WORDS.search(source.replace("_", " ").replace("-", " ")))
        if rejects:
            return "reject"
        if accepts:
            return "accept"
    return None


def _controls(banner: etree._Element) -> list[etree._Element]:
    """The banner's buttons, and links that say accept or reject in their attributes."""
    wanted = set(_buttons(banner)) | {a for a in banner.iter("a") if _choice(a)}
    return [e for e in banner.iter() if e in wanted]


def _kind(element: etree._Element) -> str:
    """What a control is to a reader: a button (whatever its tag) or a link."""
    if element.tag in ("button", "input") or element.get("role") == "button":
        return "button"
    return element.tag


def _layer(element: etree._Element, banner: etree._Element) -> etree._Element:
    """The nearest ancestor that shows or hides its content as one: a dialog,
    a disclosure, a hidden block, or the banner itself."""
    for ancestor in _self_and_ancestors(element.getparent()):
        if ancestor is banner:
            return banner
        if (ancestor.tag in ("dialog", "details") or ancestor.get("role") in ("dialog", "alertdialog")
                or ancestor.get("hidden") is not None or ancestor.get("aria-hidden") == "true"
                or re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", ancestor.get("style", ""))):
            return ancestor
    return banner


def _classify(buttons: list[etree._Element], english: list[etree._Element] | None) -> dict[str, list[etree._Element]]:
    choices: dict[str, list[etree._Element]] = {"accept": [], "reject": []}
    for index, button in enumerate(buttons):
        text = element_text(button) or button.get("value", "")
        if english is not None and index < len(english):
            text = element_text(english[index]) or english[index].get("value", "")
        choice = _choice(button, text)
        if choice:
            choices[choice].append(button)
    return choices


@check("cookie-banner", "pages", "error",
       "the cookie banner offers accept and reject on the same layer, neither pre-selected, in the page's language")
def check_cookie_banner(page: PageDoc, site: Site) -> Iterator[Finding]:
    banner = cookie_banner(page)
    english = site.counterpart(page)
    english_banner = cookie_banner(english) if english is not None else None
    if banner is None:
        if english_banner is not None:
            yield finding("cookie-banner", f"no cookie banner, though {english.display} has one",
                                        **page.where(page.body, counterpart=english.display))
        return
    buttons = _controls(banner)
    english_buttons = _controls(english_banner) if english_banner is not None else None
    choices = _classify(buttons, english_buttons)
    for choice in ("accept", "reject"):
        if not choices[choice]:
            yield finding("cookie-banner", f"the cookie banner has no {choice} button", **page.where(banner))
    if choices["accept"] and choices["reject"]:
        accept, reject = choices["accept"][0], choices["reject"][0]
        first, second = _layer(accept, banner), _layer(reject, banner)
        if first is not second or first is not banner:
            hidden = reject if second is not banner else accept
            yield finding("cookie-banner", 
                f"accept and reject are not on the same layer: {_choice(hidden)} sits inside "
                f"<{_layer(hidden, banner).tag}> at line {_layer(hidden, banner).sourceline}",
                **page.where(hidden))
        # Prominence is what a reader sees (size, colour, contrast), judged in the browser by
        # `toolkit a11y`; class names decide nothing.  A link against a button is a suspicion.
        if _kind(accept) != _kind(reject):
            yield finding("cookie-banner", f"accept and reject may not be equally prominent: <{accept.tag}> and <{reject.tag}> "
                "(the browser run judges size and colour)", severity="info", **page.where(reject))
    for element in banner.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in PRESELECTED:
            present = element.get(attribute)
            if present is None or (value is not None and present.strip().lower() != value):
                continue
            if attribute == "checked" and element.get("disabled") is not None:
                continue  # strictly necessary cookies: ticked and not changeable
            yield finding("cookie-banner", f"pre-selected consent: {attribute} on <{element.tag}> in the cookie banner",
                                        **page.where(element))
    if site.is_source(page):
        return
    english_text = set()
    if english_banner is not None:
        english_text = {normalize(t) for t in english_banner.itertext() if t.strip()}
    foreign: list[tuple[etree._Element, str]] = []  # (element, text) not in the page's language
    for element in banner.iter():
        if not isinstance(element.tag, str) or element is banner:
            continue
        declared = element.get("lang")
        if declared is None or tag_parts(declared.strip())[0] == page.locale.language:
            continue
        if any(outer is not element and any(a is outer for a in _self_and_ancestors(element)) for outer, _ in foreign):
            continue  # inside an element already reported
        text = element_text(element)
        if text and site.translatable_words(text, page.locale):
            foreign.append((element, text))
    for node in _banner_text(banner):
        text = node.normal
        if text in english_text and page.own_lang(node.element) is None and not site.may_equal_english(text, page.locale):
            foreign.append((node.element, text))
    # A disclaimer shown in English awaits its legal approval: the legal checks
    # (legal-unapproved, legal-fallback) own that workflow and report it once.
    plain = [(e, t) for e, t in foreign if not any(a.get("data-disclaimer") is not None for a in _self_and_ancestors(e))]
    if plain:
        listed = ", ".join(repr(t[:60]) for _, t in plain[:4]) + (" …" if len(plain) > 4 else "")
        yield finding("cookie-banner", 
            f"cookie banner text not in {page.locale.code}: {listed}", msgid=plain[0][1], **page.where(plain[0][0]))


def _banner_text(root: etree._Element) -> Iterator[TextNode]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and element.text.strip():
            yield TextNode.of(element.text, element)
        if element is not root and element.tail and element.tail.strip() and element.getparent() is not None:
            yield TextNode.of(element.tail, element.getparent())
