"""Catalogue checks: each seeded with its defect next to a clean entry, plus real catalogues."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from toolkit.checks import REGISTRY
from toolkit.checks.catalogue import catalogue_check_ids, ignored_checks
from toolkit.checks.runner import check_catalog, check_catalog_files
from toolkit.checks import text as tu
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.checks.glossary import glossary_from_data, load_glossary
from toolkit.locales import PLURAL_FORMS, get_locale

from tests.helpers import DATA, ROOT

REAL = DATA / "real"
GLOSSARY = load_glossary(ROOT / "i18n" / "glossary.yaml")


def catalog(locale: str, entries: list[dict], header: dict | None = None) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {
        "Language": locale,
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": PLURAL_FORMS[get_locale(locale).language],
        **(header or {}),
    }
    po.metadata = {k: v for k, v in po.metadata.items() if v is not None}
    for number, fields in enumerate(entries):
        entry = polib.POEntry(**fields)
        entry.linenum = 10 + number * 4
        po.append(entry)
    return po


def run(locale: str, entries: list[dict], header: dict | None = None, glossary=GLOSSARY):
    po = catalog(locale, entries, header)
    return check_catalog(po, get_locale(locale), f"locales/{locale}/LC_MESSAGES/messages.po", glossary=glossary)


def hits(findings, check: str) -> dict[str, list]:
    """msgid -> findings of ``check``."""
    out: dict = {}
    for f in findings:
        if f.check == check:
            out.setdefault(f.msgid, []).append(f)
    return out


# Each case: check id, locale, entries that must fire, entries that must not.
CASES = [
    ("placeholder-mismatch", "sr", [
        {"msgid": "Hello %(name)s", "msgstr": "Здраво %(ime)s", "flags": ["python-format"]},
        {"msgid": "%s of %d", "msgstr": "%d од %s"},
        {"msgid": "Page {page}", "msgstr": "Страна"},
        {"msgid": "%(count)s report", "msgid_plural": "%(count)s reports",
         "msgstr_plural": {0: "%(count)s извештај", 1: "%(count)s извештаја", 2: "извештаја"}},
    ], [
        {"msgid": "Hello %(name)s", "msgstr": "Здраво, %(name)s", "flags": ["python-format"]},
        {"msgid": "50% off", "msgstr": "50% попуста"},
        {"msgid": "One report", "msgid_plural": "%(count)s reports",
         "msgstr_plural": {0: "%(count)s извештај", 1: "%(count)s извештаја", 2: "%(count)s извештаја"}},
    ]),
    ("markup-mismatch", "hr", [
        {"msgid": 'Read <a href="/x">more</a>', "msgstr": "Pročitajte više"},
        {"msgid": '<span class="a">A</span>', "msgstr": '<span class="b">A</span>'},
    ], [
        {"msgid": 'Read <a href="/x" title="More">more</a>', "msgstr": 'Pročitajte <a title="Više" href="/x">više</a>'},
    ]),
    ("markup-malformed", "hr", [
        {"msgid": "<b>Bold</b> text", "msgstr": "<b>Podebljani tekst"},
        {"msgid": "<b><i>x</i></b>", "msgstr": "<b><i>x</b></i>"},
    ], [
        {"msgid": "<b>Bold</b> text", "msgstr": "<b>Podebljani</b> tekst"},
    ]),
    ("unsafe-markup", "hr", [
        {"msgid": "Hello", "msgstr": "Bok<script>alert(1)</script>"},
        {"msgid": '<a href="/x">x</a>', "msgstr": '<a href="javascript:alert(1)">x</a>'},
        {"msgid": "<b>x</b>", "msgstr": '<b onclick="steal()">x</b>'},
        {"msgid": "<b>x</b>", "msgstr": '<b style="color:red">x</b>'},
        {"msgid": "Map", "msgstr": '<iframe src="https://evil.example"></iframe>Karta'},
    ], [
        {"msgid": '<a href="/x">x</a>', "msgstr": '<a href="/x">x</a>'},
    ]),
    ("url-mismatch", "sq", [
        {"msgid": "See https://www.seesac.org/about", "msgstr": "Shihni https://www.example.org/about"},
    ], [
        {"msgid": "See https://www.seesac.org/en/about.", "msgstr": "Shihni https://www.seesac.org/sq/about."},
    ]),
    ("email-mismatch", "sq", [
        {"msgid": "Write to seesac@undp.org", "msgstr": "Shkruani te info@example.org"},
    ], [
        {"msgid": "Write to seesac@undp.org", "msgstr": "Shkruani te seesac@undp.org"},
    ]),
    ("number-mismatch", "sr", [
        {"msgid": "UNSC Resolution 1244", "msgstr": "Резолуција СБ УН 1245"},
    ], [
        {"msgid": "1,000 weapons and 3.5 tonnes", "msgstr": "1.000 комада оружја и 3,5 тона"},
        {"msgid": "Resolution 1244", "msgstr": "Резолуција 1244"},
    ]),
    ("glossary-kept", "sr", [
        {"msgid": "SEESAC and UNDP", "msgstr": "СЕЕСАЦ и UNDP"},
    ], [
        {"msgid": "SEESAC and UNDP", "msgstr": "SEESAC и UNDP-а"},
    ]),
    ("glossary-term", "sr", [
        {"msgid": "Funded by the European Union", "msgstr": "Финансира Унија"},
        {"msgid": "The EU supports SEESAC", "msgstr": "Европа подржава SEESAC"},
    ], [
        {"msgid": "Funded by the European Union", "msgstr": "Финансира Европска унија"},
        {"msgid": "Support of the European Union", "msgstr": "Подршка Европске уније"},
        {"msgid": "The EU supports SEESAC", "msgstr": "ЕУ подржава SEESAC"},
    ]),
    ("script-mix", "sr", [
        {"msgid": "Save", "msgstr": "Sačuvaj"},
        {"msgid": "Accept cookies", "msgstr": "Прихвати cookies"},
    ], [
        {"msgid": "Read the PDF at https://seesac.org", "msgstr": "Прочитајте PDF на https://seesac.org"},
        {"msgid": "SEESAC and UNDP on Facebook", "msgstr": "SEESAC и UNDP на Facebook-у"},
        {"msgid": "Hello %(name)s", "msgstr": "Здраво %(name)s"},
        {"msgid": "Made with Python", "msgstr": "Направљено у Python"},
    ]),
    ("script-mix", "hr", [
        {"msgid": "Save", "msgstr": "Сачувај"},
    ], [
        {"msgid": "Save", "msgstr": "Spremi"},
    ]),
    ("mixed-script-word", "mk", [
        {"msgid": "a minute", "msgstr": "минутa"},  # Latin a at the end
    ], [
        {"msgid": "a JSON object", "msgstr": "JSON-објект"},
    ]),
    ("quotation-marks", "sr", [
        {"msgid": 'The "Western Balkans"', "msgstr": 'Западни "Балкан"'},
        {"msgid": "The “Western Balkans”", "msgstr": "„Западни Балкан”"},
    ], [
        {"msgid": 'The "Western Balkans"', "msgstr": "„Западни Балкан“"},
        {"msgid": 'Click <a href="/x">here</a>', "msgstr": 'Кликните <a href="/x">овде</a>'},
    ]),
    ("quotation-marks", "sq", [
        {"msgid": 'The "Western Balkans"', "msgstr": "„Ballkani Perëndimor“"},
    ], [
        {"msgid": 'The "Western Balkans"', "msgstr": "«Ballkani Perëndimor»"},
    ]),
    ("whitespace-edges", "hr", [
        {"msgid": "Name: ", "msgstr": "Ime:"},
        {"msgid": "Name", "msgstr": " Ime"},
    ], [
        {"msgid": "Name: ", "msgstr": "Ime: "},
    ]),
    ("newline-edges", "hr", [
        {"msgid": "Line\n", "msgstr": "Redak"},
    ], [
        {"msgid": "Line\n", "msgstr": "Redak\n"},
    ]),
    ("double-space", "hr", [
        {"msgid": "Two words", "msgstr": "Dvije  riječi"},
    ], [
        {"msgid": "Two words", "msgstr": "Dvije riječi"},
    ]),
    ("end-punctuation", "hr", [
        {"msgid": "Saved.", "msgstr": "Spremljeno"},
        {"msgid": "Are you sure?", "msgstr": "Jeste li sigurni."},
    ], [
        {"msgid": "Saved.", "msgstr": "Spremljeno."},
        {"msgid": "1 December 2020", "msgstr": "1. prosinca 2020."},
        {"msgid": "Fri", "msgstr": "pet."},
        {"msgid": "Wait...", "msgstr": "Pričekajte…"},
    ]),
    ("doubled-word", "hr", [
        {"msgid": "the meeting", "msgstr": "sastanak sastanak"},
    ], [
        {"msgid": "the tag <b>x</b>", "msgstr": "oznaka <b>oznaka</b>"},
    ]),
    ("hidden-characters", "sr", [
        {"msgid": "Hello", "msgstr": "Здраво\u202e"},
        {"msgid": "Hello there", "msgstr": "Здраво\u200bтамо"},
    ], [
        {"msgid": "Hello", "msgstr": "Здраво"},
    ]),
    ("unchanged", "hr", [
        {"msgid": "Save the file", "msgstr": "Save the file"},
    ], [
        {"msgid": "SEESAC", "msgstr": "SEESAC"},
        {"msgid": "UNDP and EU", "msgstr": "UNDP i EU"},
        {"msgid": "%(count)s", "msgstr": "%(count)s"},
    ]),
    ("untranslated", "hr", [
        {"msgid": "Save", "msgstr": ""},
        {"msgid": "One file", "msgid_plural": "%(n)s files", "msgstr_plural": {0: "%(n)s datoteka", 1: "", 2: ""}},
    ], [
        {"msgid": "Save", "msgstr": "Spremi"},
    ]),
    ("fuzzy", "hr", [
        {"msgid": "Save", "msgstr": "Spremi", "flags": ["fuzzy"]},
    ], [
        {"msgid": "Save", "msgstr": "Spremi"},
    ]),
    ("plural-count", "sr", [
        {"msgid": "%(n)s file", "msgid_plural": "%(n)s files", "msgstr_plural": {0: "%(n)s фајл", 1: "%(n)s фајлова"}},
    ], [
        {"msgid": "%(n)s file", "msgid_plural": "%(n)s files",
         "msgstr_plural": {0: "%(n)s фајл", 1: "%(n)s фајла", 2: "%(n)s фајлова"}},
    ]),
    ("bracket-mismatch", "sr", [
        {"msgid": "Size (in bytes)", "msgstr": "Величина (у бајтовима"},
        {"msgid": "See [1]", "msgstr": "Видети 1]"},
    ], [
        {"msgid": "Size (in bytes)", "msgstr": "Величина (у бајтовима)"},
        {"msgid": "Reports (%(count)s)", "msgstr": "Извештаји (%(count)s)"},
    ]),
    ("accelerator-mismatch", "hr", [
        {"msgid": "&File", "msgstr": "Datoteka"},
        {"msgid": "_Save", "msgstr": "_Spremi _sada"},
    ], [
        {"msgid": "&File", "msgstr": "&Datoteka"},
        {"msgid": "Research & Development", "msgstr": "Istraživanje i razvoj"},
        {"msgid": "R&D budget", "msgstr": "Proračun za istraživanje"},
    ]),
    ("tab-mismatch", "hr", [
        {"msgid": "Name\tValue", "msgstr": "Naziv Vrijednost"},
    ], [
        {"msgid": "Name\tValue", "msgstr": "Naziv\tVrijednost"},
    ]),
    ("backslash-mismatch", "hr", [
        {"msgid": "Use C:\\temp", "msgstr": "Koristite C:temp"},
    ], [
        {"msgid": "Use C:\\temp", "msgstr": "Koristite C:\\temp"},
    ]),
    ("newline-count", "sr_Latn", [
        {"msgid": "- one\n- two\n- three", "msgstr": "- jedan - dva\n- tri"},
    ], [
        {"msgid": "- one\n- two\n- three", "msgstr": "- jedan\n- dva\n- tri"},
    ]),
    ("sentence-count", "hr", [
        {"msgid": "The meeting ended. The report follows.", "msgstr": "Sastanak je završio"},
    ], [
        {"msgid": "The meeting ended. The report follows.", "msgstr": "Sastanak je završio. Izvještaj slijedi."},
        {"msgid": "Hello", "msgstr": "Bok. Dobro došli."},
    ]),
    ("translation-too-long", "sr", [
        {"msgid": "Save", "msgstr": "Сачувај ову датотеку на диск и затвори прозор, па затим поново отвори"},
    ], [
        {"msgid": "Save", "msgstr": "Сачувај"},
        {"msgid": "EU", "msgstr": "Европска унија"},
    ]),
    ("translation-too-short", "sr", [
        {"msgid": "Border police representatives met in Belgrade to discuss cooperation.", "msgstr": "Састанак."},
    ], [
        {"msgid": "Border police representatives met in Belgrade to discuss cooperation.",
         "msgstr": "Представници граничне полиције састали су се у Београду."},
        {"msgid": "<strong>North Macedonia</strong>", "msgstr": "<strong>Северна Македонија</strong>"},
    ]),
    ("pure-punctuation", "sr", [
        {"msgid": "—", "msgstr": "црта"},
    ], [
        {"msgid": " | ", "msgstr": " | "},
        {"msgid": "Close", "msgstr": "Затвори"},
    ]),
    ("single-quotes", "hr", [
        {"msgid": "Click \u201cSave\u201d", "msgstr": "Kliknite 'Spremi'"},
    ], [
        {"msgid": "Click \u201cSave\u201d", "msgstr": "Kliknite „Spremi“"},
        {"msgid": "The value '%(value)s' is invalid", "msgstr": "Vrijednost '%(value)s' nije valjana"},
        {"msgid": "Set 'debug' to true", "msgstr": "Postavite 'debug' na true"},
    ]),
    ("file-path-mismatch", "sr_Latn", [
        {"msgid": "Edit site/templates/base.html", "msgstr": "Uredite sajt/šabloni/osnova.html"},
        {"msgid": "See /etc/hosts", "msgstr": "Vidite hosts"},
    ], [
        {"msgid": "Edit site/templates/base.html", "msgstr": "Uredite site/templates/base.html"},
        {"msgid": "Read the /en/ pages", "msgstr": "Pročitajte stranice /sr-Latn/"},
        {"msgid": "and/or 24/7", "msgstr": "i/ili 24/7"},
    ]),
    ("option-mismatch", "hr", [
        {"msgid": "Run with --fail-on warning", "msgstr": "Pokrenite s --neuspjeh-na upozorenje"},
    ], [
        {"msgid": "Run with --fail-on warning", "msgstr": "Pokrenite s --fail-on warning"},
        {"msgid": "An e-mail - or a call", "msgstr": "E-pošta - ili poziv"},
    ]),
    ("function-mismatch", "hr", [
        {"msgid": "Call gettext() first", "msgstr": "Najprije pozovite prevedi()"},
    ], [
        {"msgid": "Call gettext() first", "msgstr": "Najprije pozovite gettext()"},
    ]),
    ("start-capital", "hr", [
        {"msgid": "The meeting ended.", "msgstr": "sastanak je završio."},
    ], [
        {"msgid": "The meeting ended.", "msgstr": "Sastanak je završio."},
        {"msgid": "Arabic", "msgstr": "arapski"},
        {"msgid": "%(name)s wrote", "msgstr": "%(name)s je napisao"},
    ]),
    ("ellipsis-style", "sr", [
        {"msgid": "Loading…", "msgstr": "Учитавање..."},
    ], [
        {"msgid": "Loading…", "msgstr": "Учитавање…"},
        {"msgid": "Loading...", "msgstr": "Учитавање..."},
    ]),
    ("symbol-mismatch", "hr", [
        {"msgid": "© 2020 SEESAC", "msgstr": "2020 SEESAC"},
        {"msgid": "Next →", "msgstr": "Sljedeće"},
    ], [
        {"msgid": "© 2020 SEESAC", "msgstr": "© 2020 SEESAC"},
        {"msgid": "Price: 5 €", "msgstr": "Cijena: 5 €"},
    ]),
    ("repeated-punctuation", "hr", [
        {"msgid": "Yes, really.", "msgstr": "Da,, stvarno."},
        {"msgid": "Done.", "msgstr": "Gotovo.."},
    ], [
        {"msgid": "Done.", "msgstr": "Gotovo."},
        {"msgid": "Wait...", "msgstr": "Pričekajte..."},
        {"msgid": "What?!", "msgstr": "Što?!"},
    ]),
    ("punctuation-spacing", "hr", [
        {"msgid": "Police, customs and courts", "msgstr": "Policija,carina i sudovi"},
    ], [
        {"msgid": "Police, customs and courts", "msgstr": "Policija, carina i sudovi"},
        {"msgid": "At 12:30, 3,5 km", "msgstr": "U 12:30, 3,5 km"},
        {"msgid": "See %(url)s", "msgstr": "Vidi %(url)s"},
    ]),
    ("space-before-punctuation", "sq", [
        {"msgid": "Police, customs and courts.", "msgstr": "Policia , dogana dhe gjykatat ."},
    ], [
        {"msgid": "Police, customs and courts.", "msgstr": "Policia, dogana dhe gjykatat."},
        {"msgid": "Call %(phone)s.", "msgstr": "Telefononi %(phone)s."},
        {"msgid": "Smile :)", "msgstr": "Buzëqeshni :)"},
    ]),
    ("start-punctuation", "sr", [
        {"msgid": "(optional)", "msgstr": "опционо"},
        {"msgid": "Save", "msgstr": "- Сачувај"},
    ], [
        {"msgid": "(optional)", "msgstr": "(опционо)"},
        {"msgid": "- item", "msgstr": "– ставка"},
        {"msgid": "\u201cQuoted\u201d", "msgstr": "„Цитат“"},
    ]),
    ("blank-translation", "hr", [
        {"msgid": "Save", "msgstr": "  "},
    ], [
        {"msgid": "Save", "msgstr": "Spremi"},
        {"msgid": " ", "msgstr": " "},
    ]),
    ("merge-conflict", "hr", [
        {"msgid": "Save", "msgstr": "#-#-#-#-#  hr.po  #-#-#-#-#\nSpremi\n#-#-#-#-#  old.po  #-#-#-#-#\nPohrani"},
    ], [
        {"msgid": "Save", "msgstr": "Spremi"},
        {"msgid": "Item #1", "msgstr": "Stavka #1"},
    ]),
    ("acronym-mismatch", "hr", [
        {"msgid": "Funded by UNDP and CFSP", "msgstr": "Financirano od strane programa"},
    ], [
        {"msgid": "Funded by UNDP and CFSP", "msgstr": "Financirali UNDP i CFSP"},
        {"msgid": "The UNSC resolution", "msgstr": "Rezolucija Vijeća sigurnosti"},
        {"msgid": "The CFSP decision", "msgstr": "Odluka ZVSP-a"},
    ]),
    ("identical-plural-forms", "sr", [
        {"msgid": "%(n)s file", "msgid_plural": "%(n)s files",
         "msgstr_plural": {0: "%(n)s фајлова", 1: "%(n)s фајлова", 2: "%(n)s фајлова"}},
    ], [
        {"msgid": "%(n)s file", "msgid_plural": "%(n)s files",
         "msgstr_plural": {0: "%(n)s фајл", 1: "%(n)s фајла", 2: "%(n)s фајлова"}},
        {"msgid": "%(n)s km", "msgid_plural": "%(n)s km", "msgstr_plural": {0: "%(n)s km", 1: "%(n)s km", 2: "%(n)s km"}},
    ]),
    ("entity-mismatch", "hr", [
        {"msgid": "Terms &amp; conditions", "msgstr": "Uvjeti & odredbe"},
    ], [
        {"msgid": "Terms &amp; conditions", "msgstr": "Uvjeti &amp; odredbe"},
        {"msgid": "50 %", "msgstr": "50&nbsp;%"},
    ]),
    ("markdown-mismatch", "sr", [
        {"msgid": "See [the footnote](#kosovo-1244 \"Footnote\")", "msgstr": "Видети [фусноту](#kosovo \"Фуснота\")"},
        {"msgid": "Run `make check`", "msgstr": "Покрените `провера`"},
    ], [
        {"msgid": "See [the footnote](#kosovo-1244 \"Footnote\")", "msgstr": "Видети [фусноту](#kosovo-1244 \"Фуснота\")"},
        {"msgid": "Read [more](/en/news/)", "msgstr": "Прочитајте [више](/sr/news/)"},
    ]),
    ("obsolete-translation", "hr", [
        {"msgid": "Old text", "msgstr": "Stari tekst", "obsolete": True},
    ], [
        {"msgid": "Old", "msgstr": "Spremi", "obsolete": True},
        {"msgid": "Save", "msgstr": "Spremi"},
    ]),
]


@pytest.mark.parametrize("check, locale, bad, good", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_check_fires_on_defect_only(check, locale, bad, good):
    bad_ids = {e["msgid"] for e in bad}
    good_ids = {e["msgid"] for e in good} - bad_ids
    found = hits(run(locale, bad + [g for g in good if g["msgid"] not in bad_ids]), check)
    for msgid in bad_ids:
        assert msgid in found, f"{check} missed {msgid!r}"
    for msgid in good_ids:
        assert msgid not in found, f"{check} fired on clean {msgid!r}: {found[msgid][0].message}"
    # The clean entries on their own stay clean of this check.
    assert not hits(run(locale, good), check)


def test_every_catalogue_check_has_a_seeded_test():
    seeded = {case[0] for case in CASES} | {"header-language", "header-plural-forms", "header-charset",
                                            "plural-forms-language", "duplicate-entry", "same-translation",
                                            "header-fuzzy", "header-fields"}
    ids = set(catalogue_check_ids())
    assert ids <= seeded, ids - seeded
    for check_id in ids:
        info = REGISTRY[check_id]
        assert info.family == "catalogue" and info.description
        assert check_id == check_id.lower() and " " not in check_id


def test_severities_follow_the_kind_of_defect():
    for check_id in ("placeholder-mismatch", "markup-mismatch", "unsafe-markup", "plural-count", "header-language"):
        assert REGISTRY[check_id].severity == "error"
    for check_id in ("quotation-marks", "script-mix", "end-punctuation", "glossary-term"):
        assert REGISTRY[check_id].severity == "warning"
    for check_id in ("untranslated", "fuzzy"):
        assert REGISTRY[check_id].severity == "info"


def test_placeholder_messages_name_the_rename_and_the_form():
    findings = run("sr", CASES[0][2])
    by_msgid = hits(findings, "placeholder-mismatch")
    assert "%(name)s renamed to %(ime)s" in by_msgid["Hello %(name)s"][0].message
    plural = by_msgid["%(count)s report"][0]
    assert plural.message.startswith("msgstr[2]") and plural.extra["form"] == "msgstr[2]"
    assert plural.line == 22 and plural.locale == "sr"


def test_single_number_form_may_drop_the_count_but_serbian_form_zero_may_not():
    entry = {"msgid": "One hour", "msgid_plural": "%(count)s hours", "msgstr_plural": {0: "Jedna ora", 1: "%(count)s ora"}}
    assert not hits(run("sq", [entry]), "placeholder-mismatch")  # sq form 0 is n == 1 only
    sr = {"msgid": "an hour", "msgid_plural": "%(count)s hours",
          "msgstr_plural": {0: "сат", 1: "%(count)s сата", 2: "%(count)s сати"}}
    assert "msgstr[0]" in hits(run("sr", [sr]), "placeholder-mismatch")["an hour"][0].message  # also n == 21


def test_header_checks():
    findings = run("sr", [{"msgid": "a", "msgstr": "а"}],
                   header={"Language": "hr", "Plural-Forms": None, "Content-Type": "text/plain; charset=ISO-8859-2"})
    checks = {f.check: f for f in findings}
    assert "header-language" in checks and "hr" in checks["header-language"].message
    assert "header-plural-forms" in checks
    assert "ISO-8859-2" in checks["header-charset"].message
    clean = run("sr_Latn", [{"msgid": "a", "msgstr": "a"}], header={"Language": "sr@latin"})
    assert not [f for f in clean if f.check.startswith("header-") and f.check != "header-fields"]
    script = run("sr_Latn", [], header={"Language": "sr"})
    assert [f.check for f in script if f.check.startswith("header-") and f.check != "header-fields"] == ["header-language"]
    broken = run("sr", [], header={"Plural-Forms": "nplurals=3; plural=n +* 2;"})
    assert "cannot be evaluated" in hits(broken, "header-plural-forms")[None][0].message


def test_plural_rule_disagreeing_with_the_language():
    uk4 = "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : 1);"
    findings = run("uk", [], header={"Plural-Forms": uk4})
    (finding,) = [f for f in findings if f.check == "plural-forms-language"]
    assert "nplurals=4" in finding.message and "3 plural forms" in finding.message
    assert finding.extra["cldr_categories"] == 4
    wrong_rule = run("mk", [], header={"Plural-Forms": "nplurals=2; plural=(n != 1);"})
    assert hits(wrong_rule, "plural-forms-language")[None][0].severity == "warning"
    assert not hits(run("sr", []), "plural-forms-language")


def test_duplicate_entries():
    po = catalog("hr", [{"msgid": "Save", "msgstr": "Spremi"}, {"msgid": "Save", "msgstr": "Pohrani"},
                        {"msgid": "Save", "msgctxt": "button", "msgstr": "Spremi"}])
    findings = check_catalog(po, get_locale("hr"), "x.po")
    dupes = [f for f in findings if f.check == "duplicate-entry"]
    assert len(dupes) == 1 and "line 10" in dupes[0].message


def test_toolkit_ignore_flag_and_comment():
    bad = {"msgid": "Save", "msgstr": "Sačuvaj"}
    assert hits(run("sr", [bad]), "script-mix")
    assert not hits(run("sr", [{**bad, "flags": ["toolkit-ignore: script-mix"]}]), "script-mix")
    assert not hits(run("sr", [{**bad, "tcomment": "toolkit-ignore: script-mix"}]), "script-mix")
    # polib splits "#, toolkit-ignore: a, b" at the comma.
    assert ignored_checks(["toolkit-ignore: script-mix", "quotation-marks", "fuzzy"]) == {"script-mix", "quotation-marks"}
    assert ignored_checks(["python-format"], "toolkit-ignore: unchanged, quotation-marks") == {"unchanged", "quotation-marks"}


def test_toolkit_ignore_parsed_from_a_po_file(tmp_path):
    path = tmp_path / "sr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: sr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {PLURAL_FORMS["sr"]}\\n"\n\n'
        '#, python-format, toolkit-ignore: placeholder-mismatch, script-mix\n'
        'msgid "Hello %(name)s"\nmsgstr "Zdravo"\n\n'
        'msgid "Bye %(name)s"\nmsgstr "Zdravo"\n',
        encoding="utf-8",
    )
    findings = check_catalog_files([path])
    assert {(f.check, f.msgid) for f in findings if f.severity != "info" and f.check != "header-fields"} == {
        ("placeholder-mismatch", "Bye %(name)s"), ("script-mix", "Bye %(name)s")}
    assert [f.line for f in findings if f.check == "script-mix"] == [11]


def test_locale_from_option_path_and_header(tmp_path):
    body = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Save"\nmsgstr "Sačuvaj"\n'
    loose = tmp_path / "loose.po"
    loose.write_text(body.format(lang="sr@latin"), encoding="utf-8")
    assert {f.locale for f in check_catalog_files([loose])} == {"sr_Latn"}
    assert "script-mix" in {f.check for f in check_catalog_files([loose], locale="sr")}
    nameless = tmp_path / "nameless.po"
    nameless.write_text(body.format(lang=""), encoding="utf-8")
    with pytest.raises(InputError, match="pass -l"):
        check_catalog_files([nameless])


def test_glossary_inflection_and_errors(tmp_path):
    g = glossary_from_data({"terms": {"European Union": {"sr": "Европска унија", "sq": "Bashkimi Evropian"}},
                            "do-not-translate": ["EU Council"]})
    assert not g.missing_translations("European Union", "у Европској унији", "sr")
    assert not g.missing_translations("the European Union", "Bashkimit Evropian", "sq")
    assert g.missing_translations("European Union", "Европа", "sr")
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  EU:\n    xx_bogus_1: EU\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"glossary.yaml:3"):
        load_glossary(bad)
    bad.write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="glossary.yaml"):
        load_glossary(bad)


def test_textutil_public_helpers():
    assert tu.python_placeholders("%(a)s and %d and 100%%") == ("%(a)s", "%d")
    assert tu.brace_placeholders("{name} {0!r} {{x}}") == ("{name}", "{0!r}")
    assert tu.numbers("1,000 and %(n)d at https://x.org/2020") == ("1000",)
    assert tu.word_script("Београд") == "Cyrl" and tu.word_script("Beograd") == "Latn"
    assert tu.word_script("Бeоград") == "mixed"
    assert tu.parse_markup("<b>x").problems == ["<b> is never closed"]
    assert tu.quote_problems("„Да“", "sr") == () and tu.quote_problems('"Да"', "sr")
    assert tu.end_punctuation('Done."</b>') == "."


# -- real catalogues ----------------------------------------------------------

REAL_FILES = sorted(REAL.rglob("*.po"))


def test_real_catalogues_are_checked_without_crashing():
    assert len(REAL_FILES) >= 9
    findings = check_catalog_files(REAL_FILES, glossary=GLOSSARY)
    locales = {f.locale for f in findings}
    assert {"sr", "sr_Latn", "sq", "hr", "bs", "mk", "uk"} <= locales


def test_flask_admin_serbian_has_no_plural_forms_and_latin_under_cyrillic():
    path = REAL / "flask_admin" / "sr" / "LC_MESSAGES" / "admin.po"
    findings = check_catalog_files([path])
    checks = {f.check for f in findings}
    assert "header-plural-forms" in checks
    latin = [f for f in findings if f.check == "script-mix"]
    assert len(latin) > 100  # nearly every entry: the catalogue is in Latin script
    assert any("Sačuvaj" in f.message or "Početna" in f.message for f in latin)
    assert "header-language" not in checks  # "sr_SP" still names Serbian in Cyrillic


def test_django_ukrainian_header_says_four_plural_forms():
    path = REAL / "django" / "conf" / "uk" / "LC_MESSAGES" / "django.po"
    findings = [f for f in check_catalog_files([path]) if f.check == "plural-forms-language"]
    assert len(findings) == 1 and "nplurals=4" in findings[0].message


def test_django_humanize_serbian_latin_drops_the_count_in_form_zero():
    path = REAL / "django" / "humanize" / "sr_Latn" / "LC_MESSAGES" / "django.po"
    findings = [f for f in check_catalog_files([path]) if f.check == "placeholder-mismatch"]
    assert findings and all(f.extra["form"] == "msgstr[0]" for f in findings)


def test_clean_real_catalogue_has_no_header_errors():
    path = REAL / "django" / "conf" / "sr" / "LC_MESSAGES" / "django.po"
    findings = check_catalog_files([path])
    assert not [f for f in findings if f.check.startswith(("header-", "plural-"))]


# -- command line -------------------------------------------------------------

def test_cli_exit_codes(tmp_path, capsys):
    flask = str(REAL / "flask_admin" / "sr" / "LC_MESSAGES" / "admin.po")
    assert main(["check", flask]) == 1
    clean = tmp_path / "hr" / "LC_MESSAGES" / "messages.po"
    clean.parent.mkdir(parents=True)
    clean.write_text(
        'msgid ""\nmsgstr ""\n"Language: hr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {PLURAL_FORMS["hr"]}\\n"\n\nmsgid "Save"\nmsgstr "Spremi"\n\n'
        'msgid "Saved."\nmsgstr "Spremljeno"\n',
        encoding="utf-8",
    )
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(clean), "--fail-on", "warning"]) == 1
    broken = tmp_path / "broken.po"
    broken.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    assert main(["check", str(broken), "-l", "sr"]) == 2
    assert "broken.po:5" in capsys.readouterr().err


def test_cli_baseline_accepts_justified_findings(tmp_path):
    po = tmp_path / "hr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: hr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {PLURAL_FORMS["hr"]}\\n"\n\nmsgid "Hi %(name)s"\nmsgstr "Bok"\n',
        encoding="utf-8",
    )
    assert main(["check", str(po)]) == 1
    baseline = tmp_path / "baseline.yaml"
    shown = str(po)  # outside the project, findings name the path as given
    baseline.write_text(
        f"- check: placeholder-mismatch\n  locale: hr\n  path: {shown}\n  msgid: Hi %(name)s\n"
        "  justification: The greeting leaves the name out on purpose.\n", encoding="utf-8")
    assert main(["check", str(po), "--baseline", str(baseline)]) == 0
    baseline.write_text(f"- check: placeholder-mismatch\n  path: {shown}\n  msgid: x\n", encoding="utf-8")
    assert main(["check", str(po), "--baseline", str(baseline)]) == 2


def test_cli_checks_lists_catalogue_checks(capsys):
    assert main(["checks", "--family", "catalogue"]) == 0
    out = capsys.readouterr().out
    for check_id in ("placeholder-mismatch", "script-mix", "quotation-marks", "glossary-term", "plural-forms-language"):
        assert check_id in out
    assert "toolkit-ignore" in out


def test_same_translation_for_different_msgids_in_one_context():
    entries = [
        {"msgid": "The meeting was held in Belgrade.", "msgstr": "Sastanak je održan u Beogradu."},
        {"msgid": "The report was published in Belgrade.", "msgstr": "Sastanak je održan u Beogradu."},
        {"msgid": "The meeting was held in Belgrade!", "msgstr": "Sastanak je održan u Beogradu.",
         "msgctxt": "other"},
        {"msgid": "Close", "msgstr": "Zatvori"},
        {"msgid": "Shut", "msgstr": "Zatvori"},
    ]
    found = hits(run("hr", entries), "same-translation")
    assert list(found) == ["The report was published in Belgrade."]
    assert "line 10" in found["The report was published in Belgrade."][0].message


def test_header_fuzzy_and_fields():
    po = catalog("hr", [{"msgid": "Save", "msgstr": "Spremi"}], header={
        "Project-Id-Version": "PACKAGE VERSION", "PO-Revision-Date": "2020-12-01 10:00+0100",
        "Last-Translator": "Ana <ana@example.org>", "Language-Team": "hr", "MIME-Version": "1.0",
        "Content-Transfer-Encoding": "8bit"})
    po.metadata_is_fuzzy = ["fuzzy"]
    findings = check_catalog(po, get_locale("hr"), "hr.po")
    assert [f.message for f in findings if f.check == "header-fuzzy"]
    (fields,) = [f.message for f in findings if f.check == "header-fields"]
    assert "Project-Id-Version" in fields and "placeholder" in fields
    po.metadata["Project-Id-Version"] = "seesac 1.0"
    po.metadata_is_fuzzy = []
    assert not [f for f in check_catalog(po, get_locale("hr"), "hr.po") if f.check in ("header-fuzzy", "header-fields")]
    del po.metadata["Language-Team"]
    (missing,) = [f.message for f in check_catalog(po, get_locale("hr"), "hr.po") if f.check == "header-fields"]
    assert "missing: Language-Team" in missing


def test_homoglyph_letters_inside_words():
    findings = run("sr", [{"msgid": "5 minutes", "msgstr": "5 минутa"}, {"msgid": "Close", "msgstr": "Затвори"}])
    assert list(hits(findings, "mixed-script-word")) == ["5 minutes"]
    latin = run("hr", [{"msgid": "Police", "msgid_plural": "", "msgstr": "Pоlicija"}])
    assert hits(latin, "mixed-script-word")


def test_markdown_link_syntax_is_not_prose():
    text = "Na Kosovu[\\*](#kosovo-1244 \"Fusnota o Kosovu\") i u Albaniji."
    cyrillic = "На Косову[\\*](#kosovo-1244 \"Фуснота о Косову\") и у Албанији."
    source = "In Kosovo[\\*](#kosovo-1244 \"Footnote on Kosovo\") and Albania."
    findings = run("sr", [{"msgid": source, "msgstr": cyrillic}]) + run("sr_Latn", [{"msgid": source, "msgstr": text}])
    noisy = [f for f in findings if f.check in ("quotation-marks", "script-mix", "space-before-punctuation",
                                                "markdown-mismatch", "number-mismatch")]
    assert not noisy, noisy
    # The title's words are still prose: a Latin word there is reported.
    mixed = run("sr", [{"msgid": source, "msgstr": cyrillic.replace("Фуснота", "Fusnota")}])
    assert hits(mixed, "script-mix")


def test_albanian_linking_articles_follow_the_case():
    glossary = glossary_from_data({"terms": {
        "Security Council": {"sq": "Këshilli i Sigurimit"},
        "United Nations": {"sq": "Kombet e Bashkuara"},
        "Montenegro": {"sq": "Mali i Zi"},
    }})
    good = [
        {"msgid": "a resolution of the Security Council", "msgstr": "një rezolutë e të Këshillit të Sigurimit"},
        {"msgid": "the United Nations", "msgstr": "të Kombeve të Bashkuara"},
        {"msgid": "in Montenegro", "msgstr": "në Mal të Zi"},
    ]
    assert not hits(run("sq", good, glossary=glossary), "glossary-term")
    bad = [{"msgid": "in Montenegro", "msgstr": "në Maqedoni"}]
    assert hits(run("sq", bad, glossary=glossary), "glossary-term")
    # Serbian has no linking articles: "i" there is the conjunction, not interchangeable.
    serbian = glossary_from_data({"terms": {"Bosnia and Herzegovina": {"sr_Latn": "Bosna i Hercegovina"}}})
    assert hits(run("sr_Latn", [{"msgid": "Bosnia and Herzegovina", "msgstr": "Bosna e Hercegovina"}],
                    glossary=serbian), "glossary-term")


def test_parallel_run_finds_the_same_as_a_serial_one(monkeypatch):
    from toolkit.checks import runner

    entries = [fields for case in CASES for fields in case[2] + case[3] if not fields.get("obsolete")]
    po = catalog("sr", [dict(fields, msgctxt=f"copy {n}") for n in range(40) for fields in entries])
    serial = check_catalog(po, get_locale("sr"), "sr.po", glossary=GLOSSARY, jobs=1)
    monkeypatch.setattr(runner, "PARALLEL_MIN_ENTRIES", 10)
    parallel = check_catalog(po, get_locale("sr"), "sr.po", glossary=GLOSSARY, jobs=3)
    assert len(serial) > 100
    assert [f.to_dict() for f in parallel] == [f.to_dict() for f in serial]


def test_project_catalogues_are_clean_of_warnings():
    findings = check_catalog_files(sorted((ROOT / "locales").rglob("*.po")), glossary=GLOSSARY)
    assert not [(f.path, f.line, f.check, f.message) for f in findings if f.severity != "info"]
