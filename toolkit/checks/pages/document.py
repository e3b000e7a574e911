"""A page as the page checks read it: the HTML vocabulary they know, the parsed
page and the one walk over its body (its text runs with the language each declares,
the elements never shown, the few elements the checks look at again), and what is
worked out once per page."""

from __future__ import annotations

import functools
import os
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from ...errors import InputError
from ...locales import Locale
from ..text import strip_non_prose as _strip_non_prose

# -- HTML vocabulary ---------------------------------------------------------------

# Elements whose text is code or data, not prose a translator sees.
NON_PROSE = frozenset({"script", "style", "template", "code", "kbd", "samp", "var", "pre", "noscript"})
BLOCKS = frozenset(
    "p li dt dd h1 h2 h3 h4 h5 h6 td th caption figcaption blockquote label button legend summary "
    "address div section article header footer nav main aside form title option".split()
)
LANDMARK_TAGS = frozenset({"header", "nav", "main", "footer", "aside", "form", "search"})
LANDMARK_ROLES = frozenset({"banner", "navigation", "main", "contentinfo", "complementary", "form", "search", "region"})
FORM_FIELDS = frozenset({"input", "select", "textarea", "button"})
LIST_TAGS = frozenset({"ul", "ol", "dl"})
# The element names that make a token of structure() whatever their attributes.
_STRUCTURAL = LANDMARK_TAGS | LIST_TAGS | FORM_FIELDS | {"h1", "h2", "h3", "h4", "h5", "h6", "table", "img", "input", "svg"}
# Attributes a reader meets as text (alt is the image-alt check's).
TEXT_ATTRIBUTES = ("title", "aria-label", "aria-description", "placeholder")
HEADING = re.compile(r"^h([1-6])$")
# "seesac.org", "www.undp.org" without a scheme: a name, not words.
DOMAIN_RE = re.compile(r"(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+(?:[a-z]{2,12})\b")
BCP47 = re.compile(
    r"^(?:(?P<language>[a-z]{2,3})(?:-[a-z]{3}){0,3}|(?P<long>[a-z]{4,8}))"
    r"(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$"
    r"|^x(?:-[a-z\d]{1,8})+$",
    re.IGNORECASE,
)
COOKIE_WORDS = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
ACCEPT_WORDS = re.compile(r"\b(?:accept|agree|allow|yes|ok)\b", re.IGNORECASE)
REJECT_WORDS = re.compile(r"\b(?:reject|decline|refuse|deny|disagree|no|don't agree|do not agree)\b", re.IGNORECASE)
PRESELECTED = (("autofocus", None), ("aria-pressed", "true"), ("aria-checked", "true"), ("aria-selected", "true"),
               ("checked", None), ("selected", None))
MAX_PARITY_FINDINGS = 8
XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")
# Classes that documentation generators (DocBook, Sphinx, LibreOffice help)
# give to names a translator keeps: packages, commands, files, options, keys.
CODE_CLASSES = frozenset(
    "package command filename option literal systemitem userinput computeroutput envar varname parameter "
    "pkg function classname code keycode keycap prompt replaceable uri email application productname".split()
)


def normalize(text: str) -> str:
    return " ".join(text.split())


# -- pages and their text ------------------------------------------------------------


@dataclass(slots=True)
class TextNode:
    """A run of text with the element it sits in and what that element declares."""

    text: str
    element: etree._Element
    own_lang: str | None  # the lang of the nearest element below <html> that has one
    block: etree._Element  # the nearest block (p, li, td, div, …) or the body
    normal: str  # the text, whitespace normalized

    @classmethod
    def of(cls, text: str, element: etree._Element, own_lang: str | None = None) -> "TextNode":
        return cls(text, element, own_lang, _block_of(element), normalize(text))


@dataclass
class BodyWalk:
    """What one pass over a page's body finds (see :meth:`PageDoc._walk`): the
    checks look at these few elements, not at every element again."""

    nodes: list[TextNode]  # the prose, in document order
    hidden: frozenset  # the elements never shown
    attributed: list[etree._Element]  # elements with a text attribute (title, aria-label, …)
    structural: list[etree._Element]  # candidates for structure(): its tags, a role, a disclaimer
    named: list[etree._Element]  # elements with a class, id, aria-label or data-cookie-banner
    flagged: list[etree._Element]  # links with hreflang


# Class names that may make an element's text code or not for translation;
# parts of longer names match too (a superset).
_MARKED_CLASS = re.compile("|".join(sorted(CODE_CLASSES | {"notranslate"})))
# Attributes the body walk sorts elements by.
_DECLARING = frozenset({"lang", "xml:lang", "translate"})
_BLOCKS_AND_BODY = BLOCKS | {"body"}
_TEXT_ATTRIBUTE_SET = frozenset(TEXT_ATTRIBUTES)
_STRUCTURE_ATTRIBUTES = frozenset({"role", "data-disclaimer"})
_NAMING_ATTRIBUTES = frozenset({"class", "id", "aria-label", "data-cookie-banner"})


@lru_cache(maxsize=4096)
def _marking_class(value: str) -> bool:
    """Whether a class attribute may name code or text not for translation (a
    site's few class attributes recur on every page)."""
    return _MARKED_CLASS.search(value) is not None
_SKIPPED = object()


@dataclass
class PageDoc:
    locale: Locale
    folder: str
    rel: str  # the page's path inside its locale folder
    file: Path
    display: str  # the page as findings name it
    root: etree._Element

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.rel}"

    @cached_property
    def base_dir(self) -> str:
        """The folder relative links start from: the page's, or its relative <base href>."""
        folder = posixpath.dirname(self.url)
        head = self.root.find("head")
        base = head.find("base") if head is not None else None
        href = (base.get("href") or "").strip() if base is not None else ""
        if href and not urlsplit(href).scheme and not href.startswith(("/", "#")):
            joined = posixpath.normpath(posixpath.join(folder, urlsplit(href).path.rsplit("/", 1)[0] + "/"))
            return "" if joined == "." else joined
        return folder

    @cached_property
    def body(self) -> etree._Element:
        body = self.root.find("body")
        return body if body is not None else self.root

    @cached_property
    def head(self) -> etree._Element | None:
        return self.root.find("head")

    @property
    def text_nodes(self) -> list[TextNode]:
        """The body's prose, in document order, with each run's declared language."""
        return self._walk.nodes

    @cached_property
    def hiding_rules(self) -> tuple[tuple[str | None, str | None, str | None], ...]:
        return hiding_rules(self)

    def is_hidden(self, element: etree._Element) -> bool:
        """Whether ``element`` is never shown: the hidden attribute, an inline
        display:none, or a simple selector of a local stylesheet that hides it."""
        return element in self._walk.hidden

    @property
    def hidden(self) -> frozenset:
        """The body's elements that are never shown (see :meth:`is_hidden`): the
        set keeps their proxies, so an element tests as itself."""
        return self._walk.hidden

    @cached_property
    def _walk(self) -> "BodyWalk":
        """One pass over the body in document order (see :class:`BodyWalk`).

        Each element's state (the language it declares for its text, or
        ``_SKIPPED`` inside code, data and hidden elements; its block) derives
        from its parent's, kept on a stack of the open elements: an element's
        text comes as it opens, its tail when the walk leaves it (a comment's
        tail right after the comment)."""
        by_tag, by_class, by_id = _rule_index(self.hiding_rules)
        everything = None in by_tag
        page_tag = self.locale.tag.lower()
        nodes: list[TextNode] = []
        hidden, attributed, structural, named, flagged = [], [], [], [], []
        # Looked up once: this loop runs for every element of every page.
        blocks, non_prose, structural_tags = _BLOCKS_AND_BODY, NON_PROSE, _STRUCTURAL
        declaring, text_attributes, structure_attributes, naming = (
            _DECLARING, _TEXT_ATTRIBUTE_SET, _STRUCTURE_ATTRIBUTES, _NAMING_ATTRIBUTES)
        stack: list[tuple[etree._Element, object, etree._Element | None]] = []

        def run(text: str, owner: etree._Element, lang, block) -> None:
            if lang is not _SKIPPED:
                nodes.append(TextNode(text, owner, lang, owner if block is None else block, " ".join(text.split())))

        # (Tags come lowercased from the HTML parser.)
        for element in self.body.iter():
            if stack:
                parent = element.getparent()
                while stack[-1][0] is not parent:
                    tail = stack.pop()[0].tail
                    # Most runs are the white space between elements: str.isspace() is cheap.
                    if tail and not tail.isspace():
                        run(tail, *stack[-1])
                _, lang, block = stack[-1]
            else:
                lang = block = None
            tag = element.tag
            if not isinstance(tag, str):  # a comment or processing instruction: its tail only
                tail = element.tail
                if tail and stack and not tail.isspace():
                    run(tail, stack[-1][0], lang, block)
                continue
            if tag in blocks:
                block = element
            keys = element.keys()
            if not keys:
                if everything or tag in by_tag:
                    hidden.append(element)
                    lang = _SKIPPED
                elif tag in non_prose:
                    lang = _SKIPPED
                if tag in structural_tags:
                    structural.append(element)
            else:
                # Hidden: every element, its tag, the hidden attribute, an inline style, an id or class rule.
                gone = everything or tag in by_tag or "hidden" in keys
                if not gone and "style" in keys:
                    gone = HIDDEN_STYLE.search(element.get("style") or "") is not None
                if not gone and by_id and "id" in keys:
                    tags = by_id.get(element.get("id"))
                    gone = tags is not None and (None in tags or tag in tags)
                if not gone and by_class and "class" in keys:
                    for cls in element.get("class").split():
                        tags = by_class.get(cls)
                        if tags is not None and (None in tags or tag in tags):
                            gone = True
                            break
                if gone:
                    hidden.append(element)
                if lang is not _SKIPPED and (gone or tag in non_prose or not declaring.isdisjoint(keys) or (
                        "class" in keys and _marking_class(element.get("class")))):
                    declared = element.get("lang") or element.get("xml:lang")
                    if declared is not None and declared.strip().lower() != page_tag:
                        lang = declared.strip() or lang
                    classes = element.get("class", "").split()
                    if element.get("translate", "").lower() == "no" or "notranslate" in classes:
                        lang = lang or "zxx"
                    if gone or tag in non_prose or CODE_CLASSES.intersection(classes):
                        lang = _SKIPPED
                if not text_attributes.isdisjoint(keys) or (tag == "input" and "value" in keys):
                    attributed.append(element)
                if tag in structural_tags or not structure_attributes.isdisjoint(keys):
                    structural.append(element)
                if not naming.isdisjoint(keys):
                    named.append(element)
                if tag == "a" and "hreflang" in keys:
                    flagged.append(element)
            stack.append((element, lang, block))
            text = element.text
            if text and not text.isspace():
                run(text, element, lang, block)
        while len(stack) > 1:
            tail = stack.pop()[0].tail
            if tail and not tail.isspace():
                run(tail, *stack[-1])
        return BodyWalk(nodes, frozenset(hidden), attributed, structural, named, flagged)

    def in_scope(self) -> Iterator[TextNode]:
        """Text the page claims is in its own language."""
        return (node for node in self.text_nodes if node.own_lang is None)

    def own_lang(self, element: etree._Element) -> str | None:
        """The language an element declares unlike the page's, or None."""
        tag = self.locale.tag.lower()
        for ancestor in _self_and_ancestors(element):
            if ancestor.tag == "html":
                return None
            declared = ancestor.get("lang")
            if declared is not None:
                return None if declared.strip().lower() == tag else declared.strip()
            if ancestor.get("translate", "").lower() == "no":
                return "zxx"
        return None

    def where(self, element: etree._Element | None = None, **extra) -> dict:
        """The location fields of a finding about ``element`` on this page."""
        found = {"path": self.display, "locale": self.locale.code}
        if element is not None:
            found["line"] = element.sourceline
            found["target"] = css_selector(element)
        if extra:
            found["extra"] = extra
        return found


HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SIMPLE_SELECTOR = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*)?(?:\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+))?$")


def hiding_rules(page: "PageDoc") -> tuple[tuple[str | None, str | None, str | None], ...]:
    """(tag, class, id) of the simple selectors that the page's own stylesheets
    (local files it links and its <style> elements) hide with display:none."""
    head = page.head
    base = head.find("base") if head is not None else None
    links = tuple(link.get("href") for link in page.root.iter("link")
                  if link.get("href") and "stylesheet" in (link.get("rel") or "").lower().split())
    styles = tuple(style.text or "" for style in page.root.iter("style"))
    return _hiding_rules(os.fspath(page.file.parent), base.get("href") or "" if base is not None else None,
                         links, styles)


@lru_cache(maxsize=256)
def _hiding_rules(folder: str, base_href: str | None, links: tuple, styles: tuple) -> tuple:
    """:func:`hiding_rules` of a page in ``folder`` that links the stylesheets ``links``:
    the pages of a folder share them."""
    base = Path(folder)
    if base_href is not None:
        if base_href and not urlsplit(base_href).scheme and not base_href.startswith("/"):
            base = base / unquote(urlsplit(base_href).path)
    rules: list = []
    for href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path.endswith(".css"):
            continue
        rules.extend(_css_file_hiding(os.path.normpath(base / unquote(parts.path))))
    for text in styles:
        rules.extend(css_hiding(text))
    return tuple(dict.fromkeys(rules))


@lru_cache(maxsize=64)
def _css_file_hiding(path: str) -> tuple:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return css_hiding(handle.read(1 << 20))
    except OSError:
        return ()


@lru_cache(maxsize=64)
def _rule_index(rules: tuple) -> tuple[frozenset, dict, dict]:
    """Hiding rules by what they name: the tags hidden whatever their attributes,
    and for each class and id the tags it hides (None: any)."""
    by_tag, by_class, by_id = set(), {}, {}
    for tag, cls, id_ in rules:
        if cls is not None:
            by_class.setdefault(cls, set()).add(tag)
        elif id_ is not None:
            by_id.setdefault(id_, set()).add(tag)
        else:
            by_tag.add(tag)  # None: every element
    return frozenset(by_tag), by_class, by_id


def css_hiding(css: str) -> tuple:
    """Top-level rules (not inside @media) whose declarations hide with display:none."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found, depth, start, selector = [], 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector = css[start:index]
            depth += 1
            start = index + 1
        elif char == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                body = css[start:index]
                if re.search(r"display\s*:\s*none", body, re.IGNORECASE) and not selector.lstrip().startswith("@"):
                    for part in selector.split(","):
                        match = SIMPLE_SELECTOR.match(part.strip())
                        if match and part.strip():
                            found.append((match["tag"].lower() if match["tag"] else None, match["cls"], match["id"]))
            start = index + 1
    return tuple(found)


def _self_and_ancestors(element):
    while element is not None:
        yield element
        element = element.getparent()


def _block_of(element: etree._Element) -> etree._Element:
    for ancestor in _self_and_ancestors(element):
        if ancestor.tag in BLOCKS or ancestor.tag == "body":
            return ancestor
    return element


def css_selector(element: etree._Element) -> str:
    """A short CSS selector: up to the nearest ancestor with an id."""
    parts = []
    for node in _self_and_ancestors(element):
        if not isinstance(node.tag, str):
            continue
        if node.get("id"):
            parts.append(f"#{node.get('id')}")
            break
        if node.tag in ("html", "body", "head"):
            parts.append(node.tag)
            break
        parent = node.getparent()
        same = [s for s in parent if s.tag == node.tag] if parent is not None else [node]
        parts.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
    return " > ".join(reversed(parts))


def element_text(element: etree._Element) -> str:
    return normalize("".join(element.itertext()))


_PARSER = etree.HTMLParser()


def parse_page(path: Path, display: str) -> etree._Element:
    data = path.read_bytes()
    try:
        source: str | bytes = data.decode("utf-8")
    except UnicodeDecodeError:
        source = data  # lxml follows the page's <meta charset>
    if isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("<?xml"):
        # XHTML served as HTML: lxml refuses a str that declares its encoding.
        source = XML_DECLARATION.sub("", source.lstrip("\ufeff \t\r\n"), count=1)
    try:
        # Plain lxml elements: lxml.html's element classes are looked up in
        # Python for every element the checks touch.
        return lxml.html.document_fromstring(source, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse HTML: {error}", display) from error


# -- what a page's versions share -----------------------------------------------------
# A page's English version is compared with each of its other versions: what is
# read from a page is worked out once per page (and goes with its tree).


def _per_page(function):
    name = function.__name__

    @functools.wraps(function)
    def once(page: PageDoc, *args):
        memo = page.__dict__.setdefault("_memo", {})
        key = (name, *map(id, args))
        if key not in memo:
            result = function(page, *args)
            memo[key] = list(result) if isinstance(result, Iterator) else result
        return memo[key]

    return once


@lru_cache(maxsize=1 << 15)
def _strip_protected(text: str, protected: tuple) -> str:
    return _strip_non_prose(text, list(protected))


def strip_non_prose(text: str, extra=None, **options) -> str:
    """``text.strip_non_prose``, remembered for a locale's protected names:
    the same navigation and footer text recurs on every page."""
    if options or not extra:
        return _strip_non_prose(text, extra, **options)
    return _strip_protected(text, tuple(extra))
