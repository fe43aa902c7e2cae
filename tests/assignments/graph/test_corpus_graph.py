"""The assignment-3 corpus: broken variants lose points with a message naming the mistake;
correct ones written in an unusual style keep full marks.

Each file under corpus/ redefines one operation class or `build_grad`, and is run after the
solution notebook's definitions (so ``class Sum(Sum):`` subclasses the correct one). The file
name says which unit it targets: ``<unit_snake>__<what>.py``. Broken files carry a line
``# expect: <substring>`` that the unit's messages must contain.
"""

from __future__ import annotations

import re

import pytest

from tests.assignments.graph._support import failures, grade_unit, namespace
from tests.assignments.graph.corpus_spec import CORPUS as GRAPH

CORPUS = GRAPH.folder
BROKEN = GRAPH.entries("broken")
_unit = GRAPH.target


def test_the_corpus_covers_the_mistakes_the_issue_names():
    stems = {p.stem for p in BROKEN}
    for needed in (
        "build_grad__not_summed_last",  # not summing over several consumers
        "build_grad__breadth_first",  # wrong visiting order
        "build_grad__preorder",
        "build_grad__recomputes",  # recomputing shared subgraphs
        "broadcast_add__sum_axis0",  # wrong reduction of a broadcast
        "broadcast_add__not_reduced",
    ):
        assert needed in stems


@pytest.mark.parametrize(
    "path",
    [p for p in BROKEN if _unit(p) not in ("Backprop", "Sum")],
    ids=lambda p: p.stem,
)
def test_a_broken_operation_costs_points_once_not_in_the_algorithm(path):
    # The algorithm's test graphs leave the broken operation out (every graph needs Sum).
    results = grade_unit(namespace(path.read_text(encoding="utf-8")), "Backprop")
    assert failures(results) == {}


def test_a_broken_sum_blocks_the_algorithm_with_a_clear_message():
    variant = (CORPUS / "broken" / "sum__returns_grad.py").read_text(encoding="utf-8")
    messages = failures(grade_unit(namespace(variant), "Backprop"))
    assert len(messages) == 9
    for message in messages.values():
        assert message.startswith("build_grad cannot be checked yet")
        assert "Sum.bprop is not" in message


def test_the_algorithm_needs_only_sum_and_one_way_to_combine_nodes():
    broken = ("Multiply", "MatMul", "BroadcastAdd", "Exp", "Log", "Relu")
    variant = "\n".join(
        f"class {op}({op}):\n    def bprop(self, inputs, output, grad, i):\n"
        "        raise NotImplementedError()\n"
        for op in broken
    )
    results = grade_unit(namespace(variant), "Backprop", seed=7)
    assert failures(results) == {}


def test_hidden_tests_show_no_values_or_graphs():
    variant = (CORPUS / "broken" / "build_grad__not_summed_last.py").read_text(encoding="utf-8")
    messages = failures(grade_unit(namespace(variant), "Backprop", reveal=False))
    assert messages
    for message in messages.values():
        assert not re.search(r"expected -?\d", message), message
        assert "Graph:" not in message
