"""The kit's reference layers (what students may import) pass every check of assignment 1."""

from __future__ import annotations

import pytest

from autograder import reference
from autograder.contract import SPECS
from autograder.grading import run_class
from autograder.runner import LocalSession


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_reference_layer_passes_assignment_1(spec):
    results = run_class(LocalSession({spec.name: getattr(reference, spec.name)}), spec, 11)
    assert {r.name: r.message for r in results if not r.passed} == {}


def test_the_package_exports_only_assignment_1():
    assert set(reference.__all__) == {s.name for s in SPECS}
    assert not hasattr(reference, "Sequential")
