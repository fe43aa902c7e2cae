"""What a student reads about a returned value the grader cannot use: in the student's terms,
never the kit's own types or module paths."""

from __future__ import annotations

import pytest

from tests.conftest import define, failures, run_local

_INTERNAL = ("Unsupported", "_plain", "autograder", "Subject", "_probe", "runner")


@pytest.mark.parametrize(
    ("returned", "described"),
    [
        ("(g for g in grad)", "a <class 'generator'>"),
        ("object()", "a <class 'object'>"),
        ("grad.astype(str)", "a numpy array of dtype <U"),
        ("[[[[[[grad]]]]]]", "a list that is not a numeric array"),
        ("'grad'", "a <class 'str'>"),
    ],
)
def test_an_unusable_return_is_described_in_the_students_terms(ref, returned, described):
    source = f"class Sigmoid(Sigmoid):\n    def bp_input(self, grad):\n        return {returned}\n"
    message = failures(run_local(define(source, ref)["Sigmoid"], "Sigmoid"))[
        "bp_input matches torch"
    ]
    assert message.startswith(f"Sigmoid.bp_input returned {described}")
    assert "expected a numpy array of shape (5, 4)" in message
    assert not [word for word in _INTERNAL if word in message]


def test_a_parameter_gradient_of_the_wrong_kind_names_the_parameters_shape(ref):
    source = (
        "class Linear(Linear):\n    def bp_param(self, grad):\n"
        "        return {'W': iter(self.X.T @ grad), 'b': grad.sum(0)}\n"
    )
    message = failures(run_local(define(source, ref)["Linear"], "Linear"))["bp_param matches torch"]
    assert message == (
        "Linear.bp_param['W'] returned a <class 'iterator'>, expected a numpy array of shape (4, 3)"
    )
