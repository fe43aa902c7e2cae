"""Assignment 3's corpus (`tests/assignments/_corpus.py`): each entry runs after the solution
notebook's definitions (its operations table rebuilt), and its unit is graded in this
process. Entries named ``build_grad__*`` target the algorithm's unit, ``Backprop``."""

from __future__ import annotations

from pathlib import Path

from tests.assignments._corpus import Corpus
from tests.assignments.graph._support import grade_unit, namespace


def _grade(tmp_path: Path, source: str, unit: str):
    return grade_unit(namespace(source), unit)


CORPUS = Corpus(
    "03_graph",
    Path(__file__).parent / "corpus",
    _grade,
    lambda: "",
    aliases=(("build_grad", "Backprop"),),
    strict=False,
)
