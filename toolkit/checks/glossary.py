"""The project's glossary: names kept verbatim and terms with required translations.

``i18n/glossary.yaml`` holds::

    do-not-translate: [SEESAC, UNDP, FRONTEX]
    terms:
      EU: {sr: ЕУ, sq: BE, hr: EU}
      European Union: {sr: Европска унија, sq: [Bashkimi Evropian, BE]}

A required translation is matched with the region's inflection in mind:
Slavic languages and Albanian decline nouns, so each word of the expected
translation is compared by its stem (the word less its last one or two
letters) and "Европске уније" counts as "Европска унија".  Acronyms do not
decline but take a hyphenated case ending ("EU-a", "BE-së"), which is
allowed too.

Albanian links a noun to its genitive or adjective with an article that
follows the case of the phrase ("Këshilli i Sigurimit", "të Këshillit të
Sigurimit"; "Mali i Zi", "në Mal të Zi"): in Albanian terms the linking
articles i, e, të and së stand for one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from ..errors import InputError
from ..fileio import mapping_nodes, node_line, parse_yaml
from ..locales import UnknownLocaleError, get_locale
from .text import has_two_capitals

GLOSSARY_NAMES = ("glossary.yaml", "glossary.yml")


def stem(word: str) -> str:
    """The part of ``word`` that stays the same across case endings."""
    if len(word) >= 6:
        return word[:-2]
    if len(word) >= 4:
        return word[:-1]
    return word


# Linking articles that change with the case of the phrase, per language.
LINKING_ARTICLES = {"sq": ("i", "e", "të", "së")}


def _word_pattern(word: str, language: str | None = None) -> str:
    """A regular expression for ``word`` in any of its inflected forms."""
    head = re.match(r"^(\W*)(.*?)(\W*)$", word)
    before, body, after = head.groups()
    if not body:
        return re.escape(word)
    articles = LINKING_ARTICLES.get(language or "", ())
    if body.lower() in articles:
        return re.escape(before) + "(?:" + "|".join(articles) + ")" + re.escape(after)
    if has_two_capitals(body) or not body.isalpha():
        core = re.escape(body) + r"(?:[-‑'’]\w{1,4})?"
    else:
        base = stem(body)
        core = re.escape(base) + r"\w{0,%d}" % (len(body) - len(base) + 3)
    return re.escape(before) + core + re.escape(after)


def term_pattern(phrase: str, *, inflected: bool, language: str | None = None) -> re.Pattern:
    """A pattern matching ``phrase`` as whole words.

    With ``inflected`` each word may carry a case ending; without, the
    phrase must stand as written (English source text, do-not-translate
    names).  Acronyms are matched case-sensitively, other words not.
    ``language`` lets its linking articles stand for one another.
    """
    parts = phrase.split()
    if inflected:
        body = r"\s+".join(_word_pattern(p, language) for p in parts)
    else:
        body = r"\s+".join(re.escape(p) for p in parts)
    flags = 0 if all(has_two_capitals(p) for p in parts) else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + body + r"(?![\w])", flags)


@dataclass
class Glossary:
    do_not_translate: tuple[str, ...] = ()
    terms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        self._kept = [(name, term_pattern(name, inflected=False)) for name in self.do_not_translate]
        self._source = [(term, term_pattern(term, inflected=False)) for term in self.terms]
        self._protected: dict[str, re.Pattern | None] = {}
        self._protected_words: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        # One pass over a text tells whether any term is there at all.
        self._any_source = _union([p for _, p in self._source])
        self._any_kept = _union([p for _, p in self._kept])
        # Lower-cased first words: a text holding none of them holds no name or term.
        self._kept_hint = _literals(name.split()[0].lower() for name in self.do_not_translate)
        self._source_hint = _literals(term.split()[0].lower() for term in self.terms if term.split())
        # A catalogue repeats its msgids; each is looked up once per locale.
        self._terms_of: dict[tuple[str, str], list[str]] = {}
        self._kept_of: dict[str, list[str]] = {}

    def kept_in_source(self, source: str) -> list[str]:
        """Do-not-translate names that ``source`` uses."""
        found = self._kept_of.get(source)
        if found is None:
            lowered = source.lower()
            if (self._any_kept is None or not self._kept_hint.search(lowered)
                    or not self._any_kept.search(source)):
                found = []
            else:
                found = [name for name, pattern in self._kept if name in source and pattern.search(source)]
            if len(self._kept_of) < 100_000:
                self._kept_of[source] = found
        return found

    def kept_missing(self, source: str, target: str) -> list[str]:
        """Do-not-translate names of ``source`` that ``target`` does not hold verbatim."""
        missing = []
        for name in self.kept_in_source(source):
            pattern = dict(self._kept)[name]
            if len(pattern.findall(target)) < len(pattern.findall(source)):
                missing.append(name)
        return missing

    def source_terms(self, source: str, locale: str) -> list[str]:
        """Terms of ``source`` that have a required translation for ``locale``,
        leaving out those inside a do-not-translate name ("EU" in "EU Council")."""
        key = (source, locale)
        found = self._terms_of.get(key)
        if found is not None:
            return found
        lowered = source.lower()
        if (self._any_source is None or not self._source_hint.search(lowered)
                or not self._any_source.search(source)):
            found = []
        else:
            masked = source
            for name in self.kept_in_source(source):
                masked = masked.replace(name, " " * len(name))
            found = [
                term for term, pattern in self._source
                if locale in self.terms[term] and pattern.search(masked)
            ]
        if len(self._terms_of) < 100_000:
            self._terms_of[key] = found
        return found

    def missing_translations(self, source: str, target: str, locale: str) -> list[tuple[str, tuple[str, ...]]]:
        """(term, accepted translations) for each term of ``source`` whose
        translation for ``locale`` ``target`` lacks in every inflected form."""
        missing = []
        for term in self.source_terms(source, locale):
            accepted = self.terms[term][locale]
            language = _language(locale)
            if not any(_inflected(expected, language).search(target) for expected in accepted):
                missing.append((term, accepted))
        return missing

    def has_translation(self, term: str, text: str, locale: str) -> bool:
        """Whether ``text`` holds ``locale``'s required translation of ``term``, inflected or not."""
        accepted = self.terms.get(term, {}).get(locale, ())
        language = _language(locale)
        return any(_inflected(expected, language).search(text) for expected in accepted)

    def protected_pattern(self, locale: str) -> re.Pattern | None:
        """One pattern for the text a script check must leave alone in
        ``locale``: do-not-translate names and the locale's required term
        translations in any inflected form.  None for an empty glossary."""
        if locale not in self._protected:
            patterns = [pattern for _, pattern in self._kept]
            for translations in self.terms.values():
                patterns.extend(_inflected(t, _language(locale)) for t in translations.get(locale, ()))
            self._protected[locale] = _union(patterns)
        return self._protected[locale]

    def is_protected_word(self, word: str, locale: str) -> bool:
        """Whether ``word`` belongs to a do-not-translate name or, in any
        inflected form, to one of ``locale``'s required term translations.
        Cheaper than :meth:`protected_pattern` when only a few words need a look."""
        if locale not in self._protected_words:
            exact, stems = set(), set()
            phrases = [*self.do_not_translate, *(t for tr in self.terms.values() for t in tr.get(locale, ()))]
            for phrase in phrases:
                for part in re.findall(r"[^\W\d_]+", phrase):
                    if has_two_capitals(part) or len(part) < 4:
                        exact.add(part.lower())
                    else:
                        stems.add(stem(part.lower()))
            self._protected_words[locale] = (frozenset(exact), tuple(sorted(stems)))
        exact, stems = self._protected_words[locale]
        lowered = word.lower()
        return lowered in exact or (bool(stems) and lowered.startswith(stems))

    def is_kept_name(self, word: str) -> bool:
        return any(word == name or word in name.split() for name in self.do_not_translate)


def _literals(words) -> re.Pattern:
    """One pattern for any of ``words`` as plain text (matches nothing for none)."""
    words = sorted(set(words))
    return re.compile("|".join(re.escape(w) for w in words) if words else r"(?!)")


def _union(patterns: list[re.Pattern]) -> re.Pattern | None:
    if not patterns:
        return None
    parts = [f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


@lru_cache(maxsize=4096)
def _inflected(phrase: str, language: str | None = None) -> re.Pattern:
    return term_pattern(phrase, inflected=True, language=language)


def _language(locale: str) -> str:
    """``sr_Latn`` -> ``sr``: glossary keys are locale codes."""
    return re.split(r"[_@-]", locale, maxsplit=1)[0]


def load_glossary(path: Path | str) -> Glossary:
    """Read a glossary file; a malformed one is an InputError naming file and line."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", name) from error
    except UnicodeDecodeError as error:
        raise InputError("not UTF-8", name) from error
    data = parse_yaml(text, name)
    try:
        return glossary_from_data(data or {}, name)
    except InputError:
        # Read again as nodes, only to name the line of what is wrong.
        return glossary_from_data(data or {}, name, parse_yaml(text, name, nodes=True))


def _line_of(node, key: str | None = None) -> int | None:
    """The line of ``key``'s value in a mapping node, else of the node itself."""
    child = _child(node, key) if key is not None else None
    return node_line(child if child is not None else node)


def _child(node, key):
    return mapping_nodes(node).get(key, (None, None))[1]


def glossary_from_data(data: object, name: str = "<glossary>", node=None) -> Glossary:
    if not isinstance(data, dict):
        raise InputError("a glossary is a mapping with do-not-translate and terms", name, _line_of(node))
    unknown = set(data) - {"do-not-translate", "terms"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(f"unknown key {key!r} (expected do-not-translate, terms)", name, _line_of(node, key))
    kept = data.get("do-not-translate") or []
    if not isinstance(kept, list) or not all(isinstance(k, str) and k.strip() for k in kept):
        raise InputError("do-not-translate must be a list of names", name, _line_of(node, "do-not-translate"))
    raw_terms = data.get("terms") or {}
    terms_node = _child(node, "terms")
    if not isinstance(raw_terms, dict):
        raise InputError("terms must map a term to its translations per locale", name, _line_of(node, "terms"))
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for term, translations in raw_terms.items():
        line = _line_of(terms_node, str(term))
        if not isinstance(term, str) or not isinstance(translations, dict):
            raise InputError(f"term {term!r} must map locales to translations", name, line)
        per_locale = {}
        for code, value in translations.items():
            try:
                get_locale(str(code))
            except UnknownLocaleError as error:
                raise InputError(f"term {term!r}: {error}", name, _line_of(_child(terms_node, term), str(code)) or line) from error
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise InputError(f"term {term!r}: the {code} translation must be text or a list of texts", name, line)
            per_locale[str(code)] = tuple(values)
        terms[term] = per_locale
    return Glossary(do_not_translate=tuple(kept), terms=terms, path=name)


def find_glossary(config) -> Glossary | None:
    """The project's glossary (``<i18n-dir>/glossary.yaml``), or None when it has none."""
    folder = config.path(config.i18n_dir)
    for candidate in GLOSSARY_NAMES:
        path = folder / candidate
        if path.is_file():
            return load_glossary(path)
    return None
