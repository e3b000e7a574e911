"""Markdown pages with front matter, translated block by block.

Each paragraph, heading and list item is one entry in the ``content``
domain, as po4a and mdpo do, so a translator sees whole sentences and an
edited paragraph invalidates only its own translation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import InputError
from ..fileio import read_text

# Front matter keys whose values are shown to readers and so translated.
TRANSLATED_KEYS = ("title", "summary")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def markdown() -> MarkdownIt:
    # commonmark with tables; raw HTML stays escaped so a translation cannot inject markup
    return MarkdownIt("commonmark", {"html": False}).enable("table")


_PARSER: MarkdownIt | None = None


def parser() -> MarkdownIt:
    """The process's one parser: parsing keeps no state between documents."""
    global _PARSER
    if _PARSER is None:
        _PARSER = markdown()
    return _PARSER


# The C parser when PyYAML has it (the same values, several times faster); a
# document it refuses is read again by the Python one, whose message is reported.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(text: str) -> object:
    if _YAML_LOADER is not yaml.SafeLoader:
        try:
            return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


@dataclass
class Document:
    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line of the first body line in the file
    tokens: list[Token] | None = field(default_factory=list)  # None: not parsed yet (see body_tokens)

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    @property
    def date(self) -> dt.date | None:
        value = self.meta.get("date")
        return value if isinstance(value, dt.date) else None


def read_document(path: Path, display: str | None = None, *, parse_body: bool = True) -> Document:
    """The document at ``path``; with ``parse_body=False`` its Markdown is parsed
    on first use (:func:`body_tokens`), by the process that renders it."""
    name = display or str(path)
    text = read_text(path, name)
    return parse_document(text, path, name, parse_body=parse_body)


def body_tokens(document: Document) -> list[Token]:
    if document.tokens is None:
        document.tokens = parser().parse(document.body)
    return document.tokens


def parse_document(text: str, path: Path, name: str, *, parse_body: bool = True) -> Document:
    meta: dict = {}
    body, body_line = text, 1
    match = _FRONT_MATTER.match(text)
    if text.startswith("---") and not match:
        raise InputError("front matter opened with --- but never closed", name, 1)
    if match:
        try:
            meta = _front_matter(match.group(1)) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            raise InputError(f"front matter: {getattr(error, 'problem', error)}", name, line) from error
        if not isinstance(meta, dict):
            raise InputError("front matter must be a mapping of keys to values", name, 2)
        for key in TRANSLATED_KEYS:
            if key in meta and not isinstance(meta[key], str):
                raise InputError(f"front matter {key!r} must be text", name, 2)
        if "date" in meta and not isinstance(meta["date"], dt.date):
            raise InputError("front matter 'date' must be YYYY-MM-DD", name, 2)
        body = text[match.end():]
        body_line = text[: match.end()].count("\n") + 1
    tokens = parser().parse(body) if parse_body else None
    return Document(path=path, meta=meta, body=body, body_line=body_line, tokens=tokens)


def translatable_blocks(document: Document) -> Iterator[tuple[int, str, int]]:
    """Yield ``(token index, source text, file line)`` for each inline block."""
    for index, token in enumerate(document.tokens):
        if token.type == "inline" and token.content.strip():
            line = document.body_line + (token.map[0] if token.map else 0)
            yield index, token.content, line


def extract_markdown(fileobj, keywords, comment_tags, options):
    """Babel extraction method for Markdown content: front matter, then blocks."""
    text = fileobj.read().decode("utf-8")
    name = getattr(fileobj, "name", "<content>")
    path = Path(name)
    document = parse_document(text, path, name)
    for key in TRANSLATED_KEYS:
        if document.meta.get(key):
            yield 2, "gettext", document.meta[key], [f"Front matter: {key}"]
    for index, source, line in translatable_blocks(document):
        yield line, "gettext", source, [_block_kind(document.tokens, index)]


def _block_kind(tokens: list[Token], index: int) -> str:
    opener = tokens[index - 1] if index else None
    if opener is None:
        return "Paragraph"
    if opener.type == "heading_open":
        return f"Heading {opener.tag[1:]}"
    for previous in reversed(tokens[:index]):
        if previous.type == "list_item_open":
            return "List item"
        if previous.type in ("bullet_list_open", "ordered_list_open"):
            break
    if opener.type == "th_open" or opener.type == "td_open":
        return "Table cell"
    return "Paragraph"


def render_document(document: Document, translate: Callable[[str], str | None]) -> str:
    """Render the body with each block translated.

    ``translate`` returns the translation or None.  An untranslated block is
    rendered in English with ``lang="en"`` on its element.  The document's
    tokens are shared by every locale and never edited: a translated block is
    rendered from the translation's own inline tokens, an untranslated one
    from the source's, and an element that gets ``lang`` is rendered from a copy.
    """
    md = parser()
    tokens = body_tokens(document)
    segments = _segments(document)
    out = list(segments)
    openers: set[int] = set()
    for index, opener in _blocks(document):
        translation = translate(tokens[index].content)
        if translation:
            out[index] = _render_inline(translation)
        elif opener < 0:
            return -1  # outside any element
        else:
            openers.add(opener)
    if openers:
        edited = list(tokens)
        for opener in openers:
            copy = tokens[opener].copy(attrs=dict(tokens[opener].attrs))
            copy.attrSet("lang", "en")
            edited[opener] = copy
        for opener in openers:
            out[opener] = _render_token(md, edited, opener)
    return "".join(out)


def _blocks(document: Document) -> list[tuple[int, int]]:
    """``(inline token index, index of the element that holds it)`` of each translated block."""
    blocks = document.__dict__.get("_blocks")
    if blocks is None:
        tokens = body_tokens(document)
        blocks = [
            (index, _block_opener_index(tokens, index))
            for index, token in enumerate(tokens)
            if token.type == "inline" and token.content.strip()
        ]
        document.__dict__["_blocks"] = blocks
    return blocks


def _segments(document: Document) -> list[str]:
    """The source's HTML token by token (what the renderer joins), computed once a document."""
    segments = document.__dict__.get("_segments")
    if segments is None:
        md = parser()
        segments = []
        tokens = body_tokens(document)
        for index, token in enumerate(tokens):
            if token.type == "inline":
                segments.append(md.renderer.renderInline(token.children, md.options, {}) if token.children else "")
            else:
                segments.append(_render_token(md, tokens, index))
        document.__dict__["_segments"] = segments
    return segments


def _render_token(md: MarkdownIt, tokens: list[Token], index: int) -> str:
    renderer = md.renderer
    rule = renderer.rules.get(tokens[index].type)
    if rule is not None:
        return rule(tokens, index, md.options, {})
    return renderer.renderToken(tokens, index, md.options, {})


@lru_cache(maxsize=1 << 15)
def _render_inline(text: str) -> str:
    """One block's translation as HTML: the same text renders the same in every page."""
    md = parser()
    children = md.parseInline(text)[0].children
    return md.renderer.renderInline(children, md.options, {}) if children else ""


def _block_opener_index(tokens: list[Token], index: int) -> int:
    """The visible element that holds an inline block (a tight list hides its <p>), or -1."""
    for previous in range(index - 1, -1, -1):
        if tokens[previous].nesting == 1 and not tokens[previous].hidden:
            return previous
    return -1  # outside any element
