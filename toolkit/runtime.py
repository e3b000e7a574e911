"""The toolkit at run time, for an application that renders pages itself (Flask, plain Jinja2).

    from toolkit import runtime

    site = runtime.Runtime.from_project("path/to/project")   # reads [tool.toolkit]
    t = site.translations("sr_Latn")          # gettext-compatible: gettext, ngettext, pgettext, npgettext
    site.equip(app.jinja_env)                 # i18n, {% disclaimer %}, fallback markers resolved
    render_template("pages/index.html", **site.context("sr_Latn", "index.html"))

The translations follow the toolkit's same-script fallback chain (``sr_Latn`` falls back
to its configured Latin fallbacks, never to Cyrillic ``sr``) and end in the English
source text.  An equipped environment renders the same HTML as ``toolkit build``: a
string without translation is shown in English inside ``<span lang="en">``, and a legal
disclaimer is translated only while its approval is current (else English, ``lang="en"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context

from .build.legal import DisclaimerExtension
from .build.render import (
    CatalogChain, Page, PageGettext, apply_fallback_markers, legal_resolver, page_context,
)
from .config import Config, load_config
from .errors import InputError
from .locales import Locale

__all__ = ["Runtime", "Translations", "translations", "equip"]


class Translations:
    """A gettext-compatible translations object for one locale and domain.

    Each lookup walks the locale's own catalogue, then its configured same-script
    fallbacks; a message found nowhere comes back as the English source text."""

    def __init__(self, chain: CatalogChain, locale: Locale, *, is_source: bool):
        self.chain = chain
        self.locale = locale
        self.is_source = is_source

    def gettext(self, message: str) -> str:
        found = None if self.is_source else self.chain.lookup(message)
        return found if found else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = None if self.is_source else self.chain.lookup_plural(singular, n)
        return found if found else (singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        found = None if self.is_source else self.chain.lookup(message, context)
        return found if found else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = None if self.is_source else self.chain.lookup_plural(singular, n, context)
        return found if found else (singular if n == 1 else plural)

    # The names Python's gettext.NullTranslations also has.
    def install(self, names=None) -> None:  # pragma: no cover - a builtins side effect
        import builtins

        builtins.__dict__["_"] = self.gettext
        for name in names or ():
            builtins.__dict__[name] = getattr(self, name)

    def info(self) -> dict[str, str]:
        return {"language": self.locale.code, "plural-forms": self.locale.plural_forms}

    def charset(self) -> str:
        return "UTF-8"


class Runtime:
    """One project's locales and compiled catalogues, for use at run time."""

    def __init__(self, config: Config):
        if not config.configured:
            raise InputError("no [tool.toolkit] configuration: give the project folder")
        self.config = config
        self._chains: dict[tuple[str, str], CatalogChain] = {}

    @classmethod
    def from_project(cls, folder: Path | str | None = None) -> "Runtime":
        return cls(load_config(folder))

    # -- locales and catalogues ---------------------------------------------------
    def locale(self, code: Locale | str) -> Locale:
        """A configured locale by gettext name or BCP 47 tag (``sr_Latn``, ``sr-Latn``, ``sr@latin``)."""
        return self.config.locale(code.code if isinstance(code, Locale) else code)

    def _chain(self, locale: Locale, domain: str) -> CatalogChain:
        key = (locale.code, domain)
        if key not in self._chains:
            self._chains[key] = CatalogChain.load(self.config, locale, domain)
        return self._chains[key]

    def reload(self) -> None:
        """Forget the loaded catalogues (after ``toolkit compile``)."""
        self._chains.clear()

    def translations(self, code: Locale | str, domain: str = "messages") -> Translations:
        locale = self.locale(code)
        return Translations(self._chain(locale, domain), locale, is_source=self._is_source(locale))

    def _is_source(self, locale: Locale) -> bool:
        return locale.code == self.config.source.code

    # -- Jinja2 ---------------------------------------------------------------------
    def context(self, code: Locale | str, path: str, *, page: Page | None = None, **extra: Any) -> dict[str, Any]:
        """What ``toolkit build`` gives the template of the page at ``path`` (its output path
        under the locale folder, e.g. ``index.html``): ``locale``, ``alternates``,
        ``hreflang_links()``, ``language_switcher()``, ``url()``, ``static()``, ``page``, …"""
        locale = self.locale(code)
        context = page_context(self.config, locale, path)
        context["page"] = page or Page(path=path, template=path)
        context["articles"] = extra.pop("articles", [])
        context.update(extra)
        return context

    def equip(self, environment: Environment, *, build_whitespace: bool = True) -> Environment:
        """Install i18n (with the fallback chain), the ``{% disclaimer %}`` tag and
        fallback-marker resolution into ``environment``.

        The locale of each render is the ``locale`` variable of its context (a locale
        name, a BCP 47 tag or a Locale; ``context()`` sets it).  ``build_whitespace``
        sets ``trim_blocks`` and ``lstrip_blocks`` as ``toolkit build`` renders."""
        for extension in ("jinja2.ext.i18n", DisclaimerExtension):
            environment.add_extension(extension)
        if build_whitespace:
            environment.trim_blocks = True
            environment.lstrip_blocks = True
            if environment.cache is not None:
                environment.cache.clear()
        runtime = self

        def current(context) -> PageGettext:
            code = context.get("locale")
            if code is None:
                code = runtime.config.source
            locale = runtime.locale(code)
            return PageGettext(runtime._chain(locale, "messages"), is_source=runtime._is_source(locale))

        @pass_context
        def gettext(context, message):
            return current(context).gettext(message)

        @pass_context
        def ngettext(context, singular, plural, n):
            return current(context).ngettext(singular, plural, n)

        @pass_context
        def pgettext(context, ctx, message):
            return current(context).pgettext(ctx, message)

        @pass_context
        def npgettext(context, ctx, singular, plural, n):
            return current(context).npgettext(ctx, singular, plural, n)

        environment.install_gettext_callables(  # type: ignore[attr-defined]
            gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext,
        )
        base = environment.template_class
        if not getattr(base, "_toolkit_equipped", False):
            class EquippedTemplate(base):  # type: ignore[misc, valid-type]
                _toolkit_equipped = True

                def render(self, *args: Any, **kwargs: Any) -> str:
                    variables = dict(*args, **kwargs)
                    code = variables.get("locale")
                    if code is not None:
                        locale = runtime.locale(code)
                        variables["locale"] = locale
                        variables.setdefault("locale_is_source", runtime._is_source(locale))
                        variables.setdefault("legal", legal_resolver(runtime.config, locale))
                    html, _ = apply_fallback_markers(super().render(variables))
                    return html

            environment.template_class = EquippedTemplate
            if environment.cache is not None:
                environment.cache.clear()
        environment.toolkit_runtime = self  # type: ignore[attr-defined]
        return environment


def translations(code: str, project: Path | str | None = None, domain: str = "messages") -> Translations:
    """``Runtime.from_project(project).translations(code, domain)``."""
    return Runtime.from_project(project).translations(code, domain)


def equip(environment: Environment, project: Path | str | None = None, **options: Any) -> Runtime:
    """Equip ``environment`` for the project at ``project`` (default: found from the working folder)."""
    runtime = Runtime.from_project(project)
    runtime.equip(environment, **options)
    return runtime

