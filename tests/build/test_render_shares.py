"""The build's speed-ups give the bytes the plain way gives: Markdown rendered from
shared tokens, and pages shared among forked processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.build import render
from toolkit.build.content import markdown, parse_document, render_document
from toolkit.config import config_from_file
from toolkit.po.catalog import compile_mo, read_po

from tests.helpers import ROOT

BODY = """# A heading with a [reference][ref]

A paragraph with *emphasis*, `code` and a [reference][ref].

- a tight item
- another tight item with **bold**

1. a loose item

2. another loose item

| Column | Other |
|:------:|-------|
| cell   | cell with [link](https://example.org) |

> a quote
> over two lines

    indented code

[ref]: https://example.org/ref "Title"
"""


def plain_render(body: str, translate) -> str:
    """The straightforward way: parse afresh and edit the tokens in place."""
    md = markdown()
    tokens = md.parse(body)
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.content.strip():
            continue
        translation = translate(token.content)
        if translation:
            token.children = md.parseInline(translation)[0].children
            token.content = translation
        else:
            for previous in reversed(tokens[:index]):
                if previous.nesting == 1 and not previous.hidden:
                    previous.attrSet("lang", "en")
                    break
    return md.renderer.render(tokens, md.options, {})


@pytest.mark.parametrize("translate", [
    lambda text: text,  # the source locale
    lambda text: None,  # nothing translated
    lambda text: f"«{text}»" if len(text) % 2 else None,  # some blocks
    lambda text: "*" + text.upper() + "*",
], ids=["source", "none", "some", "all"])
def test_markdown_from_shared_tokens_matches_a_fresh_parse(translate):
    document = parse_document("---\ntitle: T\n---\n" + BODY, Path("a.md"), "a.md")
    tokens = list(document.tokens)
    for _ in range(2):  # the second time from the kept segments
        assert render_document(document, translate) == plain_render(BODY, translate)
    assert document.tokens == tokens  # never edited


def test_a_lazily_parsed_document_renders_the_same():
    text = "---\ntitle: T\n---\n" + BODY
    eager = parse_document(text, Path("a.md"), "a.md")
    lazy = parse_document(text, Path("a.md"), "a.md", parse_body=False)
    assert lazy.tokens is None
    assert render_document(lazy, lambda t: None) == render_document(eager, lambda t: None)


def copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("pyproject.toml", "site", "locales", "i18n"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, target / name)
    for po in (target / "locales").rglob("*.po"):
        po.with_suffix(".mo").write_bytes(compile_mo(read_po(po)))
    news = target / "site" / "content" / "news"
    for article in sorted(news.glob("*.md")):
        for n in range(4):
            shutil.copy(article, news / f"{article.stem}-{n}.md")
    return target


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("cores", [2, 3])
def test_pages_shared_among_processes_build_what_one_process_builds(tmp_path, monkeypatch, cores):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1606780800")
    project = copy_example(tmp_path / "project")
    config = config_from_file(project / "pyproject.toml")
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 10 ** 9)
    alone = render.build_site(config, tmp_path / "alone")
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(render.os, "sched_getaffinity", lambda _: set(range(cores)), raising=False)
    shared = render.build_site(config, tmp_path / "shared")
    assert files(tmp_path / "shared") == files(tmp_path / "alone")
    assert [p.relative_to(shared.out) for p in shared.pages] == [p.relative_to(alone.out) for p in alone.pages]
    assert list(shared.fallbacks.items()) == list(alone.fallbacks.items())
    assert list(shared.legal_fallbacks.items()) == list(alone.legal_fallbacks.items())
    assert alone.fallbacks  # the example site has untranslated strings to mark
