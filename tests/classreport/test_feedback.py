"""Each student's feedback: their table, every failure's message, where to look; escaped."""

from __future__ import annotations

import re
from dataclasses import asdict

from autograder.classreport.feedback import feedback_html, feedback_markdown, md
from autograder.classreport.records import read_records
from tests.classreport._records import BATCH, a_class, check, record
from tests.conftest import define, run_local

WHERE = {"Linear": "bob.ipynb, cell 7", "ReLU": "bob.ipynb, cell 9"}


def one(raw: dict):
    return read_records([raw])[0][0]


def test_markdown_has_the_table_the_failures_and_the_cell_to_look_at():
    bob = one(a_class()[1])
    text = feedback_markdown(bob, WHERE)
    assert "| Linear | bp\\_input matches torch | 0 / 3 |" in text
    assert "| ReLU | bp\\_input matches torch | 3 / 3 |" in text
    assert "Where to look: bob.ipynb, cell 7" in text
    assert md(BATCH) in text and "ReLU: bp" not in text.split("What to fix")[1]


def test_html_says_the_same():
    page = feedback_html(one(a_class()[1]), WHERE)
    assert "<td>Linear</td><td>bp_input matches torch</td>" in page
    assert "Where to look: <b>bob.ipynb, cell 7</b>" in page
    assert "off by the batch size (verified: x N gives them)." in page


def test_a_class_that_is_not_defined_says_so():
    text = feedback_markdown(one(a_class()[1]), {})
    assert "Where to look: Linear is not defined in your submission" in text


def test_a_hidden_check_says_it_is_hidden():
    hidden = check("Tanh", "shapes", "failed", message="relative error 1.0e+00")
    text = feedback_markdown(one(record("h", [{**hidden, "hidden": True}])), {})
    assert "values are not shown" in text


def test_an_unreadable_submission_gets_the_reason_and_every_pass_says_so():
    erin = feedback_markdown(one(a_class()[4]), {})
    assert "could not be graded: erin.ipynb is not a readable notebook" in erin
    assert "Every check passed." in feedback_markdown(one(a_class()[0]), {})


def test_student_text_cannot_inject_markup_in_either_format():
    evil = check(
        "Linear", "shapes", "failed", message='<img src=x onerror="alert(1)"> | `x` [a](b)'
    )
    r = one(record("<script>x</script>", [evil]))
    page = feedback_html(r, {"Linear": "<b>nb</b>.ipynb, cell 1"})
    assert "<script>x" not in page and "<img" not in page and "<b>nb" not in page
    text = feedback_markdown(r, {})
    assert "<img" not in text and "<script>" not in text
    assert "\\| \\`x\\` \\[a\\](b)" in text  # no table break, code span or link


TWICE = """
class Linear(Linear):
    def bp_input(self, grad):
        return 2 * super().bp_input(grad)
"""


def _graded(ref, reveal: bool) -> str:
    """Feedback of a real (in-process) grading of a Linear off by a factor of 2."""
    cls = define(TWICE, ref)["Linear"]
    checks = [
        {**asdict(c), "hidden": not reveal}
        for c in run_local(cls, "Linear", reveal=reveal).values()
    ]
    raw = {**record("x", checks), "score": sum(c["score"] for c in checks)}
    return feedback_markdown(one(raw), {"Linear": "x.ipynb, cell 7"})


def test_hidden_checks_give_the_mistake_but_no_values(ref):
    shown, hidden = _graded(ref, reveal=True), _graded(ref, reveal=False)
    values = re.compile(r"(expected|got) -?\d")
    assert values.search(shown)  # public checks show values
    assert not values.search(hidden)
    assert "values are not shown" in hidden and "Likely mistake: off by a factor of 2" in hidden
    assert "Where to look: x.ipynb, cell 7" in hidden
