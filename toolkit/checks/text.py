"""Text helpers shared by the catalogue and page checks.

Placeholders, markup, URLs, e-mail addresses and numbers are pulled out of a
string the same way everywhere, so that a rendered page and its catalogue
entry are judged by one set of rules.  All functions are pure and cheap on
strings that hold nothing of interest (they test for a trigger character
before running a regular expression).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, TypeVar
from html.parser import HTMLParser

# Catalogues repeat their strings (one msgid under several contexts, the same
# words in many messages): the pure helpers below remember recent answers.
# Every memo is registered here; its answers are immutable (str, int, bool,
# tuples, frozensets), so that no caller can change what the next one gets.
_MEMOS: list = []
_F = TypeVar("_F", bound=Callable)


# A helper whose first look rejects most texts looks before consulting its
# memo: remembering every rejected text costs more than looking again.
def memo(function: _F) -> _F:
    """Remember ``function``'s recent answers until :func:`clear_memos`."""
    remembered = lru_cache(maxsize=1 << 15)(function)
    _MEMOS.append(remembered)
    return remembered  # type: ignore[return-value]


def clear_memos() -> None:
    """Forget the remembered answers (the runner calls this at the end of a
    run).  Hundreds of thousands of them outlive a large run; an interpreter
    that still holds them at exit walks them in each of its final
    collections, which costs more than dropping them."""
    for function in _MEMOS:
        function.cache_clear()

# -- placeholders -----------------------------------------------------------

# Python %-format: %(name)s, %s, %5.2f, %-10d; "%%" is a literal percent sign.
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^()]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?"
    r"[hlL]?(?P<type>[diouxXeEfFgGcrsa%])"
)
# Only the unambiguous forms count when an entry carries no format flag:
# "50% of" would otherwise read as "% o" (a space flag and an octal).
_PYTHON_FORMAT_LIKELY = re.compile(r"%\([A-Za-z_][\w.]*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0+]*\d*(?:\.\d+)?[sdifr](?![A-Za-z])")
# Brace format: {name}, {0}, {}, {name.attr}, {name!r:>10}; "{{" and "}}" are literal.
BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{(?P<field>[A-Za-z_][\w.]*|\d+|)(?:\[[^\]{}]*\])?(?:![rsa])?(?::[^{}]*)?\}")


@memo
def python_placeholders(text: str) -> tuple[str, ...]:
    """The %-format directives of ``text`` in order, ``%%`` left out."""
    if "%" not in text:
        return ()
    return tuple(m.group(0) for m in PYTHON_FORMAT.finditer(text) if m.group("type") != "%")


@memo
def looks_python_format(text: str) -> bool:
    return "%" in text and bool(_PYTHON_FORMAT_LIKELY.search(text))


@memo
def brace_placeholders(text: str) -> tuple[str, ...]:
    """The brace-format fields of ``text`` in order (``{{``/``}}`` left out)."""
    if "{" not in text:
        return ()
    return tuple(m.group(0) for m in BRACE_FORMAT.finditer(text) if m.group(0) not in ("{{", "}}"))


@memo
def looks_brace_format(text: str) -> bool:
    return "{" in text and any(m.group("field") is not None and m.group(0) not in ("{{", "}}")
                               for m in BRACE_FORMAT.finditer(text))


def placeholder_name(token: str) -> str:
    """The name a placeholder refers to: ``%(count)d`` -> ``count``, ``{0!r}`` -> ``0``.

    Positional %-directives have no name; they are named by their type
    (``%s`` -> ``%s``) so that a changed type is still a difference.
    """
    if token.startswith("%"):
        match = PYTHON_FORMAT.fullmatch(token)
        if match and match.group("name") is not None:
            return match.group("name")
        return "%" + (match.group("type") if match else token[-1])
    inner = token[1:-1]
    return re.split(r"[!:\[.]", inner, maxsplit=1)[0]


# -- URLs, e-mail addresses, numbers ----------------------------------------

URL_RE = re.compile(r"(?:(?:https?|ftp|mailto):|www\.)[^\s<>\"'„“”«»]+", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits with inner group or decimal separators (1,000 / 1.000 / 1 000 / 3,5).
NUMBER_RE = re.compile(r"(?<![\w])\d+(?:[.,\u00a0\u202f ]\d+)*")
TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_TRAILING_URL_PUNCT = ".,;:!?)]}"
_DIGIT = re.compile(r"\d")


def urls(text: str) -> tuple[str, ...]:
    if "://" not in text and "www." not in text and "WWW." not in text and "mailto:" not in text:
        return ()
    return _urls(text)


@memo
def _urls(text: str) -> tuple[str, ...]:
    return tuple(m.group(0).rstrip(_TRAILING_URL_PUNCT) for m in URL_RE.finditer(text))


@memo
def emails(text: str) -> tuple[str, ...]:
    if "@" not in text:
        return ()
    return tuple(m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text) if not m.group(0).startswith("."))


@memo
def numbers(text: str) -> tuple[str, ...]:
    """Numbers of ``text`` as bare digit strings, after placeholders, URLs and
    markup are taken out, so that "1,000" and "1.000" (English and Serbian
    grouping) or "3.5" and "3,5" count as the same number."""
    if not _DIGIT.search(text):
        return ()
    prose = strip_non_prose(text)
    return tuple(re.sub(r"\D", "", m.group(0)) for m in NUMBER_RE.finditer(prose))


# The tail of a Markdown link or image: ](target "title").  The target is
# syntax, not prose, and the quotes around the title are syntax too.
MD_LINK_TAIL = re.compile(r"""\]\((?P<target><[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?P<q>["'])(?P<title>.*?)(?P=q)|\s+\((?P<title2>[^()]*)\))?\s*\)""")
MD_LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\[\]]*)\]\((?P<target><[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)")
MD_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def markdown_links(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, target) of each Markdown link (``link``) and image (``image``) in ``text``."""
    if "](" not in text:
        return ()
    return _markdown_links(text)


@memo
def _markdown_links(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(("image" if m.group("image") else "link", m.group("target")) for m in MD_LINK.finditer(text))


def code_spans(text: str) -> tuple[str, ...]:
    """Markdown inline code (```code```): kept verbatim in a translation."""
    if "`" not in text:
        return ()
    return _code_spans(text)


@memo
def _code_spans(text: str) -> tuple[str, ...]:
    return tuple(m.group(2) for m in MD_CODE.finditer(text))


_CODE_HINT = re.compile(r"\w[._]\w")
CODE_RE = re.compile(r"\w+(?:[_.]\w+)*_\w*|\w+(?:\.\w+)+\(?\)?")


def strip_non_prose(text: str, extra: list[re.Pattern] | None = None, *, gap: str = " ",
                    code: bool = False) -> str:
    """``text`` with markup, placeholders, URLs and e-mail addresses replaced
    by ``gap``, leaving the words a reader sees.  With ``code``, identifiers
    (``allow_empty``, ``settings.py``) go too."""
    if not extra:
        # Several checks read the prose of the same text: strip it once.
        return _strip_cached(text, gap, code)
    return _strip(text, extra, gap, code)


@memo
def _strip_cached(text: str, gap: str, code: bool) -> str:
    return _strip(text, None, gap, code)


def _strip(text: str, extra: list[re.Pattern] | None, gap: str, code: bool) -> str:
    if "](" in text:
        text = MD_LINK_TAIL.sub(lambda m: "]" + gap + (m.group("title") or "") + gap, text)
    if "<" in text:
        text = TAG_RE.sub(gap, text)
    if "%" in text:
        text = PYTHON_FORMAT.sub(lambda m: "%" if m.group("type") == "%" else gap, text)
    if "{" in text:
        text = BRACE_FORMAT.sub(gap, text)
    if "://" in text or "www." in text or "WWW." in text or "mailto:" in text:
        text = URL_RE.sub(gap, text)
    if "@" in text:
        text = EMAIL_RE.sub(gap, text)
    if "&" in text:
        text = re.sub(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", gap, text)
    if code and ("_" in text or "." in text) and _CODE_HINT.search(text):
        text = CODE_RE.sub(gap, text)
    for pattern in extra or ():
        text = pattern.sub(gap, text)
    return text


# -- markup -----------------------------------------------------------------

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Attributes whose values a translator is expected to translate.
TRANSLATABLE_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder", "label", "summary"}
)
UNSAFE_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "form"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"})
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)\s*:?", re.IGNORECASE)


@dataclass
class Markup:
    """What the HTML in a string holds: start tags with their attributes, and
    the ways it is not well-formed."""

    tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def signature(self) -> list[tuple[str, tuple[str, ...]]]:
        """Tag names with their sorted attribute names: what must survive
        translation.  Text that only sits where an attribute would ("<a …>"
        in prose) is not an attribute."""
        return sorted(
            (name, tuple(sorted(a for a, _ in attrs if _ATTRIBUTE_NAME.match(a))))
            for name, attrs in self.tags
        )

    def fixed_values(self) -> list[tuple[str, str, str]]:
        """(tag, attribute, value) of attributes a translator must not change."""
        return sorted(
            (name, attr, value or "")
            for name, attrs in self.tags
            for attr, value in attrs
            if attr not in TRANSLATABLE_ATTRIBUTES and attr not in URL_ATTRIBUTES
        )


_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_:][-\w:.]*$")


class _MarkupParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Markup()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.result.tags.append((tag, tuple(attrs)))
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.result.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        elif tag in self.stack:
            self.result.problems.append(f"</{tag}> closes <{self.stack[-1]}> out of order")
            while self.stack and self.stack.pop() != tag:
                pass
        else:
            self.result.problems.append(f"</{tag}> has no opening tag")


_BROKEN_TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*)(?:\s[^<>]*)?(?=<|$)")


def parse_markup(text: str) -> Markup:
    """Start tags and well-formedness problems of the HTML in ``text``."""
    if "<" not in text:
        return Markup()
    parser = _MarkupParser()
    parser.feed(text)
    parser.close()
    result = parser.result
    for tag in parser.stack:
        result.problems.append(f"<{tag}> is never closed")
    for match in _BROKEN_TAG.finditer(text):
        result.problems.append(f"unterminated tag {match.group(0).strip()!r}")
    return result


def unsafe_markup(markup: Markup) -> list[str]:
    """What in ``markup`` could run script or restyle the page."""
    found = []
    for name, attrs in markup.tags:
        if name in UNSAFE_ELEMENTS:
            found.append(f"<{name}>")
        for attr, value in attrs:
            if attr.startswith("on"):
                found.append(f"{attr}= handler on <{name}>")
            elif attr == "style":
                found.append(f"style attribute on <{name}>")
            elif attr in URL_ATTRIBUTES and value and _SCRIPT_URL.match(value):
                found.append(f"{value.split(':', 1)[0].strip().lower()}: URL in <{name} {attr}>")
    return found


# -- scripts ----------------------------------------------------------------

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CYRILLIC_CLASS = "\u0400-\u04ff\u0500-\u052f"
_LATIN_CLASS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_CYRILLIC = re.compile(f"[{_CYRILLIC_CLASS}]")
_LATIN = re.compile(f"[{_LATIN_CLASS}]")
# A run of letters holding both scripts: a mixed word without ’ has one.
_MIXED_RUN = re.compile(f"(?<![^\\W\\d_])(?=[^\\W\\d_]*[{_CYRILLIC_CLASS}])(?=[^\\W\\d_]*[{_LATIN_CLASS}])")


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@memo
def word_script(word: str) -> str | None:
    """``Cyrl``, ``Latn``, ``mixed`` (letters of both: a homoglyph slip), or
    None for a word in neither script."""
    cyrillic = bool(_CYRILLIC.search(word))
    latin = bool(_LATIN.search(word))
    if cyrillic and latin:
        return "mixed"
    if cyrillic:
        return "Cyrl"
    if latin:
        return "Latn"
    return None


def mixed_script_words(text: str) -> tuple[str, ...]:
    """Words of ``text`` that mix Cyrillic and Latin letters; the parts of a
    hyphenated compound ("JSON-објекат") are judged apart."""
    if not (has_latin(text) and has_cyrillic(text)):
        return ()
    return _mixed_script_words(text)


@memo
def _mixed_script_words(text: str) -> tuple[str, ...]:
    prose = strip_non_prose(text)
    if prose is not text and not (has_latin(prose) and has_cyrillic(prose)):
        return ()  # one of the scripts was only in placeholders, markup or URLs
    if "’" not in prose and not _MIXED_RUN.search(prose):
        return ()
    parts = (p for w in words(prose) for p in re.split(r"[-']", w))
    return tuple(p for p in parts if word_script(p) == "mixed")


@memo
def is_acronym(word: str) -> bool:
    """Two or more capitals with no lower-case letter (UNDP, EU, BiH is not)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def has_two_capitals(word: str) -> bool:
    """Two or more capitals among the letters, lower-case ones allowed (UNDP,
    BiH, McDonald): how the glossary tells a name written in capitals, which
    it matches as written and never stems.  :func:`is_acronym` is stricter."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 2


@memo
def words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text))


# -- quotation marks --------------------------------------------------------

@dataclass(frozen=True)
class QuoteRule:
    opening: str
    closing: str

    def describe(self) -> str:
        return f"{self.opening[0]}…{self.closing[0]}"


# Opening and accepted closing double quotation marks per language.
# Croatian and Bosnian usage also closes with ” (U+201D); Serbian, Macedonian
# and Montenegrin close with “ (U+201C).  Albanian uses guillemets.
QUOTE_RULES = {
    "sr": QuoteRule("„", "“"),
    "mk": QuoteRule("„", "“"),
    "cnr": QuoteRule("„", "“"),
    "hr": QuoteRule("„", "“”"),
    "bs": QuoteRule("„", "“”"),
    "sq": QuoteRule("«", "»"),
}
DOUBLE_QUOTES = "\"“”„‟«»〝〞＂"


@memo
def quote_problems(text: str, language: str) -> tuple[str, ...]:
    """Double quotation marks in ``text`` that break ``language``'s rule.

    Markup, placeholders and URLs are ignored (an attribute's ASCII quotes
    are HTML syntax, not typography).
    """
    rule = QUOTE_RULES.get(language)
    if rule is None or not any(q in text for q in DOUBLE_QUOTES):
        return ()
    prose = strip_non_prose(text)
    problems = []
    depth = 0
    ascii_marks = 0
    for index, char in enumerate(prose):
        if char not in DOUBLE_QUOTES:
            continue
        if char == '"' or char == "＂":
            ascii_marks += 1
            continue
        before = prose[index - 1] if index else " "
        after = prose[index + 1] if index + 1 < len(prose) else " "
        opening = (before.isspace() or before in "([{—–-/") and not after.isspace()
        if char in rule.opening and (opening or char not in rule.closing):
            depth += 1
        elif char in rule.closing and not opening:
            if depth == 0:
                problems.append(f"closing {char} without an opening {rule.opening[0]}")
            depth = max(0, depth - 1)
        else:
            role = "opening" if opening else "closing"
            expected = rule.opening[0] if opening else rule.closing[0]
            problems.append(f"{role} quotation mark {char}, expected {expected}")
    if depth:
        problems.append(f"{rule.opening[0]} is never closed")
    if ascii_marks:
        problems.insert(0, f"{ascii_marks} ASCII quotation mark(s) \", use {rule.describe()}")
    return tuple(problems)


# -- hidden characters ------------------------------------------------------

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")




def char_pattern(chars) -> re.Pattern:
    """A pattern matching any one of ``chars``, written as code point ranges
    (a class of thousands of single characters is searched slowly)."""
    ranges: list[list[int]] = []
    for code in sorted(set(map(ord, chars))):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    if not ranges:
        return re.compile("(?!)")
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]")


def _char_ranges(ranges: list[tuple[int, int]]) -> tuple[str, re.Pattern]:
    """(every character of the inclusive code point ``ranges``, a pattern
    matching any one of them): checks skip texts holding none."""
    chars = "".join(chr(c) for low, high in ranges for c in range(low, high + 1))
    return chars, char_pattern(chars)


# Control, format and zero-width characters: what hidden_characters looks at.
SUSPECT_CHARS, _SUSPECT = _char_ranges([
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x61C, 0x61C), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
])


@memo
def hidden_characters(text: str) -> tuple[tuple[str, str], ...]:
    """(character as U+XXXX, Unicode name) of bidi controls, zero-width and
    other control characters in ``text`` (tab and newline allowed)."""
    if not _SUSPECT.search(text):
        return ()
    found = []
    for char in text:
        if char.isprintable() or char in "\n\t":
            if char not in BIDI_CONTROLS and char not in INVISIBLE:
                continue
        found.append((f"U+{ord(char):04X}", unicodedata.name(char, "control character")))
    return tuple(found)


def is_bidi_control(codepoint: str) -> bool:
    return chr(int(codepoint[2:], 16)) in BIDI_CONTROLS


# -- edges and punctuation --------------------------------------------------

END_PUNCTUATION = ".!?:;…"
_PUNCT_EQUIVALENT = {"...": "…", "…": "…"}
_CLOSERS = "\"'“”«»„)]}›’*"


def edge_whitespace(text: str) -> tuple[str, str]:
    """The leading and trailing white space of ``text``."""
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped):]


def end_punctuation(text: str) -> str:
    """The sentence punctuation ``text`` ends with (``""`` for none), looking
    through closing quotes, brackets and markup."""
    if text[-1:].isalnum():
        return ""
    return _end_punctuation(text)


@memo
def _end_punctuation(text: str) -> str:
    text = text.rstrip()
    if "<" in text:
        text = re.sub(r"(?:</?[A-Za-z][^<>]*>\s*)+$", "", text).rstrip()
    text = text.rstrip(_CLOSERS).rstrip()
    if text.endswith("..."):
        return "…"
    if text and text[-1] in END_PUNCTUATION:
        return text[-1]
    return ""


def ends_with_ordinal_dot(text: str) -> bool:
    """"2020." or "1244." at the end: a date or ordinal in the region's
    languages, not a sentence end added by the translator."""
    return bool(re.search(r"\d\.\s*(?:</?[A-Za-z][^<>]*>\s*)*$", text.rstrip()))


# -- code-like tokens a translation keeps -----------------------------------

# A file path: rooted (/etc/x, ~/x, ./x, ../x) or relative with an extension
# (site/templates/base.html).  "and/or", "km/h" and "24/7" are not paths.
PATH_RE = re.compile(
    r"(?<![\w./:~-])(?:(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]+)*/?|[\w.-]+(?:/[\w.-]+)+\.[A-Za-z][\w]{0,4})(?![\w/])"
)
# Command-line options: --fail-on, -l (a single letter standing alone).
OPTION_RE = re.compile(r"(?<![\w-])(?:--[A-Za-z][\w-]*[A-Za-z0-9]|-[A-Za-z])(?![\w-])")
# Function names with their call parentheses: gettext(), str.format().
FUNCTION_RE = re.compile(r"(?<![\w.])[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*\(\)")
# A keyboard accelerator: &File (Qt, GTK) or _File (GTK); "R&D", "&amp;",
# "my_name" and a spaced " & " are not.
ACCELERATOR_RE = re.compile(r"(?<![\w&])&(?=[^\W\d_])(?![A-Za-z]+;)|(?<![\w_])_(?=[^\W\d_])")
ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_ACRONYM_HINT = re.compile(r"[A-Z][A-Z0-9]*[A-Z]")
ACRONYM_RE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z](?![\w])")
# Currency, legal and unit signs, arrows, dingbats and emoji.
SYMBOL_CHARS, SYMBOL_RE = _char_ranges([
    (0xA2, 0xA5), (0xA7, 0xA7), (0xA9, 0xA9), (0xAE, 0xAE), (0xB0, 0xB0), (0xB6, 0xB6), (0x2020, 0x2021),
    (0x2030, 0x2030), (0x20A0, 0x20CF), (0x2122, 0x2122), (0x2190, 0x21FF), (0x2600, 0x27BF),
    (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF),
])
BRACKETS = "()[]"


@memo
def paths(text: str) -> tuple[str, ...]:
    if "/" not in text:
        return ()
    prose = text
    if "://" in prose or "www." in prose or "<" in prose or "](" in prose:
        prose = URL_RE.sub(" ", prose)
        prose = TAG_RE.sub(" ", prose) if "<" in prose else prose
        prose = MD_LINK_TAIL.sub(" ", prose) if "](" in prose else prose
    return tuple(m.group(0) for m in PATH_RE.finditer(prose))


@memo
def options(text: str) -> tuple[str, ...]:
    if "-" not in text:
        return ()
    return tuple(m.group(0) for m in OPTION_RE.finditer(strip_non_prose(text)))


def functions(text: str) -> tuple[str, ...]:
    if "()" not in text:
        return ()
    return _functions(text)


@memo
def _functions(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in FUNCTION_RE.finditer(text))


@memo
def accelerators(text: str) -> int:
    if "&" not in text and "_" not in text:
        return 0
    prose = text
    if "<" in prose or "%" in prose or "{" in prose or "://" in prose:
        prose = strip_non_prose(prose)
    return len(ACCELERATOR_RE.findall(prose))


@memo
def entities(text: str) -> tuple[str, ...]:
    if "&" not in text:
        return ()
    return tuple(ENTITY_RE.findall(text))


def acronyms(text: str) -> tuple[str, ...]:
    if not _ACRONYM_HINT.search(text):
        return ()
    return _acronyms(text)


@memo
def _acronyms(text: str) -> tuple[str, ...]:
    return tuple(ACRONYM_RE.findall(strip_non_prose(text, code=True)))


@memo
def symbols(text: str) -> tuple[str, ...]:
    return tuple(SYMBOL_RE.findall(text))


def bracket_counts(text: str) -> tuple[int, int, int, int]:
    """Counts of ( ) [ ] in the prose of ``text`` (placeholders, markup and
    URLs left out)."""
    if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
        return (0, 0, 0, 0)
    return _bracket_counts(text)


@memo
def _bracket_counts(text: str) -> tuple[int, int, int, int]:
    prose = strip_non_prose(text)
    return tuple(prose.count(b) for b in BRACKETS)


_SENTENCE_END = re.compile(r"[.!?…]+[\"'“”»)\]]*\s+(?=[\"'„“«(\[]*[^\W\d_])")


@memo
def sentence_count(text: str) -> int:
    """Sentences in the prose of ``text``: a stop followed by a space and a
    word.  Abbreviations count as stops too; callers compare, not trust."""
    prose = strip_non_prose(text).strip()
    if not prose:
        return 0
    return 1 + len(_SENTENCE_END.findall(prose))


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_pure_punctuation(text: str) -> bool:
    """Text with neither letters nor digits (``—``, ``…``, ``|``, ``:``)."""
    return bool(text.strip()) and not _LETTER_OR_DIGIT.search(text)


_FIRST_LETTER = re.compile(r"[^\W\d_]")
_LEADING_NOISE = re.compile(r"^(?:\s|<[^<>]*>|[\"'„“”«»‚‘’(\[*_#>\-–—•…:.!?])*")


def first_letter(text: str) -> str | None:
    """The first letter of the prose of ``text`` when it starts the text
    (after markup, quotes, bullets): None when a number or placeholder comes first."""
    if text[:1].isalpha():
        return text[0]  # most texts start with their first letter
    return _first_letter(text)


@memo
def _first_letter(text: str) -> str | None:
    rest = text[_LEADING_NOISE.match(text).end():]
    if not rest or not _FIRST_LETTER.match(rest):
        return None
    return rest[0]


_ASCII_SINGLE_QUOTED = re.compile(r"(?<![\w'’])'([^'\n]{1,80}?)'(?![\w'’])")


def single_quoted(text: str) -> list[str]:
    """Phrases in ASCII single quotes ('…') in the prose of ``text``."""
    if "'" not in text:
        return []
    return _ASCII_SINGLE_QUOTED.findall(strip_non_prose(text))


# Cheap first looks (a character class first lets the engine skip ahead).
_TWO_PUNCT = re.compile(r"[.,;:!?][.,;:!?]")
_PUNCT_LETTER = re.compile(r"[,;:!?][^\W\d_]")
_SPACE_PUNCT = re.compile(r"[ \t][,;:!?.]")
_REPEATED_PUNCT = re.compile(r"(?<![.])\.\.(?![.])|([,;:!?])\1+|[,;:][.,;:]|\.[,;:]")
_NO_SPACE_AFTER = re.compile(r"[^\W\d_]+(?:[,;!?]|(?<=[^\W\d_]{2}):(?=[^\W\d_]{2}))[^\W\d_]+")
_SPACE_BEFORE = re.compile(r"[^\s<>]+[ \t]+(?:[,;!?]|:(?!\))|\.(?![.\w]))(?=\s|$)")


def repeated_punctuation(text: str) -> tuple[str, ...]:
    if not _TWO_PUNCT.search(text):
        return ()
    return _repeated_punctuation(text)


@memo
def _repeated_punctuation(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _REPEATED_PUNCT.finditer(strip_non_prose(text, code=True, gap="\x00")))


@memo
def missing_space_after_punctuation(text: str) -> tuple[str, ...]:
    if not _PUNCT_LETTER.search(text):
        return ()
    # A removed placeholder or link leaves a mark, not a space, behind.
    prose = strip_non_prose(text, code=True, gap="\x00")
    return tuple(m.group(0) for m in _NO_SPACE_AFTER.finditer(prose))


def space_before_punctuation(text: str) -> tuple[str, ...]:
    if not _SPACE_PUNCT.search(text):
        return ()
    return _space_before_punctuation(text)


@memo
def _space_before_punctuation(text: str) -> tuple[str, ...]:
    prose = strip_non_prose(text, code=True, gap="\x00")
    return tuple(m.group(0) for m in _SPACE_BEFORE.finditer(prose))


def prose_length(text: str) -> int:
    """Length of what a reader sees: markup, placeholders and URLs left out."""
    return len(" ".join(strip_non_prose(text).split()))


# -- language identification ------------------------------------------------

# Languages the identifier knows by another name (Montenegrin is told apart
# from Serbian by no identifier; its Latin text reads as Serbian).
_IDENTIFIER_ALIASES = {"cnr": "sr", "nb": "no", "nn": "no"}


@lru_cache(maxsize=None)
def _identifier(languages: tuple[str, ...]):
    """A language identifier for exactly ``languages`` (ISO 639-1 codes), or
    None when the identifier is not installed or knows fewer than two of them."""
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    codes = []
    for language in languages:
        try:
            codes.append(IsoCode639_1.from_str(_IDENTIFIER_ALIASES.get(language, language)))
        except ValueError:
            continue
    if len(set(codes)) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*sorted(set(codes), key=str)).with_low_accuracy_mode().build()


@memo
def english_or_local(text: str, language: str, threshold: float = 0.6) -> str | None:
    """``"en"`` when ``text`` reads as English rather than ``language``,
    ``"local"`` when it reads as ``language``, None when the identifier cannot
    tell (too short, or neither language is known to it)."""
    if language == "en":
        return "local"
    identifier = _identifier(("en", language))
    if identifier is None or not WORD_RE.search(text):
        return None
    values = identifier.compute_language_confidence_values(text)
    for value in values:
        if value.value >= threshold:
            return "en" if value.language.iso_code_639_1.name == "EN" else "local"
        break
    return None
