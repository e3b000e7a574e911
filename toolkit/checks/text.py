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

# Python %-format: %(name)s, %s, %5.2f, %-10d; "%%" is a literal percent sign.  C's
# argument numbers (%1$s), its ' and I flags and length modifiers (%ld, %zu, %lld,
# %hhd, %jd) are read too: a catalogue of a C program uses them.
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^()]*)\)|(?P<position>[1-9]\d?)\$)?(?P<flags>[-#0 +'I]*)(?P<width>\*|\d+)?"
    r"(?:\.(?P<precision>\*|\d+))?(?P<length>hh|h|ll|l|L|q|j|z|Z|t)?(?P<type>[diouxXeEfFgGcrsa%])"
)
# Only the unambiguous forms count when an entry carries no format flag:
# "50% of" would otherwise read as "% o" (a space flag and an octal).
_PYTHON_FORMAT_LIKELY = re.compile(r"%\([A-Za-z_][\w.]*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|"
                                   r"%(?:[1-9]\$)?[-#0+']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|j|z|t)?[sdifru](?![A-Za-z])")
# Template placeholders: ${name} (Zope, Plone, JavaScript template literals).
DOLLAR_FORMAT = re.compile(r"\$\{[A-Za-z_][\w.-]*\}")
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
    return tuple(m.group(0) for m in BRACE_FORMAT.finditer(text)
                 if m.group(0) not in ("{{", "}}") and not (m.start() and text[m.start() - 1] == "$"))


@memo
def looks_brace_format(text: str) -> bool:
    return "{" in text and any(m.group("field") is not None and m.group(0) not in ("{{", "}}")
                               and not (m.start() and text[m.start() - 1] == "$")
                               for m in BRACE_FORMAT.finditer(text))


def argument_types(tokens: list[str]) -> list[str]:
    """Length modifier and type of each unnamed %-directive, in argument order:
    ``%s %ld`` -> ``["s", "ld"]``; numbered ones (``%2$s %1$d``) by their numbers,
    so a translation may reorder them.  Named ``%(x)s`` directives are left out."""
    found: dict[int, str] = {}
    plain: list[str] = []
    for token in tokens:
        if token.startswith("%("):
            continue
        match = PYTHON_FORMAT.fullmatch(token)
        if match is None:
            plain.append(token[-1])
            continue
        spec = (match.group("length") or "") + match.group("type")
        if match.group("position"):
            found.setdefault(int(match.group("position")), spec)
        else:
            plain.append(spec)
    return [found[k] for k in sorted(found)] + plain if found else plain


@memo
def dollar_placeholders(text: str) -> tuple[str, ...]:
    """The ``${name}`` placeholders of ``text`` in order."""
    if "${" not in text:
        return ()
    return tuple(DOLLAR_FORMAT.findall(text))


_GLUED = re.compile(r"[^\W\d_]$")


def glued_placeholders(text: str) -> tuple[str, ...]:
    """Placeholders written against a letter (``nalog%(name)s``, ``%(price)skad``,
    ``${name}a``): the reader sees the value run into the word."""
    if "%" not in text and "{" not in text:
        return ()
    return _glued_placeholders(text)


@memo
def _glued_placeholders(text: str) -> tuple[str, ...]:
    found = []
    spans = [m.span() for m in PYTHON_FORMAT.finditer(text) if m.group("type") != "%"]
    if "{" in text:
        spans += [m.span() for m in DOLLAR_FORMAT.finditer(text)]
        spans += [m.span() for m in BRACE_FORMAT.finditer(text) if m.group(0) not in ("{{", "}}")
                  and not (m.start() and text[m.start() - 1] == "$")]
    for start, end in spans:
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if (before.isalpha() or after.isalpha()) and not _MARKUP_NAME.search(text[start:end]):
            found.append(text[start:end])
    return tuple(found)


# Placeholders that stand for markup (%(link)s…%(end_link)s) hug the words they wrap.
_MARKUP_NAME = re.compile(r"link|url|href|tag|start|end|open|close|begin|^\W*[abi]\W*$|strong|\bem\b", re.IGNORECASE)


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


# -- what a translation is compared with -----------------------------------

# Entries whose translation is the translators' names and addresses, not prose.
CREDITS_MSGIDS = frozenset({"translator-credits", "translator_credits", "TRANSLATOR-CREDITS",
                            "NAME OF TRANSLATORS", "EMAIL OF TRANSLATORS", "Your names", "Your emails"})
_DEFAULT_COMMENT = re.compile(r'^Default: "(.*)"\s*$', re.MULTILINE)


def default_text(msgid: str, comment: str | None) -> str | None:
    """The English a symbolic msgid (``label_sender_fullname``) stands for, from
    its ``#. Default: "…"`` comment (Zope and Plone catalogues); None without one."""
    if not comment or "Default:" not in comment or " " in msgid:
        return None
    match = _DEFAULT_COMMENT.search(comment)
    if match is None:
        return None
    return match.group(1).replace('\\"', '"')


# -- URLs, e-mail addresses, numbers ----------------------------------------

URL_RE = re.compile(r"(?:(?:https?|ftp|mailto):|www\.)[^\s<>\"'„“”«»]+", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits with inner group or decimal separators (1,000 / 1.000 / 1 000 / 3,5).
# A number may hang on a word ("Menu4", "UTF8": a digit that disappears with it is
# still lost); a space groups thousands only ("1 000", never "2009 17").
NUMBER_RE = re.compile(r"(?<![\d])\d+(?:[.,]\d+|[\u00a0\u202f ]\d{3}(?!\d))*")
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


# Numbers written as words: English in the msgid, the word stems of the region's
# languages (Latin and Cyrillic) in a translation.
_ENGLISH_NUMBERS = {0: r"zero|none", 1: r"ones?|single|first", 2: r"two|second|both|double",
                    3: r"three|third", 4: r"four|fourth", 5: r"five|fifth", 6: r"six|sixth", 7: r"seven|seventh",
                    8: r"eight|eighth", 9: r"nine|ninth", 10: r"ten|tenth"}
_ENGLISH_NUMBER_RE = {n: re.compile(rf"(?<![^\W\d_])(?:{w})(?![^\W\d_])", re.IGNORECASE) for n, w in _ENGLISH_NUMBERS.items()}
_NUMBER_STEMS = {0: "nul zero нул", 1: "jed јед еден една едно një prv прв", 2: "dv дв dy drug друг",
                 3: "tri три tre treć трећ трет", 4: "četir четир katër", 5: "pet пет pes", 6: "šest шест gjasht",
                 7: "sedam седам седум shtat", 8: "osam осам осум tet", 9: "devet девет nënt", 10: "deset десет dhjet"}
_NUMBER_STEM_RE = {n: re.compile(r"(?<![^\W\d_])(?:" + "|".join(stems.split()) + ")", re.IGNORECASE)
                   for n, stems in _NUMBER_STEMS.items()}


def spelled_number(number: str, text: str, english: bool) -> bool:
    """Whether ``text`` writes ``number`` (0–10) as a word: in English
    (``non-zero``, ``one``) or, for a translation, in one of the region's languages."""
    value = int(number) if number.isdigit() and len(number) <= 2 else -1
    table = _ENGLISH_NUMBER_RE if english else _NUMBER_STEM_RE
    return value in table and bool(table[value].search(text))


def same_digits(source: str, text: str) -> bool:
    """The same digits in the same order: a date or time written the language's
    way ("01/11/2009 17:52" -> "01.11.2009, 17:52")."""
    digits = lambda t: re.sub(r"\D", "", strip_non_prose(t))
    return digits(source) == digits(text)


def phone_prefixes(text: str) -> list[str]:
    """Country calling codes of examples ("+1 for the US" -> "+381 za Srbiju")."""
    return re.findall(r"(?<![\w+])\+(\d{1,3})(?!\d)", text) if "+" in text else []


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


# GNU quoting, `like this': a backtick that an apostrophe closes is a quotation mark.
_GNU_QUOTE = re.compile(r"`[^`'\n]*'")


@memo
def _code_spans(text: str) -> tuple[str, ...]:
    if _GNU_QUOTE.search(text):
        return ()
    # A span holding only a placeholder is a quotation ("File `%s` does not exist"):
    # the language's quotation marks may replace its backticks.
    return tuple(m.group(2) for m in MD_CODE.finditer(text) if strip_non_prose(m.group(2)).strip())


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
        if "${" in text:
            text = DOLLAR_FORMAT.sub(gap, text)
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


# Elements of HTML: a bare "<word>" of another name is a metavariable of a
# usage line ("--output <list>", "<device>"), not markup.
HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite
code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
legend li link main map mark menu meta meter nav noscript object ol optgroup option output p param
picture pre progress q rp rt ruby s samp script search section select slot small source span strong
style sub summary sup table tbody td template textarea tfoot th thead time title tr track u ul var
video wbr center font big strike tt frame frameset applet
""".split())
_HTML_NAMES = "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True))
_TRAILING_TAGS = re.compile(r"(?:</?(?:" + _HTML_NAMES + r")\b[^<>]*>\s*)+$", re.IGNORECASE)
_PSEUDO_TAG = re.compile(r"<([^\W\d_][\w-]*)((?:[ |][^\W\d_][\w-]*)*)(?: ?,?(?:\.\.\.|…))? ?>")
_BARE_VOID = frozenset({"br", "hr", "wbr"})


def _is_metavariable(match: re.Match, text: str, msgid_names: frozenset[str] | None) -> bool:
    name = match.group(1).lower()
    if (name in _BARE_VOID and not match.group(2)) or (name in VOID_ELEMENTS and match.group(2)) \
            or f"</{name}" in text.lower():
        return False  # a bare <br>, or an element closed later: markup
    if msgid_names is None:
        return True  # a msgid's bare tag that is never closed is a metavariable
    return name not in HTML_ELEMENTS or name in msgid_names


def without_metavariables(source: str, text: str) -> tuple[str, str]:
    """``source`` and ``text`` with their ``<metavariable>`` placeholders blanked
    (``<device>`` -> ``<uređaj>`` is a translated usage line, not changed markup)."""
    if "<" not in source and "<" not in text:
        return source, text
    return _without_metavariables(source, text)


@memo
def _without_metavariables(source: str, text: str) -> tuple[str, str]:
    names = frozenset(m.group(1).lower() for m in _PSEUDO_TAG.finditer(source) if _is_metavariable(m, source, None))
    if names:
        source = _PSEUDO_TAG.sub(lambda m: " " if m.group(1).lower() in names else m.group(0), source)
    if "<" in text:
        text = _PSEUDO_TAG.sub(lambda m: " " if _is_metavariable(m, text, names) else m.group(0), text)
    return source, text


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


_TECHNICAL = re.compile(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*|\w+(?:[/._,|-]\w+)+|\w+(?=\()|[A-Za-z]+\d\w*"
                        r"|(?<=\n)[ \t]+[a-z][\w-]*(?=[ \t]{2})"
                        r"|[“\"'„`«]([^“”\"'„«»`\n]{1,60})[”\"'“`»]")


@memo
def technical_words(text: str) -> frozenset[str]:
    """Words of ``text`` that belong to code-like tokens: options (``--skip-empty``),
    slash, dot or underscore compounds (``reflink/clone``, ``gschemas.compiled``)."""
    found: set[str] = set()
    for match in _TECHNICAL.finditer(text):
        token = match.group(0).strip().lstrip("-")
        found.add(token)
        found.update(WORD_RE.findall(token))
        found.update(re.split(r"[^\w]+|_", token))
    return frozenset(found)


def copied_word(word: str, source: str, text: str = "") -> bool:
    """A Latin word a Cyrillic translation may keep: a name as the msgid writes it
    (``Python``, or ``python`` for it), or part of an option, path, identifier,
    function or quoted value (in the msgid or, copied, in the translation)."""
    if word in source:
        if word[0].isupper() or len(word) <= 3:
            return True  # a name, a letter, a unit (pt, kg, px)
        return word in technical_words(source) or word in technical_words(text)
    return word[0].islower() and word.capitalize() in source


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
# and Montenegrin close with “ (U+201C).  Albanian uses guillemets or “…”.
QUOTE_RULES = {
    "sr": QuoteRule("„", "“"),
    "mk": QuoteRule("„", "“"),
    "cnr": QuoteRule("„", "“"),
    "hr": QuoteRule("„", "“”"),
    "bs": QuoteRule("„", "“”"),
    # Albanian writes «…» and also “…”.
    "sq": QuoteRule("«“", "»”"),
}
DOUBLE_QUOTES = "\"“”„‟«»〝〞＂"


_ASCII_QUOTED = re.compile(r'"[^"\n]{1,200}"')


@memo
def quote_problems(text: str, language: str, source: str = "") -> tuple[str, ...]:
    """Double quotation marks in ``text`` that break ``language``'s rule.

    Markup, placeholders and URLs are ignored (an attribute's ASCII quotes
    are HTML syntax, not typography); so is a value the msgid ``source``
    quotes with ASCII marks and the translation copies as it is
    (``"GEDIT_TOOLBAR_SYSTEM"``, ``"oauth_token"``).
    """
    rule = QUOTE_RULES.get(language)
    if rule is None or not any(q in text for q in DOUBLE_QUOTES):
        return ()
    if '"' in text and '"' in source:
        text = _ASCII_QUOTED.sub(lambda m: m.group(0)[1:-1] if m.group(0) in source else m.group(0), text)
    if '="' in text:
        text = re.sub(r'="([^"\n]*)"', r"=\1", text)  # key="value": syntax, not typography
    # A placeholder stands for a word: "„%s“" closes after it.
    prose = strip_non_prose(text, gap="\x00")
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
        if char in rule.closing and depth and char not in rule.opening:
            depth -= 1
        elif char in rule.opening and (opening or char not in rule.closing):
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
        # Trailing tags are markup; a trailing <metavariable> is a word.
        text = _TRAILING_TAGS.sub("", text).rstrip()
    text = text.rstrip(_CLOSERS).rstrip()
    if text.endswith("..."):
        return "…"
    if text and text[-1] in END_PUNCTUATION:
        return text[-1]
    return ""


# Abbreviations that end a phrase with their own dot: "etc." in the region's languages.
_ABBREVIATIONS = re.compile(r"(?<![^\W\d_])(?:itd|npr|tj|sl|itn|etj|итд|нпр|тј|сл|итн|и\.сл)\.[)\]»“”\"']*$",
                            re.IGNORECASE)


def ends_with_abbreviation(text: str, short: bool = True) -> bool:
    """``itd.``, ``нпр.`` (any text) or, with ``short``, any short lower-case
    word and its dot (``god.``, ``str.``) end the text."""
    end = text.rstrip()
    if _ABBREVIATIONS.search(end):
        return True
    return short and bool(re.search(r"(?<![^\W\d_])[^\W\d_A-ZА-Я]{1,4}\.$", end))


def ends_with_ordinal_dot(text: str) -> bool:
    """"2020." or "1244." at the end: a date or ordinal in the region's
    languages, not a sentence end added by the translator."""
    return bool(re.search(r"\d\.\s*(?:</?[A-Za-z][^<>]*>\s*)*$", text.rstrip()))


# -- code-like tokens a translation keeps -----------------------------------

# A file path: rooted (/etc/x, ~/x, ./x, ../x) or relative with an extension
# (site/templates/base.html).  "and/or", "km/h" and "24/7" are not paths.
PATH_RE = re.compile(
    r"(?<![\w./:~+-])(?:(?:~|\.{1,2})?/[\w.][\w.-]*(?:/[\w.-]+)*/?|[\w.-]+(?:/[\w.-]+)+\.[A-Za-z][\w]{0,4})(?![\w/])"
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


# An accelerator anywhere in a word: translators put it on a letter the label has
# ("_Revert" -> "Pov_rati").
_ACCELERATOR_ANYWHERE = re.compile(r"(?<![&_])&(?=[^\W\d_])(?![A-Za-z]+;)|(?<![&_])_(?=[^\W\d_])")


@memo
def translated_accelerators(text: str, source: str) -> int:
    """Accelerator markers of a translation, inside words too; a word copied
    from the msgid (``R&D``, ``file_name``) brings none."""
    prose = text
    if "<" in prose or "%" in prose or "{" in prose or "://" in prose:
        prose = strip_non_prose(prose)
    count = 0
    for chunk in prose.split():
        marks = len(_ACCELERATOR_ANYWHERE.findall(chunk))
        if marks and not (chunk in source and not ACCELERATOR_RE.match(chunk)):
            count += marks
    return count


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
    if "=" in prose:
        prose = re.sub(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*=\S+", "\x00", prose)  # --level=err,warn
    return tuple(m.group(0) for m in _NO_SPACE_AFTER.finditer(prose))


def space_before_punctuation(text: str) -> tuple[str, ...]:
    if not _SPACE_PUNCT.search(text):
        return ()
    return _space_before_punctuation(text)


@memo
def _space_before_punctuation(text: str) -> tuple[str, ...]:
    prose = strip_non_prose(text, code=True, gap="\x00")
    return tuple(m.group(0) for m in _SPACE_BEFORE.finditer(prose))


_INNER_RUN = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")
_HELP_LINE = re.compile(r"^\s*(?:-{1,2}[A-Za-z0-9]|%(?:\d\$)?s\s)|^\s+[^\W\d_a-z]{2,}\s{2,}")


def added_double_space(source: str, text: str) -> int | None:
    """Column (1-based) of a run of spaces inside a line of ``text`` that is not
    layout, or None.  Indentation is layout; so is a run on a line whose
    counterpart in the msgid pads columns (``--help`` output)."""
    if "  " not in text.strip():
        return None
    source_lines = source.split("\n")
    padded = [bool(_INNER_RUN.search(line)) for line in source_lines]
    offset = 0
    for number, line in enumerate(text.split("\n")):
        match = _INNER_RUN.search(line)
        if match:
            # A --help line ("  -t, --timeout <n>    …") pads its columns however the msgid does.
            layout = (padded[number] if number < len(padded) else any(padded)) or bool(_HELP_LINE.match(line))
            if not layout:
                return offset + match.start() + 1
        offset += len(line) + 1
    return None


_LIST_ITEM = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s", re.MULTILINE)


def line_structure(text: str) -> tuple[int, int]:
    """(paragraph breaks, list items) of ``text``: what its line breaks carry
    beyond wrapping."""
    stripped = text.strip()
    return len(re.findall(r"\n\s*\n", stripped)), len(_LIST_ITEM.findall(stripped))


def wholly_bracketed(text: str) -> bool:
    """``(current)``: a parenthesis opens the text and closes at its end."""
    stripped = text.strip()
    if not (stripped.startswith("(") and stripped.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(stripped):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return index == len(stripped) - 1
    return False


def is_value_literal(text: str) -> bool:
    """A setting's default written as a list of strings: ``['UTF-8', 'CURRENT']``."""
    stripped = text.strip()
    return stripped.startswith("['") and stripped.endswith("']")


_SINGLE_QUOTED_PLACEHOLDER = re.compile(r"(?<![\w'])'(%(?:\([^()]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\$?\{[\w.]*\})'(?![\w'])")


def single_quoted_placeholders(text: str, source: str) -> list[str]:
    """``'%s'`` in a translation where the msgid does not write it so."""
    if "'" not in text:
        return []
    found = _SINGLE_QUOTED_PLACEHOLDER.findall(text)
    if not found:
        return []
    kept = set(_SINGLE_QUOTED_PLACEHOLDER.findall(source))
    return [f"{p}" for p in found if p not in kept]


def is_dimension(word: str) -> bool:
    """``ШИРИНАxВИСИНА``: two capitalised words joined by the letter x of WIDTHxHEIGHT."""
    return bool(re.fullmatch(r"[^\W\d_a-z]+x[^\W\d_a-z]+", word)) and word.replace("x", "").isupper()


_ASCII_SYMBOLS = (("<->", "↔"), ("->", "→"), ("=>", "⇒"), ("<-", "←"), ("(C)", "©"), ("(c)", "©"),
                  ("(R)", "®"), ("(TM)", "™"))


def ascii_symbols(text: str) -> str:
    """``->``, ``(C)`` and their like written as the signs a translation may use (→, ©)."""
    if ">" not in text and "<" not in text and "(" not in text:
        return text
    for ascii, sign in _ASCII_SYMBOLS:
        text = text.replace(ascii, sign)
    return text


def stray_angle_brackets(text: str) -> tuple[int, int]:
    """Counts of < and > that are neither a tag nor an arrow: a broken
    ``<metavariable>`` ("<e papërcaktuar?")."""
    if "<" not in text and ">" not in text:
        return (0, 0)
    text = TAG_RE.sub(" ", ascii_symbols(text)).replace("<=", " ").replace(">=", " ")
    return text.count("<"), text.count(">")


_BRACKETED_PLACEHOLDER = re.compile(
    r"[(\[]\s*(%(?:\([^()]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\$?\{[\w.]*\})\s*[)\]]")


def unbracketed_placeholders(source: str, text: str) -> list[str]:
    """Placeholders the msgid puts in brackets, "({name})", that the translation
    keeps without them: the values run together."""
    found = _BRACKETED_PLACEHOLDER.findall(source)
    if not found:
        return []
    kept = _BRACKETED_PLACEHOLDER.findall(text)
    return [p for p in found if p in text and p not in kept]


# Products and languages whose names a translation keeps (acronyms aside).
KNOWN_NAMES = frozenset("""
Java Perl Python Ruby Lua Rust Go PHP Linux Windows Solaris Android Git Markdown Google Firefox Chrome
Mozilla Apple Microsoft Unix Debian Ubuntu Fedora Plone Django Weblate Wagtail Bitbucket Gitea GitHub
GitLab JavaScript TypeScript Haskell Scheme Perl6 Kotlin Swift Vala GNOME KDE
""".split())


# Words the region's languages write in lower case where English capitalises them.
_LOWER_IN_REGION = re.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?$|"
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?$|"
    r"(?:ian|ish|ese|ic|ch|an|ek|ai)$")
_LABEL = re.compile(r"^_?[A-Z][a-z]+(?: _?[A-Za-z][a-z]+)?(?:…|\.\.\.|:)?$")


def is_capitalised_label(text: str) -> bool:
    """``Edit``, ``Save as…``, ``_Open File``: a capitalised UI label of one or two
    words whose capital the region's languages keep."""
    if not _LABEL.match(text):
        return False
    words = [w.lstrip("_") for w in text.rstrip(".…:").split()]
    return not any(_LOWER_IN_REGION.search(w) for w in words)


def is_word_list(text: str) -> bool:
    """``parsec,parsecs,pc``: names a program parses, listed without spaces."""
    return "," in text and " " not in text.strip() and bool(re.fullmatch(r"[\w˚°µ/.-]+(?:,[\w˚°µ/.-]+)+", text.strip()))


def is_keyword_list(text: str) -> bool:
    """A desktop file's search keywords (``Text;Editor;Plaintext;``): translators add theirs."""
    return text.endswith(";") and text.count(";") >= 2


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
