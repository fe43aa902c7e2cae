"""JUnit XML: one suite per class, failures and errors where the checks say so."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from autograder.reporters import junit_error, to_junit
from tests.reporters._sample import sample


def test_suites_cases_and_counts_follow_the_checks():
    root = ET.fromstring(to_junit(sample()))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "1", "2")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["Linear", "ReLU"]
    linear, relu = suites
    assert len(linear.findall("testcase")) == 3
    failure = linear.find("testcase/failure")
    assert failure is not None and "bp_param['W']" in failure.get("message")
    assert [e.get("type") for e in relu.findall("testcase/error")] == ["error", "timeout"]
    props = {p.get("name"): p.get("value") for p in linear.find("properties")}
    assert props == {"score": "3", "max_score": "6"}
    assert "debug print from alice" in linear.find("system-out").text


def test_an_ungradable_submission_is_one_error():
    root = ET.fromstring(junit_error("not a notebook"))
    assert root.get("errors") == "1"
    assert root.find("testsuite/testcase/error").get("message") == "not a notebook"
