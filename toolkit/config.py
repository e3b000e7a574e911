"""Project configuration, read from ``[tool.toolkit]`` in ``pyproject.toml``."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import InputError
from .locales import Locale, UnknownLocaleError, find_locale, get_locale, normalize_code

DOMAINS = ("messages", "content", "legal")
DEFAULT_PAGES = ("pages/**/*.html",)

# Every [tool.toolkit] key: (type, default, meaning, example).  The README's table says the same.
STR, LIST, TABLE, BOOL = "a string", "a list of strings", "a table", "true or false"
KEYS: dict[str, tuple[str, object, str, str]] = {
    "project-name": (STR, "[project] name, else the folder name", "the name catalogues and reports carry (Project-Id-Version)", '"SEESAC"'),
    "source-locale": (STR, "en", "the language the templates are written in", '"en"'),
    "source-region": (STR, "GB for en", "the region whose conventions (dates) the source locale's pages follow", '"US"'),
    "locales": (LIST, "[]", "the translated locales, gettext names or BCP 47 tags", '["hr", "sr", "sr_Latn", "sq"]'),
    "templates": (STR, "site/templates", "the Jinja2 templates folder", '"templates"'),
    "pages": (LIST, '["pages/**/*.html"]', "globs, relative to the templates folder, of the templates that are pages; a page's output path is its path after the glob's fixed leading folders", '["*.html"]'),
    "article-template": (STR, "article.html", "the template a Markdown page uses unless its front matter names one", '"layouts/post.html"'),
    "content": (STR, "site/content", "the Markdown content folder (each .md is a page)", '"posts"'),
    "static": (STR, "site/static", "copied as-is to <build-dir>/static/", '"assets"'),
    "locales-dir": (STR, "locales", "the .pot templates and <locale>/LC_MESSAGES/<domain>.po/.mo", '"translations"'),
    "build-dir": (STR, "build/site", "where toolkit build writes <locale>/…html", '"public"'),
    "report-dir": (STR, "<build-dir>/../report", "where toolkit report and the a11y results go", '"public-report"'),
    "mapping": (STR, "i18n/babel.cfg", "the pybabel extraction mapping of the messages domain", '"babel.cfg"'),
    "i18n-dir": (STR, "i18n", "legal approvals and rules, glossary, a11y baseline", '"i18n"'),
    "site-url": (STR, '""', "the public address; hreflang and canonical links become absolute URLs", '"https://example.org"'),
    "axe-script": (STR, '""', "the axe.min.js to inject (before node_modules/axe-core)", '"vendor/axe.min.js"'),
    "script-subtags": (BOOL, "false", "page policy: every lang and hreflang names its script (sr-Cyrl, not sr)", "true"),
    "url-prefix": (TABLE, "{}", "a locale's folder and URL prefix when not its code", '{ sr_Latn = "sr-latn" }'),
    "fallbacks": (TABLE, "{}", "a locale's same-script fallback locales, in order", '{ cnr = ["sr_Latn"] }'),
    "derived": (TABLE, "{}", "locales transliterated from another instead of translated", '{ sr_Latn = "sr" }'),
    "siblings": (TABLE, '{ hr = ["bs", "cnr", "sr_Latn"], … }', "the locales update --suggest draws fuzzy suggestions from, per locale", '{ hr = ["bs"], bs = ["hr"] }'),
    "a11y": (TABLE, "{}", "toolkit a11y settings: tags, viewports, workers, fail-on-impact, baseline, timeout, webdriver-url, serve-address, interactions, cache-max-age-days", '{ tags = ["wcag2a", "wcag2aa"] }'),
}
DEFAULT_SIBLINGS = {"hr": ("bs", "cnr", "sr_Latn"), "bs": ("hr", "cnr", "sr_Latn"), "cnr": ("hr", "bs", "sr_Latn")}


@dataclass
class Config:
    root: Path
    project_name: str = ""
    source_locale: str = "en"
    locale_codes: tuple[str, ...] = ()
    templates: str = "site/templates"
    content: str = "site/content"
    static: str = "site/static"
    locales_dir: str = "locales"
    build_dir: str = "build/site"
    mapping: str = "i18n/babel.cfg"
    i18n_dir: str = "i18n"
    site_url: str = ""
    url_prefix: dict[str, str] = field(default_factory=dict)
    script_subtags: bool = False  # page policy: every lang/hreflang names its script (sr-Cyrl, not sr)
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    derived: dict[str, str] = field(default_factory=dict)
    a11y: dict = field(default_factory=dict)
    pages: tuple[str, ...] = DEFAULT_PAGES
    article_template: str = "article.html"
    report_dir: str = ""
    axe_script: str = ""
    source_region: str = ""
    siblings: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_SIBLINGS))
    # False when no pyproject.toml with a [tool.toolkit] table was found.
    configured: bool = True

    # -- paths ---------------------------------------------------------------
    def path(self, relative: str | Path) -> Path:
        return self.root / relative

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    @property
    def locales_path(self) -> Path:
        return self.path(self.locales_dir)

    @property
    def build_path(self) -> Path:
        return self.path(self.build_dir)

    @property
    def _nested_build(self) -> bool:
        return Path(self.build_dir).parent != Path(".")

    @property
    def report_path(self) -> Path:
        """Where ``toolkit report`` writes its HTML: ``report-dir``; else ``report/`` beside a
        nested build folder (``build/site`` -> ``build/report``); else ``<build-dir>/report``."""
        if self.report_dir:
            return self.path(self.report_dir)
        return (self.build_path.parent if self._nested_build else self.build_path) / "report"

    @property
    def a11y_json_path(self) -> Path:
        """The a11y results (``toolkit a11y --format json``) that ``toolkit report`` reads:
        ``build/a11y.json`` beside a nested build folder, else inside the report folder."""
        if self.report_dir or not self._nested_build:
            return self.report_path / "a11y.json"
        return self.build_path.parent / "a11y.json"

    def pot_path(self, domain: str) -> Path:
        return self.locales_path / f"{domain}.pot"

    def po_path(self, locale: str, domain: str) -> Path:
        return self.locales_path / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo_path(self, locale: str, domain: str) -> Path:
        return self.locales_path / locale / "LC_MESSAGES" / f"{domain}.mo"

    # -- locales -------------------------------------------------------------
    @cached_property
    def source(self) -> Locale:
        return get_locale(self.source_locale, region=self.source_region or None)

    @cached_property
    def targets(self) -> tuple[Locale, ...]:
        """Every translated locale, in configuration order."""
        return tuple(
            get_locale(code, fallbacks=self.fallbacks.get(code, ())) for code in self.locale_codes
        )

    @property
    def all_locales(self) -> tuple[Locale, ...]:
        """The source locale first, then every target."""
        return (self.source, *self.targets)

    def locale(self, code: str) -> Locale:
        """A configured locale by gettext name or BCP 47 tag (``sr_Latn``, ``sr-Latn``, ``sr@latin``)."""
        locale = find_locale(code, self.all_locales)
        if locale is not None:
            return locale
        known = ", ".join(l.code for l in self.all_locales)
        raise InputError(f"locale {code!r} is not configured (configured: {known})")

    def url_dir(self, locale: Locale | str) -> str:
        """The folder under the build directory (and URL prefix) of a locale."""
        code = locale if isinstance(locale, str) else locale.code
        return self.url_prefix.get(code, code)


def load_config(start: Path | str | None = None) -> Config:
    """Find ``pyproject.toml`` from ``start`` upwards and read ``[tool.toolkit]``.

    The nearest ``pyproject.toml`` with a ``[tool.toolkit]`` table wins; with none,
    the result has ``configured = False`` (verbs that need a project refuse it)."""
    here = Path(start or Path.cwd()).resolve()
    first = None
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            first = first or candidate
            if _has_toolkit_table(candidate):
                return config_from_file(candidate)
    root = first.parent if first else here
    return Config(root=root, project_name=root.name, configured=False)


def _has_toolkit_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return True  # config_from_file reports the error
    return isinstance(data.get("tool", {}).get("toolkit"), dict)


NO_CONFIG_HELP = (
    "no [tool.toolkit] table in a pyproject.toml here or above; make a project with "
    "`toolkit new DIR`, add [tool.toolkit] (see the README's key table), give -C DIR, "
    "or use the standalone flags (-i/-o/-d)"
)


def nearest_key(name: str, known=None) -> str:
    known = list(known if known is not None else KEYS)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"


def _typed(settings: dict, where: str) -> dict:
    """Refuse an unknown key or a value of the wrong type, naming the key."""
    for key, value in settings.items():
        if key not in KEYS:
            raise InputError(f"{where}: unknown key {key!r}{nearest_key(key)}")
        kind = KEYS[key][0]
        ok = (
            isinstance(value, str) if kind == STR
            else isinstance(value, list) and all(isinstance(v, str) for v in value) if kind == LIST
            else isinstance(value, bool) if kind == BOOL
            else isinstance(value, dict)
        )
        if not ok:
            raise InputError(f"{where}: {key} must be {kind} (got {type(value).__name__} {value!r}), e.g. {key} = {KEYS[key][3]}")
    for key in ("url-prefix", "derived"):
        for name, value in settings.get(key, {}).items():
            if not isinstance(value, str):
                raise InputError(f"{where}: {key}.{name} must be a string")
    for key in ("fallbacks", "siblings"):
        for name, value in settings.get(key, {}).items():
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise InputError(f"{where}: {key}.{name} must be a list of locale names")
    return settings


def config_from_file(pyproject: Path) -> Config:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{pyproject}: {error}") from error
    settings = data.get("tool", {}).get("toolkit")
    root = pyproject.parent
    if settings is None:
        return Config(root=root, project_name=data.get("project", {}).get("name") or root.name, configured=False)
    if not isinstance(settings, dict):
        raise InputError(f"{pyproject}: tool.toolkit must be a table")
    settings = _typed(settings, f"{pyproject}: [tool.toolkit]")
    from .locales import gettext_name

    config = Config(
        root=root,
        # The name catalogues and reports carry (Project-Id-Version, the report's title).
        project_name=settings.get("project-name") or data.get("project", {}).get("name") or root.name,
        source_locale=gettext_name(settings.get("source-locale", "en")),
        source_region=settings.get("source-region", ""),
        locale_codes=tuple(gettext_name(code) for code in settings.get("locales", ())),
        templates=settings.get("templates", "site/templates"),
        pages=tuple(settings.get("pages", DEFAULT_PAGES)),
        article_template=settings.get("article-template", "article.html"),
        content=settings.get("content", "site/content"),
        static=settings.get("static", "site/static"),
        locales_dir=settings.get("locales-dir", "locales"),
        build_dir=settings.get("build-dir", "build/site"),
        report_dir=settings.get("report-dir", ""),
        mapping=settings.get("mapping", "i18n/babel.cfg"),
        i18n_dir=settings.get("i18n-dir", "i18n"),
        site_url=settings.get("site-url", ""),
        axe_script=settings.get("axe-script", ""),
        url_prefix={gettext_name(k): v for k, v in settings.get("url-prefix", {}).items()},
        script_subtags=settings.get("script-subtags", False),
        fallbacks={gettext_name(k): tuple(map(gettext_name, v)) for k, v in settings.get("fallbacks", {}).items()},
        derived={gettext_name(k): gettext_name(v) for k, v in settings.get("derived", {}).items()},
        siblings=(
            {gettext_name(k): tuple(map(gettext_name, v)) for k, v in settings["siblings"].items()}
            if "siblings" in settings else dict(DEFAULT_SIBLINGS)
        ),
        a11y=dict(settings.get("a11y", {})),
    )
    _validate(config, pyproject)
    if "siblings" in settings:
        codes = {config.source_locale, *config.locale_codes}
        for target, others in config.siblings.items():
            unknown = [code for code in (target, *others) if code not in codes]
            if unknown:
                raise InputError(f"{pyproject}: [tool.toolkit] siblings.{target} names an unconfigured locale: {', '.join(unknown)}")
    return config


def _validate(config: Config, pyproject: Path) -> None:
    where = f"{pyproject}: [tool.toolkit]"
    for name in ("templates", "content", "static", "locales_dir", "build_dir", "report_dir", "mapping", "i18n_dir"):
        value = getattr(config, name)
        if not value:
            continue
        resolved = (config.root / value).resolve()
        if not resolved.is_relative_to(config.root.resolve()):
            raise InputError(f"{where}: {name.replace('_', '-')} = {value!r} leaves the project")
    try:
        config.source
        config.targets
    except UnknownLocaleError as error:
        raise InputError(f"{where}: {error}") from error
    codes = [config.source_locale, *config.locale_codes]
    if len(set(codes)) != len(codes):
        raise InputError(f"{where}: a locale is listed twice")
    for target, origin in config.derived.items():
        if target not in codes or origin not in codes:
            raise InputError(f"{where}: derived {target} = {origin!r} names an unconfigured locale")
