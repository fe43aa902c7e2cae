"""Assignment 4's corpus (`tests/assignments/_corpus.py`): each entry runs after
``corpus/reference.py`` in this process, and its class is graded on every exact check (the
MNIST run has its own test)."""

from __future__ import annotations

from pathlib import Path

from tests.assignments._corpus import Corpus
from tests.assignments.norm._support import CORPUS as FOLDER
from tests.assignments.norm._support import grade_class, namespace


def _grade(tmp_path: Path, source: str, unit: str):
    return grade_class(namespace(source), unit)


CORPUS = Corpus("04_norm", FOLDER, _grade, lambda: "")
