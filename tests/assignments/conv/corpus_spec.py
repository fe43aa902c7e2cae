"""Assignment 5's corpus (`tests/assignments/_corpus.py`): each entry is appended to assignment
1's corpus reference (the CNN's Linear, ReLU, SoftmaxCrossEntropyLoss) and this corpus's
``reference.py``, and graded in a worker on every class's exact checks (the MNIST run has its
own tests, test_end_to_end.py)."""

from __future__ import annotations

from pathlib import Path

from autograder import assignments
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from tests.assignments._corpus import Corpus

FOLDER = Path(__file__).parent / "corpus"
LAYERS = Path(__file__).parents[1] / "layers" / "corpus" / "reference.py"
SEED = 20240917


def exact_checks(path: Path, only: str | None = None) -> list:
    """Every exact check (not the MNIST run) of every class (or of `only`), seeded."""
    assignment = assignments.get("05_conv")
    print(f"grading {path.name} with seed {SEED}")
    results = []
    with RemoteSession(load_submission(path)) as session:
        for unit in assignment.units:
            if only and unit.name != only:
                continue
            defs = [d for d in assignment.rubric(unit) if "MNIST" not in d.name]
            results += run_class(session, unit, SEED, defs=defs)
    return results


def base() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in (LAYERS, FOLDER / "reference.py"))


def _grade(tmp_path: Path, source: str, unit: str):
    path = tmp_path / "submission.py"
    path.write_text(source, encoding="utf-8")
    return exact_checks(path)


CORPUS = Corpus("05_conv", FOLDER, _grade, base)
