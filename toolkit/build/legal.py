"""Legal disclaimers: the ``{% disclaimer "id" %}…{% enddisclaimer %}`` tag and its catalogue.

A disclaimer's English text lives in the template; its translations live in
the ``legal`` domain with msgctxt = the disclaimer id.  At render time the
page asks a resolver (``legal`` in the template context) which wording to
publish; the resolver decides between the translation and the English
original, so a page never mixes approved and unapproved wording.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Protocol

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup

LEGAL_COMMENT = "Legal text: a reviewer must approve each translation before it is published (toolkit legal approve)."


class DisclaimerResolver(Protocol):
    def resolve(self, disclaimer_id: str, english: str) -> tuple[str, bool]:
        """Return ``(text, is_translation)`` for one disclaimer on this page."""


def normalize_text(text: str) -> str:
    """Disclaimer bodies are compared and looked up with whitespace folded."""
    return " ".join(text.split())


@lru_cache(maxsize=1 << 10)
def render_disclaimer(disclaimer_id: str, text: str, *, fallback: bool) -> Markup:
    lang = ' lang="en"' if fallback else ""
    return Markup('<span class="disclaimer" data-disclaimer="{}"{}>{}</span>').format(
        disclaimer_id, Markup(lang), text
    )


class DisclaimerExtension(Extension):
    """``{% disclaimer "kosovo-1244" %}English text{% enddisclaimer %}``."""

    tags = {"disclaimer"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        disclaimer_id = parser.parse_expression()
        if not isinstance(disclaimer_id, nodes.Const) or not isinstance(disclaimer_id.value, str):
            parser.fail("a disclaimer id must be a string literal", lineno)
        body = parser.parse_statements(("name:enddisclaimer",), drop_needle=True)
        for node in body:
            if not isinstance(node, nodes.Output) or not all(
                isinstance(child, nodes.TemplateData) for child in node.nodes
            ):
                parser.fail("a disclaimer body is plain text: no variables or tags", lineno)
        call = self.call_method("_render", [disclaimer_id, nodes.ContextReference()])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, disclaimer_id: str, context, caller) -> Markup:
        english = normalize_text(str(caller()))
        resolver: DisclaimerResolver | None = context.get("legal")
        if resolver is None:
            return render_disclaimer(disclaimer_id, english, fallback=False)
        text, translated = resolver.resolve(disclaimer_id, english)
        return render_disclaimer(disclaimer_id, text, fallback=not translated and context.get("locale_is_source") is not True)


def find_disclaimers(ast: nodes.Template) -> Iterator[tuple[int, str, str]]:
    """Yield ``(lineno, id, english)`` for every disclaimer block in a parsed template."""
    for block in ast.find_all(nodes.CallBlock):
        call = block.call
        if not (
            isinstance(call, nodes.Call)
            and isinstance(call.node, nodes.ExtensionAttribute)
            and call.node.identifier.endswith("DisclaimerExtension")
            and call.node.name == "_render"
        ):
            continue
        disclaimer_id = call.args[0].value
        text = "".join(
            child.data for output in block.body for child in output.nodes  # type: ignore[attr-defined]
        )
        yield block.lineno, disclaimer_id, normalize_text(text)


def parse_disclaimers(source: str, name: str | None = None) -> list[tuple[int, str, str]]:
    """``(lineno, id, english)`` for every disclaimer in one template's source."""
    from jinja2 import Environment

    environment = Environment(extensions=["jinja2.ext.i18n", DisclaimerExtension])
    return list(find_disclaimers(environment.parse(source, name=name, filename=name)))


def extract_disclaimers(fileobj, keywords, comment_tags, options):
    """Babel extraction method for the ``legal`` domain.

    Yields Babel's 4-tuples with ``pgettext`` so msgctxt = the disclaimer id.
    """
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, disclaimer_id, text in parse_disclaimers(source):
        yield lineno, "pgettext", (disclaimer_id, text), [LEGAL_COMMENT]
