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

import gc
import gettext
import os
import pickle
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Callable, Iterable, Iterator

import polib

from ..po.catalog import entry_key, is_translated, read_po
from ..errors import InputError
from ..findings import Finding
from .glossary import Glossary
from ..locales import Locale, UnknownLocaleError, get_locale, parse_nplurals
from . import CheckInfo, register
from . import text as tu

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
    # Shared by every entry of one run: checks keep per-word or per-msgid answers here.
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def sources(self) -> list[str]:
        entry = self.entry
        if entry.msgid_plural:
            return [entry.msgid, entry.msgid_plural]
        return [self.pairs[0][1]] if self.pairs else [entry.msgid]

    @property
    def formats(self) -> tuple[bool, bool]:
        """(python %-format, brace format) as the flags say, else as the msgid looks."""
        if self._formats is None:
            flags = self.entry.flags
            if "no-python-format" in flags:
                python = False
            else:
                python = "python-format" in flags or "c-format" in flags or any(tu.looks_python_format(s) for s in self.sources)
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
# Characters an entry must hold (in its msgid or a translation) for a check
# to have anything to look at; checks without triggers see every entry.
TRIGGERS: dict[str, frozenset[str]] = {}
# Checks that look at entries with no translation (the others see only
# translated, non-fuzzy ones).
UNTRANSLATED_CHECKS = {"untranslated", "fuzzy"}
# What they can say of a translated, non-fuzzy entry: "fuzzy" nothing;
# "untranslated" (an empty form) and identical forms only of a plural entry.
PLURAL_ONLY = {"untranslated", "identical-plural-forms"}


def entry_check(id: str, severity: str, description: str, *, triggers: str | None = None
                ) -> Callable[[EntryCheck], EntryCheck]:
    def decorate(function: EntryCheck) -> EntryCheck:
        function.info = register(id, FAMILY, severity, description)
        ENTRY_CHECKS.append((function.info, function))
        if triggers is not None:
            TRIGGERS[id] = frozenset(triggers)
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

def compared_source(entry: polib.POEntry) -> str | None:
    """What a translation is held to: the msgid, or the English of a symbolic
    msgid's ``#. Default:`` comment; None for entries that are not prose
    (``translator-credits``: the translators' names and addresses)."""
    msgid = entry.msgid
    if msgid in tu.CREDITS_MSGIDS:
        return None
    if entry.comment and " " not in msgid:
        default = tu.default_text(msgid, entry.comment)
        if default is not None:
            return default
    return msgid


def _pairs(entry: polib.POEntry, single_forms: frozenset[int]) -> list[tuple[str, str, str]]:
    if entry.msgid in tu.CREDITS_MSGIDS:
        return []
    if not entry.msgid_plural:
        return [("msgstr", compared_source(entry), entry.msgstr)] if entry.msgstr else []
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
             "Python %-format, brace-format and Jinja %(name)s placeholders match the msgid in every form",
             triggers="%{")
def check_placeholders(ctx: EntryContext) -> Iterator[Issue]:
    python, brace = ctx.formats
    sources = ctx.sources
    dollar = any("${" in s for s in sources)
    if not (python or brace or dollar):
        return
    entry = ctx.entry
    for label, source, text in ctx.pairs:
        problems = []
        if python:
            problems.extend(_python_problems(sources, source, text, label, entry, ctx))
        if brace:
            problems.extend(_brace_problems(sources, source, text, label, ctx))
        if dollar:
            problems.extend(_dollar_problems(source, text))
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
    if tokens_source == tokens_text:
        return []
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
    # Length modifiers count (%lu is not %u); numbered directives may be reordered.
    want_args, have_args = tu.argument_types(tokens_source), tu.argument_types(tokens_text)
    if want_args != have_args and not (_may_omit(label, ctx) and _one_left_out(want_args, have_args)):
        problems.append(
            "positional placeholders differ: "
            f"{' '.join('%' + t for t in want_args) or 'none'} in the msgid, "
            f"{' '.join('%' + t for t in have_args) or 'none'} in the translation"
        )
    return problems


def _one_left_out(want: list[str], have: list[str]) -> bool:
    """``have`` is ``want`` with one directive (the count) left out."""
    return len(want) == len(have) + 1 and any(want[:i] + want[i + 1:] == have for i in range(len(want)))


def _dollar_problems(source: str, text: str) -> list[str]:
    missing, extra = _counter_diff(tu.dollar_placeholders(source), tu.dollar_placeholders(text))
    missing, extra = sorted(set(missing)), sorted(set(extra))
    renamed = _renamed(missing, extra)
    if renamed:
        return [renamed]
    return [_describe(missing, extra, "placeholder")] if missing or extra else []


@entry_check("placeholder-glued", "warning",
             "A placeholder the msgid sets apart is not written against a word in the translation (nalog%(name)s)",
             triggers="%{")
def check_glued_placeholders(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        glued = tu.glued_placeholders(text)
        if glued and len(glued) > len(tu.glued_placeholders(source)):
            yield _form_prefix(label) + "placeholder written against a word: " + ", ".join(glued[:3]), {"form": label}


def _renamed(missing: list[str], extra: list[str]) -> str:
    if len(missing) == 1 and len(extra) == 1:
        return f"placeholder {missing[0]} renamed to {extra[0]}"
    return ""


def _brace_problems(sources, source, text, label, ctx) -> list[str]:
    if tu.brace_placeholders(source) == tu.brace_placeholders(text):
        return []
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


@entry_check("markup-mismatch", "error", "The translation has the same HTML tags and attributes as the msgid",
             triggers="<")
def check_markup(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "<" not in source and "<" not in text:
            continue
        source, text = tu.without_metavariables(source, text)
        want, have = tu.parse_markup(source), tu.parse_markup(text)
        fmt = lambda sig: "<" + " ".join((sig[0], *sig[1])) + ">"
        missing, extra = _counter_diff(map(fmt, want.signature()), map(fmt, have.signature()))
        problems = [_describe(missing, extra, "tag")] if missing or extra else []
        if not problems and tu.stray_angle_brackets(text) != tu.stray_angle_brackets(source):
            problems.append("a < or > that closes no tag or <metavariable> (a broken <…>?)")
        if not problems:
            changed_from, changed_to = _counter_diff(
                (f'{a}="{v}" on <{t}>' for t, a, v in want.fixed_values()),
                (f'{a}="{v}" on <{t}>' for t, a, v in have.fixed_values()),
            )
            if changed_from or changed_to:
                problems.append("changed attribute " + ", ".join(changed_from) + " to " + ", ".join(changed_to))
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("markup-malformed", "error", "The translation's HTML is well-formed (every tag closed, in order)",
             triggers="<")
def check_markup_wellformed(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if "<" not in text:
            continue
        source, text = tu.without_metavariables(source, text)
        known = set(tu.parse_markup(source).problems)
        problems = [p for p in tu.parse_markup(text).problems if p not in known]
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("unsafe-markup", "error",
             "No <script>, <iframe>, on*= handler, javascript: URL or style attribute the msgid lacks",
             triggers="<")
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


def _locale_diff(want: Iterable[str], have: Iterable[str], ctx: EntryContext) -> tuple[list[str], list[str]]:
    """(missing, extra) of ``have`` against ``want``, a link that only swaps
    the source locale's segment for the reader's (/en/ -> /sr/) counting as kept."""
    missing, extra = _counter_diff(want, have)
    for m in list(missing):
        match = next((e for e in extra if _same_url_but_locale(m, e, ctx.source_locale, ctx.locale)), None)
        if match:
            missing.remove(m)
            extra.remove(match)
    return missing, extra


@entry_check("url-mismatch", "warning", "URLs of the msgid are kept (a locale segment such as /en/ may change)",
             triggers=":.")
def check_urls(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        missing, extra = _locale_diff(tu.urls(source), tu.urls(text), ctx)
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "URL"), {"form": label}


@entry_check("email-mismatch", "warning", "E-mail addresses of the msgid are kept", triggers="@")
def check_emails(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.emails(source), tu.emails(text))
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "e-mail address"), {"form": label}


@entry_check("number-mismatch", "warning",
             "Numbers of the msgid are kept (grouping and decimal separators may follow the language)",
             triggers="0123456789")
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
                missing, extra = _unexplained_numbers(entry.msgid_plural, text, missing, extra)
            if missing or extra:
                yield _form_prefix(label) + _describe(missing, extra, "number"), {"form": label}
        return
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.numbers(source), tu.numbers(text))
        if missing or extra:
            missing, extra = _unexplained_numbers(source, text, missing, extra)
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "number"), {"form": label}


def _unexplained_numbers(source: str, text: str, missing: list[str], extra: list[str]) -> tuple[list, list]:
    """Leave out the differences a translation is right to make: a number
    written as a word ("1" -> "jednu", "non-zero" -> "!= 0"), a date in the
    language's format, an example's country code localised (+1 -> +381)."""
    if tu.same_digits(source, text):
        return [], []
    missing = [n for n in missing if not tu.spelled_number(n, text, english=False)]
    extra = [n for n in extra if not tu.spelled_number(n, source, english=True)]
    want, have = tu.phone_prefixes(source), tu.phone_prefixes(text)
    for old, new in zip(want, have):
        if old in missing and new in extra:
            missing.remove(old)
            extra.remove(new)
    return missing, extra


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
    foreign = tu.has_latin if expected == "Cyrl" else tu.has_cyrillic
    what = f"{'Latin' if expected == 'Cyrl' else 'Cyrillic'} word(s) in a {_script_name(expected)} locale: "
    # Words recur across a catalogue: judge each once per run.
    verdicts = ctx.cache.setdefault("script-mix", {})
    known = verdicts.get
    for label, source, text in ctx.pairs:
        if not foreign(text):
            continue
        prose = tu.strip_non_prose(text, code=True)
        if "%" in prose:
            prose = re.sub(r"%[A-Za-z]", " ", prose)  # strftime's %A %B %T
        if prose is not text and not foreign(prose):
            continue  # the foreign letters were all in placeholders, markup or code
        wrong = []
        for word in tu.words(prose):
            verdict = known(word)
            if verdict is None:
                verdict = verdicts[word] = _script_verdict(word, expected, ctx)
            # _WRONG, or _WRONG_UNLESS_COPIED and not copied (_FINE is 0).
            if verdict and (verdict == _WRONG or not tu.copied_word(word, source, text)):
                wrong.append(word)
        if wrong:
            shown = ", ".join(dict.fromkeys(wrong[:8]))
            more = f" and {len(wrong) - 8} more" if len(wrong) > 8 else ""
            yield (f"{_form_prefix(label)}{len(wrong)} {what}{shown}{more}", {"form": label, "words": wrong[:20]})


_FINE, _WRONG, _WRONG_UNLESS_COPIED = 0, 1, 2


def _script_verdict(word: str, expected: str, ctx: EntryContext) -> int:
    script = tu.word_script(word)
    if script is None or script == expected or script == "mixed":
        return _FINE
    if ctx.glossary is not None and ctx.glossary.is_protected_word(word, ctx.locale.code):
        return _FINE
    if expected == "Cyrl" and script == "Latn":
        if tu.is_acronym(word):
            return _FINE
        # A name copied from the msgid (a product, a person), an option or an
        # identifier may stay Latin.
        return _WRONG_UNLESS_COPIED
    return _WRONG


def _script_name(script: str) -> str:
    return {"Cyrl": "Cyrillic", "Latn": "Latin"}.get(script, script)


@entry_check("mixed-script-word", "warning",
             "No word mixes Cyrillic and Latin letters (a look-alike letter typed in the wrong layout)")
def check_mixed_words(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        found = tu.mixed_script_words(text)
        mixed = [w for w in found if w not in source and not tu.is_dimension(w)] if found else found
        if mixed:
            yield _form_prefix(label) + "words mixing Cyrillic and Latin letters: " + ", ".join(mixed[:8]), {"form": label}


@entry_check("quotation-marks", "warning",
             "Quotation marks follow the language: „…“ in sr, mk, cnr; „…“ or „…” in hr, bs; «…» or “…” in sq",
             triggers=tu.DOUBLE_QUOTES)
def check_quotes(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        problems = tu.quote_problems(text, ctx.locale.language, source)
        if problems:
            yield _form_prefix(label) + "; ".join(dict.fromkeys(problems)), {"form": label}


@entry_check("whitespace-edges", "warning", "Leading and trailing spaces match the msgid")
def check_whitespace(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if not (source[:1].isspace() or source[-1:].isspace() or text[:1].isspace() or text[-1:].isspace()):
            continue
        (sl, st), (tl, tt) = tu.edge_whitespace(source), tu.edge_whitespace(text)
        spaced = lambda s: bool(s.replace("\n", ""))
        problems = []
        if spaced(sl) != spaced(tl):
            problems.append("leading space " + ("missing" if spaced(sl) else "added"))
        if spaced(st) != spaced(tt):
            problems.append("trailing space " + ("missing" if spaced(st) else "added"))
        if problems:
            # A space after the msgid's closing full stop separates nothing.
            after_stop = problems == ["trailing space missing"] and source.rstrip().endswith(".") \
                and text.rstrip().endswith(".")
            yield _form_prefix(label) + "; ".join(problems), ({"form": label, "severity": "info"} if after_stop
                                                             else {"form": label})


@entry_check("newline-edges", "warning", "Leading and trailing newlines match the msgid", triggers="\n")
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
        column = tu.added_double_space(source, text) if "  " in text else None
        if column is not None:
            yield _form_prefix(label) + f"double space at column {column}", {"form": label}


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
        if not want and have == "." and tu.ends_with_abbreviation(text, short=len(source.split()) <= 3):
            continue  # an abbreviation's own dot: "%s years" -> "%s god.", "(hostname, itd.)"
        describe = lambda p: repr(p) if p else "no punctuation"
        yield _form_prefix(label) + f"ends with {describe(have)}, the msgid with {describe(want)}", {"form": label}


@entry_check("doubled-word", "warning", "No word is repeated by accident (\"the the\")")
def check_doubled_words(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        if not _DOUBLED.search(text):
            continue  # blanking markup out (below) can only split pairs, never make one
        # Markup and placeholders separate words: "tag <meta> tag" is no repeat.
        prose = tu.strip_non_prose(text, gap="\x00")
        if _DOUBLED.search(tu.strip_non_prose(source)):
            continue  # the msgid repeats a word itself ("ID token token")
        allowed = _REPEATABLE.get(ctx.locale.language, ())
        # "VALUE Value": a column label, then its description (one in capitals).
        found = []
        for match in _DOUBLED.finditer(prose):
            first, second = match.group(0).split()[0], match.group(0).split()[-1]
            if match.group(1).lower() not in allowed and first.isupper() == second.isupper():
                found.append(match.group(1))
        if found:
            yield _form_prefix(label) + "repeated word: " + ", ".join(dict.fromkeys(found)), {"form": label}


# One space between the two: a column label and a description starting with the
# same word ("  KEY       Key within the schema") is layout, not a slip.
# Words a language repeats by its grammar: Albanian "të të dhënave" (particle and article).
_REPEATABLE = {"sq": frozenset({"të", "e", "së"})}
_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]{2,})[ \u00a0]\1(?![\w-])", re.IGNORECASE)


@entry_check("hidden-characters", "error",
             "No bidi controls, zero-width or other invisible characters the msgid lacks", triggers=tu.SUSPECT_CHARS)
def check_hidden(ctx: EntryContext) -> Iterator[Issue]:
    for label, source, text in ctx.pairs:
        _, added = _counter_diff(tu.hidden_characters(source), tu.hidden_characters(text))
        if added:
            names = ", ".join(dict.fromkeys(f"{code} {name}" for code, name in added))
            severity = "error" if any(tu.is_bidi_control(c) or name == "control character" for c, name in added) else "warning"
            yield _form_prefix(label) + "hidden characters: " + names, {"form": label, "severity": severity}


@entry_check("bracket-mismatch", "warning",
             "The translation leaves no ( or [ unclosed (nor a ) or ] unopened) that the msgid does not (placeholders and markup aside)",
             triggers="()[]")
def check_brackets(ctx: EntryContext) -> Iterator[Issue]:
    """Brackets a translator dropped or left unclosed: "(see below" or a lost "]"."""
    for label, source, text in ctx.pairs:
        want, have = tu.bracket_counts(source), tu.bracket_counts(text)
        if want == have:
            continue
        if have[0] == have[1] and have[2] == have[3] and (want[0] != want[1] or want[2] != want[3]):
            continue  # the translation closes what the msgid leaves open: a fix, not a slip
        if (have[0] - have[1], have[2] - have[3]) == (want[0] - want[1], want[2] - want[3]):
            # Brackets added or dropped in pairs are the translation's own syntax, unless
            # they set a placeholder apart ("{method} ({name})" -> "{method} {name}").
            loose = tu.unbracketed_placeholders(source, text)
            if loose:
                yield _form_prefix(label) + "brackets around " + ", ".join(loose) + " dropped", {"form": label}
            continue
        shown = ", ".join(f"{b} {w}→{h}" for b, w, h in zip(tu.BRACKETS, want, have) if w != h)
        yield _form_prefix(label) + f"brackets differ from the msgid ({shown})", {"form": label}


@entry_check("accelerator-mismatch", "warning",
             "A keyboard accelerator of the msgid (&File, _File) is kept, once (on any letter)", triggers="&_")
def check_accelerators(ctx: EntryContext) -> Iterator[Issue]:
    """Menu and button labels mark their access key with & or _; losing it loses the shortcut."""
    for label, source, text in ctx.pairs:
        want = tu.accelerators(source)
        if not want:
            continue
        have = tu.translated_accelerators(text, source)
        if have != want:
            yield _form_prefix(label) + f"{want} accelerator marker(s) in the msgid, {have} in the translation", {"form": label}


@entry_check("tab-mismatch", "warning", "The translation has as many tab characters as the msgid", triggers="\t")
def check_tabs(ctx: EntryContext) -> Iterator[Issue]:
    """Tabs lay out columns in plain-text output; a lost or extra one shifts them."""
    for label, source, text in ctx.pairs:
        if source.count("\t") != text.count("\t"):
            yield _form_prefix(label) + f"{source.count(chr(9))} tab(s) in the msgid, {text.count(chr(9))} in the translation", {"form": label}


@entry_check("backslash-mismatch", "warning",
             "The translation has as many backslashes as the msgid (escapes a program interprets)", triggers="\\")
def check_backslashes(ctx: EntryContext) -> Iterator[Issue]:
    """A literal backslash starts an escape in JavaScript, regular expressions and paths."""
    for label, source, text in ctx.pairs:
        if source.count("\\") != text.count("\\"):
            yield _form_prefix(label) + f"{source.count(chr(92))} backslash(es) in the msgid, {text.count(chr(92))} in the translation", {"form": label}


@entry_check("newline-count", "warning", "The translation has as many line breaks as the msgid", triggers="\n")
def check_newline_count(ctx: EntryContext) -> Iterator[Issue]:
    """Line breaks carry structure (Markdown lists, e-mail bodies, plain-text layout)."""
    for label, source, text in ctx.pairs:
        want, have = source.strip().count("\n"), text.strip().count("\n")
        if want != have:
            # A paragraph or a list item lost or added is structure; a line
            # wrapped elsewhere (terminal text, --help columns) is not.
            rewrapped = tu.line_structure(source) == tu.line_structure(text)
            yield (_form_prefix(label) + f"{want} inner line break(s) in the msgid, {have} in the translation",
                   {"form": label, "severity": "info"} if rewrapped else {"form": label})


@entry_check("sentence-count", "info", "The translation has as many sentences as the msgid", triggers=".!?…")
def check_sentence_count(ctx: EntryContext) -> Iterator[Issue]:
    """A sentence fewer often means a sentence left out; worth a reader's look, no more."""
    for label, source, text in ctx.pairs:
        want = tu.sentence_count(source)
        if want < 2:
            continue  # a msgid of one sentence (or none) sets no count to keep
        have = tu.sentence_count(text)
        if have < want:
            yield _form_prefix(label) + f"{want} sentences in the msgid, {have} in the translation", {"form": label}


# Lengths of prose, in characters: a translation this far off is worth a look.
TOO_LONG_FACTOR, TOO_LONG_SLACK = 3.0, 20
# A msgid of a few words or more leaves less room: twice its length is another text.
TOO_LONG_SENTENCE, TOO_LONG_SENTENCE_FACTOR = 30, 2.0
TOO_SHORT_FACTOR, TOO_SHORT_MIN = 0.3, 20


@entry_check("translation-too-long", "warning",
             f"The translation is at most {TOO_LONG_FACTOR:g}× the msgid's length (plus {TOO_LONG_SLACK} characters), "
             f"{TOO_LONG_SENTENCE_FACTOR:g}× for a msgid of {TOO_LONG_SENTENCE}+ characters")
def check_too_long(ctx: EntryContext) -> Iterator[Issue]:
    """A runaway translation: pasted twice, or with text from another entry."""
    for label, source, text in ctx.pairs:
        if len(text) <= TOO_LONG_SENTENCE_FACTOR * len(source) + TOO_LONG_SLACK:
            continue  # cheap bound first: prose is never longer than the text
        want, have = tu.prose_length(source), tu.prose_length(text)
        if (have > TOO_LONG_FACTOR * want + TOO_LONG_SLACK or (
                want >= TOO_LONG_SENTENCE and have > TOO_LONG_SENTENCE_FACTOR * want + TOO_LONG_SLACK)) \
                and not tu.is_keyword_list(source):
            yield _form_prefix(label) + f"{have} characters of text for the msgid's {want}", {"form": label}


@entry_check("translation-too-short", "warning",
             f"The translation of a msgid of {TOO_SHORT_MIN}+ characters is at least {TOO_SHORT_FACTOR:g}× its length")
def check_too_short(ctx: EntryContext) -> Iterator[Issue]:
    """A truncated translation: a sentence or a clause left out."""
    for label, source, text in ctx.pairs:
        if len(source) < TOO_SHORT_MIN or len(text) >= TOO_SHORT_FACTOR * len(source) + 10:
            continue
        want, have = tu.prose_length(source), tu.prose_length(text)
        if want >= TOO_SHORT_MIN and have < TOO_SHORT_FACTOR * want:
            yield _form_prefix(label) + f"{have} characters of text for the msgid's {want}", {"form": label}


@entry_check("pure-punctuation", "warning",
             "A msgid of punctuation only (—, …, |, :) is translated by punctuation only")
def check_pure_punctuation(ctx: EntryContext) -> Iterator[Issue]:
    """Separators and symbols are not words: a translation that adds letters is a mistake."""
    entry = ctx.entry
    if not tu.is_pure_punctuation(entry.msgid):
        return
    for label, _, text in ctx.pairs:
        if not tu.is_pure_punctuation(text):
            yield _form_prefix(label) + f"the msgid {entry.msgid.strip()!r} is punctuation only, the translation is not", {"form": label}


@entry_check("single-quotes", "warning",
             "Quoted phrases of the translation use the language's quotation marks, not ASCII '…'", triggers="'")
def check_single_quotes(ctx: EntryContext) -> Iterator[Issue]:
    """ASCII single quotes around translated words; quoted code from the msgid may stay."""
    if ctx.locale.language not in tu.QUOTE_RULES:
        return
    rule = tu.QUOTE_RULES[ctx.locale.language]
    for label, source, text in ctx.pairs:
        if tu.is_value_literal(source):
            continue  # a setting's value (['UTF-8', 'CURRENT']): code, not prose
        kept = set(tu.single_quoted(source))
        commands = {q.split()[0] for q in kept if q.split()}
        wrong = [q for q in tu.single_quoted(text) if q not in kept and tu.words(q)
                 and not (q.split()[0] in commands and q.split()[0][0].islower())]
        wrong += tu.single_quoted_placeholders(text, source)
        if wrong:
            yield (_form_prefix(label) + "ASCII single quotes around " + ", ".join(repr(w) for w in wrong[:3])
                   + f"; use {rule.describe()}", {"form": label})


@entry_check("file-path-mismatch", "warning", "File paths of the msgid (/etc/hosts, site/base.html) are kept",
             triggers="/")
def check_paths(ctx: EntryContext) -> Iterator[Issue]:
    """A translated path points nowhere."""
    for label, source, text in ctx.pairs:
        missing, _ = _locale_diff(tu.paths(source), tu.paths(text), ctx)
        if missing:
            yield _form_prefix(label) + _describe(missing, [], "path"), {"form": label}


@entry_check("option-mismatch", "warning", "Command-line options of the msgid (--fail-on, -l) are kept", triggers="-")
def check_options(ctx: EntryContext) -> Iterator[Issue]:
    """An option is typed as written; a translated one does not exist."""
    for label, source, text in ctx.pairs:
        want = tu.options(source)
        if not want:
            continue
        missing, _ = _counter_diff(want, tu.options(text))
        if missing:
            yield _form_prefix(label) + _describe(missing, [], "option"), {"form": label}


@entry_check("function-mismatch", "warning", "Function names of the msgid (gettext(), str.format()) are kept",
             triggers="(")
def check_functions(ctx: EntryContext) -> Iterator[Issue]:
    """Code is not translated: gettext() stays gettext()."""
    for label, source, text in ctx.pairs:
        want = tu.functions(source)
        if not want:
            continue
        missing, _ = _counter_diff(want, tu.functions(text))
        if missing:
            yield _form_prefix(label) + _describe(missing, [], "function name"), {"form": label}


@entry_check("start-capital", "info",
             "A sentence starts with a capital in the translation when it does in the msgid, and the reverse")
def check_start_capital(ctx: EntryContext) -> Iterator[Issue]:
    """Only for msgids of several words: language, month and day names are lower case in the region's languages."""
    for label, source, text in ctx.pairs:
        if " " not in source.strip():
            continue
        want, have = tu.first_letter(source), tu.first_letter(text)
        if want is None or have is None or want.isupper() == have.isupper():
            continue
        if not want.isupper() and not tu.end_punctuation(source):
            continue  # a lower-case fragment may start a sentence in the translation
        case = "an upper-case" if want.isupper() else "a lower-case"
        yield _form_prefix(label) + f"the msgid starts with {case} letter, the translation does not", {"form": label}


@entry_check("label-capital", "warning",
             "A label of one or two words starts with a capital in the translation when it does in the msgid "
             "(day, month and language names aside)")
def check_label_capital(ctx: EntryContext) -> Iterator[Issue]:
    """The region's languages capitalise a button or menu label as English does: "Edit" -> "Уреди".
    Plural entries are counted nouns ("%d languages"), not labels."""
    if ctx.entry.msgid_plural:
        return
    for label, source, text in ctx.pairs:
        if not text[:1].islower() or not tu.is_capitalised_label(source):
            continue
        yield _form_prefix(label) + "the label starts with a lower-case letter, the msgid with a capital", {"form": label}


@entry_check("ellipsis-style", "info", "The translation writes an ellipsis as the msgid does (… or ...)",
             triggers=".…")
def check_ellipsis(ctx: EntryContext) -> Iterator[Issue]:
    """One style per interface: "Loading…" and "Učitavanje..." side by side look careless."""
    for label, source, text in ctx.pairs:
        if ("…" in source) == ("…" in text) and ("..." in source) == ("..." in text):
            continue
        if "…" in source and "..." in text and "…" not in text:
            yield _form_prefix(label) + "three dots ... where the msgid has the ellipsis …", {"form": label}
        elif "..." in source and "…" in text and "..." not in text:
            yield _form_prefix(label) + "the ellipsis … where the msgid has three dots ...", {"form": label}


@entry_check("symbol-mismatch", "warning", "Symbols and emoji of the msgid (©, €, °, →, ✓) are kept",
             triggers=tu.SYMBOL_CHARS)
def check_symbols(ctx: EntryContext) -> Iterator[Issue]:
    """A lost © or € changes meaning; an emoji added or dropped changes tone."""
    for label, source, text in ctx.pairs:
        want, have = tu.symbols(tu.ascii_symbols(source)), tu.symbols(text)
        if want or have:
            missing, extra = _counter_diff(want, have)
            if missing or extra:
                yield _form_prefix(label) + _describe(missing, extra, "symbol"), {"form": label}


@entry_check("repeated-punctuation", "warning", "No doubled punctuation (\",,\", \"!!\", \"..\", \".,\") the msgid lacks",
             triggers=".,;:!?")
def check_repeated_punctuation(ctx: EntryContext) -> Iterator[Issue]:
    """Typing slips: two commas, two full stops, a comma after a full stop."""
    for label, source, text in ctx.pairs:
        _, extra = _counter_diff(tu.repeated_punctuation(source), tu.repeated_punctuation(text))
        if extra:
            yield _form_prefix(label) + "repeated punctuation " + ", ".join(repr(e) for e in dict.fromkeys(extra)), {"form": label}


@entry_check("punctuation-spacing", "warning",
             "A space follows , ; : ! ? between words (\"riječ,riječ\" is a slip) as in the msgid", triggers=",;:!?")
def check_punctuation_spacing(ctx: EntryContext) -> Iterator[Issue]:
    """Numbers (3,5 and 12:30), URLs and code are left alone."""
    yield from _added_spots(ctx, tu.missing_space_after_punctuation, "no space after punctuation in ")


def _added_spots(ctx: EntryContext, find: Callable[[str], tuple[str, ...]], what: str) -> Iterator[Issue]:
    """Spots ``find`` sees in a translation beyond those of its msgid."""
    for label, source, text in ctx.pairs:
        found = find(text)
        if not found:
            continue
        # Counted by mark: the msgid's own "LABEL,UUID" list or "mathspace ," allows
        # the translation's, whatever the words around it.
        allowed = {_marks(spot) for spot in find(source)}
        extra = [spot for spot in found if _marks(spot) not in allowed]
        if extra:
            yield _form_prefix(label) + what + ", ".join(repr(e) for e in extra[:3]), {"form": label}


def _marks(spot: str) -> str:
    """The mark a spot is about: the last punctuation in it ("matematik: ," -> ",")."""
    return next((c for c in reversed(spot) if c in ",;:!?."), "")


@entry_check("space-before-punctuation", "warning",
             "No space before , ; : ! ? or a full stop (the region's languages set none) unless the msgid has it",
             triggers=",;:!?.")
def check_space_before_punctuation(ctx: EntryContext) -> Iterator[Issue]:
    """French sets a space before ! ? : ; the languages of this region do not."""
    yield from _added_spots(ctx, tu.space_before_punctuation, "space before punctuation in ")


@entry_check("start-punctuation", "warning",
             "The translation starts with the same punctuation as the msgid (a bullet, a bracket, an ellipsis)",
             triggers="(-–—*•…:;,.")
def check_start_punctuation(ctx: EntryContext) -> Iterator[Issue]:
    """Leading punctuation is structure (a list bullet, "(optional)", "…and more"); quotation marks follow the language."""
    for label, source, text in ctx.pairs:
        want, have = _start_punctuation(source), _start_punctuation(text)
        if want != have and not _own_start(want, have, source):
            describe = lambda p: repr(p) if p else "no punctuation"
            yield _form_prefix(label) + f"starts with {describe(have)}, the msgid with {describe(want)}", {"form": label}


_START_PUNCT = "(-–—*•…:;,."


def _start_punctuation(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("..."):
        return "…"
    first = stripped[:1]
    if first == "*" and not stripped[1:2].isspace():
        return ""  # **emphasis**, not a bullet
    if first in ("-", "–", "—"):
        if re.match(r"-{1,2}[A-Za-z]", stripped):
            return ""  # an option (--strict) is a word, not a bullet
        return "-"  # a dash is a dash, whichever the language prefers
    return first if first and first in _START_PUNCT else ""


def _own_start(want: str, have: str, source: str) -> bool:
    """A difference the translation's word order makes: a "(" opening a clause
    of the msgid that the sentence moved, or brackets the translation adds
    ("(neophodno)" for "Required")."""
    if want == "(":
        return not tu.wholly_bracketed(source)
    return have == "(" and not want


@entry_check("blank-translation", "error", "A translation is not only white space where the msgid has text")
def check_blank(ctx: EntryContext) -> Iterator[Issue]:
    """msgfmt compiles "  " as a translation: the page shows nothing."""
    for label, source, text in ctx.pairs:
        if not text.strip() and source.strip():
            yield _form_prefix(label) + "the translation is only white space", {"form": label}


@entry_check("merge-conflict", "error", "No msgcat conflict markers (#-#-#-#-#) left in a translation", triggers="#")
def check_merge_conflict(ctx: EntryContext) -> Iterator[Issue]:
    """msgcat joins two translations it cannot choose between with #-#-#-#-# lines."""
    for label, _, text in ctx.pairs:
        if "#-#-#-#-#" in text:
            yield _form_prefix(label) + "unresolved msgcat conflict (#-#-#-#-# markers)", {"form": label}


@entry_check("acronym-mismatch", "info",
             "Acronyms of the msgid (UNDP, CFSP) appear in the translation, as written, as the glossary says or in the locale's script")
def check_acronyms(ctx: EntryContext) -> Iterator[Issue]:
    """An acronym may be localised (EU is ЕУ in Serbian, BE in Albanian): any acronym in its place counts."""
    for label, source, text in ctx.pairs:
        want = tu.acronyms(source)
        if not want:
            continue
        missing = [a for a in want if a not in text]
        if not missing:
            continue
        if ctx.glossary is not None:
            missing = [a for a in missing if not ctx.glossary.has_translation(a, text, ctx.locale.code)]
        # Case endings hang on acronyms with a hyphen: "ZVSP-a", "BE-së".
        localised = [p for w in tu.words(tu.strip_non_prose(text, code=True)) for p in w.split("-")
                     if tu.is_acronym(p) and p not in want]
        if len(missing) > len(localised):
            yield _form_prefix(label) + "acronym(s) not in the translation: " + ", ".join(dict.fromkeys(missing)), {"form": label}


@entry_check("identical-plural-forms", "info",
             "The plural forms of a translation differ where the msgid's singular and plural do")
def check_identical_plurals(ctx: EntryContext) -> Iterator[Issue]:
    """"1 датотека" and "5 датотека" read alike but "2 датотеке" does not: one text for all forms is often a copy."""
    entry = ctx.entry
    if not entry.msgid_plural or entry.msgid == entry.msgid_plural or len(ctx.pairs) < 3:
        return
    texts = {text for _, _, text in ctx.pairs}
    if len(texts) == 1:
        yield f"all {len(ctx.pairs)} plural forms are the same text"


@entry_check("entity-mismatch", "warning", "HTML character references of the msgid (&amp;, &nbsp;, &#160;) are kept",
             triggers="&")
def check_entities(ctx: EntryContext) -> Iterator[Issue]:
    """A lost &amp; leaves a bare & that the page may not show; a no-break space may be added."""
    for label, source, text in ctx.pairs:
        missing, extra = _counter_diff(tu.entities(source), tu.entities(text))
        extra = [e for e in extra if e not in ("&nbsp;", "&#160;", "&#xa0;", "&#xA0;")]
        if missing or extra:
            yield _form_prefix(label) + _describe(missing, extra, "character reference"), {"form": label}


@entry_check("markdown-mismatch", "error",
             "Markdown links and images keep their targets, and inline `code` stays verbatim", triggers="](`")
def check_markdown(ctx: EntryContext) -> Iterator[Issue]:
    """Content blocks are Markdown: a changed link target is a broken link, translated code is wrong code."""
    for label, source, text in ctx.pairs:
        problems = []
        want, have = tu.markdown_links(source), tu.markdown_links(text)
        if want != have:
            missing, extra = _locale_diff((f"{k} {t}" for k, t in want), (f"{k} {t}" for k, t in have), ctx)
            if missing or extra:
                problems.append(_describe(missing, extra, "Markdown"))
        code_missing, _ = _counter_diff(tu.code_spans(source), tu.code_spans(text))
        if code_missing:
            problems.append("inline code not kept: " + ", ".join(f"`{c}`" for c in code_missing))
        if problems:
            yield _form_prefix(label) + "; ".join(problems), {"form": label}


@entry_check("unchanged", "warning",
             "The translation is not a copy of the msgid (unless it is only acronyms, numbers and kept names)")
def check_unchanged(ctx: EntryContext) -> Iterator[Issue]:
    entry = ctx.entry
    if not ctx.pairs:
        return
    for _, source, text in ctx.pairs:
        if text != source:
            return
    if not is_translated(entry):
        return
    if entry.msgid_plural and entry.msgstr_plural.get(0) != entry.msgid:
        return
    words = [w for source in ctx.sources for w in tu.words(tu.strip_non_prose(source, code=True))
             if w not in tu.technical_words(source)]  # options and their values are code
    unexplained = [w for w in words if not (tu.is_acronym(w) or (ctx.glossary and ctx.glossary.is_kept_name(w)))]
    if not unexplained:
        return
    if all(w[0].isupper() for w in unexplained) or len(words) == 1 or _names_a_thing(words) \
            or all(len(w) <= 2 for w in words) or tu.is_word_list(entry.msgid):
        # Names (languages, months, places, products, partition types), units and
        # single technical words are often the same: worth a look, no more.
        yield "the translation is a copy of the msgid (a name?)", {"severity": "info"}
    else:
        yield "the translation is a copy of the msgid"


def _names_a_thing(words: list[str]) -> bool:
    """A msgid with an acronym (``ID token``, ``XENIX root``), a word with an inner
    capital (``SunOS``), a capital past its first word or a known product
    (``Java format``) names something."""
    return any(tu.is_acronym(w) or any(c.isupper() for c in w[1:]) or (i and w[0].isupper()) or w in tu.KNOWN_NAMES
               for i, w in enumerate(words))


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
    if have == want + 1 and _one_form_more_for_one(value, expected):
        yield (f"nplurals={have}: the language's {want} forms and one more for exactly n=1 (a convention of some "
               f"teams; msgfmt and gettext handle it)", {"expected": expected, "severity": "info"}), None
        return
    if have != want:
        # Babel's locale data is loaded only when there is something to say.
        cldr = _cldr_plural_count(ctx.locale)
        note = f" (CLDR lists {cldr} categories)" if cldr and cldr != want else ""
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


def _one_form_more_for_one(value: str, expected: str) -> bool:
    """The Serbian GNOME teams' rule: the language's forms, and one more used
    only for n=1 (nplurals=4; plural=n==1? 3 : …)."""
    try:
        got, ref = plural_usage(value), plural_usage(expected)
    except (ValueError, SyntaxError):
        return False
    extra = [i for i, counts in enumerate(got) if counts == (1,)]
    if len(extra) != 1:
        return False
    return all(_form_of(got, n) == _form_of(ref, n) for n in range(1001) if n != 1)


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


@catalog_check("obsolete-translation", "info",
               "An obsolete (#~) entry holds a translation that a live untranslated or fuzzy entry of the same text could use")
def check_obsolete(ctx: CatalogContext):
    """msgmerge keeps old translations as #~ entries; most are leftovers nothing needs.
    Only one a translator can act on is reported: its msgid matches (ignoring case,
    punctuation and accelerators) a live entry that is untranslated or fuzzy."""
    obsolete = ctx.catalog.obsolete_entries()
    if not obsolete:
        return
    waiting: dict[tuple, polib.POEntry] = {}
    for entry in ctx.catalog:
        if entry.obsolete or (is_translated(entry) and "fuzzy" not in entry.flags):
            continue
        waiting.setdefault((entry.msgctxt, _normalised(entry.msgid.replace("_", "").replace("&", ""))), entry)
    if not waiting:
        return
    for entry in obsolete:
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        if not any(texts) or "fuzzy" in entry.flags:
            continue
        live = waiting.get((entry.msgctxt, _normalised(entry.msgid.replace("_", "").replace("&", ""))))
        if live is not None:
            state = "fuzzy" if "fuzzy" in live.flags else "untranslated"
            yield (f"obsolete entry holds a translation the {state} entry at line {live.linenum} could use: "
                   + _shorten(next(t for t in texts if t)), {"live_line": live.linenum}), entry


@catalog_check("same-translation", "info",
               "Two different msgids in one context do not share a translation of three or more words (a copy-paste slip)")
def check_same_translation(ctx: CatalogContext):
    """Two messages that say different things should read differently; short labels
    ("Close", "Shut") may legitimately share one, so only longer texts count."""
    seen: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in ctx.catalog:
        if entry.obsolete or entry.msgid_plural or not entry.msgstr or "fuzzy" in entry.flags:
            continue
        text = entry.msgstr
        if text.count(" ") < 2:
            continue
        key = (entry.msgctxt, text)
        first = seen.get(key)
        if first is None:
            seen[key] = entry
        elif _normalised(first.msgid) != _normalised(entry.msgid):
            yield (f"same translation as the different msgid at line {first.linenum} ({_shorten(first.msgid, 40)})",
                   {"other_line": first.linenum}), entry


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text).lower().split())


@catalog_check("header-fuzzy", "warning", "The header is not marked fuzzy (a header never reviewed since it was generated)")
def check_header_fuzzy(ctx: CatalogContext):
    if "fuzzy" in (ctx.catalog.metadata_is_fuzzy or []):
        yield "the header entry is marked fuzzy; review it and remove the flag", None


# Fields GNU msgfmt --check-header requires, and the values a template leaves.
HEADER_FIELDS = ("Project-Id-Version", "PO-Revision-Date", "Last-Translator", "Language-Team",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding")
TEMPLATE_VALUES = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
}


@catalog_check("header-fields", "warning",
               "The header has every field GNU msgfmt --check-header wants, none left at the template's placeholder")
def check_header_fields(ctx: CatalogContext):
    metadata = ctx.catalog.metadata
    missing = [name for name in HEADER_FIELDS if name not in metadata]
    if missing:
        yield "header field(s) missing: " + ", ".join(missing), None
    unfilled = [name for name, value in TEMPLATE_VALUES.items() if metadata.get(name, "").strip() == value]
    if unfilled:
        yield "header field(s) still hold the template's placeholder: " + ", ".join(unfilled), None


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
    jobs: int | None = None,
) -> list[Finding]:
    """Every catalogue check on one catalogue; ``path`` is how findings name it.

    ``checks`` limits the run to those ids (default: all).  Entries silenced
    with ``toolkit-ignore`` yield nothing for the ids they name.  A large
    catalogue's entries are checked in ``jobs`` processes (default: one per
    available core); the findings are the same, in the same order.
    """
    plural_forms = catalog.metadata.get("Plural-Forms") or locale.plural_forms
    single = single_number_forms(plural_forms)
    if not single:
        single = single_number_forms(locale.plural_forms)
    base = {"path": path, "locale": locale.code}
    live = [entry for entry in catalog if not entry.obsolete]

    def run(entries: list[polib.POEntry]) -> list[list[Finding]]:
        return _check_entries(entries, locale, glossary, source_locale, single, checks, base)

    def whole() -> list[Finding]:
        return _check_whole(catalog, locale, checks, base)

    # Entries sharing a msgid go to one process, where its analysis is cached;
    # the checks of the whole catalogue run beside them.
    findings, whole_findings = _in_parallel(run, live, _jobs(jobs), key=lambda entry: entry.msgid, beside=whole)
    findings = _one_quotation_style(_one_finding_per_cause(findings, live, locale, base), base)
    return findings + whole_findings


# A catalogue where at least this share of the translated entries (and this many)
# is in the other script is written in that script: one finding says so.
WRONG_SCRIPT_SHARE, WRONG_SCRIPT_MIN = 0.5, 20


def _one_finding_per_cause(findings: list[Finding], live: list[polib.POEntry], locale: Locale,
                           base: dict) -> list[Finding]:
    """One root cause, one finding: a catalogue written in the wrong script is
    reported once, for the file, not word by word in every entry."""
    lines = {f.line for f in findings if f.check == "script-mix"}
    if len(lines) < WRONG_SCRIPT_MIN:
        return findings
    translated = sum(1 for entry in live if entry.translated())
    if len(lines) < WRONG_SCRIPT_SHARE * translated:
        return findings
    other = "Latin" if locale.script == "Cyrl" else "Cyrillic"
    first = min(lines)
    from . import REGISTRY

    one = Finding(check="script-mix", severity=REGISTRY["script-mix"].severity, line=1,
                  message=(f"the catalogue is written in {other} script: {len(lines)} of {translated} translated "
                           f"entries (the first at line {first}) have {other} words, but {locale.code} is "
                           f"{_script_name(locale.script)}; transliterate it or file it under the right locale"),
                  extra={"entries": len(lines), "first_line": first}, **base)
    return [one] + [f for f in findings if f.check != "script-mix"]


def _one_quotation_style(findings: list[Finding], base: dict) -> list[Finding]:
    """A catalogue that quotes with one foreign style throughout (“…” in hr) is
    one decision of its team: one finding for the file, not one per entry."""
    quotes = [f for f in findings if f.check == "quotation-marks"]
    if len(quotes) < WRONG_SCRIPT_MIN:
        return findings
    styles = Counter(f.message.split(";")[0] for f in quotes)
    style, count = styles.most_common(1)[0]
    if count < WRONG_SCRIPT_MIN or count < WRONG_SCRIPT_SHARE * len(quotes):
        return findings
    from . import REGISTRY

    first = min(f.line for f in quotes if f.message.split(";")[0] == style)
    one = Finding(check="quotation-marks", severity=REGISTRY["quotation-marks"].severity, line=1,
                  message=f"{count} entries (the first at line {first}) quote the same way: {style}; "
                          "one style for the whole catalogue",
                  extra={"entries": count, "first_line": first}, **base)
    return [one] + [f for f in findings if not (f.check == "quotation-marks" and f.message.split(";")[0] == style)]


def _check_whole(catalog: polib.POFile, locale: Locale, checks: set[str] | None, base: dict) -> list[Finding]:
    """The catalogue checks: header, duplicates, obsolete entries."""
    findings: list[Finding] = []
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


def _check_entries(entries, locale, glossary, source_locale, single, checks, base) -> list[list[Finding]]:
    """The findings of each entry, in the order of ``entries``."""
    # Checks make many short-lived objects and no cycles; the cyclic
    # collector would walk the whole catalogue again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_entries_now(entries, locale, glossary, source_locale, single, checks, base)
    finally:
        if collecting:
            gc.enable()


def _check_entries_now(entries, locale, glossary, source_locale, single, checks, base) -> list[list[Finding]]:
    per_entry: list[list[Finding]] = []
    selected = [(i, f, TRIGGERS.get(i.id)) for i, f in ENTRY_CHECKS if checks is None or i.id in checks]
    untranslated_checks = [(i, f) for i, f, _ in selected if i.id in UNTRANSLATED_CHECKS]
    # One search lists the trigger characters a text holds.
    find_triggers = tu.char_pattern(frozenset().union(*(t for _, _, t in selected if t is not None))).findall
    # The checks to run depend only on which trigger characters an entry
    # holds and whether it is a plural entry.
    plans: dict[tuple[frozenset[str], bool], list] = {}
    # One context, refilled for each entry (checks do not keep it).
    ctx = EntryContext(None, locale, glossary, [], source_locale, single)
    for entry in entries:
        findings: list[Finding] = []
        per_entry.append(findings)
        flags = entry.flags
        ignored = _entry_ignored(entry) if flags or entry.tcomment or entry.comment else _NOTHING
        ctx.entry = entry
        ctx._formats = None
        # Fuzzy translations never reach the site: only report them as fuzzy.
        # An entry without any translation has nothing for the text checks.
        if entry.msgid_plural:
            pairs = [] if "fuzzy" in flags else _pairs(entry, single)
            all_text = entry.msgid + entry.msgid_plural + "".join([text for _, _, text in pairs])
        else:
            source = compared_source(entry)
            pairs = [] if not entry.msgstr or "fuzzy" in flags or source is None else [("msgstr", source, entry.msgstr)]
            all_text = (source or "") + entry.msgstr
        ctx.pairs = pairs
        if pairs:
            plan = (frozenset(find_triggers(all_text)), bool(entry.msgid_plural))
            run = plans.get(plan)
            if run is None:
                present, plural = plan
                run = plans[plan] = [
                    (i, f) for i, f, t in selected
                    if (t is None or not t.isdisjoint(present)) and i.id != "fuzzy" and (plural or i.id not in PLURAL_ONLY)
                ]
        else:
            run = untranslated_checks
        for info, function in run:
            if ignored and info.id in ignored:
                continue
            for issue in function(ctx):
                findings.append(_finding(info, issue, entry, base))
    return per_entry


# Below this many entries a second process costs more than it saves.
PARALLEL_MIN_ENTRIES = 4000


def _jobs(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _in_parallel(function: Callable[[list], list[list]], items: list, jobs: int, *,
                 key: Callable | None = None, beside: Callable[[], list] = list,
                 minimum: int | None = None) -> tuple[list, list]:
    """(the concatenation of ``function(items)``, which gives one list per
    item; ``beside()``).

    With ``jobs`` > 1 the items are dealt to ``jobs`` groups (by ``key``:
    items with equal keys share a group), each group after the first worked
    on in a forked child process, the last child also running ``beside``; the
    results are the same, in the same order.  Where fork is missing, or the
    list is short, or a child fails, the work is done here."""
    minimum = PARALLEL_MIN_ENTRIES if minimum is None else minimum
    if jobs < 2 or len(items) < minimum or not hasattr(os, "fork"):
        return [result for results in function(items) for result in results], beside()
    key = key or id
    # The children also send their results back (and one runs ``beside``):
    # the first group, worked on here, is a little larger than the others.
    slots = 20 * jobs
    own = 21
    slot_group = [0] * own + [1 + (slot - own) * (jobs - 1) // (slots - own) for slot in range(own, slots)]
    groups: list[list[int]] = [[] for _ in range(jobs)]
    for index, item in enumerate(items):
        groups[slot_group[hash(key(item)) % slots]].append(index)

    def work(group: list[int]) -> dict[int, list]:
        results = function([items[i] for i in group])
        return {index: result for index, result in zip(group, results) if result}

    last = len(groups) - 1

    children = []
    for group in groups[1:]:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
            status = 1
            try:
                os.close(read_fd)
                with os.fdopen(write_fd, "wb") as pipe:
                    results = work(group)
                    side = beside() if len(children) + 1 == last else None
                    pickle.dump((results, side), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        children.append((pid, read_fd, group))
    found = work(groups[0])
    side = None
    for number, (pid, read_fd, group) in enumerate(children, start=1):
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            results, side_result = pickle.loads(data)
        else:
            results, side_result = work(group), (beside() if number == last else None)
        found.update(results)
        if number == last:
            side = side_result
    return [result for index in range(len(items)) for result in found.get(index, ())], side


def _entry_ignored(entry: polib.POEntry) -> set[str]:
    if not ("toolkit-ignore" in (entry.tcomment or "") or "toolkit-ignore" in (entry.comment or "")
            or (entry.flags and "toolkit-ignore" in " ".join(entry.flags))):
        return _NOTHING
    return ignored_checks(entry.flags, entry.tcomment, entry.comment)


_NOTHING: frozenset[str] = frozenset()


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
                        *, glossary: Glossary | None = None, checks: set[str] | None = None,
                        jobs: int | None = None) -> list[Finding]:
    """Read and check each .po file; an unreadable one is an InputError naming file and line."""
    findings: list[Finding] = []
    source_locale = config.source_locale if config is not None else "en"
    for path in paths:
        path = Path(path)
        name = config.relative(path) if config is not None else str(path)
        catalog = read_po(path, display=name)
        file_locale = catalog_locale(path, catalog, config, locale)
        findings.extend(check_catalog(catalog, file_locale, name, glossary=glossary,
                                      source_locale=source_locale, checks=checks, jobs=jobs))
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
