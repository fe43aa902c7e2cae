"""The class report: a self-contained page, its plots drawn, student text never markup."""

from __future__ import annotations

import re

import pytest

from autograder.classreport.page import class_report_html, common_mistakes, not_graded
from autograder.classreport.records import read_records
from tests.classreport._records import BATCH, a_class, check, record

HOSTILE_ID = "<script>alert(1)</script>"
HOSTILE_MESSAGE = 'x <img src=x onerror="alert(2)"> Likely mistake: <b>bold</b> & more.'


def hostile_class() -> list[dict]:
    bad = check("Linear", "bp_input matches torch", "failed", message=HOSTILE_MESSAGE)
    return [*a_class(), record(HOSTILE_ID, [bad]), record("<i>", [], "grader error", "<u>x</u>")]


def test_mistakes_are_grouped_by_phrase_counted_once_per_submission_with_an_example():
    records, _ = read_records(a_class())
    mistakes = common_mistakes(records)
    assert mistakes[0] == ("off by the batch size", 2, BATCH, "bob")
    assert [m[0] for m in mistakes] == ["off by the batch size", "sign flipped"]


def test_ungraded_and_timed_out_submissions_are_listed_with_their_reason():
    late = check("Tanh", "shapes", "timeout", message="took over 20 s")
    records, _ = read_records([*a_class(), record("fay", [late])])
    assert not_graded(records) == [
        ("erin", "unreadable", "erin.ipynb is not a readable notebook"),
        ("fay", "1 checks timed out", "Tanh: shapes: took over 20 s"),
    ]


def test_student_text_is_escaped_and_the_page_needs_no_network():
    records, _ = read_records(hostile_class())
    page = class_report_html(records, ["<svg onload=alert(3)>.json: skipped"])
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()  # no script of its own either
    assert re.findall(r'(?:src|href)="(?!data:|feedback/)', page) == []


def test_an_empty_class_still_gives_a_page():
    assert "Class report" in class_report_html([], [])


@pytest.mark.timeout(120)
def test_chromium_shows_the_plots_and_tables_and_runs_no_student_script(
    tmp_path, playwright_chromium
):
    records, _ = read_records(hostile_class())
    path = tmp_path / "report.html"
    path.write_text(class_report_html(records, ["corrupt.json: skipped, not JSON"]))
    page = playwright_chromium.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri(), wait_until="load")
        widths = page.eval_on_selector_all(
            "img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)"
        )
        assert len(widths) == 3 and all(w > 0 for w in widths), widths
        for table in ("failures", "mistakes", "ungraded", "students"):
            assert page.locator(f"table.{table} tbody tr").count() > 0, table
        assert page.locator("table.students").inner_text().count(HOSTILE_ID) == 1
        assert HOSTILE_MESSAGE.split(" Likely")[0] in page.locator("table.mistakes").inner_text()
        assert page.locator("ul.problems li").count() == 1
        assert page.evaluate("document.querySelectorAll('script, svg, u, b').length") == 0
    finally:
        page.close()
    assert dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []


def test_an_unusual_but_valid_id_is_shown_and_linked_to_its_feedback():
    records, _ = read_records([record("zoë o'brien & co", [check("Tanh", "shapes")])])
    page = class_report_html(records)
    assert "zoë o&#x27;brien &amp; co" in page
    assert 'href="feedback/zo%C3%AB%20o%27brien%20%26%20co.html"' in page
