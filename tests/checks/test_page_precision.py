"""Precision of the page checks on real multilingual sites this project did not build.

``tests/data/sites/<site>/<locale folder>/`` holds pages of three real sites
(see ``tests/data/sites/README.md``); ``tests/data/sites/judged.jsonl`` is a
stratified random sample of their error and warning findings, each judged by
hand ``true`` (a real problem), ``false`` (a false alarm) or ``debatable``.

The page checks run once per site through the CLI, outside any project (as a
QA person checks someone else's site): a judged false alarm must not come back
at error or warning, a judged real problem must still be reported, and at
least 90% of the judged findings still reported must be real problems.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITES = ROOT / "tests" / "data" / "sites"
JUDGED = SITES / "judged.jsonl"
REPORTED = ("error", "warning")
PREFIX = 80  # characters of the message that identify a finding when its target moved


def site_folders() -> list[Path]:
    return sorted(p for p in SITES.iterdir() if p.is_dir())


def load_judged() -> list[dict]:
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]


def repo_path(path: str | None) -> str | None:
    """A finding's path relative to the repository root, however the run wrote it."""
    if not path:
        return path
    candidate = Path(path)
    if not candidate.is_absolute():
        for base in (ROOT, SITES):
            if (base / candidate).exists():
                candidate = base / candidate
                break
    try:
        return candidate.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path


def normalized_message(message: str) -> str:
    return message.replace(f"{ROOT.as_posix()}/", "")


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> dict:
    """Run the page checks on every corpus site: {"findings": [...], "failures": {site: stderr}}."""
    workdir = tmp_path_factory.mktemp("page-precision")  # no pyproject.toml: no project configuration
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    findings, failures = [], {}
    for site in site_folders():
        report = workdir / f"{site.name}.json"
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "check", "--checks", "pages", "--format", "json",
             "-o", str(report), str(site)],
            cwd=workdir, env=env, capture_output=True, text=True,
        )
        if result.returncode not in (0, 1) or not report.is_file():
            failures[site.name] = f"exit {result.returncode}: {result.stderr.strip()[-500:]}"
            continue
        for finding in json.loads(report.read_text(encoding="utf-8"))["findings"]:
            finding["path"] = repo_path(finding.get("path"))
            finding["message"] = normalized_message(finding.get("message", ""))
            findings.append(finding)
    return {"findings": findings, "failures": failures}


def index(findings: list[dict]) -> tuple[set, dict]:
    by_target, by_page = set(), {}
    for f in findings:
        if f["severity"] not in REPORTED:
            continue
        by_target.add((f["check"], f["path"], f.get("target")))
        by_page.setdefault((f["check"], f["path"]), []).append(f["message"])
    return by_target, by_page


def still_reported(judged: dict, by_target: set, by_page: dict) -> bool:
    if (judged["check"], judged["path"], judged.get("target")) in by_target:
        return True
    prefix = judged["message"][:PREFIX]
    return any(m.startswith(prefix) for m in by_page.get((judged["check"], judged["path"]), ()))


def describe(judged: dict) -> str:
    return (f"{judged['check']} {judged['path']} {judged.get('target')}: {judged['message'][:120]!r} "
            f"({judged['verdict']}: {judged['reason']})")


def test_corpus_is_complete():
    judged = load_judged()
    assert len(judged) >= 150
    assert {j["verdict"] for j in judged} <= {"true", "false", "debatable"}
    for j in judged:
        assert (ROOT / j["path"]).is_file(), j["path"]
    assert len(site_folders()) >= 3


def test_every_site_is_checked(reported):
    assert not reported["failures"], "page checks could not run on: " + "; ".join(
        f"{site}: {why}" for site, why in reported["failures"].items())


def test_no_judged_false_alarm_is_reported(reported):
    by_target, by_page = index(reported["findings"])
    back = [j for j in load_judged() if j["verdict"] == "false" and still_reported(j, by_target, by_page)]
    assert not back, f"{len(back)} judged false alarm(s) still reported at error/warning:\n" + "\n".join(
        describe(j) for j in back)


def test_every_judged_real_problem_is_reported(reported):
    by_target, by_page = index(reported["findings"])
    lost = [j for j in load_judged() if j["verdict"] == "true" and not still_reported(j, by_target, by_page)]
    assert not lost, f"{len(lost)} judged real problem(s) no longer reported at error/warning:\n" + "\n".join(
        describe(j) for j in lost)


def test_precision_on_the_judged_sample(reported):
    by_target, by_page = index(reported["findings"])
    judged = [j for j in load_judged() if j["verdict"] in ("true", "false")]
    kept = [j for j in judged if still_reported(j, by_target, by_page)]
    true = sum(j["verdict"] == "true" for j in kept)
    false = len(kept) - true
    total_true = sum(j["verdict"] == "true" for j in judged)
    assert true + false > 0, "no judged finding is reported at all"
    precision = true / (true + false)
    assert precision >= 0.9, (f"precision {precision:.0%}: {true} real problems and {false} false alarms among the "
                              f"judged findings still reported ({total_true} judged real in all)")


# -- the false-alarm patterns and input problems, each on a real page of the corpus ------


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    from toolkit.checks.pages import check_pages
    from toolkit.config import Config

    root = tmp_path_factory.mktemp("no-project")
    return {site.name: check_pages(site, Config(root=root)) for site in site_folders()}


def on(findings, check, page):
    return [f for f in findings if f.check == check and f.path.endswith(page)]


def test_xhtml_with_an_xml_declaration_is_read(in_process):
    # gimp-help pages start with <?xml version="1.0" encoding="UTF-8" standalone="no"?>
    assert (SITES / "gimp-help/hr/introduction.html").read_bytes().startswith(b"<?xml")
    assert {f.locale for f in in_process["gimp-help"]} >= {"hr", "ru", "uk", "de"}


def test_bcp47_folders_are_locales_and_en_us_is_the_source(in_process):
    findings = in_process["debian-handbook"]
    assert {f.locale for f in findings} >= {"hr_HR", "ru_RU", "pt_BR", "zh_CN"}
    # The Croatian pages are compared with en-US: its English title is found.
    (title,) = on(findings, "title", "hr-HR/sect.apt-file.html")
    assert "en-US/sect.apt-file.html" in title.message


def test_lang_with_a_region_and_no_script_is_right(in_process):
    # <html lang="en-US"> and lang="pt-BR" (libreoffice-help): valid, the script is implied.
    assert not [f for f in in_process["libreoffice-help"] if f.check == "html-lang"]


def test_hidden_and_code_text_is_not_untranslated(in_process):
    findings = in_process["libreoffice-help"] + in_process["debian-handbook"] + in_process["gimp-help"]
    texts = {f.msgid for f in findings if f.check == "untranslated-text"}
    # <div id="DEBUG" class="debug"> (default.css: .debug { display: none }), a
    # <span class="pkg">cruft</span>, a <code class="option">-n, --new-instance</code>.
    assert not texts & {"Help content debug info:", "This page is:", "cruft", "libreoffice", "-n, --new-instance"}
    assert "Download the ebook" in texts and "Closing the image" in texts


def test_a_term_inside_a_russian_sentence_is_not_script_mixing(in_process):
    # "... в группу <em>audio</em> ..." and "(login)" in Russian sentences: terms, not slips.
    messages = [f.message for f in in_process["debian-handbook"] if f.check == "script-mixing"]
    assert not [m for m in messages if m.endswith(": audio") or m.endswith(": login")]
    # The Russian LibreOffice sidebar's English "Index" is still reported.
    assert on(in_process["libreoffice-help"], "script-mixing", "ru/text/shared/find_toolbar.html")


def test_english_quotes_of_english_text_are_left_to_untranslated_text(in_process):
    quotes = [f for f in in_process["debian-handbook"] + in_process["gimp-help"] if f.check == "quotes"]
    assert [f.path.split("/")[-2:] for f in quotes] == [["hr-HR", "foreword.html"]]
    assert "ASCII" in quotes[0].message  # Debian GNU/Linux je "generička" Linux distribucija


def test_a_site_wide_absence_is_one_finding_per_locale(in_process):
    for name, findings in in_process.items():
        absent = [f for f in findings if f.check == "hreflang"]
        assert len(absent) == len({f.locale for f in absent}), name
        assert all(f.extra["pages"] > 1 and f.extra["examples"] for f in absent), name


def test_structure_parity_ignores_generated_ids_and_base_href(in_process):
    findings = in_process["gimp-help"] + in_process["libreoffice-help"]
    assert not [f for f in findings if f.check == "structure-parity" and f.severity != "info"]
    # footnote ids (#idm1560 vs #idm1574) and links under <base href="../../../../">
    assert not on(findings, "structure-parity", "de/gimp-image-window.html")
    assert not on(findings, "structure-parity", "sl/text/shared/05/new_help.html")


def test_no_finding_is_reported_twice(in_process):
    for findings in in_process.values():
        keys = [(f.check, f.path, f.line, f.target, f.message) for f in findings]
        assert len(keys) == len(set(keys))
