"""Project configuration, read from ``[tool.toolkit]`` in ``pyproject.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import InputError
from .locales import Locale, UnknownLocaleError, get_locale

DOMAINS = ("messages", "content", "legal")


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

    def pot_path(self, domain: str) -> Path:
        return self.locales_path / f"{domain}.pot"

    def po_path(self, locale: str, domain: str) -> Path:
        return self.locales_path / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo_path(self, locale: str, domain: str) -> Path:
        return self.locales_path / locale / "LC_MESSAGES" / f"{domain}.mo"

    # -- locales -------------------------------------------------------------
    @cached_property
    def source(self) -> Locale:
        return get_locale(self.source_locale)

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
        for locale in self.all_locales:
            if locale.code == code:
                return locale
        known = ", ".join(l.code for l in self.all_locales)
        raise InputError(f"locale {code!r} is not configured (configured: {known})")

    def url_dir(self, locale: Locale | str) -> str:
        """The folder under the build directory (and URL prefix) of a locale."""
        code = locale if isinstance(locale, str) else locale.code
        return self.url_prefix.get(code, code)


def load_config(start: Path | str | None = None) -> Config:
    """Find ``pyproject.toml`` from ``start`` upwards and read ``[tool.toolkit]``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return config_from_file(candidate)
    return Config(root=here, project_name=here.name)


def config_from_file(pyproject: Path) -> Config:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{pyproject}: {error}") from error
    settings = data.get("tool", {}).get("toolkit", {})
    root = pyproject.parent
    config = Config(
        root=root,
        # The name catalogues and reports carry (Project-Id-Version, the report's title).
        project_name=settings.get("project-name") or data.get("project", {}).get("name") or root.name,
        source_locale=settings.get("source-locale", "en"),
        locale_codes=tuple(settings.get("locales", ())),
        templates=settings.get("templates", "site/templates"),
        content=settings.get("content", "site/content"),
        static=settings.get("static", "site/static"),
        locales_dir=settings.get("locales-dir", "locales"),
        build_dir=settings.get("build-dir", "build/site"),
        mapping=settings.get("mapping", "i18n/babel.cfg"),
        i18n_dir=settings.get("i18n-dir", "i18n"),
        site_url=settings.get("site-url", ""),
        url_prefix=dict(settings.get("url-prefix", {})),
        script_subtags=bool(settings.get("script-subtags", False)),
        fallbacks={k: tuple(v) for k, v in settings.get("fallbacks", {}).items()},
        derived=dict(settings.get("derived", {})),
        a11y=dict(settings.get("a11y", {})),
    )
    _validate(config, pyproject)
    return config


def _validate(config: Config, pyproject: Path) -> None:
    where = f"{pyproject}: [tool.toolkit]"
    for name in ("templates", "content", "static", "locales_dir", "build_dir", "mapping", "i18n_dir"):
        value = getattr(config, name)
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
