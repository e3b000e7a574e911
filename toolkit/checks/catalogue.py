"""Catalogue checks: what a translator's .po file can get wrong.

Each check is one function declared with :func:`~toolkit.checks.registry.check`:
a stable id, a severity, a one-line description and the characters an entry
must hold for the check to have anything to look at.  Most checks see one
(source, translation) pair at a time; the runner
(:mod:`toolkit.checks.runner`) pairs each plural form with the msgid it
stands for, names the form in the message ("msgstr[1]: ..."), and skips
entries that silence the check.  A check returns nothing, a message, or
(message, details), where details may hold "severity" (to override the
check's default) and other extra fields.  Checks that need the whole entry
(``scope="entry"``) or the whole file (``scope="catalogue"``) say so.

Any check is silenced for one entry by ``#, toolkit-ignore: <id>`` (or the
same words in a translator comment ``# toolkit-ignore: <id>``); several ids
may be listed, separated by commas or spaces.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Callable, Iterable

import polib

from ..po.catalog import entry_key, is_translated
from ..errors import InputError
from .glossary import Glossary
from ..locales import Locale, UnknownLocaleError, find_locale, get_locale, normalize_code, parse_nplurals
from .registry import check, checks_of
from .suppression import ignored_checks  # noqa: F401  (part of this family's surface)
from . import text as tu

FAMILY = "catalogue"

# What a check returns: a message, or (message, details).
Issue = str | tuple[str, dict]


@dataclass
class EntryContext:
    """One live entry, ready to be checked.

    ``form`` names the translation being compared (``msgstr`` or
    ``msgstr[N]``); ``pairs`` lists (form, source, translation) for every
    non-empty translation (what an entry-scope check compares): one pair for
    a plain entry, one per plural form otherwise, each form compared with
    the msgid it stands for.
    """

    entry: polib.POEntry
    locale: Locale
    glossary: Glossary | None
    pairs: list[tuple[str, str, str]]
    source_locale: str = "en"
    single_forms: frozenset[int] = frozenset()
    form: str = "msgstr"
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


@dataclass
class CatalogContext:
    catalog: polib.POFile
    locale: Locale
    header_ignored: set[str]

    @property
    def plural_forms(self) -> str | None:
        return self.catalog.metadata.get("Plural-Forms")


# Checks that look at entries with no translation (the others see only
# translated, non-fuzzy ones).
UNTRANSLATED_CHECKS = frozenset({"untranslated", "fuzzy"})
# What they can say of a translated, non-fuzzy entry: "fuzzy" nothing;
# "untranslated" (an empty form) and identical forms only of a plural entry.
PLURAL_ONLY = frozenset({"untranslated", "identical-plural-forms"})


def catalogue_check_ids() -> list[str]:
    """Entry checks first, then the checks of the whole file, each in declaration order."""
    declared = checks_of(FAMILY)
    return [c.id for c in declared if c.scope != "catalogue"] + [c.id for c in declared if c.scope == "catalogue"]


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


# -- what a translation is compared with ------------------------------------

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


# -- helpers --------------------------------------------------------------

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


# -- entry checks -----------------------------------------------------------

@check("placeholder-mismatch", FAMILY, "error",
             "Python %-format, brace-format and Jinja %(name)s placeholders match the msgid in every form",
             triggers="%{")
def check_placeholders(source: str, text: str, ctx: EntryContext) -> Issue | None:
    python, brace = ctx.formats
    sources = ctx.sources
    dollar = any("${" in s for s in sources)
    if not (python or brace or dollar):
        return
    problems = []
    if python:
        problems.extend(_python_problems(sources, source, text, ctx))
    if brace:
        problems.extend(_brace_problems(sources, source, text, ctx))
    if dollar:
        problems.extend(_dollar_problems(source, text))
    if problems:
        return "; ".join(problems)


def _may_omit(ctx: EntryContext) -> bool:
    """A plural form used for one count only may leave the count out."""
    label = ctx.form
    if not ctx.entry.msgid_plural or not label.startswith("msgstr["):
        return False
    return int(label[7:-1]) in ctx.single_forms


def _python_problems(sources, source, text, ctx) -> list[str]:
    tokens_source = tu.python_placeholders(source)
    tokens_text = tu.python_placeholders(text)
    if tokens_source == tokens_text:
        return []
    named = lambda tokens: [t for t in tokens if t.startswith("%(")]

    def key(token: str) -> str:
        # %(n)s and %(n)d differ only in type; compare name and type.
        return f"%({tu.placeholder_name(token)}){token[-1]}"

    allowed = {key(t) for s in sources for t in named(tu.python_placeholders(s))}
    want = Counter(key(t) for t in named(tokens_source))
    have = Counter(key(t) for t in named(tokens_text))
    missing = sorted(set(want) - set(have))
    if len(missing) == 1 and _may_omit(ctx):
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
    if want_args != have_args and not (_may_omit(ctx) and _one_left_out(want_args, have_args)):
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


def _renamed(missing: list[str], extra: list[str]) -> str:
    if len(missing) == 1 and len(extra) == 1:
        return f"placeholder {missing[0]} renamed to {extra[0]}"
    return ""


def _brace_problems(sources, source, text, ctx) -> list[str]:
    if tu.brace_placeholders(source) == tu.brace_placeholders(text):
        return []
    name = tu.placeholder_name
    allowed = {name(t) for s in sources for t in tu.brace_placeholders(s)}
    want = Counter(name(t) for t in tu.brace_placeholders(source))
    have = Counter(name(t) for t in tu.brace_placeholders(text))
    missing = sorted(k for k in want if k not in have and k != "")
    if len(missing) == 1 and _may_omit(ctx):
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


@check("placeholder-glued", FAMILY, "warning",
       "A placeholder the msgid sets apart is not written against a word in the translation (nalog%(name)s)",
       triggers="%{")
def check_glued_placeholders(source: str, text: str, ctx: EntryContext) -> Issue | None:
    glued = tu.glued_placeholders(text)
    if glued and len(glued) > len(tu.glued_placeholders(source)):
        return "placeholder written against a word: " + ", ".join(glued[:3])
    return None


@check("markup-mismatch", FAMILY, "error", "The translation has the same HTML tags and attributes as the msgid",
             triggers="<")
def check_markup(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if "<" not in source and "<" not in text:
        return None
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
        return "; ".join(problems)


@check("markup-malformed", FAMILY, "error", "The translation's HTML is well-formed (every tag closed, in order)",
             triggers="<")
def check_markup_wellformed(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if "<" not in text:
        return None
    source, text = tu.without_metavariables(source, text)
    known = set(tu.parse_markup(source).problems)
    problems = [p for p in tu.parse_markup(text).problems if p not in known]
    if problems:
        return "; ".join(problems)


@check("unsafe-markup", FAMILY, "error",
             "No <script>, <iframe>, on*= handler, javascript: URL or style attribute the msgid lacks",
             triggers="<")
def check_unsafe_markup(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if "<" not in text:
        return None
    _, added = _counter_diff(tu.unsafe_markup(tu.parse_markup(source)), tu.unsafe_markup(tu.parse_markup(text)))
    if added:
        return "unsafe markup: " + ", ".join(added)


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


@check("url-mismatch", FAMILY, "warning", "URLs of the msgid are kept (a locale segment such as /en/ may change)",
             triggers=":.")
def check_urls(source: str, text: str, ctx: EntryContext) -> Issue | None:
    missing, extra = _locale_diff(tu.urls(source), tu.urls(text), ctx)
    if missing or extra:
        return _describe(missing, extra, "URL")


@check("email-mismatch", FAMILY, "warning", "E-mail addresses of the msgid are kept", triggers="@")
def check_emails(source: str, text: str, ctx: EntryContext) -> Issue | None:
    missing, extra = _counter_diff(tu.emails(source), tu.emails(text))
    if missing or extra:
        return _describe(missing, extra, "e-mail address")


@check("number-mismatch", FAMILY, "warning",
             "Numbers of the msgid are kept (grouping and decimal separators may follow the language)",
             triggers="0123456789")
def check_numbers(source: str, text: str, ctx: EntryContext) -> Issue | None:
    entry = ctx.entry
    if entry.msgid_plural:
        # A form may say "one" where the msgid says "1"; hold each form only to
        # the numbers both msgids share, and forbid numbers neither has.
        common = list((Counter(tu.numbers(entry.msgid)) & Counter(tu.numbers(entry.msgid_plural))).elements())
        allowed = set(tu.numbers(entry.msgid)) | set(tu.numbers(entry.msgid_plural))
        have = tu.numbers(text)
        missing, _ = _counter_diff(common, have)
        extra = sorted(n for n in set(have) if n not in allowed)
        source = entry.msgid_plural
    else:
        missing, extra = _counter_diff(tu.numbers(source), tu.numbers(text))
    if missing or extra:
        missing, extra = _unexplained_numbers(source, text, missing, extra)
    if missing or extra:
        return _describe(missing, extra, "number")
    return None


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


@check("glossary-kept", FAMILY, "warning", "Do-not-translate names of the glossary stay verbatim (SEESAC, UNDP, …)")
def check_glossary_kept(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if ctx.glossary is None:
        return
    missing = ctx.glossary.kept_missing(source, text)
    if missing:
        return "not kept verbatim: " + ", ".join(missing)


@check("glossary-term", FAMILY, "warning",
             "Glossary terms use the required translation for the locale, in any inflected form")
def check_glossary_terms(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if ctx.glossary is None:
        return
    missing = ctx.glossary.missing_translations(source, text, ctx.locale.code)
    if missing:
        detail = "; ".join(f"{term!r} should be {' or '.join(repr(a) for a in accepted)}" for term, accepted in missing)
        return "glossary: " + detail


@check("script-mix", FAMILY, "warning",
             "No Latin words in a Cyrillic locale or Cyrillic words in a Latin one (acronyms, names from the msgid, URLs, placeholders and glossary terms allowed)")
def check_script(source: str, text: str, ctx: EntryContext) -> Issue | None:
    expected = ctx.locale.script
    if expected not in ("Latn", "Cyrl"):
        return
    foreign = tu.has_latin if expected == "Cyrl" else tu.has_cyrillic
    what = f"{'Latin' if expected == 'Cyrl' else 'Cyrillic'} word(s) in a {_script_name(expected)} locale: "
    # Words recur across a catalogue: judge each once per run.
    verdicts = ctx.cache.setdefault("script-mix", {})
    known = verdicts.get
    if not foreign(text):
        return None
    prose = tu.strip_non_prose(text, code=True)
    if "%" in prose:
        prose = re.sub(r"%[A-Za-z]", " ", prose)  # strftime's %A %B %T
    if prose is not text and not foreign(prose):
        return None  # the foreign letters were all in placeholders, markup or code
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
        return f"{len(wrong)} {what}{shown}{more}", {"words": wrong[:20]}


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


@check("mixed-script-word", FAMILY, "warning",
             "No word mixes Cyrillic and Latin letters (a look-alike letter typed in the wrong layout)")
def check_mixed_words(source: str, text: str, ctx: EntryContext) -> Issue | None:
    found = tu.mixed_script_words(text)
    mixed = [w for w in found if w not in source and not tu.is_dimension(w)] if found else found
    if mixed:
        return "words mixing Cyrillic and Latin letters: " + ", ".join(mixed[:8])


@check("quotation-marks", FAMILY, "warning",
             "Quotation marks follow the language: „…“ in sr, mk, cnr; „…“ or „…” in hr, bs; «…» or “…” in sq",
             triggers=tu.DOUBLE_QUOTES)
def check_quotes(source: str, text: str, ctx: EntryContext) -> Issue | None:
    problems = tu.quote_problems(text, ctx.locale.language, source)
    if problems:
        return "; ".join(dict.fromkeys(problems))


@check("whitespace-edges", FAMILY, "warning", "Leading and trailing spaces match the msgid")
def check_whitespace(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if not (source[:1].isspace() or source[-1:].isspace() or text[:1].isspace() or text[-1:].isspace()):
        return None
    (sl, st), (tl, tt) = tu.edge_whitespace(source), tu.edge_whitespace(text)
    spaced = lambda s: bool(s.replace("\n", ""))
    problems = []
    if spaced(sl) != spaced(tl):
        problems.append("leading space " + ("missing" if spaced(sl) else "added"))
    if spaced(st) != spaced(tt):
        problems.append("trailing space " + ("missing" if spaced(st) else "added"))
    if problems:
        # A space after the msgid's closing full stop separates nothing.
        if problems == ["trailing space missing"] and source.rstrip().endswith(".") and text.rstrip().endswith("."):
            return "; ".join(problems), {"severity": "info"}
        return "; ".join(problems)


@check("newline-edges", FAMILY, "warning", "Leading and trailing newlines match the msgid", triggers="\n")
def check_newlines(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if "\n" not in source and "\n" not in text:
        return None
    (sl, st), (tl, tt) = tu.edge_whitespace(source), tu.edge_whitespace(text)
    problems = []
    if sl.count("\n") != tl.count("\n"):
        problems.append(f"{sl.count(chr(10))} leading newline(s) in the msgid, {tl.count(chr(10))} in the translation")
    if st.count("\n") != tt.count("\n"):
        problems.append(f"{st.count(chr(10))} trailing newline(s) in the msgid, {tt.count(chr(10))} in the translation")
    if problems:
        return "; ".join(problems)


@check("double-space", FAMILY, "warning", "No double spaces inside the translation that the msgid lacks")
def check_double_space(source: str, text: str, ctx: EntryContext) -> Issue | None:
    column = tu.added_double_space(source, text) if "  " in text else None
    if column is not None:
        return f"double space at column {column}"
    return None


@check("end-punctuation", FAMILY, "warning", "The translation ends with the same sentence punctuation as the msgid")
def check_end_punctuation(source: str, text: str, ctx: EntryContext) -> Issue | None:
    want, have = tu.end_punctuation(source), tu.end_punctuation(text)
    if want == have:
        return None
    if not want and have == "." and tu.ends_with_ordinal_dot(text) and re.search(r"\d\W*$", source.rstrip()):
        return None  # "1 December 2020" -> "1. децембра 2020."
    dotted = text if have == "." else source
    if {want, have} <= {"", "."} and " " not in source.strip() and " " not in text.strip() \
            and len(dotted.strip().rstrip(".")) <= 4:
        return None  # an abbreviation's dot follows the language: "Fri" -> "пет."
    if not want and have == "." and tu.ends_with_abbreviation(text, short=len(source.split()) <= 3):
        return None  # an abbreviation's own dot: "%s years" -> "%s god.", "(hostname, itd.)"
    describe = lambda p: repr(p) if p else "no punctuation"
    return f"ends with {describe(have)}, the msgid with {describe(want)}"


@check("doubled-word", FAMILY, "warning", "No word is repeated by accident (\"the the\")")
def check_doubled_words(source: str, text: str, ctx: EntryContext) -> Issue | None:
    if not _DOUBLED.search(text):
        return None  # blanking markup out (below) can only split pairs, never make one
    # Markup and placeholders separate words: "tag <meta> tag" is no repeat.
    prose = tu.strip_non_prose(text, gap="\x00")
    if _DOUBLED.search(tu.strip_non_prose(source)):
        return None  # the msgid repeats a word itself ("ID token token")
    allowed = _REPEATABLE.get(ctx.locale.language, ())
    # "VALUE Value": a column label, then its description (one in capitals).
    found = []
    for match in _DOUBLED.finditer(prose):
        first, second = match.group(0).split()[0], match.group(0).split()[-1]
        if match.group(1).lower() not in allowed and first.isupper() == second.isupper():
            found.append(match.group(1))
    if found:
        return "repeated word: " + ", ".join(dict.fromkeys(found))


# Words a language repeats by its grammar: Albanian "të të dhënave" (particle and article).
_REPEATABLE = {"sq": frozenset({"të", "e", "së"})}
# One space between the two: a column label and a description starting with the
# same word ("  KEY       Key within the schema") is layout, not a slip.
_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]{2,})[ \u00a0]\1(?![\w-])", re.IGNORECASE)


@check("hidden-characters", FAMILY, "error",
             "No bidi controls, zero-width or other invisible characters the msgid lacks", triggers=tu.SUSPECT_CHARS)
def check_hidden(source: str, text: str, ctx: EntryContext) -> Issue | None:
    _, added = _counter_diff(tu.hidden_characters(source), tu.hidden_characters(text))
    if added:
        names = ", ".join(dict.fromkeys(f"{code} {name}" for code, name in added))
        severity = "error" if any(tu.is_bidi_control(c) or name == "control character" for c, name in added) else "warning"
        return "hidden characters: " + names, {"severity": severity}


@check("bracket-mismatch", FAMILY, "warning",
             "The translation leaves no ( or [ unclosed (nor a ) or ] unopened) that the msgid does not (placeholders and markup aside)",
             triggers="()[]")
def check_brackets(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Brackets a translator dropped or left unclosed: "(see below" or a lost "]"."""
    want, have = tu.bracket_counts(source), tu.bracket_counts(text)
    if want == have:
        return None
    if have[0] == have[1] and have[2] == have[3] and (want[0] != want[1] or want[2] != want[3]):
        return None  # the translation closes what the msgid leaves open: a fix, not a slip
    if (have[0] - have[1], have[2] - have[3]) == (want[0] - want[1], want[2] - want[3]):
        # Brackets added or dropped in pairs are the translation's own syntax, unless
        # they set a placeholder apart ("{method} ({name})" -> "{method} {name}").
        loose = tu.unbracketed_placeholders(source, text)
        if loose:
            return "brackets around " + ", ".join(loose) + " dropped"
        return None
    shown = ", ".join(f"{b} {w}→{h}" for b, w, h in zip(tu.BRACKETS, want, have) if w != h)
    return f"brackets differ from the msgid ({shown})"


@check("accelerator-mismatch", FAMILY, "warning",
             "A keyboard accelerator of the msgid (&File, _File) is kept, once (on any letter)", triggers="&_")
def check_accelerators(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Menu and button labels mark their access key with & or _; losing it loses the shortcut."""
    want = tu.accelerators(source)
    if not want:
        return None
    have = tu.translated_accelerators(text, source)
    if have != want:
        return f"{want} accelerator marker(s) in the msgid, {have} in the translation"


@check("tab-mismatch", FAMILY, "warning", "The translation has as many tab characters as the msgid", triggers="\t")
def check_tabs(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Tabs lay out columns in plain-text output; a lost or extra one shifts them."""
    if source.count("\t") != text.count("\t"):
        return f"{source.count(chr(9))} tab(s) in the msgid, {text.count(chr(9))} in the translation"


@check("backslash-mismatch", FAMILY, "warning",
             "The translation has as many backslashes as the msgid (escapes a program interprets)", triggers="\\")
def check_backslashes(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A literal backslash starts an escape in JavaScript, regular expressions and paths."""
    if source.count("\\") != text.count("\\"):
        return f"{source.count(chr(92))} backslash(es) in the msgid, {text.count(chr(92))} in the translation"


@check("newline-count", FAMILY, "warning", "The translation has as many line breaks as the msgid", triggers="\n")
def check_newline_count(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Line breaks carry structure (Markdown lists, e-mail bodies, plain-text layout)."""
    want, have = source.strip().count("\n"), text.strip().count("\n")
    if want != have:
        # A paragraph or a list item lost or added is structure; a line
        # wrapped elsewhere (terminal text, --help columns) is not.
        message = f"{want} inner line break(s) in the msgid, {have} in the translation"
        if tu.line_structure(source) == tu.line_structure(text):
            return message, {"severity": "info"}
        return message
    return None


@check("sentence-count", FAMILY, "info", "The translation has as many sentences as the msgid", triggers=".!?…")
def check_sentence_count(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A sentence fewer often means a sentence left out; worth a reader's look, no more."""
    want = tu.sentence_count(source)
    if want < 2:
        return None  # a msgid of one sentence (or none) sets no count to keep
    have = tu.sentence_count(text)
    if have < want:
        return f"{want} sentences in the msgid, {have} in the translation"


# Lengths of prose, in characters: a translation this far off is worth a look.
TOO_LONG_FACTOR, TOO_LONG_SLACK = 3.0, 20
# A msgid of a few words or more leaves less room: twice its length is another text.
TOO_LONG_SENTENCE, TOO_LONG_SENTENCE_FACTOR = 30, 2.0
TOO_SHORT_FACTOR, TOO_SHORT_MIN = 0.3, 20


@check("translation-too-long", FAMILY, "warning",
             f"The translation is at most {TOO_LONG_FACTOR:g}× the msgid's length (plus {TOO_LONG_SLACK} characters), "
             f"{TOO_LONG_SENTENCE_FACTOR:g}× for a msgid of {TOO_LONG_SENTENCE}+ characters")
def check_too_long(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A runaway translation: pasted twice, or with text from another entry."""
    if len(text) <= TOO_LONG_SENTENCE_FACTOR * len(source) + TOO_LONG_SLACK:
        return None  # cheap bound first: prose is never longer than the text
    want, have = tu.prose_length(source), tu.prose_length(text)
    if (have > TOO_LONG_FACTOR * want + TOO_LONG_SLACK or (
            want >= TOO_LONG_SENTENCE and have > TOO_LONG_SENTENCE_FACTOR * want + TOO_LONG_SLACK)) \
            and not tu.is_keyword_list(source):
        return f"{have} characters of text for the msgid's {want}"


@check("translation-too-short", FAMILY, "warning",
             f"The translation of a msgid of {TOO_SHORT_MIN}+ characters is at least {TOO_SHORT_FACTOR:g}× its length")
def check_too_short(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A truncated translation: a sentence or a clause left out."""
    if len(source) < TOO_SHORT_MIN or len(text) >= TOO_SHORT_FACTOR * len(source) + 10:
        return None
    want, have = tu.prose_length(source), tu.prose_length(text)
    if want >= TOO_SHORT_MIN and have < TOO_SHORT_FACTOR * want:
        return f"{have} characters of text for the msgid's {want}"


@check("pure-punctuation", FAMILY, "warning",
             "A msgid of punctuation only (—, …, |, :) is translated by punctuation only")
def check_pure_punctuation(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Separators and symbols are not words: a translation that adds letters is a mistake."""
    entry = ctx.entry
    if not tu.is_pure_punctuation(entry.msgid):
        return
    if not tu.is_pure_punctuation(text):
        return f"the msgid {entry.msgid.strip()!r} is punctuation only, the translation is not"


@check("single-quotes", FAMILY, "warning",
             "Quoted phrases of the translation use the language's quotation marks, not ASCII '…'", triggers="'")
def check_single_quotes(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """ASCII single quotes around translated words; quoted code from the msgid may stay."""
    if ctx.locale.language not in tu.QUOTE_RULES:
        return
    rule = tu.QUOTE_RULES[ctx.locale.language]
    if tu.is_value_literal(source):
        return None  # a setting's value (['UTF-8', 'CURRENT']): code, not prose
    kept = set(tu.single_quoted(source))
    commands = {q.split()[0] for q in kept if q.split()}
    wrong = [q for q in tu.single_quoted(text) if q not in kept and tu.words(q)
             and not (q.split()[0] in commands and q.split()[0][0].islower())]
    wrong += tu.single_quoted_placeholders(text, source)
    if wrong:
        return "ASCII single quotes around " + ", ".join(repr(w) for w in wrong[:3]) + f"; use {rule.describe()}"


@check("file-path-mismatch", FAMILY, "warning", "File paths of the msgid (/etc/hosts, site/base.html) are kept",
             triggers="/")
def check_paths(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A translated path points nowhere."""
    missing, _ = _locale_diff(tu.paths(source), tu.paths(text), ctx)
    if missing:
        return _describe(missing, [], "path")


@check("option-mismatch", FAMILY, "warning", "Command-line options of the msgid (--fail-on, -l) are kept", triggers="-")
def check_options(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """An option is typed as written; a translated one does not exist."""
    want = tu.options(source)
    if not want:
        return None
    missing, _ = _counter_diff(want, tu.options(text))
    if missing:
        return _describe(missing, [], "option")


@check("function-mismatch", FAMILY, "warning", "Function names of the msgid (gettext(), str.format()) are kept",
             triggers="(")
def check_functions(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Code is not translated: gettext() stays gettext()."""
    want = tu.functions(source)
    if not want:
        return None
    missing, _ = _counter_diff(want, tu.functions(text))
    if missing:
        return _describe(missing, [], "function name")


@check("start-capital", FAMILY, "info",
             "A sentence starts with a capital in the translation when it does in the msgid, and the reverse")
def check_start_capital(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Only for msgids of several words: language, month and day names are lower case in the region's languages."""
    if " " not in source.strip():
        return None
    want, have = tu.first_letter(source), tu.first_letter(text)
    if want is None or have is None or want.isupper() == have.isupper():
        return None
    if not want.isupper() and not tu.end_punctuation(source):
        return None  # a lower-case fragment may start a sentence in the translation
    case = "an upper-case" if want.isupper() else "a lower-case"
    return f"the msgid starts with {case} letter, the translation does not"


@check("label-capital", FAMILY, "warning",
       "A label of one or two words starts with a capital in the translation when it does in the msgid "
       "(day, month and language names aside)")
def check_label_capital(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """The region's languages capitalise a button or menu label as English does: "Edit" -> "Уреди".
    Plural entries are counted nouns ("%d languages"), not labels."""
    if ctx.entry.msgid_plural or not text[:1].islower() or not tu.is_capitalised_label(source):
        return None
    return "the label starts with a lower-case letter, the msgid with a capital"


@check("ellipsis-style", FAMILY, "info", "The translation writes an ellipsis as the msgid does (… or ...)",
             triggers=".…")
def check_ellipsis(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """One style per interface: "Loading…" and "Učitavanje..." side by side look careless."""
    if ("…" in source) == ("…" in text) and ("..." in source) == ("..." in text):
        return None
    if "…" in source and "..." in text and "…" not in text:
        return "three dots ... where the msgid has the ellipsis …"
    elif "..." in source and "…" in text and "..." not in text:
        return "the ellipsis … where the msgid has three dots ..."


@check("symbol-mismatch", FAMILY, "warning", "Symbols and emoji of the msgid (©, €, °, →, ✓) are kept",
             triggers=tu.SYMBOL_CHARS)
def check_symbols(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A lost © or € changes meaning; an emoji added or dropped changes tone."""
    want, have = tu.symbols(tu.ascii_symbols(source)), tu.symbols(text)
    if want or have:
        missing, extra = _counter_diff(want, have)
        if missing or extra:
            return _describe(missing, extra, "symbol")


@check("repeated-punctuation", FAMILY, "warning", "No doubled punctuation (\",,\", \"!!\", \"..\", \".,\") the msgid lacks",
             triggers=".,;:!?")
def check_repeated_punctuation(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Typing slips: two commas, two full stops, a comma after a full stop."""
    _, extra = _counter_diff(tu.repeated_punctuation(source), tu.repeated_punctuation(text))
    if extra:
        return "repeated punctuation " + ", ".join(repr(e) for e in dict.fromkeys(extra))


@check("punctuation-spacing", FAMILY, "warning",
             "A space follows , ; : ! ? between words (\"riječ,riječ\" is a slip) as in the msgid", triggers=",;:!?")
def check_punctuation_spacing(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Numbers (3,5 and 12:30), URLs and code are left alone."""
    return _added_spots(source, text, tu.missing_space_after_punctuation, "no space after punctuation in ")


def _added_spots(source: str, text: str, find: Callable[[str], tuple[str, ...]], what: str) -> Issue | None:
    """Spots ``find`` sees in a translation beyond those of its msgid."""
    found = find(text)
    if not found:
        return None
    # By mark: the msgid's own "LABEL,UUID" list or "mathspace ," allows the
    # translation's, whatever the words around it.
    allowed = {_marks(spot) for spot in find(source)}
    extra = [spot for spot in found if _marks(spot) not in allowed]
    if extra:
        return what + ", ".join(repr(e) for e in extra[:3])
    return None


def _marks(spot: str) -> str:
    """The mark a spot is about: the last punctuation in it ("matematik: ," -> ",")."""
    return next((c for c in reversed(spot) if c in ",;:!?."), "")


@check("space-before-punctuation", FAMILY, "warning",
             "No space before , ; : ! ? or a full stop (the region's languages set none) unless the msgid has it",
             triggers=",;:!?.")
def check_space_before_punctuation(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """French sets a space before ! ? : ; the languages of this region do not."""
    return _added_spots(source, text, tu.space_before_punctuation, "space before punctuation in ")


@check("start-punctuation", FAMILY, "warning",
             "The translation starts with the same punctuation as the msgid (a bullet, a bracket, an ellipsis)",
             triggers="(-–—*•…:;,.")
def check_start_punctuation(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Leading punctuation is structure (a list bullet, "(optional)", "…and more"); quotation marks follow the language."""
    want, have = _start_punctuation(source), _start_punctuation(text)
    if want != have and not _own_start(want, have, source):
        describe = lambda p: repr(p) if p else "no punctuation"
        return f"starts with {describe(have)}, the msgid with {describe(want)}"


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


@check("blank-translation", FAMILY, "error", "A translation is not only white space where the msgid has text")
def check_blank(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """msgfmt compiles "  " as a translation: the page shows nothing."""
    if not text.strip() and source.strip():
        return "the translation is only white space"


@check("merge-conflict", FAMILY, "error", "No msgcat conflict markers (#-#-#-#-#) left in a translation", triggers="#")
def check_merge_conflict(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """msgcat joins two translations it cannot choose between with #-#-#-#-# lines."""
    if "#-#-#-#-#" in text:
        return "unresolved msgcat conflict (#-#-#-#-# markers)"


@check("acronym-mismatch", FAMILY, "info",
             "Acronyms of the msgid (UNDP, CFSP) appear in the translation, as written, as the glossary says or in the locale's script")
def check_acronyms(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """An acronym may be localised (EU is ЕУ in Serbian, BE in Albanian): any acronym in its place counts."""
    want = tu.acronyms(source)
    if not want:
        return None
    missing = [a for a in want if a not in text]
    if not missing:
        return None
    if ctx.glossary is not None:
        missing = [a for a in missing if not ctx.glossary.has_translation(a, text, ctx.locale.code)]
    # Case endings hang on acronyms with a hyphen: "ZVSP-a", "BE-së".
    localised = [p for w in tu.words(tu.strip_non_prose(text, code=True)) for p in w.split("-")
                 if tu.is_acronym(p) and p not in want]
    if len(missing) > len(localised):
        return "acronym(s) not in the translation: " + ", ".join(dict.fromkeys(missing))


@check("identical-plural-forms", FAMILY, "info",
             "The plural forms of a translation differ where the msgid's singular and plural do", scope="entry")
def check_identical_plurals(ctx: EntryContext) -> Issue | None:
    """"1 датотека" and "5 датотека" read alike but "2 датотеке" does not: one text for all forms is often a copy."""
    entry = ctx.entry
    if not entry.msgid_plural or entry.msgid == entry.msgid_plural or len(ctx.pairs) < 3:
        return
    texts = {text for _, _, text in ctx.pairs}
    if len(texts) == 1:
        return f"all {len(ctx.pairs)} plural forms are the same text"
    return None


@check("entity-mismatch", FAMILY, "warning", "HTML character references of the msgid (&amp;, &nbsp;, &#160;) are kept",
             triggers="&")
def check_entities(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """A lost &amp; leaves a bare & that the page may not show; a no-break space may be added."""
    missing, extra = _counter_diff(tu.entities(source), tu.entities(text))
    extra = [e for e in extra if e not in ("&nbsp;", "&#160;", "&#xa0;", "&#xA0;")]
    if missing or extra:
        return _describe(missing, extra, "character reference")


@check("markdown-mismatch", FAMILY, "error",
             "Markdown links and images keep their targets, and inline `code` stays verbatim", triggers="](`")
def check_markdown(source: str, text: str, ctx: EntryContext) -> Issue | None:
    """Content blocks are Markdown: a changed link target is a broken link, translated code is wrong code."""
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
        return "; ".join(problems)


@check("unchanged", FAMILY, "warning",
             "The translation is not a copy of the msgid (unless it is only acronyms, numbers and kept names)",
             scope="entry")
def check_unchanged(ctx: EntryContext) -> Issue | None:
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
        return "the translation is a copy of the msgid (a name?)", {"severity": "info"}
    return "the translation is a copy of the msgid"


def _names_a_thing(words: list[str]) -> bool:
    """A msgid with an acronym (``ID token``, ``XENIX root``), a word with an inner
    capital (``SunOS``), a capital past its first word or a known product
    (``Java format``) names something."""
    return any(tu.is_acronym(w) or any(c.isupper() for c in w[1:]) or (i and w[0].isupper()) or w in tu.KNOWN_NAMES
               for i, w in enumerate(words))


# Context for the two checks that look at the entry rather than its text.

@check("untranslated", FAMILY, "info", "The entry has a translation in every plural form", scope="entry")
def check_untranslated(ctx: EntryContext) -> Issue | None:
    entry = ctx.entry
    if "fuzzy" in entry.flags:
        return
    if entry.msgid_plural:
        empty = [i for i, text in sorted(entry.msgstr_plural.items()) if not text]
        if empty and len(empty) < len(entry.msgstr_plural):
            return "plural form(s) " + ", ".join(f"msgstr[{i}]" for i in empty) + " empty", {"severity": "warning"}
        elif empty or not entry.msgstr_plural:
            return "not translated"
    elif not entry.msgstr:
        return "not translated"
    return None


@check("fuzzy", FAMILY, "info", "The entry is not marked fuzzy (fuzzy translations are left out of the site)",
             scope="entry")
def check_fuzzy(ctx: EntryContext) -> Issue | None:
    if "fuzzy" in ctx.entry.flags:
        previous = f" (was {ctx.entry.previous_msgid!r})" if ctx.entry.previous_msgid else ""
        return "marked fuzzy" + previous
    return None


# -- catalogue checks -------------------------------------------------------

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


@check("header-language", FAMILY, "error", "The header's Language names the catalogue's locale (language and script)", scope="catalogue")
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


@check("header-plural-forms", FAMILY, "error", "The header has a Plural-Forms that gettext can evaluate", scope="catalogue")
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


@check("header-charset", FAMILY, "error", "The header declares charset=UTF-8", scope="catalogue")
def check_header_charset(ctx: CatalogContext):
    content_type = ctx.catalog.metadata.get("Content-Type", "")
    match = re.search(r"charset=([\w.:-]+)", content_type)
    if not match:
        yield "no charset in the header's Content-Type", None
    elif match.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        yield f"charset {match.group(1)}, expected UTF-8", None


@check("plural-forms-language", FAMILY, "error",
               "The header's plural rule agrees with the language's (gettext practice; CLDR count noted)", scope="catalogue")
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


@check("plural-count", FAMILY, "error", "Every plural entry has as many msgstr forms as the header's nplurals", scope="catalogue")
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


@check("duplicate-entry", FAMILY, "error", "No two live entries share msgctxt and msgid", scope="catalogue")
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


@check("obsolete-translation", FAMILY, "info",
       "An obsolete (#~) entry holds a translation that a live untranslated or fuzzy entry of the same text could use",
       scope="catalogue")
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


@check("same-translation", FAMILY, "info",
               "Two different msgids in one context do not share a translation of three or more words (a copy-paste slip)", scope="catalogue")
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


@check("header-fuzzy", FAMILY, "warning", "The header is not marked fuzzy (a header never reviewed since it was generated)", scope="catalogue")
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


@check("header-fields", FAMILY, "warning",
               "The header has every field GNU msgfmt --check-header wants, none left at the template's placeholder", scope="catalogue")
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


# -- files ------------------------------------------------------------------

def locale_from_path(path: Path | str) -> str | None:
    """``<locale>/LC_MESSAGES/<domain>.po`` -> ``<locale>``."""
    parts = PurePath(path).parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    return None


def resolve_locale(code: str, config=None, *, where: str = "") -> Locale:
    """A configured locale when the project has it (in any spelling: ``sr@latin``
    is ``sr_Latn``), else the toolkit's model of ``code``."""
    configured = find_locale(code, config.all_locales) if config is not None else None
    if configured is not None:
        return configured
    try:
        return get_locale(normalize_code(code))
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


# -- one root cause, one finding ----------------------------------------------

# A catalogue where at least this share of the translated entries (and this many)
# is in the other script is written in that script: one finding says so.
WRONG_SCRIPT_SHARE, WRONG_SCRIPT_MIN = 0.5, 20


def one_finding_per_cause(findings: list, live: list[polib.POEntry], locale: Locale, base: dict) -> list:
    """A catalogue written in the other script, or quoting one foreign way
    throughout, is reported once for the file, not in every entry."""
    return _one_quotation_style(_one_script(findings, live, locale, base), base)


def _one_script(findings: list, live: list[polib.POEntry], locale: Locale, base: dict) -> list:
    from ..findings import Finding
    from .registry import REGISTRY

    lines = {f.line for f in findings if f.check == "script-mix"}
    if len(lines) < WRONG_SCRIPT_MIN:
        return findings
    translated = sum(1 for entry in live if entry.translated())
    if len(lines) < WRONG_SCRIPT_SHARE * translated:
        return findings
    other = "Latin" if locale.script == "Cyrl" else "Cyrillic"
    first = min(lines)
    one = Finding(check="script-mix", severity=REGISTRY["script-mix"].severity, line=1,
                  message=(f"the catalogue is written in {other} script: {len(lines)} of {translated} translated "
                           f"entries (the first at line {first}) have {other} words, but {locale.code} is "
                           f"{_script_name(locale.script)}; transliterate it or file it under the right locale"),
                  extra={"entries": len(lines), "first_line": first}, **base)
    return [one] + [f for f in findings if f.check != "script-mix"]


def _one_quotation_style(findings: list, base: dict) -> list:
    from ..findings import Finding
    from .registry import REGISTRY

    quotes = [f for f in findings if f.check == "quotation-marks"]
    if len(quotes) < WRONG_SCRIPT_MIN:
        return findings
    style_of = lambda f: f.message.split(";")[0]
    style, count = Counter(style_of(f) for f in quotes).most_common(1)[0]
    if count < WRONG_SCRIPT_MIN or count < WRONG_SCRIPT_SHARE * len(quotes):
        return findings
    first = min(f.line for f in quotes if style_of(f) == style)
    one = Finding(check="quotation-marks", severity=REGISTRY["quotation-marks"].severity, line=1,
                  message=f"{count} entries (the first at line {first}) quote the same way: {style}; "
                          "one style for the whole catalogue",
                  extra={"entries": count, "first_line": first}, **base)
    return [one] + [f for f in findings if not (f.check == "quotation-marks" and style_of(f) == style)]
