"""05_conv's corpus: broken implementations lose points with the mistake named, unusual ones
keep full marks.

As tests/test_corpus.py: each entry redefines exactly one class (``class Conv2d(Conv2d):``),
named ``<class_snake>__<what>.py``; a submission is assignment 1's corpus reference (Linear,
ReLU, SoftmaxCrossEntropyLoss) + ``tests/conv/corpus/reference.py`` + the entry, graded with a
fixed seed on the exact checks (the MNIST run has its own tests, test_end_to_end.py).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from autograder import assignments
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
LAYERS = HERE.parent / "corpus" / "reference.py"
BROKEN = sorted((CORPUS / "broken").glob("*.py"))
UNUSUAL = sorted((CORPUS / "unusual").glob("*.py"))
SEED = 20240917
CLASSES = {"conv2d": "Conv2d", "max_pool2d": "MaxPool2d", "flatten": "Flatten"}
_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)


def submission(tmp_path: Path, *entries: Path) -> Path:
    parts = [LAYERS, CORPUS / "reference.py", *entries]
    path = tmp_path / "submission.py"
    path.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    return path


def exact_checks(path: Path, only: str | None = None) -> list:
    """Every exact check (not the MNIST run) of every class, seeded."""
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


def _target(entry: Path) -> str:
    return CLASSES[entry.stem.split("__", 1)[0]]


@pytest.mark.parametrize("entry", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_entry_loses_points_in_its_class_and_is_named(tmp_path, entry):
    cls = _target(entry)
    results = exact_checks(submission(tmp_path, entry))
    mine = [r for r in results if r.layer == cls]
    assert sum(r.score for r in mine) < sum(r.max_score for r in mine), f"{entry.name} not caught"
    others = [
        f"{r.layer} {r.name}: {r.message}" for r in results if r.layer != cls and not r.passed
    ]
    assert not others, f"{entry.name} changed only {cls}:\n" + "\n".join(others)
    expect = _EXPECT.search(entry.read_text(encoding="utf-8")).group(1).strip()
    messages = [r.message for r in mine if not r.passed]
    assert any(expect.lower() in m.lower() for m in messages), "\n".join(messages)
    assert all(cls in m for m in messages), "every failure names the class"


@pytest.mark.parametrize("entry", UNUSUAL, ids=[p.stem for p in UNUSUAL])
def test_unusual_but_correct_entry_gets_full_marks(tmp_path, entry):
    results = exact_checks(submission(tmp_path, entry), only=_target(entry))
    failed = [f"{r.layer} {r.name}: {r.message}" for r in results if not r.passed]
    assert not failed, "\n".join(failed)


def test_corpus_covers_every_class_and_every_classic_mistake():
    assert {_target(p) for p in BROKEN} == set(CLASSES.values())
    assert {_target(p) for p in UNUSUAL} == set(CLASSES.values())
    text = " ".join(_EXPECT.search(p.read_text(encoding="utf-8")).group(1) for p in BROKEN)
    for mistake in (
        "kernel not flipped",
        "stride ignored",
        "padding not cropped",
        "bias gradient reduced over the wrong axes",
        "every tied maximum",
        "top-left",
    ):
        assert mistake in text, f"no broken entry expects {mistake!r}"


@pytest.mark.parametrize("entry", BROKEN + UNUSUAL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_entry_is_well_formed(entry):
    tree = ast.parse(entry.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and "\n" not in docstring.strip(), f"{entry.name}: one-line docstring"
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
    assert classes == [_target(entry)], f"{entry.name} must define exactly {_target(entry)}"
