"""Legal checks: disclaimer approvals in the catalogues, disclaimers on built pages.

Catalogue side (:func:`check_legal_catalogs`): a translation nobody approved,
an approval that lapsed.  Page side (:func:`check_legal_pages`, over any folder
laid out as ``<locale>/<path>.html``): a required disclaimer missing, a
disclaimer shown in English, text that differs from what was approved, and a
Kosovo mention whose asterisk does not link to the footnote.

Where a disclaimer is required is written in ``i18n/legal-rules.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import lxml.html
from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from ..build.approvals import (
    Approvals,
    SourceDisclaimer,
    legal_states,
    load_approvals,
    source_disclaimers,
)
from ..config import Config
from ..errors import InputError
from ..fileio import mapping_nodes, node_line, parse_yaml, read_text
from ..findings import Finding
from ..build.legal import normalize_text
from ..locales import Locale
from .registry import check, finding
from .suppression import ignored_checks

FAMILY = "legal"
RULES_FILE = "legal-rules.yaml"

# Text inside these never counts as a mention: it is not read as page text.
_SKIPPED = {"script", "style", "noscript", "template"}


# -- rules --------------------------------------------------------------------------


@dataclass
class Rule:
    """Where one disclaimer is required.

    ``required`` is ``every-page``, ``pages-with`` (an element matching
    ``selector``) or ``pages-mentioning`` (text matching one of ``patterns``).
    ``link`` is the fragment every such page must link a mention to.
    """

    id: str
    required: str
    selector: str | None = None
    patterns: list[re.Pattern] = field(default_factory=list)
    link: str | None = None
    line: int | None = None
    _compiled: CSSSelector | None = field(default=None, repr=False)

    def matcher(self) -> CSSSelector:
        if self._compiled is None:
            self._compiled = CSSSelector(self.selector)
        return self._compiled


REQUIRED_KINDS = ("every-page", "pages-with", "pages-mentioning")
_RULE_KEYS = {"required", "selector", "patterns", "link", "ignore-case", "note"}


def rules_path(config: Config) -> Path:
    return config.path(config.i18n_dir) / RULES_FILE


def load_rules(config: Config) -> list[Rule]:
    """The project's rules; none when the file does not exist."""
    path = rules_path(config)
    if not path.is_file():
        return []
    return read_rules(path, config.relative(path))


def read_rules(path: Path, display: str | None = None) -> list[Rule]:
    name = display or str(path)
    text = read_text(path, name)
    root = parse_yaml(text, name, nodes=True)
    data = parse_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("disclaimers"), dict):
        raise InputError("expected a mapping with a 'disclaimers' mapping of id -> rule", name, node_line(root) or 1)
    nodes = mapping_nodes(mapping_nodes(root)["disclaimers"][1])
    rules = []
    for disclaimer_id, spec in data["disclaimers"].items():
        key_node, value_node = nodes[str(disclaimer_id)]
        line = node_line(key_node)
        fields = mapping_nodes(value_node)
        if not isinstance(spec, dict):
            raise InputError(f"rule {disclaimer_id}: expected a mapping with 'required'", name, line)
        unknown = sorted(set(spec) - _RULE_KEYS)
        if unknown:
            raise InputError(f"rule {disclaimer_id}: unknown key {unknown[0]!r}", name, node_line(fields[unknown[0]][0]))
        required = spec.get("required")
        if required not in REQUIRED_KINDS:
            raise InputError(
                f"rule {disclaimer_id}: required must be one of {', '.join(REQUIRED_KINDS)}",
                name, node_line(fields["required"][1]) if "required" in fields else line,
            )
        rule = Rule(id=str(disclaimer_id), required=required, line=line, link=spec.get("link"))
        if required == "pages-with":
            rule.selector = spec.get("selector")
            where = node_line(fields["selector"][1]) if "selector" in fields else line
            if not isinstance(rule.selector, str) or not rule.selector.strip():
                raise InputError(f"rule {disclaimer_id}: pages-with needs a CSS selector", name, where)
            try:
                rule.matcher()
            except SelectorError as error:
                raise InputError(f"rule {disclaimer_id}: bad CSS selector: {error}", name, where) from error
        if required == "pages-mentioning":
            patterns = spec.get("patterns")
            where = node_line(fields["patterns"][1]) if "patterns" in fields else line
            if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
                raise InputError(f"rule {disclaimer_id}: pages-mentioning needs a list of patterns", name, where)
            flags = re.IGNORECASE if spec.get("ignore-case", True) else 0
            for index, pattern in enumerate(patterns):
                try:
                    rule.patterns.append(re.compile(pattern, flags))
                except re.error as error:
                    item = fields["patterns"][1].value[index]
                    raise InputError(f"rule {disclaimer_id}: bad pattern {pattern!r}: {error}", name, node_line(item)) from error
        if rule.link is not None and (not isinstance(rule.link, str) or not rule.link.startswith("#")):
            raise InputError(f"rule {disclaimer_id}: link must be a fragment like '#{disclaimer_id}'",
                             name, node_line(fields["link"][1]))
        rules.append(rule)
    return rules


# -- pages --------------------------------------------------------------------------


@dataclass
class PageContext:
    path: Path
    display: str
    locale: Locale
    is_source: bool
    tree: etree._ElementTree

    def finding(self, check_id: str, message: str, element=None, **extra) -> Finding:
        target = extra.pop("target", None)
        return finding(
            check_id, 
            message, path=self.display, line=element.sourceline if element is not None else None,
            locale=self.locale.code, target=target, extra=extra,
        )


def page_locales(root: Path, config: Config, locales=None) -> list[tuple[Locale, Path]]:
    """``(locale, folder)`` for each locale folder under ``root`` (or ``root`` itself)."""
    wanted = {l if isinstance(l, str) else l.code for l in locales} if locales else None
    by_dir = {config.url_dir(l): l for l in config.all_locales}
    found = []
    for folder_name, locale in by_dir.items():
        if wanted is not None and locale.code not in wanted:
            continue
        folder = root / folder_name
        if folder.is_dir():
            found.append((locale, folder))
    if not found and root.name in by_dir:
        locale = by_dir[root.name]
        if wanted is None or locale.code in wanted:
            found.append((locale, root))
    return found


def check_legal_pages(root: Path, config: Config, locales=None) -> list[Finding]:
    """legal-missing, legal-mention-link, legal-fallback, legal-altered and
    legal-stale over every page of a folder laid out as ``<locale>/<path>.html``."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("no such folder of built pages", str(root))
    rules = load_rules(config)
    sources = source_disclaimers(config)
    approvals = load_approvals(config)
    findings: list[Finding] = []
    for locale, folder in page_locales(root, config, locales):
        for path in sorted(folder.rglob("*.html")):
            try:
                tree = lxml.html.parse(str(path))
            except (OSError, etree.ParserError) as error:
                raise InputError(f"cannot parse page: {error}", config.relative(path)) from error
            if tree.getroot() is None:
                continue
            page = PageContext(path, config.relative(path), locale, locale.code == config.source.code, tree)
            findings.extend(check_required(page, rules))
            findings.extend(check_wording(page, sources, approvals))
    return findings


def _disclaimers(page: PageContext, disclaimer_id: str | None = None) -> list:
    if disclaimer_id is None:
        return page.tree.xpath("//*[@data-disclaimer]")
    return page.tree.xpath("//*[@data-disclaimer=$id]", id=disclaimer_id)


def page_text(tree) -> str:
    """The body's readable text, disclaimers left out (the footnote names Kosovo itself)."""
    body = tree.find("body")
    parts: list[str] = []

    def walk(element) -> None:
        if not isinstance(element.tag, str) or element.tag in _SKIPPED or element.get("data-disclaimer") is not None:
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(body if body is not None else tree.getroot())
    return normalize_text(" ".join(parts))


def _mention(rule: Rule, text: str) -> re.Match | None:
    for pattern in rule.patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def _text_before(link) -> str:
    previous = link.getprevious()
    if previous is not None:
        return previous.text_content() + (previous.tail or "")
    parent = link.getparent()
    return (parent.text or "") if parent is not None else ""


@check("legal-missing", FAMILY, "error",
       "a disclaimer that i18n/legal-rules.yaml requires on this page is not on it")
def check_required(page: PageContext, rules: list[Rule]) -> Iterable[Finding]:
    text = None
    for rule in rules:
        reason = None
        if rule.required == "every-page":
            reason = "every page must carry it"
        elif rule.required == "pages-with":
            matches = rule.matcher()(page.tree.getroot())
            if matches:
                reason = f"the page has an element matching {rule.selector!r} (line {matches[0].sourceline})"
        else:
            text = page_text(page.tree) if text is None else text
            mention = _mention(rule, text)
            if mention:
                reason = f"the page mentions {mention.group(0)!r}"
                yield from check_mention_link(page, rule, mention.group(0))
        if reason and not _disclaimers(page, rule.id):
            yield page.finding("legal-missing", f"{rule.id} is missing: {reason}", disclaimer=rule.id)


@check("legal-mention-link", FAMILY, "error",
       "the page mentions a name that needs a footnote, but no mention carries the asterisk link to it")
def check_mention_link(page: PageContext, rule: Rule, mention: str) -> Iterable[Finding]:
    """A page that needs the footnote links a mention's asterisk to it."""
    if not rule.link:
        return
    links = page.tree.xpath("//a[@href=$href]", href=rule.link)
    on_mention = [
        link for link in links
        if link.text_content().strip() == "*"
        and any(re.search(f"(?:{p.pattern})\\W*$", _text_before(link)[-80:], p.flags) for p in rule.patterns)
    ]
    if not on_mention:
        yield page.finding(
            "legal-mention-link",
            f"the page mentions {mention!r} but no mention carries an asterisk linking to {rule.link}",
            disclaimer=rule.id,
        )
        return
    fragment = rule.link[1:]
    targets = page.tree.xpath("//*[@id=$id]", id=fragment)
    if not targets:
        yield page.finding("legal-mention-link", f"the asterisk links to {rule.link} but no element has id={fragment!r}",
                           on_mention[0], disclaimer=rule.id, target=f'a[href="{rule.link}"]')
    elif not targets[0].xpath("descendant-or-self::*[@data-disclaimer=$id]", id=rule.id):
        yield page.finding("legal-mention-link", f"the asterisk links to {rule.link}, which does not hold the {rule.id} disclaimer",
                           targets[0], disclaimer=rule.id, target=f"#{fragment}")


# -- catalogues ---------------------------------------------------------------------


@check("legal-stale", FAMILY, "error",
       "an approved disclaimer translation lapsed: its English or its translation changed since the approval")
@check("legal-unapproved", FAMILY, "warning",
       "a disclaimer translation awaits legal approval (toolkit legal approve); pages show the English meanwhile")
def check_legal_catalogs(config: Config, locales: Iterable[str | Locale] | None = None) -> list[Finding]:
    """legal-unapproved and legal-stale over the ``legal`` catalogues of the project."""
    codes = [l if isinstance(l, str) else l.code for l in locales] if locales is not None else None
    findings = []
    for state in legal_states(config, codes):
        if state.status not in ("draft", "stale"):
            continue
        check_id = "legal-unapproved" if state.status == "draft" else "legal-stale"
        entry = state.entry
        if entry is not None and check_id in ignored_checks(entry.flags, entry.tcomment, entry.comment):
            continue
        where = dict(path=state.po_path, line=state.line, locale=state.locale, msgid=state.english,
                     extra={"disclaimer": state.id})
        if state.status == "draft":
            note = " (marked fuzzy)" if state.reason == "fuzzy" else ""
            findings.append(finding("legal-unapproved", 
                f"{state.id}: the {state.locale} translation{note} has no approval; "
                f"pages show the English until `toolkit legal approve -l {state.locale} {state.id}`",
                **where,
            ))
        else:
            approval = state.approval
            findings.append(finding("legal-stale", 
                f"{state.id}: the {state.locale} approval by {approval.approved_by} ({approval.approved_at}) "
                f"lapsed: {state.reason}; pages show the English until it is approved again",
                **where,
            ))
    return findings



def _language(element) -> str | None:
    """The language an element is in: its own lang, else its nearest ancestor's."""
    for node in (element, *element.iterancestors()):
        if node.get("lang") is not None:
            return node.get("lang")
    return None


@check("legal-altered", FAMILY, "error",
       "the disclaimer text on the page is neither the English original nor the approved translation")
@check("legal-fallback", FAMILY, "info",
       "the page shows a disclaimer in English (lang=\"en\") because its translation has no current approval")
@check("legal-stale", FAMILY, "error",
       "an approved disclaimer translation lapsed: its English or its translation changed since the approval")
def check_wording(page: PageContext, sources: dict[str, SourceDisclaimer], approvals: Approvals) -> Iterable[Finding]:
    for element in _disclaimers(page):
        disclaimer_id = element.get("data-disclaimer")
        target = f'[data-disclaimer="{disclaimer_id}"]'
        shown = normalize_text(element.text_content())
        source = sources.get(disclaimer_id)
        if source is None:
            yield page.finding("legal-altered", f"{disclaimer_id}: no template defines this disclaimer", element,
                               target=target, disclaimer=disclaimer_id)
            continue
        english = (_language(element) or "").lower().split("-")[0] == "en"
        if page.is_source or english:
            if not page.is_source:
                yield page.finding("legal-fallback", f"{disclaimer_id} is shown in English: it has no currently "
                                   f"approved {page.locale.code} translation", element, target=target, disclaimer=disclaimer_id)
            if shown != source.english:
                yield page.finding("legal-altered", f"{disclaimer_id}: the English on the page differs from the template "
                                   f"({source.path}:{source.line}); rebuild, or undo the edit", element,
                                   target=target, disclaimer=disclaimer_id)
            continue
        approval = approvals.get((disclaimer_id, page.locale.code))
        if approval is None:
            yield page.finding("legal-altered", f"{disclaimer_id}: the page shows a {page.locale.code} translation that "
                               "nobody approved", element, target=target, disclaimer=disclaimer_id)
        elif shown != normalize_text(approval.translation):
            yield page.finding("legal-altered", f"{disclaimer_id}: the text on the page differs from the approved "
                               f"{page.locale.code} translation", element, target=target, disclaimer=disclaimer_id)
        elif not approval.covers(source.english, approval.translation):
            yield page.finding("legal-stale", f"{disclaimer_id}: the page shows a translation whose approval lapsed when "
                               "the English changed; rebuild", element, target=target, disclaimer=disclaimer_id)
