"""05_conv is one more plug-in: registered, recognised, gradable from every entry point."""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder import assignments
from autograder.assignments.conv import UNITS, checks_for
from autograder.assignments.layers.rubric import checks_for as layer_checks
from autograder.choose import choose

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK = ROOT / "solutions" / "05_conv" / "05_conv.ipynb"


def test_the_assignment_is_registered_with_its_three_classes():
    assignment = assignments.get("05_conv")
    assert [u.name for u in assignment.units] == ["Conv2d", "MaxPool2d", "Flatten"]
    assert assignments.find_unit("MaxPool2d") == (assignment, UNITS[1])
    assert assignments.infer(NOTEBOOK) == "05_conv"


def test_points_conv2d_35_maxpool2d_13_flatten_11():
    points = {u.name: sum(d.points for d in checks_for(u)) for u in UNITS}
    assert points == {"Conv2d": 35, "MaxPool2d": 13, "Flatten": 11}


def test_every_class_keeps_assignment_1_s_checks_with_the_torch_ones_replaced():
    for unit in UNITS:
        ours = {d.name: d for d in checks_for(unit)}
        for d in layer_checks(unit):
            assert d.name in ours
            if d.name.endswith("matches torch") and d.method != "__call__":
                assert ours[d.name].run.__module__ == "autograder.assignments.conv.reference"


def test_a_notebook_named_otherwise_is_recognised_by_its_classes(tmp_path):
    # it defines assignment 1's Linear, ReLU and SoftmaxCrossEntropyLoss too: no tie
    shutil.copy(NOTEBOOK, tmp_path / "my work.ipynb")
    choice = choose(tmp_path)
    assert choice.assignment == "05_conv"
    assert "recognised as 05_conv from the names it defines" in choice.notes


def test_the_gradescope_zip_brings_mnist_for_it():
    assert assignments.get("05_conv").needs_mnist
