import pytest

from toolkit.locales import UnknownLocaleError, get_locale


@pytest.mark.parametrize(
    "code, tag, script, nplurals",
    [
        ("en", "en", "Latn", 2),
        ("sq", "sq", "Latn", 2),
        ("bs", "bs", "Latn", 3),
        ("hr", "hr", "Latn", 3),
        ("mk", "mk", "Cyrl", 2),
        ("sr", "sr-Cyrl", "Cyrl", 3),
        ("sr_Latn", "sr-Latn", "Latn", 3),
        ("sr@latin", "sr-Latn", "Latn", 3),
        ("cnr", "cnr", "Latn", 3),
        ("uk", "uk", "Cyrl", 3),  # gettext tools use 3 forms, not CLDR's 4
    ],
)
def test_locale_model(code, tag, script, nplurals):
    locale = get_locale(code)
    assert (locale.tag, locale.script, locale.nplurals) == (tag, script, nplurals)
    assert locale.direction == "ltr"


def test_montenegrin_is_its_own_language_with_latin_dates():
    cnr = get_locale("cnr")
    assert cnr.language == "cnr" and cnr.tag == "cnr"
    assert cnr.cldr == "sr_Latn_ME"


def test_autonyms_are_in_the_language_itself():
    assert get_locale("sr").autonym == "Српски"
    assert get_locale("sq").autonym == "Shqip"
    assert get_locale("mk").autonym == "Македонски"


@pytest.mark.parametrize("bad", ["../../etc", "xx", "sr_Latn/../x", "", "en@klingon"])
def test_unknown_or_hostile_names_are_refused(bad):
    with pytest.raises(UnknownLocaleError):
        get_locale(bad)


def test_fallback_across_scripts_is_refused():
    with pytest.raises(UnknownLocaleError, match="another script"):
        get_locale("sr_Latn", fallbacks=("sr",))
    assert get_locale("cnr", fallbacks=("sr_Latn",)).fallbacks == ("sr_Latn",)
