"""The corpus: broken implementations lose points (with a helpful message), unusual ones do not.

Each corpus file redefines exactly one class. A submission is built by appending the file's
text to ``tests/corpus/reference.py`` (so ``class Linear(Linear):`` subclasses the correct
one) and graded with a fixed seed. The file name says which class it targets:
``<class_snake>__<what>.py``. Broken files carry a line ``# expect: <substring>`` naming what
the grader's message for that class should contain, or ``# expect: -`` when it cannot be
expected to name the mistake.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from autograder._config import GradeConfig
from autograder.grading import grade

CORPUS = Path(__file__).parent / "corpus"
REFERENCE = CORPUS / "reference.py"
BROKEN = sorted((CORPUS / "broken").glob("*.py"))
UNUSUAL = sorted((CORPUS / "unusual").glob("*.py"))

#: fixed base seed of every corpus grading run (printed, so a failure can be reproduced)
SEED = 20240917

CLASSES = {
    "linear": "Linear",
    "relu": "ReLU",
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
    "softmax": "Softmax",
    "mse_loss": "MSELoss",
    "cross_entropy_loss": "CrossEntropyLoss",
    "softmax_cross_entropy_loss": "SoftmaxCrossEntropyLoss",
}

#: broken entries the grader does not catch yet (class keeps full marks): stem -> reason.
#: Each becomes a strict xfail, so fixing the grader turns it into an unexpected pass.
NOT_CAUGHT: dict[str, str] = {}

_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)


def _target_class(path: Path) -> str:
    return CLASSES[path.stem.split("__", 1)[0]]


def _expectation(path: Path) -> str:
    match = _EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no '# expect: ...' line"
    return match.group(1).strip()


def _grade_entry(tmp_path: Path, entry: Path):
    submission = tmp_path / f"{entry.stem}.py"
    submission.write_text(
        REFERENCE.read_text(encoding="utf-8") + "\n\n" + entry.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    print(f"grading {entry.relative_to(CORPUS)} appended to reference.py with seed {SEED}")
    return grade(submission, GradeConfig(seed=SEED, check_timeout=20))


def _failures(result, layer: str | None = None) -> list[str]:
    return [
        f"{c.layer} [{c.name}] {c.status}: {c.message}"
        for c in result.checks
        if not c.passed and (layer is None or c.layer == layer)
    ]


def _broken_params():
    for path in BROKEN:
        marks = ()
        if path.stem in NOT_CAUGHT:
            marks = (pytest.mark.xfail(strict=True, reason=NOT_CAUGHT[path.stem]),)
        yield pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("entry", list(_broken_params()))
def test_broken_entry_loses_points_in_its_class_only_and_is_named(tmp_path, entry):
    layer = _target_class(entry)
    result = _grade_entry(tmp_path, entry)
    earned, available = result.layer_score(layer)
    assert earned < available, (
        f"{entry.name}: the grader did not catch the mistake, {layer} kept {earned}/{available}"
    )
    others = [f for f in _failures(result) if not f.startswith(f"{layer} ")]
    assert not others, f"{entry.name} changed only {layer}, yet other classes failed:\n" + (
        "\n".join(others)
    )
    expect = _expectation(entry)
    if expect != "-":
        messages = [c.message for c in result.for_layer(layer) if not c.passed]
        assert any(expect.lower() in m.lower() for m in messages), (
            f"{entry.name}: no failing {layer} message contains {expect!r}; messages:\n"
            + "\n".join(messages)
        )


@pytest.mark.parametrize("entry", UNUSUAL, ids=[p.stem for p in UNUSUAL])
def test_unusual_but_correct_entry_gets_full_marks(tmp_path, entry):
    result = _grade_entry(tmp_path, entry)
    assert result.score == result.max_score, (
        f"{entry.name} is correct but scored {result.score}/{result.max_score}:\n"
        + "\n".join(_failures(result))
    )


def test_corpus_has_enough_entries_covering_every_class():
    broken_classes = {_target_class(p) for p in BROKEN}
    assert len(BROKEN) >= 25, f"only {len(BROKEN)} broken entries"
    assert broken_classes == set(CLASSES.values()), (
        f"no broken entry for {sorted(set(CLASSES.values()) - broken_classes)}"
    )
    assert len(UNUSUAL) >= 6, f"only {len(UNUSUAL)} unusual entries"


@pytest.mark.parametrize(
    "entry", BROKEN + UNUSUAL, ids=[f"{p.parent.name}/{p.stem}" for p in BROKEN + UNUSUAL]
)
def test_corpus_entry_is_well_formed(entry):
    prefix, sep, what = entry.stem.partition("__")
    assert sep and what and prefix in CLASSES, (
        f"{entry.name}: name it <class_snake>__<what>.py with class_snake in {sorted(CLASSES)}"
    )
    source = entry.read_text(encoding="utf-8")
    assert source.startswith('"""'), f"{entry.name}: the first line must be a docstring"
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring and "\n" not in docstring.strip(), f"{entry.name}: one-line docstring"
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
    assert classes == [CLASSES[prefix]], (
        f"{entry.name} must define exactly one class, {CLASSES[prefix]}; it defines {classes}"
    )
    if entry.parent.name == "broken":
        assert _expectation(entry), f"{entry.name}: '# expect:' is empty (use '-')"
