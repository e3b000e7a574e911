"""The JUnit XML report: one test case per check and catalogue (or page).

CI systems show each case as a test; a case fails when it has findings at or
above ``fail_on`` (default: warning), and lesser findings go to its output.
When ``extra`` lists the checked ``paths`` and ``checks``, clean pairs appear
as passing cases too.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from ..findings import Finding, severity_rank


def render_junit(findings: list[Finding], extra: dict | None = None) -> str:
    extra = extra or {}
    threshold = severity_rank(extra.get("fail_on", "warning"))
    cases: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for check in extra.get("checks", ()):
        for path in extra.get("paths", ()):
            cases[(check, str(path))]
    for finding in findings:
        cases[(finding.check, finding.path or "-")].append(finding)

    by_check: dict[str, list[tuple[str, list[Finding]]]] = defaultdict(list)
    for (check, path), items in sorted(cases.items()):
        by_check[check].append((path, items))

    root = etree.Element("testsuites", name="toolkit")
    total_tests = total_failures = 0
    for check, entries in by_check.items():
        suite = etree.SubElement(root, "testsuite", name=check)
        failures = 0
        for path, items in entries:
            case = etree.SubElement(suite, "testcase", name=path, classname=check)
            failing = [f for f in items if severity_rank(f.severity) >= threshold]
            passing = [f for f in items if severity_rank(f.severity) < threshold]
            if failing:
                failures += 1
                worst = max(failing, key=lambda f: severity_rank(f.severity))
                failure = etree.SubElement(
                    case, "failure", type=worst.severity,
                    message=f"{len(failing)} finding(s) of {check} in {path}",
                )
                failure.text = "\n".join(_line(f) for f in failing)
            if passing:
                out = etree.SubElement(case, "system-out")
                out.text = "\n".join(_line(f) for f in passing)
        suite.set("tests", str(len(entries)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += len(entries)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def _line(finding: Finding) -> str:
    where = finding.location()
    locale = f" [{finding.locale}]" if finding.locale else ""
    subject = f" (msgid {finding.msgid!r})" if finding.msgid else (f" ({finding.target})" if finding.target else "")
    return f"{where}: {finding.severity}{locale}: {finding.message}{subject}"
