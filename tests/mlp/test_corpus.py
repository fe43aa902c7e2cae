"""The assignment-2 corpus: broken pieces lose points (with a helpful message), unusual ones do not.

Each entry redefines one class or function of the shipped solution (appended to its
definitions, so ``class Sequential(Sequential):`` subclasses the correct one) and is graded
on every unit's exact checks in a real worker (the end-to-end MNIST run has its own tests).
The file name says what it targets: ``<unit_snake>__<what>.py``; broken entries carry
``# expect: <substring>`` (or ``-``) for the message of the failing unit.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.mlp.conftest import SEED, grade_units, solution_source

CORPUS = Path(__file__).parent / "corpus"
BROKEN = sorted((CORPUS / "broken").glob("*.py"))
UNUSUAL = sorted((CORPUS / "unusual").glob("*.py"))
UNITS = {
    "sequential": "Sequential",
    "sgd": "SGD",
    "minibatches": "minibatches",
    "evaluate": "evaluate",
    "train_step": "train_step",
}
_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)


def _target(path: Path) -> str:
    return UNITS[path.stem.split("__", 1)[0]]


def _grade(tmp_path: Path, entry: Path):
    submission = tmp_path / f"{entry.stem}.py"
    submission.write_text(solution_source() + "\n\n" + entry.read_text(encoding="utf-8"))
    return grade_units(submission, SEED)


def _lost(results, unit: str) -> float:
    return sum(r.max_score - r.score for r in results if r.layer == unit)


@pytest.mark.parametrize("entry", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_entry_loses_points_in_its_unit_only_and_is_named(tmp_path, entry):
    unit = _target(entry)
    results = _grade(tmp_path, entry)
    assert _lost(results, unit) > 0, f"{entry.name}: the grader did not catch the mistake"
    others = [f"{r.layer} [{r.name}]: {r.message}" for r in results
              if not r.passed and r.layer != unit]
    assert not others, f"{entry.name} changed only {unit}, yet:\n" + "\n".join(others)
    expect = _EXPECT.search(entry.read_text(encoding="utf-8")).group(1).strip()
    if expect != "-":
        messages = [r.message for r in results if r.layer == unit and not r.passed]
        assert any(expect.lower() in m.lower() for m in messages), (
            f"{entry.name}: no {unit} message contains {expect!r}:\n" + "\n".join(messages)
        )


@pytest.mark.parametrize("entry", UNUSUAL, ids=[p.stem for p in UNUSUAL])
def test_unusual_but_correct_entry_gets_full_marks(tmp_path, entry):
    results = _grade(tmp_path, entry)
    failures = [f"{r.layer} [{r.name}]: {r.message}" for r in results if not r.passed]
    assert not failures, f"{entry.name} is correct but lost points:\n" + "\n".join(failures)


def test_the_corpus_covers_every_unit_and_the_classic_mistakes():
    assert {_target(p) for p in BROKEN} == set(UNITS.values())
    assert {_target(p) for p in UNUSUAL} == set(UNITS.values())
    stems = {p.stem for p in BROKEN}
    for required in (
        "sequential__backward_forward_order",  # layers backward in the wrong order
        "sgd__sign_flipped",  # sign of the update
        "sgd__grads_captured_at_init",  # gradients of an earlier step reused
        "train_step__step_before_backward",  # update before backward
        "minibatches__drops_last",
        "minibatches__with_replacement",
        "sgd__no_momentum",
        "sequential__grads_skip_empty",  # a layer's grads not collected
        "sgd__lr_decay",  # shows only after 100 steps
        "sgd__velocity_reset",
        "sgd__momentum_after_warmup",
        "sgd__velocity_on_the_class",  # a new optimiser inherits the old velocity
        "sgd__velocity_keyed_by_name",
        "sequential__layers_reversed_in_place",  # mutates the network
        "minibatches__topped_up",
        "evaluate__one_hot_labels",  # an AxisError
    ):
        assert required in stems, f"missing broken entry {required}"


@pytest.mark.parametrize("entry", BROKEN + UNUSUAL,
                         ids=[f"{p.parent.name}/{p.stem}" for p in BROKEN + UNUSUAL])
def test_corpus_entry_is_well_formed(entry):
    prefix, sep, what = entry.stem.partition("__")
    assert sep and what and prefix in UNITS, f"{entry.name}: name it <unit>__<what>.py"
    source = entry.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring and "\n" not in docstring.strip(), f"{entry.name}: a one-line docstring"
    defined = [n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))]
    assert defined == [UNITS[prefix]], f"{entry.name} must define exactly {UNITS[prefix]}"
    if entry.parent.name == "broken":
        assert _EXPECT.search(source), f"{entry.name} has no '# expect: ...' line"
