"""Assignment 1's corpus (`tests/assignments/_corpus.py`): each entry is appended to
``corpus/reference.py`` and the whole file is graded like a student's, in a worker."""

from __future__ import annotations

from pathlib import Path

from autograder.config import GradeConfig
from autograder.grading import grade
from tests.assignments._corpus import Corpus

FOLDER = Path(__file__).parent / "corpus"
REFERENCE = FOLDER / "reference.py"
#: fixed base seed of every corpus grading run (printed, so a failure can be reproduced)
SEED = 20240917
#: broken entries the grader does not catch yet (the class keeps full marks): stem -> reason.
#: Each becomes a strict xfail, so fixing the grader turns it into an unexpected pass.
NOT_CAUGHT: dict[str, str] = {}


def _grade(tmp_path: Path, source: str, unit: str):
    submission = tmp_path / "submission.py"
    submission.write_text(source, encoding="utf-8")
    print(f"grading a {unit} entry appended to reference.py with seed {SEED}")
    return list(grade(submission, GradeConfig(seed=SEED, check_timeout=20)).checks)


CORPUS = Corpus(
    "01_layers",
    FOLDER,
    _grade,
    lambda: REFERENCE.read_text(encoding="utf-8"),
    aliases=(("relu", "ReLU"),),
)
