"""What each catalogue check deliberately does not report: the other half of its description.

``docs/checks.md`` is generated from these lines, the registry (id, severity, description)
and the measured precision on the real-catalogue corpus (``bench/precision_catalogues.py --markdown``).
"""

from __future__ import annotations

# Every catalogue check compares a translation with the msgid, or with the English of a symbolic
# msgid's `#. Default: "…"` comment, and skips `translator-credits` (names and addresses).
NOT_REPORTED = {
    "placeholder-mismatch": "a form used for exactly one count (n==1, also in nplurals=4 catalogues) leaving its count out; "
                            "reordered numbered directives (%2$s %1$s); a changed width or flag (%-10s)",
    "placeholder-glued": "a placeholder the msgid itself writes against a word (%1$sboot); %(link)s…%(end_link)s around words",
    "markup-mismatch": "<metavariables> of usage lines (<device> -> <uređaj>, <gid|group>) and bracketed text that is no "
                       "HTML element (<unspecified> -> <nije navedeno>); a broken one (<e papërcaktuar?) is reported",
    "markup-malformed": "problems the msgid has too; <metavariables> that are never closed",
    "unsafe-markup": "unsafe markup the msgid has too",
    "url-mismatch": "a locale segment changed for the reader's language (/en/ -> /sr/)",
    "email-mismatch": "addresses in translator-credits",
    "number-mismatch": "grouping and decimal separators of the language; a date or time in the language's format "
                       "(same digits); a number written as a word (1 -> jednu, non-zero -> != 0); an example's "
                       "country code localised (+1 -> +381)",
    "glossary-kept": "—",
    "glossary-term": "inflected forms of the required translation",
    "script-mix": "acronyms, URLs, placeholders, glossary terms; names, options, identifiers, functions, quoted values, "
                  "command columns, units and strftime directives copied from the msgid; a catalogue written in the other "
                  "script entry by entry (one finding for the file instead)",
    "mixed-script-word": "words copied from the msgid; WIDTHxHEIGHT's x between Cyrillic capitals",
    "quotation-marks": "ASCII quotes around a value the msgid quotes the same way (\"oauth_token\"); key=\"value\" syntax; "
                       "a catalogue quoting one foreign way throughout entry by entry (one finding for the file instead)",
    "whitespace-edges": "a trailing space after the msgid's final full stop (at info)",
    "newline-edges": "—",
    "double-space": "indentation; column padding of --help lines and of lines the msgid pads",
    "end-punctuation": "an ordinal or date dot (2020.); an abbreviation's dot (пет., god., itd.)",
    "doubled-word": "words the msgid repeats; a column label and a description starting with it; "
                    "grammatical repeats (Albanian të të)",
    "hidden-characters": "characters the msgid has too",
    "bracket-mismatch": "brackets added or dropped in pairs (a gloss, a rephrased clause), unless they set a placeholder apart",
    "accelerator-mismatch": "an accelerator moved to any letter of the label (_Revert -> Pov_rati)",
    "tab-mismatch": "—",
    "backslash-mismatch": "—",
    "newline-count": "text wrapped at other places with the same paragraphs and list items (at info)",
    "sentence-count": "(info)",
    "translation-too-long": "desktop keyword lists (Text;Editor;) that translators extend",
    "translation-too-short": "msgids under 20 characters",
    "pure-punctuation": "—",
    "single-quotes": "quoted phrases and commands of the msgid; setting values (['UTF-8', 'CURRENT'])",
    "file-path-mismatch": "+/- option syntax; a locale segment changed (/en/ -> /sr-Latn/); and/or, 24/7",
    "option-mismatch": "a lone dash between words",
    "function-mismatch": "—",
    "start-capital": "(info) language, month and day names",
    "label-capital": "day, month, language and nationality names; plural entries (counted nouns)",
    "ellipsis-style": "(info)",
    "symbol-mismatch": "(C), (R), (TM), -> and => written as ©, ®, ™, →, ⇒",
    "repeated-punctuation": "an ellipsis (...), ?!",
    "punctuation-spacing": "numbers (3,5; 12:30), URLs, code; a mark the msgid itself sets without a space (LABEL,UUID)",
    "space-before-punctuation": "smileys; a mark the msgid itself sets after a space",
    "start-punctuation": "options (--strict) quoted or moved; a bracket opening a clause the sentence moved; "
                         "brackets the translation adds",
    "blank-translation": "a msgid that is white space too",
    "merge-conflict": "—",
    "acronym-mismatch": "(info) acronyms localised or inflected (EU -> ЕУ, ZVSP-a)",
    "identical-plural-forms": "(info)",
    "entity-mismatch": "a no-break space added",
    "markdown-mismatch": "backticks used as quotation marks (`%s` -> «%s», GNU `%s' quoting)",
    "unchanged": "acronyms, numbers, glossary names; names, single words, unit lists and product names at info",
    "untranslated": "(info)",
    "fuzzy": "(info)",
    "header-language": "—",
    "header-plural-forms": "—",
    "header-charset": "—",
    "plural-forms-language": "one more form used only for n==1, the rest agreeing (Serbian GNOME teams' nplurals=4; at info)",
    "plural-count": "—",
    "duplicate-entry": "—",
    "obsolete-translation": "(info) leftovers no live untranslated or fuzzy entry could use",
    "same-translation": "(info) translations of fewer than three words",
    "header-fuzzy": "—",
    "header-fields": "—",
}
