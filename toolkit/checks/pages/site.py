"""The site the page checks read: a directory laid out as ``<locale>/<path>.html``,
its locales (configured, or named by its folders; the script each folder's text
is written in), where each link of a page leads, the pages read a group at a
time, and what is kept of each page for the checks across pages."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from lxml import etree

from ...errors import InputError
from ...locales import Locale, UnknownLocaleError, get_locale, tag_to_code
from ..text import OPTION_RE, PATH_RE, is_acronym, words
from .document import DOMAIN_RE, PageDoc, _per_page, element_text, normalize, parse_page, strip_non_prose
from .names import DIGRAPHIC, _cldr_autonym, implied_script, tag_parts

# -- the site -----------------------------------------------------------------------


@dataclass
class Target:
    kind: str  # "page" (inside the checked directory), "external", "fragment", "scheme"
    key: str  # the page's path under the root, the external URL, the fragment or the scheme


_HERE = Target("page", "")  # a link to the page itself (only a query or nothing)
_MISSING = object()


class Remembered(dict):
    """Answers remembered for one site, all forgotten at once past ``limit``
    entries: a large site's links and texts must not make them grow without bound."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def get_or_compute(self, key, compute, *args):
        """The answer for ``key``, ``compute(*args)`` the first time (None included)."""
        found = self.get(key, _MISSING)
        if found is _MISSING:
            if len(self) > self.limit:
                self.clear()
            found = self[key] = compute(*args)
        return found
def link_path(href: str | None) -> str:
    """``href`` without its query and fragment, which never change where a link
    leads (share links differ only there), unless nothing else is left."""
    href = href or ""
    path = href.split("#", 1)[0].split("?", 1)[0]
    return path if path.strip() else href


# A relative path without scheme, query, fragment, escapes or white space.
_PLAIN_PATH = re.compile(r"[^/:?#%\s\\][^:?#%\s\\]*")

# How many example pages a finding about many pages names.
EXAMPLES = 5


class Site:
    """Every page of the directory, by locale, and what the checks compare them with."""

    def __init__(self, root: Path, config, site_locales: list[Locale], checked: list[Locale],
                 source: Locale | None):
        self.root = root
        self.config = config
        self.locales = site_locales
        self.checked = checked
        self.source = source
        self.folders = {locale.code: _folder(config, locale, root) for locale in site_locales}
        self.by_folder = {folder: code for code, folder in self.folders.items()}
        self.by_tag = {locale.tag.lower(): locale for locale in site_locales}
        # The pages being checked now (one page in every locale): the only trees kept.
        self._group: dict[str, PageDoc | None] = {}
        self._group_urls: frozenset[str] = frozenset()
        # What the cross-page checks keep of every page read.
        self.summaries: dict[str, PageSummary] = {}
        self._resolved = Remembered(50_000)  # (folder, link path) -> Target
        self._memos: dict[str, Remembered] = {}
        # Folders whose text is in the other script than their name says: the locale the name gave.
        self.text_scripts: dict[str, Locale] = {}
        self._files, self._dirs = _listing(root)
        site_url = urlsplit(getattr(config, "site_url", "") or "")
        self.site_host = site_url.netloc.lower()
        self.site_base = site_url.path.rstrip("/")
        # The site's own absolute URLs as written (hreflang alternates, canonical links).
        self.site_prefix = (f"{site_url.scheme}://{site_url.netloc}{self.site_base}/"
                            if site_url.netloc and site_url.scheme in ("http", "https") else None)

    def display(self, file: Path) -> str:
        relative = getattr(self.config, "relative", None)
        if not relative:
            return str(file)
        name = os.fspath(file)
        if os.path.islink(name):
            return relative(Path(name))
        # The file resolves where its folder does: a folder's name is resolved once
        # (as the prefix of its files' names: strings, this runs for every page).
        folder, _, base = name.rpartition(os.sep)
        folders = self.__dict__.setdefault("_display_folders", {})
        prefix = folders.get(folder)
        if prefix is None:
            shown = str(Path(relative(Path(folder or (os.sep if name.startswith(os.sep) else ".")))))
            prefix = folders[folder] = "" if shown == "." else shown.rstrip(os.sep) + os.sep
        return prefix + base

    def pages_of(self, locale: Locale) -> list[str]:
        prefix = self.folders[locale.code] + "/"
        return sorted(url[len(prefix):] for url in self._files if url.startswith(prefix) and url.endswith(".html"))

    def enter_group(self, urls: Iterable[str]) -> None:
        """Start checking the pages ``urls`` (one page's versions): the trees of
        the previous group are let go."""
        self._group = {}
        self._group_urls = frozenset(urls)

    def page(self, url: str) -> PageDoc | None:
        """The page at ``<folder>/<path>`` under the root.  A page of the group
        being checked is parsed once and kept until the group ends; any other is
        parsed for the caller alone (its summary is kept)."""
        if url in self._group:
            return self._group[url]
        folder, _, rel = url.partition("/")
        code = self.by_folder.get(folder)
        doc = None
        if code is not None and rel and url in self._files:
            locale = next(l for l in self.locales if l.code == code)
            file = self.root / url
            display = self.display(file)
            doc = PageDoc(locale, folder, rel, file, display, parse_page(file, display))
            if url not in self.summaries:
                self.summaries[url] = summarize_page(doc, self)
        if url in self._group_urls:
            self._group[url] = doc
        return doc

    def summary(self, url: str) -> PageSummary | None:
        """The kept summary of the page at ``url``, reading the page if it was not yet read."""
        if url not in self.summaries:
            self.page(url)
        return self.summaries.get(url)

    def alternates_of(self, url: str) -> dict[str, list[Target]]:
        """The page's hreflang alternates that lead to pages of the site, from its summary."""
        summary = self.summary(url)
        result: dict[str, list[Target]] = {}
        for tag, key in summary.alternates if summary is not None else ():
            result.setdefault(tag, []).append(Target("page", key))
        return result


    def locale_for_tag(self, value: str) -> Locale | None:
        """The site's locale a BCP 47 tag names: exactly, or by its language with the
        script it implies (``sr`` is the Cyrillic ``sr``; ``de`` the one German locale)."""
        # Remembered while the locales stay (decide_scripts may replace them).
        kept = self.__dict__.get("_for_tag")
        if kept is None or kept[0] is not self.by_tag or kept[1] is not self.locales:
            kept = self.__dict__["_for_tag"] = (self.by_tag, self.locales, Remembered(10_000))
        return kept[2].get_or_compute(value, self._locale_for_tag, value)

    def _locale_for_tag(self, value: str) -> Locale | None:
        value = (value or "").strip()
        exact = self.by_tag.get(value.lower())
        if exact is not None:
            return exact
        language, script, region = tag_parts(value)
        script = script or implied_script(language)
        same = [l for l in self.locales if l.language == language and (script is None or l.script == script)]
        if region:
            same = [l for l in same if l.region is None or l.region.upper() == region] or same
        if len(same) > 1:
            same = [l for l in same if not region or (l.region or "").upper() == region] or same
        return same[0] if len(same) == 1 else None

    @cached_property
    def autonyms(self) -> dict[str, Locale]:
        """Each locale's name in itself, casefolded: the toolkit's and CLDR's spelling."""
        names: dict[str, Locale] = {}
        for locale in self.locales:
            for name in (locale.autonym, _cldr_autonym(locale.cldr), _cldr_autonym(locale.language)):
                if name:
                    names.setdefault(name.casefold(), locale)
        return names

    def entry_locale(self, entry: etree._Element) -> Locale | None:
        """The locale a switcher entry leads to: its hreflang or lang, an option's
        value, else its text as an autonym."""
        for value in (entry.get("hreflang"), entry.get("lang"), entry.get("value") if entry.tag == "option" else None):
            if value and value.strip():
                locale = self.locale_for_tag(value.strip())
                if locale is not None:
                    return locale
        return autonym_locale(self, element_text(entry))

    def exists(self, url: str) -> bool:
        return url in self._files

    def counterpart(self, page: PageDoc, locale: Locale | None = None) -> PageDoc | None:
        locale = locale or self.source
        if locale is None or locale.code == page.locale.code:
            return None
        return self.page(f"{self.folders[locale.code]}/{page.rel}")

    def is_source(self, page: PageDoc) -> bool:
        return self.source is not None and page.locale.code == self.source.code

    def resolve(self, page: PageDoc, href: str) -> Target:
        """Where a link of ``page`` leads, in terms of the checked directory."""
        target = self.resolve_from(page.base_dir, href)
        return Target("page", page.url) if target is _HERE else target

    def resolve_from(self, folder: str, href: str) -> Target:
        """Where ``href`` leads from ``folder``: ``_HERE`` for the page itself."""
        path = link_path(href)
        return self._resolved.get_or_compute((folder, path), self._resolve, folder, path)

    def memo(self, name: str, limit: int) -> Remembered:
        """The site's answers remembered under ``name`` (the checks' own, by check)."""
        store = self._memos.get(name)
        if store is None:
            store = self._memos[name] = Remembered(limit)
        return store

    def _resolve(self, here: str, href: str) -> Target:
        href = (href or "").strip()
        if not href or href.startswith("#"):
            return Target("fragment", href)
        if _PLAIN_PATH.fullmatch(href):
            # Most links: a relative path with nothing for urlsplit to take apart.
            path = posixpath.join(here, href)
        elif (self.site_prefix and href.startswith(self.site_prefix)
              and (len(href) == len(self.site_prefix) or _PLAIN_PATH.fullmatch(href, len(self.site_prefix)))):
            path = href[len(self.site_prefix):]  # the site's own absolute URL of a plain path
        else:
            parts = urlsplit(href)
            scheme = parts.scheme.lower()
            if scheme and scheme not in ("http", "https"):
                return Target("scheme", scheme)
            path = unquote(parts.path)
            if parts.netloc:
                if not self.site_host or parts.netloc.lower() != self.site_host:
                    return Target("external", f"{parts.netloc.lower()}{parts.path or '/'}")
                path = path[len(self.site_base):] if path.startswith(self.site_base) else path
                path = path.lstrip("/")
            elif path.startswith("/"):
                path = path.lstrip("/")
            elif path:
                path = posixpath.join(here, path)
            else:
                return _HERE
        path = posixpath.normpath(path) if path else ""
        if path in ("", "."):
            path = "index.html"
        elif path.startswith(".."):
            return Target("external", path)
        if href.split("?")[0].split("#")[0].endswith("/") or path in self._dirs:
            path = f"{path}/index.html"
        return Target("page", path)

    def locale_of(self, url: str) -> str | None:
        return self.by_folder.get(url.partition("/")[0])

    def without_locale(self, url: str) -> str:
        folder, _, rest = url.partition("/")
        return f"~/{rest}" if folder in self.by_folder else url

    # -- reference text ---------------------------------------------------------
    @cached_property
    def english_strings(self) -> set[str]:
        """The source strings of the project's messages template, whitespace normalized."""
        pot_path = getattr(self.config, "pot_path", None)
        if pot_path is None:
            return set()
        path = pot_path("messages")
        if not path.is_file():
            return set()
        from ...po.catalog import read_po

        strings = set()
        for entry in read_po(path, display=self.display(path)):
            for text in (entry.msgid, entry.msgid_plural):
                if text and "<" not in text:
                    strings.add(normalize(text))
        return strings

    def pending(self, locale: Locale) -> dict[str, str]:
        """Source strings that ``locale``'s catalogues do not translate yet (empty or
        fuzzy), whitespace normalized, each with the catalogue that holds it.  The
        catalogue check ``untranslated`` reports them already: on a page they are the
        translators' progress, not a defect of the site."""
        return self._catalogue_texts(locale)[1]

    def kept_identical(self, locale: Locale) -> set[str]:
        """Strings a translator translated as the English on purpose ("Newsletter" in hr)."""
        return self._catalogue_texts(locale)[0]

    def _catalogue_texts(self, locale: Locale) -> tuple[set[str], dict[str, str]]:
        """(kept identical, pending) from one reading of ``locale``'s catalogues."""
        cache = self.__dict__.setdefault("_catalogue_texts_memo", {})
        if locale.code not in cache:
            kept: set[str] = set()
            pending: dict[str, str] = {}
            po_path = getattr(self.config, "po_path", None)
            for domain in ("messages", "content"):
                path = po_path(locale.code, domain) if po_path else None
                if path is None or not path.is_file():
                    continue
                from ...po.catalog import is_translated, read_po

                for entry in read_po(path, display=self.display(path)):
                    if entry.obsolete:
                        continue
                    if not is_translated(entry):
                        for text in (entry.msgid, entry.msgid_plural):
                            if text:
                                pending.setdefault(normalize(text), self.display(path))
                    elif domain == "messages":  # only interface strings are kept English on purpose
                        if entry.msgstr and entry.msgstr == entry.msgid:
                            kept.add(normalize(entry.msgid))
                        for form in (entry.msgstr_plural or {}).values():
                            if form in (entry.msgid, entry.msgid_plural):
                                kept.add(normalize(form))
            cache[locale.code] = (kept, pending)
        return cache[locale.code]

    @cached_property
    def glossary(self):
        if not hasattr(self.config, "i18n_dir"):
            return None
        from ..glossary import find_glossary

        return find_glossary(self.config)

    def protected(self, locale: Locale) -> list[re.Pattern]:
        """Patterns for names a check leaves alone: domains, the glossary's names and terms."""
        cache = self.__dict__.setdefault("_protected", {})
        if locale.code not in cache:
            cache[locale.code] = self._protected_patterns(locale)
        return cache[locale.code]

    def _protected_patterns(self, locale: Locale) -> list[re.Pattern]:
        patterns = [DOMAIN_RE, PATH_RE, OPTION_RE]
        if self.glossary is not None:
            pattern = self.glossary.protected_pattern(locale.code)
            if pattern is not None:
                patterns.append(pattern)
        return patterns

    def is_name(self, word: str) -> bool:
        return is_acronym(word) or (self.glossary is not None and self.glossary.is_kept_name(word))

    def translatable_words(self, text: str, locale: Locale) -> tuple[str, ...]:
        """The words of ``text`` a translator would translate: not names, acronyms,
        numbers, URLs, e-mail addresses or single letters.  Remembered for the site."""
        return self.memo("translatable words", 100_000).get_or_compute(
            (text, locale.code), self._translatable_words, text, locale)

    def _translatable_words(self, text: str, locale: Locale) -> tuple[str, ...]:
        prose = strip_non_prose(text, self.protected(locale))
        return tuple(w for w in words(prose) if len(w) > 1 and not self.is_name(w))

    def may_equal_english(self, text: str, locale: Locale) -> bool:
        """Whether ``text`` may stand on a ``locale`` page as it is in English."""
        text = normalize(text)
        if text in self.kept_identical(locale):
            return True
        remaining = self.translatable_words(text, locale)
        if not remaining:
            return True
        # A short run of capitalized words that is no source string is a name
        # ("Facebook", "Western Balkans Roadmap"), not an unmarked string.
        return text not in self.english_strings and len(remaining) <= 4 and all(w[:1].isupper() for w in remaining)


def autonym_locale(site: "Site", label: str) -> Locale | None:
    """The site's locale whose autonym ``label`` is, whatever its case (``српски``)."""
    label = normalize(label).casefold()
    if not label:
        return None
    return site.autonyms.get(label)


def _listing(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Every file and folder under ``root``, as ``/``-separated paths below it."""
    files: list[str] = []
    dirs: list[str] = []
    for folder, subfolders, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        if prefix:
            dirs.append(prefix[:-1])
        files.extend(prefix + name for name in names)
    return frozenset(files), frozenset(dirs)


def _folder(config, locale: Locale, root: Path | None = None) -> str:
    """The folder of ``locale``'s pages: the configured one, else under ``root`` the
    folder named for the locale in any spelling (``hr-HR``, ``pt-br``, ``sr_Latn``)."""
    url_dir = getattr(config, "url_dir", None)
    folder = url_dir(locale) if url_dir else locale.code
    if root is None or (root / folder).is_dir():
        return folder
    for candidate in _locale_dirs(root):
        found = folder_locale(candidate)
        if found is not None and found.code == locale.code:
            return candidate
    return folder


def _locale_dirs(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


FOLDER_TAG = re.compile(r"^(?P<language>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?$")


def folder_locale(name: str) -> Locale | None:
    """The locale a folder is named for, in gettext or BCP 47 spelling
    (``sr_Latn``, ``sr-Latn``, ``pt-BR``, ``en-gb``, ``zh-Hant``), or None."""
    match = FOLDER_TAG.match(name)
    if match is None:
        try:
            return get_locale(name)  # sr@latin
        except UnknownLocaleError:
            return None
    code = "_".join(part for part in (match["language"].lower(),
                                      match["script"].title() if match["script"] else None,
                                      match["region"].upper() if match["region"] else None) if part)
    try:
        return get_locale(code)
    except UnknownLocaleError:
        return serbo_croatian(code)


def serbo_croatian(code: str) -> Locale | None:
    """``sh`` (Serbo-Croatian: a tag sites still name folders with) has no CLDR data of
    its own: Serbian's conventions, in Latin letters unless the name says Cyrillic."""
    language, _, rest = code.partition("_")
    if language != "sh":
        return None
    script = "Cyrl" if rest.startswith("Cyrl") else "Latn"
    region = rest.removeprefix(script).strip("_") or None
    try:
        base = get_locale("_".join(p for p in ("sr", script, region) if p))
    except UnknownLocaleError:
        return None
    tag = "-".join(p for p in ("sh", "Cyrl" if script == "Cyrl" else None, region) if p)
    return dataclasses.replace(base, code=code, language="sh", tag=tag)


# -- opening a site -----------------------------------------------------------------


def _as_locale(code: str | Locale, config) -> Locale:
    if isinstance(code, Locale):
        return code
    code = tag_to_code(code.strip())
    for locale in getattr(config, "all_locales", ()):
        if locale.code == code or locale.tag.lower() == code.replace("_", "-").lower():
            return locale
    found = folder_locale(code)
    if found is not None:
        return found
    try:
        return get_locale(code)
    except UnknownLocaleError as error:
        raise InputError(str(error)) from error


def site_locales(root: Path, config) -> list[Locale]:
    """The configured locales whose folders exist under ``root``; when no target
    locale's folder does (another site's pages), the folder names."""
    configured = [l for l in getattr(config, "all_locales", ()) if (root / _folder(config, l)).is_dir()]
    source = getattr(getattr(config, "source", None), "code", None)
    if any(l.code != source for l in configured):
        return configured
    found: dict[str, Locale] = {}
    for folder in _locale_dirs(root):
        locale = folder_locale(folder)  # static/, assets/: not a locale
        if locale is not None:
            found.setdefault(locale.code, locale)
    return list(found.values())


def source_locale(available: list[Locale], source_code: str) -> Locale | None:
    """The source locale's pages: the configured code, else the one locale of its
    language (``en-US`` when the site has no ``en``)."""
    exact = next((l for l in available if l.code == source_code), None)
    if exact is not None:
        return exact
    language = source_code.split("_")[0]
    same = [l for l in available if l.language == language]
    return min(same, key=lambda l: (l.region is not None, l.code)) if same else None


def open_site(root: Path, config, locales: list[str | Locale] | None = None) -> Site:
    """The site under ``root`` with the locales to check (all found, or ``locales``)."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("no such directory of pages", str(root))
    available = site_locales(root, config)
    if locales:
        checked = [_as_locale(code, config) for code in locales]
        known = {l.code for l in available}
        for locale in checked:
            if locale.code not in known:
                folder = _folder(config, locale, root)
                if not (root / folder).is_dir():
                    raise InputError(f"no pages for locale {locale.code} (no folder {folder}/)", str(root))
                available.append(locale)
    else:
        checked = list(available)
    if not available:
        raise InputError("no locale folders (expected <locale>/<path>.html)", str(root))
    source_code = getattr(getattr(config, "source", None), "code", "en")
    source = source_locale(available, source_code)
    site = Site(root, config, available, checked, source)
    decide_scripts(site)
    return site


# -- the script a folder's text is written in ---------------------------------------
# A folder named ``sr`` may hold Serbian in Latin letters (or ``sr-Latn`` Cyrillic):
# for a language written in both scripts the pages' text decides which locale the
# folder is, and a lang attribute that says otherwise is one finding for the folder.

SCRIPT_SAMPLE = 20  # pages of a folder read to tell its script
SCRIPT_MIN_LETTERS = 200  # fewer letters than this say nothing
SCRIPT_SHARE = 0.6  # of the Latin and Cyrillic letters, for a script to be the text's
# Letters a language's Latin spelling has and English lacks: without them, Latin text
# in a Serbian folder is English left untranslated, not Serbian in Latin letters.
LATIN_MARKS = {language: "čćžšđ" for language in ("sr", "sh", "bs", "cnr")} | {"az": "əğış", "tk": "äňöşüýž"}
LATIN_MARK_SHARE = 0.005
SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic"}
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0259\u1E00-\u1EFF]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052F]")


def folder_letters(site: "Site", locale: Locale) -> tuple[int, int, int]:
    """(Latin letters, Cyrillic letters, marks of the language's Latin spelling) in the
    prose of a sample of ``locale``'s pages, outside elements in another language."""
    folder = site.folders[locale.code]
    pages = site.pages_of(locale)
    sample = pages[::max(1, len(pages) // SCRIPT_SAMPLE)][:SCRIPT_SAMPLE]
    marks = LATIN_MARKS.get(locale.language, "")
    latin = cyrillic = marked = 0
    for rel in sample:
        file = site.root / folder / rel
        try:
            root = parse_page(file, site.display(file))
        except (InputError, OSError):
            continue
        page = PageDoc(locale, folder, rel, file, site.display(file), root)
        for node in page.text_nodes:
            if node.own_lang is not None and tag_parts(node.own_lang)[0] != locale.language:
                continue
            latin += len(_LATIN_LETTER.findall(node.text))
            cyrillic += len(_CYRILLIC_LETTER.findall(node.text))
            if marks:
                lowered = node.text.lower()
                marked += sum(lowered.count(mark) for mark in marks)
    return latin, cyrillic, marked


def text_script(latin: int, cyrillic: int, marked: int, language: str) -> str | None:
    """The script the letters counted by :func:`folder_letters` are written in, or None."""
    total = latin + cyrillic
    if total < SCRIPT_MIN_LETTERS:
        return None
    if cyrillic >= SCRIPT_SHARE * total:
        return "Cyrl"
    if latin >= SCRIPT_SHARE * total and (language not in LATIN_MARKS or marked >= LATIN_MARK_SHARE * latin):
        return "Latn"
    return None


def with_script(locale: Locale, script: str) -> Locale:
    """``locale`` (its code and folder kept) written in ``script``: its tag and the
    conventions (dates, names) of that script."""
    name = "_".join(p for p in (locale.language, script, locale.region) if p)
    try:
        other = get_locale(name)
    except UnknownLocaleError:
        other = serbo_croatian(name)
        if other is None:
            tag = "-".join(p for p in (locale.language, script, locale.region) if p)
            return dataclasses.replace(locale, script=script, tag=tag, fallbacks=())
    return dataclasses.replace(locale, script=script, tag=other.tag, cldr=other.cldr, fallbacks=())


def decide_scripts(site: "Site") -> None:
    """Take each folder of a language written in both scripts as the script its text
    is in; ``site.text_scripts`` keeps the locale the folder's name gave."""
    changed: dict[str, Locale] = {}
    for locale in site.locales:
        if locale.language not in DIGRAPHIC or locale.script not in SCRIPT_NAMES:
            continue
        script = text_script(*folder_letters(site, locale), locale.language)
        if script is not None and script != locale.script:
            changed[locale.code] = with_script(locale, script)
            site.text_scripts[locale.code] = locale
    if not changed:
        return
    swap = lambda l: changed.get(l.code, l) if l is not None else None  # noqa: E731
    site.locales = [swap(l) for l in site.locales]
    site.checked = [swap(l) for l in site.checked]
    site.source = swap(site.source)
    site.by_tag = {l.tag.lower(): l for l in site.locales}
    for code, named in site.text_scripts.items():
        # hreflang="sr" beside lang="sr": the site's name for the folder still leads to it.
        for tag in (named.tag, site.folders[code]):
            site.by_tag.setdefault(tag.lower().replace("_", "-"), changed[code])


# -- what is kept of a page ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageSummary:
    """What is kept of a page once it has been checked: what the cross-page
    checks need, never its tree or its text."""

    url: str  # <folder>/<path>
    locale: str
    display: str
    lang: str | None  # <html lang>
    alternates: tuple[tuple[str, str], ...]  # (hreflang, page it leads to) for alternates inside the site


def summarize_page(page: PageDoc, site: Site) -> PageSummary:
    links = []
    for link in alternates(page):
        target = site.resolve(page, link.get("href", ""))
        if target.kind == "page":
            links.append((sys.intern(link.get("hreflang", "").strip().lower()), target.key))
    lang = page.root.get("lang")
    return PageSummary(page.url, page.locale.code, page.display, sys.intern(lang) if lang else None, tuple(links))


@_per_page
def alternates(page: PageDoc) -> list[etree._Element]:
    if page.head is None:
        return []
    return [link for link in page.head.iter("link")
            if "alternate" in (link.get("rel") or "").lower().split() and link.get("hreflang") is not None]


@_per_page
def alternate_map(page: PageDoc, site: Site) -> dict[str, list[Target]]:
    result: dict[str, list[Target]] = {}
    for link in alternates(page):
        result.setdefault(link.get("hreflang", "").strip().lower(), []).append(site.resolve(page, link.get("href", "")))
    return result
