"""Assignment 2's corpus (`tests/assignments/_corpus.py`): each entry is appended to the
shipped solution's definitions and graded on every unit's exact checks in one worker (the
end-to-end MNIST run has its own tests)."""

from __future__ import annotations

from pathlib import Path

from tests.assignments._corpus import Corpus
from tests.assignments.mlp.conftest import SEED, grade_units, solution_source


def _grade(tmp_path: Path, source: str, unit: str):
    submission = tmp_path / "submission.py"
    submission.write_text(source, encoding="utf-8")
    return grade_units(submission, SEED)


CORPUS = Corpus("02_mlp", Path(__file__).parent / "corpus", _grade, solution_source)
