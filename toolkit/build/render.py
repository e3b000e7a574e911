"""Rendering: every page of the site for every locale into ``build/site/<locale>/``.

The toolkit owns the fallback chain: each locale reads its own compiled
catalogues and those of its configured same-script fallbacks, never what
Python's gettext would guess (it loads ``sr`` for ``sr_Latn_ME``).  A string
with no translation is shown in English inside ``lang="en"`` (WCAG 3.1.2).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import gc
import gettext as gettext_module
import multiprocessing
import os
import posixpath
import re
import shutil
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, pass_context
from markupsafe import Markup, escape

from ..config import Config
from .content import Document, read_document, render_document
from ..errors import InputError
from .approvals import ApprovedResolver, load_approvals
from .legal import DisclaimerExtension
from ..locales import Locale

# Private-use characters mark a fallback string until the page is assembled:
# only then is it known whether the string sits in text or in an attribute.
FALLBACK_OPEN = "\ue000"
FALLBACK_CLOSE = "\ue001"
_TAG = re.compile(r"(<[^>]*>)")
_RAW_TEXT = {"title", "script", "style", "textarea", "option"}
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass
class Page:
    """One page as templates see it."""

    path: str
    template: str
    title: Markup | None = None
    date: dt.date | None = None
    body: Markup | None = None
    meta: dict = field(default_factory=dict)
    source: Path | None = None
    summary: Markup | None = None


class _ArticlePage(Page):
    """A Markdown page whose body is rendered when first read: a process renders
    the bodies of its own pages, and of others only if a template shows them."""

    _make_body: Any = None
    _body: Markup | None = None

    @property  # type: ignore[override]
    def body(self) -> Markup | None:
        if self._make_body is not None:
            self._body, self._make_body = self._make_body(), None
        return self._body

    @body.setter
    def body(self, value: Markup | None) -> None:
        self._body = value


@dataclass
class Alternate:
    """One language version of a page: ``url`` relative to the page, ``href`` the
    absolute URL when ``site-url`` is set (what hreflang needs), else ``url``."""

    locale: Locale
    url: str
    href: str = ""

    def __post_init__(self) -> None:
        self.href = self.href or self.url


@dataclass
class BuildResult:
    out: Path
    pages: list[Path] = field(default_factory=list)
    fallbacks: dict[str, int] = field(default_factory=dict)  # page -> English strings shown
    legal_fallbacks: dict[str, list[str]] = field(default_factory=dict)  # page -> disclaimer ids
    unused_templates: list[str] = field(default_factory=list)  # under the templates folder


# -- catalogues ---------------------------------------------------------------------


class CatalogChain:
    """The compiled catalogues of one locale and domain, its own first."""

    def __init__(self, translations: list[gettext_module.GNUTranslations]):
        self.translations = translations

    @classmethod
    def load(cls, config: Config, locale: Locale, domain: str) -> "CatalogChain":
        chain = []
        for code in (locale.code, *locale.fallbacks):
            path = config.mo_path(code, domain)
            if path.is_file():
                try:
                    with path.open("rb") as handle:
                        chain.append(gettext_module.GNUTranslations(handle))
                except (OSError, ValueError, struct.error, IndexError) as error:
                    raise InputError(f"cannot read compiled catalogue: {error}", config.relative(path)) from error
        return cls(chain)

    def lookup(self, msgid: str, context: str | None = None) -> str | None:
        key = f"{context}\x04{msgid}" if context else msgid
        for translations in self.translations:
            value = translations._catalog.get(key)  # type: ignore[attr-defined]
            if value:
                return value
        return None

    def lookup_plural(self, singular: str, n: int, context: str | None = None) -> str | None:
        key = f"{context}\x04{singular}" if context else singular
        for translations in self.translations:
            index = translations.plural(n)  # type: ignore[attr-defined]
            value = translations._catalog.get((key, index))  # type: ignore[attr-defined]
            if value:
                return value
        return None


def safe_translation(source: str, translation: str) -> Markup:
    """A translation may repeat the source's markup, never add its own.

    Outside those tags it may hold no ``<``, ``>`` or ``"``: a string used in an
    attribute (``title="{{ _('...') }}"``) must not be able to close it."""
    if sorted(_MARKUP_TAG.findall(translation)) == sorted(_MARKUP_TAG.findall(source)):
        if not any(c in _MARKUP_TAG.sub("", translation) for c in '<>"'):
            return Markup(translation)
    return escape(translation)


def fallback(text: str) -> Markup:
    return Markup(FALLBACK_OPEN) + Markup(text) + Markup(FALLBACK_CLOSE)


class PageGettext:
    """The gettext callables installed into Jinja for one locale."""

    def __init__(self, chain: CatalogChain, *, is_source: bool):
        self.chain = chain
        self.is_source = is_source
        self.misses = 0

    def _resolve(self, source: str, translation: str | None) -> Markup:
        if self.is_source:
            return Markup(source)
        if translation is None:
            self.misses += 1
            return fallback(source)
        return safe_translation(source, translation)

    def gettext(self, message: str) -> Markup:
        return self._resolve(message, self.chain.lookup(message))

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        english = singular if n == 1 else plural
        return self._resolve(english, self.chain.lookup_plural(singular, n))

    def pgettext(self, context: str, message: str) -> Markup:
        return self._resolve(message, self.chain.lookup(message, context))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        english = singular if n == 1 else plural
        return self._resolve(english, self.chain.lookup_plural(singular, n, context))


def install_cached_gettext(environment: Environment, messages: PageGettext) -> None:
    """Install ``messages`` as the i18n extension's newstyle callables, each result
    kept for the locale: a string is looked up, checked and formatted once, not on
    every page.  What a template gets is what ``install_gettext_callables(...,
    newstyle=True)`` gives."""
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        messages.gettext, messages.ngettext, newstyle=True,
        pgettext=messages.pgettext, npgettext=messages.npgettext,
    )
    cache: dict[tuple, Markup] = {}

    def formatted(context, key: tuple | None, message, variables: dict):
        """``message()`` formatted with ``variables`` as Jinja's newstyle gettext does;
        kept for the locale under ``key`` when nothing but the message decides it."""
        if not context.eval_ctx.autoescape:
            return message() % variables
        if key is None:
            return Markup(message()) % variables
        value = cache.get(key)
        if value is None:
            value = cache[key] = Markup(message()) % variables
        return value

    @pass_context
    def gettext(__context, __string, **variables):
        key = None if variables else (__string,)
        return formatted(__context, key, lambda: messages.gettext(__string), variables)

    @pass_context
    def ngettext(__context, __singular, __plural, __num, **variables):
        key = (__singular, __plural, __num) if not variables and type(__num) is int else None
        variables.setdefault("num", __num)
        return formatted(__context, key, lambda: messages.ngettext(__singular, __plural, __num), variables)

    @pass_context
    def pgettext(__context, __string_ctx, __string, **variables):
        key = None if variables else (__string_ctx, __string, None)
        variables.setdefault("context", __string_ctx)
        return formatted(__context, key, lambda: messages.pgettext(__string_ctx, __string), variables)

    @pass_context
    def npgettext(__context, __string_ctx, __singular, __plural, __num, **variables):
        key = (__string_ctx, __singular, __plural, __num) if not variables and type(__num) is int else None
        variables.setdefault("context", __string_ctx)
        variables.setdefault("num", __num)
        return formatted(__context, key,
                         lambda: messages.npgettext(__string_ctx, __singular, __plural, __num), variables)

    @pass_context
    def alias(__context, *args, **kwargs):
        target = __context.resolve("gettext")
        if target is gettext:
            return gettext(__context, *args, **kwargs)
        return __context.call(target, *args, **kwargs)

    environment.globals.update(gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext, _=alias)


def legal_resolver(config: Config, locale: Locale):
    """The resolver that decides which disclaimer wording a page publishes:
    a translation only while its legal approval is current."""
    chain = CatalogChain.load(config, locale, "legal")
    return ApprovedResolver(load_approvals(config), locale.code, chain, is_source=locale.code == config.source.code)


# -- the markers --------------------------------------------------------------------


def apply_fallback_markers(html: str) -> tuple[str, int]:
    """Turn fallback markers into ``<span lang="en">`` in text.  In attributes and
    raw-text elements no element can carry ``lang``, so the markers are dropped;
    inside SVG (where an HTML span would end the SVG) the enclosing element gets
    ``lang="en"`` instead."""
    if FALLBACK_OPEN not in html:
        return html, 0  # every string translated: nothing to mark
    parts = _TAG.split(html)
    raw: str | None = None
    svg_depth = 0
    last_open = -1  # index of the latest opening tag, for SVG text
    count = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            parts[index] = part.replace(FALLBACK_OPEN, "").replace(FALLBACK_CLOSE, "")
            name = re.match(r"</?\s*([A-Za-z0-9]+)", part)
            if name:
                tag = name.group(1).lower()
                closing = part.startswith("</")
                if not closing:
                    last_open = index
                if tag == "svg" and not part.endswith("/>"):
                    svg_depth += -1 if closing else 1
                elif closing and tag == raw:
                    raw = None
                elif not closing and tag in _RAW_TEXT and not svg_depth:
                    raw = tag
            continue
        if FALLBACK_OPEN not in part:
            continue
        count += part.count(FALLBACK_OPEN)
        stripped = part.replace(FALLBACK_OPEN, "").replace(FALLBACK_CLOSE, "")
        if raw:
            parts[index] = stripped
        elif svg_depth:
            parts[index] = stripped
            if last_open >= 0 and " lang=" not in parts[last_open]:
                opening = parts[last_open]
                cut = -2 if opening.endswith("/>") else -1
                parts[last_open] = opening[:cut] + ' lang="en"' + opening[cut:]
        else:
            parts[index] = part.replace(FALLBACK_OPEN, '<span lang="en">').replace(FALLBACK_CLOSE, "</span>")
    return "".join(parts), count


# -- pages --------------------------------------------------------------------------


def _glob_prefix(pattern: str) -> str:
    """The fixed leading folders of a glob: ``pages/**/*.html`` -> ``pages``."""
    fixed = []
    for part in PurePosixPath(pattern).parts[:-1]:
        if any(c in part for c in "*?["):
            break
        fixed.append(part)
    return "/".join(fixed)


def discover_pages(config: Config) -> list[tuple[str, Path, str | None]]:
    """``(output path, source file, template)`` for every page, sorted by output path.

    Template pages are the files the ``pages`` globs match under the templates folder
    (their output path drops the glob's fixed leading folders); every Markdown file
    under the content folder is a page too."""
    pages: list[tuple[str, Path, str | None]] = []
    templates = config.path(config.templates)
    if templates.is_dir():
        matched: dict[Path, str] = {}
        for pattern in config.pages:
            prefix = _glob_prefix(pattern)
            base = templates / prefix if prefix else templates
            for source in sorted(templates.glob(pattern)):
                if source.is_file() and source not in matched:
                    matched[source] = source.relative_to(base).as_posix()
        pages.extend((path, source, None) for source, path in matched.items())
    content = config.path(config.content)
    if content.is_dir():
        for source in sorted(content.rglob("*.md")):
            pages.append((source.relative_to(content).with_suffix(".html").as_posix(), source, "md"))
    seen: dict[str, Path] = {}
    for path, source, _ in pages:
        if path in seen:
            raise InputError(f"two sources render to {path}: {config.relative(seen[path])}", config.relative(source))
        seen[path] = source
    return sorted(pages)


TEMPLATE_SUFFIXES = {".html", ".htm", ".jinja", ".jinja2", ".j2", ".xml"}


def unused_templates(config: Config, environment: Environment, roots: list[str]) -> list[str]:
    """Templates that are no page and that no page includes, imports or extends
    (directly or through another template): most likely a page the ``pages`` globs miss."""
    from jinja2 import meta

    templates = config.path(config.templates)
    if not templates.is_dir():
        return []
    every = {
        path.relative_to(templates).as_posix()
        for path in templates.rglob("*")
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES
    }
    used: set[str] = set()
    todo = [name for name in roots if name in every]
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used.add(name)
        try:
            source = (templates / name).read_text(encoding="utf-8")
            references = meta.find_referenced_templates(environment.parse(source))
        except (OSError, UnicodeDecodeError, TemplateSyntaxError):
            continue
        for reference in references:
            if reference is None:
                return []  # a computed name: any template may be used
            todo.append(reference)
    return sorted(every - used)


def make_environment(config: Config) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(config.path(config.templates))),
        extensions=["jinja2.ext.i18n", DisclaimerExtension],
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a build reads each template once
    )
    return environment


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's date so that a build can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@lru_cache(maxsize=1 << 14)
def relative_url(target: str, page_dir: str) -> str:
    return posixpath.relpath(target, page_dir or ".")


def relative_file_url(target: str, page_dir: str) -> str:
    """:func:`relative_url` for a file: the folder's relative path is what is cached
    (one per pair of folders, where a page's own URL is new on every page)."""
    folder, slash, name = target.rpartition("/")
    if (slash and folder and name not in ("", ".", "..") and not target.startswith("/")
            and not page_dir.startswith("/") and ".." not in folder.split("/")
            and name not in page_dir.split("/")):
        up = relative_url(folder, page_dir)
        return name if up == "." else f"{up}/{name}"
    return relative_url(target, page_dir)


@lru_cache(maxsize=1 << 12)
def _cached_date(value: dt.date, cldr: str) -> str:
    return format_date(value, "full", locale=cldr)


def _format_date(value: Any, cldr: str) -> str:
    if type(value) is dt.date:
        return _cached_date(value, cldr)
    return format_date(value, "full", locale=cldr)


class SiteRenderer:
    """Renders pages for one locale at a time."""

    def __init__(self, config: Config):
        self.config = config
        self.environment = make_environment(config)
        self.sources = discover_pages(config)
        self.documents: dict[Path, Document] = {}
        content = config.path(config.content)
        prefix = config.relative(content)
        for _, source, kind in self.sources:
            if kind == "md":
                # The Markdown is parsed by the process that renders the page.
                name = config.relative(source) if source.is_symlink() else f"{prefix}/{source.relative_to(content).as_posix()}"
                self.documents[source] = read_document(source, name, parse_body=False)

    def render_locale(self, locale: Locale) -> dict[str, tuple[str, int, list[str]]]:
        """``{output path: (html, fallback count, legal fallback ids)}`` for one locale."""
        return {path: rest for path, *rest in self.iter_locale(locale)}

    def iter_locale(self, locale: Locale, share: tuple[int, int] = (0, 1)) -> Iterator[tuple[str, str, int, list[str]]]:
        """``(output path, html, fallback count, legal fallback ids)`` of each page of one
        locale; with ``share=(k, n)`` only the pages whose index is k modulo n."""
        config = self.config
        is_source = locale.code == config.source.code
        messages = PageGettext(CatalogChain.load(config, locale, "messages"), is_source=is_source)
        content = CatalogChain.load(config, locale, "content")
        install_cached_gettext(self.environment, messages)
        pages = [self._page(path, source, kind, locale, content, is_source) for path, source, kind in self.sources]
        # Newest first: what the home page and the news index list.
        articles = sorted(
            (page for page in pages if page.source in self.documents and page.date),
            key=lambda page: (page.date, page.path), reverse=True,
        )
        # The locale's legal catalogue and the approvals, read once; a resolver per
        # page records that page's fallbacks.
        legal_chain = CatalogChain.load(config, locale, "legal")
        approvals = load_approvals(config)
        is_source = locale.code == config.source.code
        first, step = share
        for page in pages[first::step]:
            resolver = ApprovedResolver(approvals, locale.code, legal_chain, is_source=is_source)
            html = self._render(page, locale, resolver, articles)
            html, count = apply_fallback_markers(html)
            yield page.path, html, count, list(resolver.fell_back)

    def template_names(self) -> list[str]:
        """Every template a page is rendered from."""
        templates = self.config.path(self.config.templates)
        names = []
        for _, source, kind in self.sources:
            if kind == "md":
                names.append(self.documents[source].meta.get("template") or self.config.article_template)
            else:
                names.append(source.relative_to(templates).as_posix())
        return names

    def _page(self, path, source, kind, locale, content: CatalogChain, is_source: bool) -> Page:
        if kind != "md":
            template = source.relative_to(self.config.path(self.config.templates)).as_posix()
            return Page(path=path, template=template, source=source)
        document = self.documents[source]
        template = document.meta.get("template") or self.config.article_template
        # The source locale's text is its own translation; elsewhere a missing block falls back.
        translate = (lambda text: text) if is_source else content.lookup
        page = _ArticlePage(
            path=path, template=template, date=document.date,
            title=self._meta_text(document, "title", content, is_source),
            summary=self._meta_text(document, "summary", content, is_source),
            meta=document.meta, source=source,
        )
        page._make_body = lambda: Markup(render_document(document, translate))
        return page

    @staticmethod
    def _meta_text(document: Document, key: str, content: CatalogChain, is_source: bool) -> Markup | None:
        """A translated front matter value, or the English one marked as a fallback."""
        english = document.meta.get(key)
        if not english:
            return None
        if is_source:
            return escape(english)
        found = content.lookup(english)
        return escape(found) if found else fallback(escape(english))

    def _render(self, page: Page, locale: Locale, resolver, articles: list[Page]) -> str:
        config = self.config
        context = page_context(config, locale, page.path)
        context.update({"page": page, "legal": resolver, "articles": articles})
        try:
            template = self.environment.get_template(page.template)
            return template.render(context)
        except TemplateSyntaxError as error:
            name = error.filename or error.name or page.template
            raise InputError(f"template syntax error: {error.message}", self.config.relative(name) if error.filename else name, error.lineno) from error
        except TemplateError as error:
            where = config.relative(page.source) if page.source else page.template
            raise InputError(f"cannot render {page.path} ({locale.code}): {error}", where) from error


def absolute_url(config: Config, locale: Locale, path: str) -> str:
    return f"{config.site_url.rstrip('/')}/{config.url_dir(locale)}/{path}"


def page_context(config: Config, locale: Locale, path: str) -> dict[str, Any]:
    """What every page's template gets besides ``page``, ``legal`` and ``articles``:
    the locale, its language versions and the helpers that link them."""
    page_dir = posixpath.dirname(path)
    depth = path.count("/")
    here = f"{config.url_dir(locale)}/{page_dir}".rstrip("/")
    alternates = [
        Alternate(
            other,
            relative_file_url(f"{config.url_dir(other)}/{path}", here),
            absolute_url(config, other, path) if config.site_url else "",
        )
        for other in config.all_locales
    ]

    def hreflang_links() -> Markup:
        """``<link rel="alternate" hreflang>`` for every language version and x-default."""
        lines = [
            Markup('<link rel="alternate" hreflang="{}" href="{}">').format(a.locale.tag, a.href)
            for a in alternates
        ]
        lines.append(Markup('<link rel="alternate" hreflang="x-default" href="{}">').format(alternates[0].href))
        return Markup("\n").join(lines)

    def language_switcher(label: str = "", css_class: str = "language-switcher") -> Markup:
        """A ``<nav>`` of links to every language version, each named in its own
        language with ``lang`` and ``hreflang``; the current one has ``aria-current``."""
        items = [
            Markup('<li><a href="{}" lang="{}" hreflang="{}"{}>{}</a></li>').format(
                a.url, a.locale.tag, a.locale.tag,
                Markup(' aria-current="true"') if a.locale.code == locale.code else "",
                a.locale.autonym,
            )
            for a in alternates
        ]
        aria = Markup(' aria-label="{}"').format(label) if label else ""
        return Markup('<nav class="{}"{}>\n<ul>\n{}\n</ul>\n</nav>').format(css_class, aria, Markup("\n").join(items))

    return {
        "locale": locale,
        "locale_is_source": locale.code == config.source.code,
        "locales": config.all_locales,
        "site_name": config.project_name,
        "alternates": alternates,
        "x_default_url": alternates[0].url,
        "x_default_href": alternates[0].href,
        "hreflang_links": hreflang_links,
        "language_switcher": language_switcher,
        "url": lambda target: relative_url(target, page_dir),
        "static": lambda target: "../" * (depth + 1) + "static/" + target,
        "format_date": lambda value: _format_date(value, locale.cldr),
        "year": build_date().year,
        "canonical_url": absolute_url(config, locale, path),
    }


def _render_into(renderer: "SiteRenderer", locale: Locale, staging: Path,
                 share: tuple[int, int] = (0, 1)) -> tuple[list[str], dict, dict]:
    """Render one locale's pages (those of ``share``, see :meth:`SiteRenderer.iter_locale`)
    into ``staging``: (pages, fallbacks, legal fallbacks)."""
    config = renderer.config
    pages: list[str] = []
    fallbacks: dict[str, int] = {}
    legal_fallbacks: dict[str, list[str]] = {}
    made: set[Path] = set()
    for path, html, count, legal_ids in renderer.iter_locale(locale, share):
        relative = f"{config.url_dir(locale)}/{path}"
        target = staging / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(html, encoding="utf-8")
        pages.append(relative)
        if count:
            fallbacks[relative] = count
        if legal_ids:
            legal_fallbacks[relative] = legal_ids
    return pages, fallbacks, legal_fallbacks


# Below this many pages a second process costs more than it saves.
PARALLEL_MIN_PAGES = 200
_RENDERER: "SiteRenderer | None" = None


def _render_share(locales: list[Locale], staging: Path, share: tuple[int, int]) -> list[tuple[list[str], dict, dict]]:
    """In a worker: its share of every locale's pages."""
    return [_render_into(_RENDERER, locale, staging, share) for locale in locales]


def _each_locale(renderer: "SiteRenderer", locales: list[Locale], staging: Path) -> Iterator[tuple[list[str], dict, dict]]:
    """What :func:`_render_into` gives for each locale, in the order of ``locales``.

    With more than one core, forked processes share the pages, not the locales:
    process k of n renders the pages k, k+n, k+2n... of every locale, so the work
    is even whatever the number of locales, and each process parses only the
    Markdown of its own pages."""
    global _RENDERER
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    jobs = min(cores, len(renderer.sources))
    if (jobs < 2 or len(renderer.sources) * len(locales) < PARALLEL_MIN_PAGES
            or "fork" not in multiprocessing.get_all_start_methods()):
        for locale in locales:
            yield _render_into(renderer, locale, staging)
        return
    _RENDERER = renderer
    try:
        context = multiprocessing.get_context("fork")
        # What the parent has read stays out of the workers' garbage collections
        # (and so their memory pages stay shared).
        gc.freeze()
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
            futures = [pool.submit(_render_share, locales, staging, (k, jobs)) for k in range(jobs)]
            shares = [future.result() for future in futures]
    finally:
        gc.unfreeze()
        _RENDERER = None
    for position in range(len(locales)):
        parts = [share[position] for share in shares]
        total = sum(len(part[0]) for part in parts)
        pages = [parts[index % jobs][0][index // jobs] for index in range(total)]
        fallbacks: dict[str, int] = {}
        legal_fallbacks: dict[str, list[str]] = {}
        for page in pages:
            for part in parts:
                if page in part[1]:
                    fallbacks[page] = part[1][page]
                if page in part[2]:
                    legal_fallbacks[page] = part[2][page]
        yield pages, fallbacks, legal_fallbacks


def build_site(config: Config, out: Path | None = None, *, locales: list[Locale] | None = None) -> BuildResult:
    """Render every page into a staging folder, then replace the output folder in one move."""
    out = out or config.build_path
    renderer = SiteRenderer(config)
    if not renderer.sources:
        raise InputError(
            f"no page to build: no template matches pages = {list(config.pages)} under "
            f"{config.relative(config.path(config.templates))}/ and no .md is under "
            f"{config.relative(config.path(config.content))}/ (set the pages key)"
        )
    result = BuildResult(out=out, unused_templates=unused_templates(config, renderer.environment, renderer.template_names()))
    staging = out.with_name(out.name + ".tmp")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    # Each page is written as it is rendered; with more than one core the
    # locales are shared among forked processes.
    chosen = list(locales or config.all_locales)
    try:
        for pages, fallbacks, legal_fallbacks in _each_locale(renderer, chosen, staging):
            result.pages.extend(out / relative for relative in pages)
            result.fallbacks.update(fallbacks)
            result.legal_fallbacks.update(legal_fallbacks)
        static = config.path(config.static)
        if static.is_dir():
            shutil.copytree(static, staging / "static")
    except BaseException:
        # A refused build leaves every file as it was: no half-written staging folder.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = out.with_name(out.name + ".old")
    if previous.exists():
        shutil.rmtree(previous)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    if previous.exists():
        shutil.rmtree(previous)
    return result
