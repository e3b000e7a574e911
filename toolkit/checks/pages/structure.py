"""Structure parity and images: a page's skeleton (landmarks, headings, lists,
tables, form fields, images, disclaimers) and link targets held against its
English version's, the English pages a locale lacks, and every image's alt text
(present, and not the English alt on a localized page)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from ...findings import Finding
from ..registry import check, finding
from ..text import english_or_local, words
from .document import FORM_FIELDS, HEADING, LANDMARK_ROLES, LANDMARK_TAGS, LIST_TAGS, PageDoc, _per_page, normalize
from .names import _cldr_autonym
from .site import _HERE, FOLDER_TAG, Site, Target, link_path

# -- structure parity ---------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str
    key: str
    element: etree._Element = field(compare=False, hash=False)

    def describe(self) -> str:
        return f"{self.kind} {self.key}" if self.key else self.kind



@_per_page
def structure(page: PageDoc, site: Site) -> list[Token]:
    """The page's skeleton in document order, in terms every language version shares:
    landmarks, headings, lists, tables, form fields, images and disclaimers (links are
    compared apart, as targets)."""
    tokens: list[Token] = []
    hidden = page.hidden
    for element in page._walk.structural:
        if element in hidden:
            continue
        name = element.tag.lower()
        role = (element.get("role") or "").lower()
        if name in LANDMARK_TAGS or role in LANDMARK_ROLES:
            tokens.append(Token("landmark", f"<{name}>" + (f" role={role}" if role else ""), element))
        heading = HEADING.match(name)
        if heading or role == "heading":
            level = heading.group(1) if heading else element.get("aria-level", "2")
            tokens.append(Token("heading", f"h{level}", element))
        if name in LIST_TAGS:
            tokens.append(Token("list", f"<{name}>", element))
        if name == "table":
            tokens.append(Token("table", "", element))
        if name == "img" or (name == "input" and element.get("type", "").lower() == "image"):
            tokens.append(Token("image", "", element))
        elif name == "svg" and role == "img":
            tokens.append(Token("image", "<svg role=img>", element))
        if name in FORM_FIELDS:
            kind = element.get("type", "submit" if name == "button" else "text" if name == "input" else "").lower()
            tokens.append(Token("form field", f"<{name}{' type=' + kind if kind else ''}"
                                f"{' name=' + element.get('name') if element.get('name') else ''}>", element))
        if element.get("data-disclaimer") is not None:
            tokens.append(Token("disclaimer", element.get("data-disclaimer", ""), element))
    return tokens


@_per_page
def link_targets(page: PageDoc, site: Site) -> dict[str, etree._Element]:
    """Where the page's links lead, normalized so that language versions compare:
    locale folders, language subdomains and locale path segments taken out; links
    inside the page (generated footnote ids) and to the page itself left out."""
    found: dict[str, etree._Element] = {}
    own = site.without_locale(page.url)
    for element in page.body.iter("a", "area"):
        href = element.get("href")
        if href is None or page.is_hidden(element):
            continue
        key = _link_key(page, site, href)
        if key and key != own:
            found.setdefault(key, element)
    return found


def _link_key(page: PageDoc, site: Site, href: str) -> str:
    """``href`` of ``page`` as :func:`link_targets` compares it; remembered for the
    site by the page's folder: navigation and footer links recur on every page."""
    href = link_path(href)
    folder = page.base_dir
    key = site.memo("link keys", 50_000).get_or_compute((folder, href), _folder_link_key, site, folder, href)
    return site.without_locale(page.url) if key is None else key


def _folder_link_key(site: Site, folder: str, href: str) -> str | None:
    """The key of ``href`` from ``folder``; None for a link to the page itself
    (a query, nothing), whose key is the page's own, whatever the page."""
    target = site.resolve_from(folder, href)
    return None if target is _HERE else _target_key(site, target, href)


def _target_key(site: Site, target: Target, href: str) -> str:
    if target.kind == "page":
        return site.without_locale(target.key)
    if target.kind == "fragment":
        return ""
    if target.kind == "scheme":
        if target.key in ("mailto", "tel"):
            return href.split("?")[0].strip()
        return f"{target.key}:"
    host, _, path = target.key.partition("/")
    labels = host.split(".")
    if len(labels) > 2 and _is_language_label(labels[0], site):
        return f"*.{'.'.join(labels[1:])}"  # bg.wikipedia.org/wiki/Х and en.wikipedia.org/wiki/X: one link
    segments = ["~" if _is_language_label(seg, site) else seg for seg in path.split("/")]
    return f"{host}/{'/'.join(segments)}"


def _is_language_label(label: str, site: Site) -> bool:
    if not label or len(label) > 8:
        return False
    if site.locale_for_tag(label) is not None:
        return True
    return len(label) <= 5 and bool(FOLDER_TAG.match(label)) and _cldr_autonym(label.replace("-", "_")) is not None


@check("structure-parity", "pages", "info",
       "landmarks, headings, lists, tables, forms, images, disclaimers and link targets match the English "
       "version (one finding per page pair)")
def check_structure(page: PageDoc, site: Site) -> Iterator[Finding]:
    english = site.counterpart(page)
    if english is None:
        if not site.is_source(page) and site.source is not None:
            yield finding("structure-parity", 
                f"no English version: expected {site.folders[site.source.code]}/{page.rel}", **page.where())
        return
    theirs, ours = structure(english, site), structure(page, site)
    differences = [] if theirs == ours else [
        op for op in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_opcodes() if op[0] != "equal"]
    their_links, our_links = link_targets(english, site), link_targets(page, site)
    lost = [key for key in their_links if key not in our_links]
    if not differences and not lost:
        return
    parts = []
    anchor = page.body
    other_line = None
    for tag, i1, i2, j1, j2 in differences[:3]:
        mine, other = ours[j1:j2], theirs[i1:i2]
        if anchor is page.body:
            anchor = mine[0].element if mine else (ours[j1].element if j1 < len(ours) else page.body)
            other_line = other[0].element.sourceline if other else None
        listed_mine = "; ".join(t.describe() for t in mine[:3]) + (" …" if len(mine) > 3 else "")
        listed_other = "; ".join(t.describe() for t in other[:3]) + (" …" if len(other) > 3 else "")
        line = f"{english.display}:{other[0].element.sourceline}" if other else english.display
        if tag == "replace":
            parts.append(f"has {listed_mine} where {line} has {listed_other}")
        elif tag == "delete":
            parts.append(f"lacks {listed_other} that {line} has")
        else:
            parts.append(f"has {listed_mine} that {english.display} does not have")
    if len(differences) > 3:
        parts.append(f"and {len(differences) - 3} more difference(s)")
    if lost:
        parts.append(f"lacks {len(lost)} link target(s) of {english.display}: "
                     + ", ".join(lost[:3]) + (" …" if len(lost) > 3 else ""))
    yield finding("structure-parity", f"{page.display} " + "; ".join(parts),
                            **page.where(anchor, counterpart=english.display, counterpart_line=other_line))


def missing_versions(site: Site) -> Iterator[Finding]:
    """An English page with no version in a checked locale: the site lacks a page."""
    if site.source is None:
        return
    for rel in site.pages_of(site.source):
        english = f"{site.folders[site.source.code]}/{rel}"
        for locale in site.checked:
            if locale.code == site.source.code:
                continue
            expected = f"{site.folders[locale.code]}/{rel}"
            if not site.exists(expected):
                yield finding("structure-parity", 
                    f"{expected} is missing: {site.display(site.root / english)} has no {locale.code} version",
                    path=site.display(site.root / expected), locale=locale.code,
                    extra={"counterpart": site.display(site.root / english)})


# -- images -------------------------------------------------------------------------


@_per_page
def images(page: PageDoc) -> list[etree._Element]:
    return [e for e in page.body.iter("img", "area", "input")
            if e.tag == "img" or (e.tag == "area" and e.get("href") is not None)
            or (e.tag == "input" and e.get("type", "").lower() == "image")]


@check("image-alt", "pages", "error",
       "every image has alt text, and a localized page does not reuse the English alt")
def check_image_alt(page: PageDoc, site: Site) -> Iterator[Finding]:
    english = site.counterpart(page)
    english_alts = set()
    if english is not None:
        english_alts = {normalize(e.get("alt", "")) for e in images(english)} - {""}
    for element in images(page):
        alt = element.get("alt")
        src = element.get("src") or element.get("href") or ""
        if alt is None:
            yield finding("image-alt", f"<{element.tag} src={src!r}> has no alt (use alt=\"\" for a decorative image)",
                                    **page.where(element))
            continue
        text = normalize(alt)
        if (text and text in english_alts and page.own_lang(element) is None and not page.is_hidden(element)
                and not site.may_equal_english(text, page.locale)
                and (len(words(text)) < 2 or english_or_local(text, page.locale.language) != "local")):
            yield finding("image-alt", f"alt={text!r} is the English alt of {english.display}", severity="warning",
                                    msgid=text, **page.where(element, counterpart=english.display))
