"""Suggestions from sibling languages go in fuzzy, naming their source."""

from __future__ import annotations

import polib

from toolkit.po.catalog import compile_mo, new_catalog
from toolkit.locales import get_locale
from toolkit.update.siblings import suggest_from_siblings


def catalog(code: str, *entries: polib.POEntry) -> polib.POFile:
    result = new_catalog(get_locale(code))
    for entry in entries:
        result.append(entry)
    return result


def E(msgid, msgstr="", **kw):
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kw)


def test_first_translated_sibling_wins_and_goes_in_fuzzy():
    catalogs = {
        "hr": catalog("hr", E("Mine action", "Protuminsko djelovanje"), E("News", "Vijesti"),
                      E("Draft", "Nacrt", flags=["fuzzy"])),
        "bs": catalog("bs", E("Mine action"), E("News"), E("Draft"), E("Report", "Izvještaj"),
                      E("Done", "Gotovo"), E("Ctx", msgctxt="menu")),
        "cnr": catalog("cnr", E("Mine action", "Protivminsko djelovanje"), E("Report", "Izvještaj CG"),
                       E("Draft", "Skica"), E("Ctx", "Bez konteksta")),
        "sr_Latn": catalog("sr_Latn", E("Ctx", "Meni", msgctxt="menu")),
    }
    catalogs["bs"].append(E("Home", "Naslovna", flags=["fuzzy"]))
    filled = suggest_from_siblings(catalogs, "bs")
    entries = {(e.msgctxt, e.msgid): e for e in catalogs["bs"]}
    assert filled == 4
    assert entries[(None, "Mine action")].msgstr == "Protuminsko djelovanje"
    assert entries[(None, "Mine action")].tcomment == "suggested from hr"
    assert entries[(None, "Draft")].msgstr == "Skica"  # hr's is fuzzy: not a source
    assert entries[(None, "Draft")].tcomment == "suggested from cnr"
    assert entries[("menu", "Ctx")].msgstr == "Meni"  # msgctxt is part of the match
    assert entries[("menu", "Ctx")].tcomment == "suggested from sr_Latn"
    # Translated or already fuzzy entries are not touched.
    assert entries[(None, "Report")].msgstr == "Izvještaj"
    assert entries[(None, "Home")].msgstr == "Naslovna"
    assert all("fuzzy" in entries[k].flags for k in [(None, "Mine action"), (None, "Draft"), ("menu", "Ctx")])
    assert "fuzzy" not in entries[(None, "Done")].flags
    # Suggestions never reach the compiled catalogue.
    compiled = compile_mo(catalogs["bs"])
    assert b"Protuminsko" not in compiled and b"Gotovo" in compiled


def test_plurals_carry_over_between_same_rules_and_order_is_respected():
    forms = {0: "{n} izvještaj", 1: "{n} izvještaja", 2: "{n} izvještaja"}
    plural = dict(msgid_plural="{n} reports", msgstr_plural=forms)
    catalogs = {
        "hr": catalog("hr", E("{n} report", msgid_plural="{n} reports", msgstr_plural={0: "", 1: "", 2: ""}),
                      E("News")),
        "bs": catalog("bs", E("{n} report", **plural), E("News", "Vijesti")),
        "cnr": catalog("cnr", E("News", "Novosti")),
        "sq": catalog("sq", E("{n} report", msgid_plural="{n} reports", msgstr_plural={0: "a", 1: "b"})),
    }
    assert suggest_from_siblings(catalogs, "hr", order=("sq", "cnr", "bs")) == 2
    entries = {e.msgid: e for e in catalogs["hr"]}
    assert entries["{n} report"].msgstr_plural == forms  # sq has 2 forms: skipped
    assert entries["{n} report"].tcomment == "suggested from bs"
    assert entries["News"].msgstr == "Novosti"
    # A second run finds nothing left to fill.
    assert suggest_from_siblings(catalogs, "hr", order=("sq", "cnr", "bs")) == 0
