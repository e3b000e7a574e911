"""Catalogue checks: what a translator's .po file can get wrong.

Each check is a small function registered with a stable id, a severity and a
one-line description.  Entry checks see one live entry at a time (through an
:class:`EntryContext` that holds the text pairs to compare); catalogue checks
see the whole file (header, duplicates, obsolete entries).  Any check is
silenced for one entry by ``#, toolkit-ignore: <id>`` (or the same words in a
translator comment ``# toolkit-ignore: <id>``); several ids may be listed,
separated by commas or spaces.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Callable, Iterable, Iterator

import polib

from ..catalog import entry_key, is_translated, read_po
from ..errors import InputError
from ..findings import Finding
from ..glossary import Glossary
from ..locales import Locale, UnknownLocaleError, get_locale, parse_nplurals
from . import CheckInfo, register
from . import textutil as tu

FAMILY = "catalogue"

# A check yields messages, or (message, details) where details may hold
# "severity" (to override the check's default) and other extra fields.
Issue = str | tuple[str, dict]


@dataclass
class EntryContext:
    """One live entry, ready to be checked.

    ``pairs`` lists (label, source, translation) for every non-empty
    translation: one pair for a plain entry, one per plural form otherwise,
    each form compared with the msgid it stands for.
    """

    entry: polib.POEntry
    locale: Locale
    glossary: Glossary | None
    pairs: list[tuple[str, str, str]]
    source_locale: str = "en"
    single_forms: frozenset[int] = frozenset()
    _formats: tuple[bool, bool] | None = field(default=None, repr=False)

    @property
    def sources(self) -> list[str]:
        entry = self.entry
        return [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]

    @property
    def formats(self) -> tuple[bool, bool]:
        """(python %-format, brace format) as the flags say, else as the msgid looks."""
        if self._formats is None:
            flags = self.entry.flags
            if "no-python-format" in flags:
                python = False
            else:
                python = "python-format" in flags or any(tu.looks_python_format(s) for s in self.sources)
            if "no-python-brace-format" in flags:
                brace = False
            else:
                brace = "python-brace-format" in flags or any(tu.looks_brace_format(s) for s in self.sources)
            self._formats = (python, brace)
        return self._formats


EntryCheck = Callable[[EntryContext], Iterable[Issue]]
CatalogCheck = Callable[["CatalogContext"], Iterable[tuple[Issue, polib.POEntry | None]]]
ENTRY_CHECKS: list[tuple[CheckInfo, EntryCheck]] = []
CATALOG_CHECKS: list[tuple[CheckInfo, CatalogCheck]] = []


def entry_check(id: str, severity: str, description: str) -> Callable[[EntryCheck], EntryCheck]:
    def decorate(function: EntryCheck) -> EntryCheck:
        function.info = register(id, FAMILY, severity, description)
        ENTRY_CHECKS.append((function.info, function))
        return function
    return decorate


def catalog_check(id: str, severity: str, description: str) -> Callable[[CatalogCheck], CatalogCheck]:
    def decorate(function: CatalogCheck) -> CatalogCheck:
        function.info = register(id, FAMILY, severity, description)
        CATALOG_CHECKS.append((function.info, function))
        return function
    return decorate


# -- suppression ------------------------------------------------------------

# Flags gettext itself gives meaning to stay flags even after a toolkit-ignore.
_GETTEXT_FLAGS = frozenset({"fuzzy", "wrap", "no-wrap"})
_IGNORE = re.compile(r"toolkit-ignore\s*:\s*([\w/*-]+(?:[\s,]+[\w/*-]+)*)")


def ignored_checks(flags: Iterable[str], *comments: str | None) -> set[str]:
    """Check ids silenced by ``toolkit-ignore:`` in an entry's flags or comments.

    polib splits the ``#,`` line at commas, so ``#, toolkit-ignore: a, b``
    arrives as the flags ``toolkit-ignore: a`` and ``b``: a registered check
    id right after a toolkit-ignore flag belongs to it (``fuzzy`` excepted: it
    is gettext's own flag; silence the fuzzy check with its own line).
    """
    from . import REGISTRY

    ignored: set[str] = set()
    following = False
    for flag in flags:
        flag = flag.strip()
        match = _IGNORE.match(flag)
        if match:
            ignored.update(re.split(r"[\s,]+", match.group(1)))
            following = True
        elif following and flag in REGISTRY and flag not in _GETTEXT_FLAGS:
            ignored.add(flag)
        else:
            following = False
    for comment in comments:
        if comment and "toolkit-ignore" in comment:
            for match in _IGNORE.finditer(comment):
                ignored.update(re.split(r"[\s,]+", match.group(1)))
    return ignored


# -- plural forms -----------------------------------------------------------

def plural_expression(plural_forms: str) -> str:
    match = re.search(r"plural\s*=\s*(.+?)\s*;?\s*$", plural_forms or "")
    if not match:
        raise ValueError(f"no plural= in Plural-Forms {plural_forms!r}")
    return match.group(1)


@lru_cache(maxsize=64)
def plural_usage(plural_forms: str, limit: int = 1000) -> tuple[tuple[int, ...], ...]:
    """For each plural form, the counts 0..limit that select it (ValueError
    for an expression gettext cannot evaluate)."""
    nplurals = parse_nplurals(plural_forms)
    function = gettext.c2py(plural_expression(plural_forms))
    usage: list[list[int]] = [[] for _ in range(nplurals)]
    for n in range(limit + 1):
        index = function(n)
        if not 0 <= index < nplurals:
            raise ValueError(f"plural expression gives form {index} for n={n}, but nplurals={nplurals}")
        usage[index].append(n)
    return tuple(tuple(u) for u in usage)


def single_number_forms(plural_forms: str) -> frozenset[int]:
    """Forms used for exactly one count (English "one" is used only for 1):
    such a form may leave the count out."""
    try:
        usage = plural_usage(plural_forms)
    except (ValueError, SyntaxError):
        return frozenset()
    return frozenset(i for i, counts in enumerate(usage) if len(counts) == 1)


# -- building contexts ------------------------------------------------------

def _pairs(entry: polib.POEntry, single_forms: frozenset[int]) -> list[tuple[str, str, str]]:
    if not entry.msgid_plural:
        return [("msgstr", entry.msgid, entry.msgstr)] if entry.msgstr else []
    pairs = []
    for index in sorted(entry.msgstr_plural):
        text = entry.msgstr_plural[index]
        if text:
            source = entry.msgid if index in single_forms else entry.msgid_plural
            pairs.append((f"msgstr[{index}]", source, text))
    return pairs


def _counter_diff(source: Iterable[str], target: Iterable[str]) -> tuple[list[str], list[str]]:
    source, target = list(source), list(target)
    if source == target:
        return [], []
    s, t = Counter(source), Counter(target)
    return sorted((s - t).elements()), sorted((t - s).elements())


def _describe(missing: list[str], extra: list[str], what: str) -> str:
    parts = []
    if missing:
        parts.append(f"missing {what} " + ", ".join(missing))
    if extra:
        parts.append(f"extra {what} " + ", ".join(extra))
    return "; ".join(parts)


def _form_prefix(label: str) -> str:
    return "" if label == "msgstr" else f"{label}: "


# -- entry checks -----------------------------------------------------------

@entry_check("placeholder-mismatch", "error",
             "Python %-format, brace-format and Jinja %(name)s placeholders match the msgid in every form")
def check_placeholders(ctx: EntryContext) -> Iterator[Issue]:
    python, brace = ctx.formats
    if not (python or brace):
        return
    entry = ctx.entry
    sources = ctx.sources
    for label, source, text in ctx.pairs:
        problems = []
        if python:
            problems.extend(_python_problems(sources, source, text, label, entry, ctx))
        if brace:
            problems.extend(_brace_problems(sources, source, text, label, ctx))
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


def _may_omit(label: str, ctx: EntryContext) -> bool:
    """A plural form used for one count only may leave the count out."""
    if not ctx.entry.msgid_plural or not label.startswith("msgstr["):
        return False
    return int(label[7:-1]) in ctx.single_forms


def _python_problems(sources, source, text, label, entry, ctx) -> list[str]:
    tokens_source = tu.python_placeholders(source)
    tokens_text = tu.python_placeholders(text)
    named = lambda tokens: [t for t in tokens if t.startswith("%(")]
    positional = lambda tokens: [t[-1] for t in tokens if not t.startswith("%(")]

    def key(token: str) -> str:
        # %(n)s and %(n)d differ only in type; compare name and type.
        return f"%({tu.placeholder_name(token)}){token[-1]}"

    allowed = {key(t) for s in sources for t in named(tu.python_placeholders(s))}
    want = Counter(key(t) for t in named(tokens_source))
    have = Counter(key(t) for t in named(tokens_text))
    missing = sorted(set(want) - set(have))
    if len(missing) == 1 and _may_omit(label, ctx):
        missing = []  # the one count a single-number form stands for
    extra = sorted(k for k in have if k not in allowed and k not in want)
    problems = []
    renamed = _renamed(missing, extra)
    if renamed:
        problems.append(renamed)
    elif missing or extra:
        problems.append(_describe(missing, extra, "placeholder"))
    if positional(tokens_source) != positional(tokens_text):
        problems.append(
            "positional placeholders differ: "
            f"{' '.join('%' + t for t in positional(tokens_source)) or 'none'} in the msgid, "
            f"{' '.join('%' + t for t in positional(tokens_text)) or 'none'} in the translation"
        )
    return problems


def _renamed(missing: list[str], extra: list[str]) -> str:
    if len(missing) == 1 and len(extra) == 1:
        return f"placeholder {missing[0]} renamed to {extra[0]}"
    return ""


def _brace_problems(sources, source, text, label, ctx) -> list[str]:
    name = tu.placeholder_name
    allowed = {name(t) for s in sources for t in tu.brace_placeholders(s)}
    want = Counter(name(t) for t in tu.brace_placeholders(source))
    have = Counter(name(t) for t in tu.brace_placeholders(text))
    missing = sorted(k for k in want if k not in have and k != "")
    if len(missing) == 1 and _may_omit(label, ctx):
        missing = []
    extra = sorted(k for k in have if k not in allowed)
    if want.get("", 0) != have.get("", 0):
        missing.append("{}" * (want.get("", 0) - have.get("", 0))) if want.get("", 0) > have.get("", 0) else extra.append("{}")
    label_of = lambda k: k if k.startswith("{") else "{" + k + "}"
    missing, extra = [label_of(m) for m in missing], [label_of(e) for e in extra]
    renamed = _renamed(missing, extra)
    if renamed:
        return [renamed]
    return [_describe(missing, extra, "placeholder")] if missing or extra else []


@entry_check("markup-mismatch", "error", "The translation has the same HTML tags and attributes as the msgid")
def check_markup(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "<" not in source and "<" not in text:
            continue
        want, have = tu.parse_markup(source), tu.parse_markup(text)
        fmt = lambda sig: "<" + " ".join((sig[0], *sig[1])) + ">"
        missing, extra = _counter_diff(map(fmt, want.signature()), map(fmt, have.signature()))
        problems = [_describe(missing, extra, "tag")] if missing or extra else []
        if not problems:
            changed_from, changed_to = _counter_diff(
                (f'{a}="{v}" on <{t}>' for t, a, v in want.fixed_values()),
                (f'{a}="{v}" on <{t}>' for t, a, v in have.fixed_values()),
            )
            if changed_from or changed_to:
                problems.append("changed attribute " + ", ".join(changed_from) + " to " + ", ".join(changed_to))
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("markup-malformed", "error", "The translation's HTML is well-formed (every tag closed, in order)")
def check_markup_wellformed(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "<" not in text:
            continue
        known = set(tu.parse_markup(source).problems)
        problems = [p for p in tu.parse_markup(text).problems if p not in known]
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("unsafe-markup", "error",
             "No <script>, <iframe>, on*= handler, javascript: URL or style attribute the msgid lacks")
def check_unsafe_markup(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "<" not in text:
            continue
        _, added = _counter_diff(tu.unsafe_markup(tu.parse_markup(source)), tu.unsafe_markup(tu.parse_markup(text)))
        if added:
            yield _form_prefix(label) + "unsafe markup: " + ", ".join(added), {"form": label}


def _same_url_but_locale(a: str, b: str, source_locale: str, locale: Locale) -> bool:
    """A link may point at the page in the reader's language: /en/ -> /sr-Latn/."""
    variants = {locale.code, locale.tag, locale.code.lower(), locale.tag.lower(), locale.language}
    pattern = re.compile(r"(?<=[/=])" + re.escape(source_locale) + r"(?=[/&#]|$)")
    return any(pattern.sub(v, a) == b for v in variants)


@entry_check("url-mismatch", "warning", "URLs of the msgid are kept (a locale segment such as /en/ may change)")
def check_urls(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.urls(source), tu.urls(text))
        for m in list(missing):
            match = next((e for e in extra if _same_url_but_locale(m, e, ctx.source_locale, ctx.locale)), None)
            if match:
                missing.remove(m)
                extra.remove(match)
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "URL"), {"form": label}


@entry_check("email-mismatch", "warning", "E-mail addresses of the msgid are kept")
def check_emails(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.emails(source), tu.emails(text))
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "e-mail address"), {"form": label}


@entry_check("number-mismatch", "warning",
             "Numbers of the msgid are kept (grouping and decimal separators may follow the language)")
def check_numbers(ctx: EntryContext) -> Iterator[Issue]:
    entry = ctx.entry
    if entry.msgid_plural:
        # A form may say "one" where the msgid says "1"; hold each form only to
        # the numbers both msgids share, and forbid numbers neither has.
        common = list((Counter(tu.numbers(entry.msgid)) & Counter(tu.numbers(entry.msgid_plural))).elements())
        allowed = set(tu.numbers(entry.msgid)) | set(tu.numbers(entry.msgid_plural))
        for label, _, text in ctx.pairs:
            have = tu.numbers(text)
            missing, _ = _counter_diff(common, have)
            extra = sorted(n for n in set(have) if n not in allowed)
            if missing or extra:
                yield _form_prefix(label) + _describe(missing, extra, "number"), {"form": label}
        return
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.numbers(source), tu.numbers(text))
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "number"), {"form": label}


@entry_check("glossary-kept", "warning", "Do-not-translate names of the glossary stay verbatim (SEESAC, UNDP, …)")
def check_glossary_kept(ctx: EntryContext) -> Iterator[Issue]:
    if ctx.glossary is None:
        return
    for label, source, text in ctx.pairs:
        missing = ctx.glossary.kept_missing(source, text)
        if missing:
            yield _form_prefix(label) + "not kept verbatim: " + ", ".join(missing), {"form": label}


@entry_check("glossary-term", "warning",
             "Glossary terms use the required translation for the locale, in any inflected form")
def check_glossary_terms(ctx: EntryContext) -> Iterator[Issue]:
    if ctx.glossary is None:
        return
    for label, source, text in ctx.pairs:
        missing = ctx.glossary.missing_translations(source, text, ctx.locale.code)
        if missing:
            detail = "; ".join(f"{term!r} should be {' or '.join(repr(a) for a in accepted)}" for term, accepted in missing)
            yield _form_prefix(label) + "glossary: " + detail, {"form": label}


@entry_check("script-mix", "warning",
             "No Latin words in a Cyrillic locale or Cyrillic words in a Latin one (acronyms, names from the msgid, URLs, placeholders and glossary terms allowed)")
def check_script(ctx: EntryContext) -> Iterator[Issue]:
    expected = ctx.locale.script
    if expected not in ("Latn", "Cyrl"):
        return
    glossary = ctx.glossary
    foreign = tu.has_latin if expected == "Cyrl" else tu.has_cyrillic
    for label, source, text in ctx.pairs:
        if not foreign(text):
            continue
        prose = tu.strip_non_prose(text, code=True)
        wrong = []
        for word in tu.words(prose):
            script = tu.word_script(word)
            if script is None or script == expected or script == "mixed":
                continue
            if glossary is not None and glossary.is_protected_word(word, ctx.locale.code):
                continue
            if expected == "Cyrl" and script == "Latn":
                if tu.is_acronym(word):
                    continue
                # A name copied from the msgid (a product, a person) may stay Latin.
                if word[0].isupper() and word in source:
                    continue
                if len(word) == 1 and word in source:
                    continue
            wrong.append(word)
        if wrong:
            shown = ", ".join(dict.fromkeys(wrong[:8]))
            more = f" and {len(wrong) - 8} more" if len(wrong) > 8 else ""
            name = "Latin" if expected == "Cyrl" else "Cyrillic"
            yield (f"{_form_prefix(label)}{len(wrong)} {name} word(s) in a {_script_name(expected)} locale: {shown}{more}",
                   {"form": label, "words": wrong[:20]})


def _script_name(script: str) -> str:
    return {"Cyrl": "Cyrillic", "Latn": "Latin"}.get(script, script)


@entry_check("mixed-script-word", "warning",
             "No word mixes Cyrillic and Latin letters (a look-alike letter typed in the wrong layout)")
def check_mixed_words(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if not (tu.has_latin(text) and tu.has_cyrillic(text)):
            continue
        # Hyphenated compounds join scripts legitimately: "JSON-објекат".
        parts = (p for w in tu.words(tu.strip_non_prose(text)) for p in re.split(r"[-']", w))
        mixed = [w for w in parts if tu.word_script(w) == "mixed" and w not in source]
        if mixed:
            yield _form_prefix(label) + "words mixing Cyrillic and Latin letters: " + ", ".join(mixed[:8]), {"form": label}


@entry_check("quotation-marks", "warning", "Quotation marks follow the language: „…“ in sr, mk, cnr; „…“ or „…” in hr, bs; «…» in sq")
def check_quotes(ctx: EntryContext) -> Iterator[Issue]:
    for label, _, text in ctx.pairs:
        problems = tu.quote_problems(text, ctx.locale.language)
        if problems:
            yield _form_prefix(label) + "; ".join(dict.fromkeys(problems)), {"form": label}


@entry_check("whitespace-edges", "warning", "Leading and trailing spaces match the msgid")
def check_whitespace(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        (sl, st), (tl, tt) = tu.edge_whitespace(source), tu.edge_whitespace(text)
        spaced = lambda s: bool(s.replace("\n", ""))
        problems = []
        if spaced(sl) != spaced(tl):
            problems.append("leading space " + ("missing" if spaced(sl) else "added"))
        if spaced(st) != spaced(tt):
            problems.append("trailing space " + ("missing" if spaced(st) else "added"))
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("newline-edges", "warning", "Leading and trailing newlines match the msgid")
def check_newlines(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "\n" not in source and "\n" not in text:
            continue
        (sl, st), (tl, tt) = tu.edge_whitespace(source), tu.edge_whitespace(text)
        problems = []
        if sl.count("\n") != tl.count("\n"):
            problems.append(f"{sl.count(chr(10))} leading newline(s) in the msgid, {tl.count(chr(10))} in the translation")
        if st.count("\n") != tt.count("\n"):
            problems.append(f"{st.count(chr(10))} trailing newline(s) in the msgid, {tt.count(chr(10))} in the translation")
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("double-space", "warning", "No double spaces inside the translation that the msgid lacks")
def check_double_space(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        inner = text.strip()
        if "  " in inner and inner.count("  ") > source.strip().count("  "):
            yield _form_prefix(label) + f"double space at column {text.index(inner) + inner.index('  ') + 1}", {"form": label}


@entry_check("end-punctuation", "warning", "The translation ends with the same sentence punctuation as the msgid")
def check_end_punctuation(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        want, have = tu.end_punctuation(source), tu.end_punctuation(text)
        if want == have:
            continue
        if not want and have == "." and tu.ends_with_ordinal_dot(text) and re.search(r"\d\W*$", source.rstrip()):
            continue  # "1 December 2020" -> "1. децембра 2020."
        dotted = text if have == "." else source
        if {want, have} <= {"", "."} and " " not in source.strip() and " " not in text.strip() \
                and len(dotted.strip().rstrip(".")) <= 4:
            continue  # an abbreviation's dot follows the language: "Fri" -> "пет."
        describe = lambda p: repr(p) if p else "no punctuation"
        yield _form_prefix(label) + f"ends with {describe(have)}, the msgid with {describe(want)}", {"form": label}


@entry_check("doubled-word", "warning", "No word is repeated by accident (\"the the\")")
def check_doubled_words(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if not _DOUBLED.search(text):
            continue  # blanking markup out (below) can only split pairs, never make one
        # Markup and placeholders separate words: "tag <meta> tag" is no repeat.
        prose = tu.strip_non_prose(text, gap="\x00")
        found = [m.group(1) for m in _DOUBLED.finditer(prose)]
        known = {m.group(1).lower() for m in _DOUBLED.finditer(tu.strip_non_prose(source))}
        found = [w for w in found if w.lower() not in known]
        if found:
            yield _form_prefix(label) + "repeated word: " + ", ".join(dict.fromkeys(found)), {"form": label}


_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]{2,})\s+\1(?![\w-])", re.IGNORECASE)


@entry_check("hidden-characters", "error",
             "No bidi controls, zero-width or other invisible characters the msgid lacks")
def check_hidden(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        _, added = _counter_diff(tu.hidden_characters(source), tu.hidden_characters(text))
        if added:
            names = ", ".join(dict.fromkeys(f"{code} {name}" for code, name in added))
            severity = "error" if any(tu.is_bidi_control(c) or name == "control character" for c, name in added) else "warning"
            yield _form_prefix(label) + "hidden characters: " + names, {"form": label, "severity": severity}


@entry_check("unchanged", "warning",
             "The translation is not a copy of the msgid (unless it is only acronyms, numbers and kept names)")
def check_unchanged(ctx: EntryContext) -> Iterator[Issue]:
    entry = ctx.entry
    if not ctx.pairs or not is_translated(entry):
        return
    if any(text != source for _, source, text in ctx.pairs):
        return
    if entry.msgid_plural and entry.msgstr_plural.get(0) != entry.msgid:
        return
    words = [w for source in ctx.sources for w in tu.words(tu.strip_non_prose(source, code=True))]
    unexplained = [w for w in words if not (tu.is_acronym(w) or (ctx.glossary and ctx.glossary.is_kept_name(w)))]
    if not unexplained:
        return
    if all(w[0].isupper() for w in unexplained):
        # Names (languages, months, places) are often the same: worth a look, no more.
        yield "the translation is a copy of the msgid (a name?)", {"severity": "info"}
    else:
        yield "the translation is a copy of the msgid"


# Context for the two checks that look at the entry rather than its text.

@entry_check("untranslated", "info", "The entry has a translation in every plural form")
def check_untranslated(ctx: EntryContext) -> Iterator[Issue]:
    entry = ctx.entry
    if "fuzzy" in entry.flags:
        return
    if entry.msgid_plural:
        empty = [i for i, text in sorted(entry.msgstr_plural.items()) if not text]
        if empty and len(empty) < len(entry.msgstr_plural):
            yield "plural form(s) " + ", ".join(f"msgstr[{i}]" for i in empty) + " empty", {"severity": "warning"}
        elif empty or not entry.msgstr_plural:
            yield "not translated"
    elif not entry.msgstr:
        yield "not translated"


@entry_check("fuzzy", "info", "The entry is not marked fuzzy (fuzzy translations are left out of the site)")
def check_fuzzy(ctx: EntryContext) -> Iterator[Issue]:
    if "fuzzy" in ctx.entry.flags:
        previous = f" (was {ctx.entry.previous_msgid!r})" if ctx.entry.previous_msgid else ""
        yield "marked fuzzy" + previous


# -- catalogue checks -------------------------------------------------------

@dataclass
class CatalogContext:
    catalog: polib.POFile
    locale: Locale
    header_ignored: set[str]

    @property
    def plural_forms(self) -> str | None:
        return self.catalog.metadata.get("Plural-Forms")


def header_locale(value: str) -> tuple[str, str | None] | None:
    """(language, script) a header Language names; script None when it does
    not say and the language has no usual script.  None when unreadable."""
    match = re.match(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?(?:\.[\w-]+)?(?:@(\w+))?$", value.strip())
    if not match:
        return None
    language, script, _, modifier = match.groups()
    language = language.lower()
    if script:
        script = script.title()
    elif modifier:
        script = {"latin": "Latn", "cyrillic": "Cyrl"}.get(modifier.lower())
    else:
        from ..locales import DEFAULT_SCRIPT
        script = DEFAULT_SCRIPT.get(language)
    return language, script


@catalog_check("header-language", "error", "The header's Language names the catalogue's locale (language and script)")
def check_header_language(ctx: CatalogContext):
    value = ctx.catalog.metadata.get("Language", "").strip()
    locale = ctx.locale
    if not value:
        yield ("no Language in the header (expected " + locale.code + ")", {"severity": "warning"}), None
        return
    parsed = header_locale(value)
    if parsed is None:
        yield f"Language {value!r} is not a locale name", None
        return
    language, script = parsed
    if language != locale.language or (script and script != locale.script):
        yield f"Language {value!r} does not match the catalogue's locale {locale.code} ({locale.language}, {_script_name(locale.script)})", None


@catalog_check("header-plural-forms", "error", "The header has a Plural-Forms that gettext can evaluate")
def check_header_plural_forms(ctx: CatalogContext):
    value = ctx.plural_forms
    if not value:
        has_plurals = any(e.msgid_plural for e in ctx.catalog)
        consequence = "; its plural entries cannot be compiled" if has_plurals else ""
        yield f"no Plural-Forms in the header (expected {ctx.locale.plural_forms!r}){consequence}", None
        return
    try:
        plural_usage(value)
    except (ValueError, SyntaxError) as error:
        yield f"Plural-Forms {value!r} cannot be evaluated: {error}", None


@catalog_check("header-charset", "error", "The header declares charset=UTF-8")
def check_header_charset(ctx: CatalogContext):
    content_type = ctx.catalog.metadata.get("Content-Type", "")
    match = re.search(r"charset=([\w.:-]+)", content_type)
    if not match:
        yield "no charset in the header's Content-Type", None
    elif match.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        yield f"charset {match.group(1)}, expected UTF-8", None


@catalog_check("plural-forms-language", "error",
               "The header's plural rule agrees with the language's (gettext practice; CLDR count noted)")
def check_plural_language(ctx: CatalogContext):
    value = ctx.plural_forms
    if not value:
        return
    expected = ctx.locale.plural_forms
    try:
        have, want = parse_nplurals(value), parse_nplurals(expected)
    except ValueError:
        return
    cldr = _cldr_plural_count(ctx.locale)
    note = f" (CLDR lists {cldr} categories)" if cldr and cldr != want else ""
    if have != want:
        yield (f"nplurals={have} in the header, but {ctx.locale.language} has {want} plural forms{note}",
               {"expected": expected, "cldr_categories": cldr}), None
        return
    try:
        got, ref = plural_usage(value), plural_usage(expected)
    except (ValueError, SyntaxError):
        return
    if got != ref:
        n = next(n for n in range(1001) if _form_of(got, n) != _form_of(ref, n))
        yield (f"the header's plural rule picks form {_form_of(got, n)} for n={n}, the language's rule form {_form_of(ref, n)}",
               {"expected": expected, "severity": "warning"}), None


def _form_of(usage, n: int) -> int:
    return next(i for i, counts in enumerate(usage) if n in counts)


def _cldr_plural_count(locale: Locale) -> int | None:
    try:
        # Babel leaves the implicit "other" category out of the tags.
        return len(locale.babel.plural_form.tags | {"other"})
    except Exception:  # Babel lacks some languages; the note is optional.
        return None


@catalog_check("plural-count", "error", "Every plural entry has as many msgstr forms as the header's nplurals")
def check_plural_count(ctx: CatalogContext):
    try:
        nplurals = parse_nplurals(ctx.plural_forms) if ctx.plural_forms else ctx.locale.nplurals
    except ValueError:
        nplurals = ctx.locale.nplurals
    for entry in ctx.catalog:
        if entry.obsolete:
            continue
        if entry.msgid_plural and entry.msgstr_plural and len(entry.msgstr_plural) != nplurals:
            yield f"{len(entry.msgstr_plural)} plural forms, the header says nplurals={nplurals}", entry


@catalog_check("duplicate-entry", "error", "No two live entries share msgctxt and msgid")
def check_duplicates(ctx: CatalogContext):
    seen: dict = {}
    for entry in ctx.catalog:
        if entry.obsolete:
            continue
        key = entry_key(entry)
        if key in seen:
            yield f"duplicate of the entry at line {seen[key].linenum}", entry
        else:
            seen[key] = entry


@catalog_check("obsolete-translation", "warning",
               "An obsolete (#~) entry holds no translation that no live entry has (work that would be lost)")
def check_obsolete(ctx: CatalogContext):
    obsolete = ctx.catalog.obsolete_entries()
    if not obsolete:
        return
    live = set()
    for entry in ctx.catalog.translated_entries() + ctx.catalog.untranslated_entries() + ctx.catalog.fuzzy_entries():
        live.add(entry.msgstr)
        live.update(entry.msgstr_plural.values())
    for entry in obsolete:
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        lost = [t for t in texts if t and t not in live]
        if lost:
            yield "obsolete entry holds a translation no live entry uses: " + _shorten(lost[0]), entry


def _shorten(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# -- running ----------------------------------------------------------------

def check_catalog(
    catalog: polib.POFile,
    locale: Locale,
    path: str,
    *,
    glossary: Glossary | None = None,
    source_locale: str = "en",
    checks: set[str] | None = None,
) -> list[Finding]:
    """Every catalogue check on one catalogue; ``path`` is how findings name it.

    ``checks`` limits the run to those ids (default: all).  Entries silenced
    with ``toolkit-ignore`` yield nothing for the ids they name.
    """
    findings: list[Finding] = []
    plural_forms = catalog.metadata.get("Plural-Forms") or locale.plural_forms
    single = single_number_forms(plural_forms)
    if not single:
        single = single_number_forms(locale.plural_forms)
    entry_checks = [(i, f) for i, f in ENTRY_CHECKS if checks is None or i.id in checks]
    base = {"path": path, "locale": locale.code}

    for entry in catalog:
        if entry.obsolete:
            continue
        ignored = _entry_ignored(entry)
        ctx = EntryContext(entry, locale, glossary, [], source_locale, single)
        fuzzy = "fuzzy" in entry.flags
        # Fuzzy translations never reach the site: only report them as fuzzy.
        ctx.pairs = [] if fuzzy else _pairs(entry, single)
        for info, function in entry_checks:
            if info.id in ignored:
                continue
            for issue in function(ctx):
                findings.append(_finding(info, issue, entry, base))

    header_ignored = ignored_checks(catalog.metadata_is_fuzzy or [], catalog.header)
    cctx = CatalogContext(catalog, locale, header_ignored)
    for info, function in CATALOG_CHECKS:
        if checks is not None and info.id not in checks:
            continue
        for issue, entry in function(cctx):
            if entry is None:
                if info.id in header_ignored:
                    continue
                findings.append(_finding(info, issue, None, base))
            elif info.id not in _entry_ignored(entry):
                findings.append(_finding(info, issue, entry, base))
    return findings


def _entry_ignored(entry: polib.POEntry) -> set[str]:
    if not ("toolkit-ignore" in (entry.tcomment or "") or "toolkit-ignore" in (entry.comment or "")
            or any("toolkit-ignore" in f for f in entry.flags)):
        return set()
    return ignored_checks(entry.flags, entry.tcomment, entry.comment)


def _finding(info: CheckInfo, issue: Issue, entry: polib.POEntry | None, base: dict) -> Finding:
    message, details = (issue, {}) if isinstance(issue, str) else issue
    details = dict(details)
    severity = details.pop("severity", info.severity)
    if entry is None:
        return Finding(check=info.id, severity=severity, message=message, line=1, extra=details, **base)
    if entry.msgctxt is not None:
        details["msgctxt"] = entry.msgctxt
    return Finding(
        check=info.id, severity=severity, message=message, line=entry.linenum,
        msgid=entry.msgid, extra=details, **base,
    )


# -- files ------------------------------------------------------------------

def locale_from_path(path: Path | str) -> str | None:
    """``<locale>/LC_MESSAGES/<domain>.po`` -> ``<locale>``."""
    parts = PurePath(path).parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    return None


def resolve_locale(code: str, config=None, *, where: str = "") -> Locale:
    """A configured locale when the project has it, else the toolkit's model of ``code``.

    ``sr@latin`` (the older gettext spelling) is read as ``sr_Latn``.
    """
    match = re.match(r"^([a-z]{2,3})(_[A-Z]{2})?@(latin|cyrillic)$", code)
    if match:
        script = "Latn" if match.group(3) == "latin" else "Cyrl"
        code = f"{match.group(1)}_{script}{match.group(2) or ''}"
    if config is not None:
        for locale in config.all_locales:
            if locale.code == code:
                return locale
    try:
        return get_locale(code)
    except UnknownLocaleError as error:
        raise InputError(str(error), where or None) from error


def catalog_locale(path: Path, catalog: polib.POFile, config=None, locale: str | None = None) -> Locale:
    """The file's locale: ``-l``, else its folder, else its header's Language."""
    name = config.relative(path) if config is not None else str(path)
    code = locale or locale_from_path(path)
    if not code:
        header = catalog.metadata.get("Language", "").strip()
        parsed = header_locale(header) if header else None
        if not parsed:
            raise InputError("cannot tell the catalogue's locale: pass -l, or keep it under <locale>/LC_MESSAGES/", name)
        code = header.split(".")[0].replace("-", "_")
        try:
            return resolve_locale(code, config, where=name)
        except InputError:
            return resolve_locale(parsed[0], config, where=name)
    return resolve_locale(code, config, where=name)


def check_catalog_files(paths: Iterable[Path | str], config=None, locale: str | None = None,
                        *, glossary: Glossary | None = None, checks: set[str] | None = None) -> list[Finding]:
    """Read and check each .po file; an unreadable one is an InputError naming file and line."""
    findings: list[Finding] = []
    source_locale = config.source_locale if config is not None else "en"
    for path in paths:
        path = Path(path)
        name = config.relative(path) if config is not None else str(path)
        catalog = read_po(path, display=name)
        file_locale = catalog_locale(path, catalog, config, locale)
        findings.extend(check_catalog(catalog, file_locale, name, glossary=glossary,
                                      source_locale=source_locale, checks=checks))
    return findings


def project_catalogs(config) -> list[Path]:
    """Every existing catalogue of the project: configured targets × domains."""
    from ..config import DOMAINS

    return [
        config.po_path(locale.code, domain)
        for locale in config.targets
        for domain in DOMAINS
        if config.po_path(locale.code, domain).is_file()
    ]


def catalogue_check_ids() -> list[str]:
    return [info.id for info, _ in ENTRY_CHECKS] + [info.id for info, _ in CATALOG_CHECKS]
