"""The check registry and the runner: one declaration per check, pairs from the runner, worker errors surface."""

from __future__ import annotations

import json
import os

import polib
import pytest

from toolkit.checks import registry, runner
from toolkit.checks.registry import FAMILIES, REGISTRY, check, checks_of
from toolkit.cli import main
from toolkit.errors import ToolkitError
from toolkit.findings import SEVERITIES
from toolkit.locales import PLURAL_FORMS, get_locale


@pytest.fixture
def scratch_check():
    """Forget the checks a test declares."""
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def catalog(entries: list[dict]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": "sr", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": PLURAL_FORMS["sr"]}
    for number, fields in enumerate(entries):
        entry = polib.POEntry(**fields)
        entry.linenum = 10 + number * 4
        po.append(entry)
    return po


def test_every_registered_check_is_complete():
    checks = registry.all_checks()
    assert {c.family for c in checks} == set(FAMILIES)
    for declared in checks:
        assert declared.id and declared.id == declared.id.lower() and " " not in declared.id
        assert declared.family in FAMILIES
        assert declared.severity in SEVERITIES
        assert declared.description.strip()
        assert callable(declared.function)
        if declared.family == "catalogue":
            assert declared.scope in registry.SCOPES


def test_toolkit_checks_lists_exactly_the_registry(capsys):
    assert main(["checks", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(c["id"] for c in listed) == sorted(REGISTRY)
    for row in listed:
        declared = REGISTRY[row["id"]]
        assert row == {"id": declared.id, "family": declared.family, "severity": declared.severity,
                       "description": declared.description}
    assert main(["checks", "--family", "pages", "--format", "json"]) == 0
    assert {c["id"] for c in json.loads(capsys.readouterr().out)} == {c.id for c in checks_of("pages")}


def test_a_catalogue_check_is_one_function_over_a_pair(scratch_check):
    @check("test-no-exclamation", "catalogue", "warning", "No exclamation mark the msgid lacks", triggers="!")
    def no_exclamation(source, text, ctx):
        if "!" in text and "!" not in source:
            return "exclamation mark added"
        return None

    po = catalog([
        {"msgid": "Saved", "msgstr": "Сачувано!"},
        {"msgid": "Saved!", "msgstr": "Сачувано!"},
        {"msgid": "%(n)d file", "msgid_plural": "%(n)d files",
         "msgstr_plural": {0: "%(n)d датотека", 1: "%(n)d датотеке!", 2: "%(n)d датотека"}},
        {"msgid": "Done", "msgstr": "Готово!", "tcomment": "toolkit-ignore: test-no-exclamation"},
    ])
    findings = [f for f in runner.check_catalog(po, get_locale("sr"), "sr.po") if f.check == "test-no-exclamation"]
    assert [(f.msgid, f.message, f.severity, f.extra["form"]) for f in findings] == [
        ("Saved", "exclamation mark added", "warning", "msgstr"),
        ("%(n)d file", "msgstr[1]: exclamation mark added", "warning", "msgstr[1]"),
    ]


def test_a_check_id_is_declared_once(scratch_check):
    with pytest.raises(ValueError):
        check("placeholder-mismatch", "catalogue", "info", "another meaning")(lambda source, text, ctx: None)


def _failing(source, text, ctx):
    if os.getpid() != PARENT and "boom" in text:
        raise RuntimeError("the check broke on " + text)
    return None


PARENT = os.getpid()


def test_a_worker_exception_is_an_error_with_its_traceback(scratch_check, monkeypatch):
    check("test-fails-in-worker", "catalogue", "error", "Fails in a worker process")(_failing)
    monkeypatch.setattr(runner, "PARALLEL_MIN_ENTRIES", 10)
    po = catalog([{"msgid": f"Item {n}", "msgstr": f"boom {n}", "msgctxt": str(n)} for n in range(200)])
    with pytest.raises(runner.CheckWorkerError) as raised:
        runner.check_catalog(po, get_locale("sr"), "sr.po", jobs=2)
    assert isinstance(raised.value, ToolkitError) and raised.value.exit_code == 2
    message = str(raised.value)
    assert "sr.po" in message and "RuntimeError: the check broke on boom" in message and "_failing" in message


def test_text_memos_answer_immutably_and_are_cleared_by_the_session():
    from toolkit.checks import text as tu

    with runner.session():
        assert isinstance(tu.words("two words"), tuple)
        assert isinstance(tu.numbers("1 and 2"), tuple)
        assert tu.words.cache_info().currsize
    assert all(memo.cache_info().currsize == 0 for memo in tu._MEMOS)
