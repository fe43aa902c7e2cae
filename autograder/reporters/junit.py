"""JUnit XML from a `GradeResult`: one <testsuite> per class, one <testcase> per check.

A failed check is a <failure>, a check that raised, crashed or timed out an <error> (type
"error" / "timeout"), with the grader's one-line message. Each suite keeps its points as
<properties> (``score``, ``max_score``); what the submission printed and the loading problems
go to the first suite's <system-out>. For CI dashboards that read JUnit (GitLab, Jenkins, test
reporter actions); it carries no more than the JSON report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..results import CheckResult, GradeResult
from ..text import shown
from ._safe import safe_result


def _counts(element: ET.Element, checks: tuple[CheckResult, ...] | list[CheckResult]) -> None:
    element.set("tests", str(len(checks)))
    element.set("failures", str(sum(c.status == "failed" for c in checks)))
    element.set("errors", str(sum(c.status in ("error", "timeout") for c in checks)))


def _suite(root: ET.Element, result: GradeResult, unit: str) -> ET.Element:
    checks = result.for_unit(unit)
    suite = ET.SubElement(root, "testsuite", name=unit)
    _counts(suite, checks)
    suite.set("skipped", "0")
    props = ET.SubElement(suite, "properties")
    score, total = result.unit_score(unit)
    ET.SubElement(props, "property", name="score", value=f"{score:g}")
    ET.SubElement(props, "property", name="max_score", value=f"{total:g}")
    for c in checks:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{result.assignment}.{unit}",
            name=f"{c.name} ({c.max_score:g} pt)",
        )
        if c.status == "failed":
            ET.SubElement(case, "failure", message=c.message, type="failed").text = c.message
        elif c.status in ("error", "timeout"):
            ET.SubElement(case, "error", message=c.message, type=c.status).text = c.message
    return suite


def to_junit(result: GradeResult) -> str:
    # no character XML 1.0 forbids is left (ElementTree would write it, unparseable)
    result = safe_result(result)
    root = ET.Element("testsuites", name=f"backprop-kit {result.assignment}")
    _counts(root, result.checks)
    suites = [_suite(root, result, unit) for unit in result.units()]
    text = "\n".join([*result.diagnostics, result.output]).strip()
    if text and suites:
        ET.SubElement(suites[0], "system-out").text = text
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def junit_error(reason: str) -> str:
    """A report with one errored test case: the submission could not be graded."""
    reason = shown(reason)
    root = ET.Element("testsuites", name="backprop-kit", tests="1", failures="0", errors="1")
    suite = ET.SubElement(
        root, "testsuite", name="submission", tests="1", failures="0", errors="1", skipped="0"
    )
    case = ET.SubElement(suite, "testcase", classname="submission", name="readable")
    ET.SubElement(case, "error", message=reason, type="unreadable").text = reason
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
