"""The toolkit's own locale model.

Python's gettext and Babel both guess about Serbian and Montenegrin: gettext
expands ``sr_Latn_ME`` to ``['sr_Latn_ME', 'sr']`` and so loads the Cyrillic
catalogue, Babel reads ``sr_RS@latin`` as Cyrillic and ``cnr`` as
``sr_Latn_ME``, and Babel's plural rules for some Slavic languages differ
from the ones gettext tools use.  Here every locale states its BCP 47 tag,
script, plural forms and fallback chain explicitly, and a fallback chain
never crosses a script boundary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

import babel

# Plural-Forms as GNU gettext's tools and translators use them.
SLAVIC_3 = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "sq": "nplurals=2; plural=(n != 1);",
    "mk": "nplurals=2; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : 1;",
    "sr": SLAVIC_3,
    "bs": SLAVIC_3,
    "hr": SLAVIC_3,
    "cnr": SLAVIC_3,
    "uk": SLAVIC_3,
    "ru": SLAVIC_3,
    "be": SLAVIC_3,
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "de": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}

# Language -> script when the tag does not say.
DEFAULT_SCRIPT = {
    "sr": "Cyrl", "mk": "Cyrl", "uk": "Cyrl", "ru": "Cyrl", "be": "Cyrl", "bg": "Cyrl",
    "cnr": "Latn", "bs": "Latn", "hr": "Latn", "sq": "Latn", "en": "Latn", "sl": "Latn",
    "de": "Latn", "fr": "Latn", "it": "Latn", "tr": "Latn", "ro": "Latn", "hu": "Latn",
    "el": "Grek", "ar": "Arab", "he": "Hebr", "fa": "Arab",
}
RTL_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc"}

# Languages Babel's CLDR data lacks under their own code.
# Dates and names: British English for the source, as the site publishes.
CLDR_ALIASES = {"cnr": "sr_Latn_ME", "en": "en_GB"}

_GETTEXT_NAME = re.compile(r"^(?P<lang>[a-z]{2,3})(?:_(?P<script>[A-Z][a-z]{3}))?(?:_(?P<region>[A-Z]{2}|\d{3}))?(?:@(?P<modifier>[a-z]+))?$")
_MODIFIER_SCRIPT = {"latin": "Latn", "cyrillic": "Cyrl"}


class UnknownLocaleError(ValueError):
    """A locale name the toolkit cannot place."""


@dataclass(frozen=True)
class Locale:
    """One configured locale.

    ``code`` is the gettext directory name (``sr_Latn``), ``tag`` the BCP 47
    tag for ``<html lang>`` and hreflang (``sr-Latn``), ``cldr`` the Babel
    locale used for dates and names.
    """

    code: str
    language: str
    script: str
    region: str | None
    tag: str
    cldr: str
    plural_forms: str
    fallbacks: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nplurals(self) -> int:
        return parse_nplurals(self.plural_forms)

    @property
    def direction(self) -> str:
        return "rtl" if self.script in RTL_SCRIPTS else "ltr"

    @property
    def babel(self) -> babel.Locale:
        return babel.Locale.parse(self.cldr)

    @property
    def autonym(self) -> str:
        """The language's name in itself, as a language switcher shows it."""
        return _autonym(self.code, self.language, self.script, self.cldr)

    @property
    def is_cyrillic(self) -> bool:
        return self.script == "Cyrl"

    def __str__(self) -> str:
        return self.code


AUTONYMS = {
    "en": "English",
    "sq": "Shqip",
    "bs": "Bosanski",
    "hr": "Hrvatski",
    "mk": "Македонски",
    "sr": "Српски",
    "sr_Latn": "Srpski",
    "cnr": "Crnogorski",
    "sh": "Srpskohrvatski",
}


@lru_cache(maxsize=256)
def _autonym(code: str, language: str, script: str, cldr: str) -> str:
    """:attr:`Locale.autonym`, worked out once a locale (every page's switcher names them all)."""
    # A folder named sr whose pages are Latin is the locale sr in Latin letters: Srpski.
    for key in (code, normalize_code(code), f"{language}_{script}"):
        name = AUTONYMS.get(key)
        if name and _written_in(name, script):
            return name
    locale = babel.Locale.parse(cldr)
    display = locale.get_display_name(locale) or code
    return display[:1].upper() + display[1:]


def _written_in(name: str, script: str) -> bool:
    """Whether ``name`` is in ``script``, as far as Latin and Cyrillic go."""
    if script not in ("Latn", "Cyrl"):
        return True
    return bool(re.search("[\u0400-\u04FF]", name)) == (script == "Cyrl")


def parse_nplurals(plural_forms: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    if not match:
        raise ValueError(f"no nplurals in Plural-Forms {plural_forms!r}")
    return int(match.group(1))


_BCP47_TAG = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|\d{3}))?$")


def gettext_name(code: str) -> str:
    """A BCP 47 tag as a gettext name (``sr-Latn-ME`` -> ``sr_Latn_ME``); a gettext name unchanged."""
    match = _BCP47_TAG.match(code or "") if "-" in (code or "") else None
    if not match:
        return code
    parts = [match["lang"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    return "_".join(parts)


def normalize_code(code: str) -> str:
    """One spelling for comparing locale names: ``sr_Latn``, ``sr-Latn``, ``sr-latn`` and
    ``sr@latin`` are all ``sr_Latn``; ``sr_RS@latin`` is ``sr_Latn_RS``."""
    name = gettext_name(code)
    match = _GETTEXT_NAME.match(name or "")
    if not match:
        return name
    script = match["script"] or _MODIFIER_SCRIPT.get(match["modifier"] or "")
    return "_".join(p for p in (match["lang"], script, match["region"]) if p)


def find_locale(code: str, known) -> "Locale | None":
    """The locale of ``known`` (a project's configured ones) that ``code`` names in
    any spelling: ``sr_Latn``, ``sr-Latn``, ``sr-latn`` and ``sr@latin`` are one."""
    wanted = normalize_code(code)
    for locale in known:
        if locale.code == code or normalize_code(locale.code) == wanted:
            return locale
    return None


def get_locale(code: str, *, fallbacks: tuple[str, ...] = (), region: str | None = None) -> Locale:
    """Build the :class:`Locale` for a gettext name such as ``sr_Latn`` or ``sr@latin``,
    or a BCP 47 tag such as ``sr-Latn`` (whose gettext name becomes the code).

    ``region`` sets the conventions (dates) without changing the code: the source
    locale ``en`` with region ``US``.  Raises :class:`UnknownLocaleError` for a name
    that is not a locale (or that tries to be a path: ``../../etc``).
    """
    code = gettext_name(code)
    match = _GETTEXT_NAME.match(code or "")
    if not match:
        raise UnknownLocaleError(f"not a locale name: {code!r}")
    language = match["lang"]
    script = match["script"] or _MODIFIER_SCRIPT.get(match["modifier"] or "")
    region_given = region
    region = match["region"]
    if match["modifier"] and match["modifier"] not in _MODIFIER_SCRIPT:
        raise UnknownLocaleError(f"unknown locale modifier in {code!r}")
    if region_given and not re.fullmatch(r"[A-Z]{2}|\d{3}", region_given):
        raise UnknownLocaleError(f"not a region: {region_given!r} (two capital letters, such as GB)")
    if region_given and not region:
        cldr_name = "_".join(p for p in (language, script, region_given) if p)
    else:
        cldr_name = CLDR_ALIASES.get(code, "_".join(p for p in (language, script, region) if p))
    try:
        cldr = babel.Locale.parse(cldr_name)
    except (babel.UnknownLocaleError, ValueError) as error:
        raise UnknownLocaleError(f"unknown locale {code!r}") from error
    if not script:
        script = DEFAULT_SCRIPT.get(language) or cldr.script or _likely_script(cldr)
    tag = "-".join(p for p in (language, script if _script_is_marked(language, script) else None, region) if p)
    plural_forms = PLURAL_FORMS.get(language) or _babel_plural_forms(cldr_name)
    for other in fallbacks:
        if get_locale(other).script != script:
            raise UnknownLocaleError(f"fallback {other!r} of {code!r} is written in another script")
    return Locale(
        code=code,
        language=language,
        script=script,
        region=region,
        tag=tag,
        cldr=str(cldr),
        plural_forms=plural_forms,
        fallbacks=tuple(fallbacks),
    )


def _script_is_marked(language: str, script: str) -> bool:
    """Serbian names its script in the tag either way: sr-Cyrl and sr-Latn."""
    return language == "sr" or script != DEFAULT_SCRIPT.get(language, script)


def _likely_script(cldr: babel.Locale) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(cldr.language, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else "Latn"


def _babel_plural_forms(name: str) -> str:
    from babel.messages.plurals import get_plural

    plural = get_plural(name)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def tag_to_code(tag: str) -> str:
    """``sr-Latn`` -> ``sr_Latn`` (the gettext directory name)."""
    return tag.replace("-", "_")
