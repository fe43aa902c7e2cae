"""The assignment-4 corpus: broken variants lose points with a message naming the mistake;
correct ones written in an unusual style keep full marks.

Each file under corpus/ redefines one class and is run after ``corpus/reference.py`` (so
``class BatchNorm1d(BatchNorm1d):`` subclasses the correct one). The file name says which
class it targets: ``<class_snake>__<what>.py``. Broken files carry a line
``# expect: <substring>`` that one of the class's failure messages must contain, and may
carry ``# check: <check name>`` lines naming checks that must fail (the check the entry is
written for, where the mistake is not a wrong bp_input or bp_param value). Grading runs
in this process with a fixed seed, every exact check of the class (the MNIST run has its own
test).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.norm._support import CORPUS, failures, grade_class, namespace, score

BROKEN = sorted((CORPUS / "broken").glob("*.py"))
UNUSUAL = sorted((CORPUS / "unusual").glob("*.py"))
CLASSES = {"batch_norm1d": "BatchNorm1d", "layer_norm": "LayerNorm", "dropout": "Dropout"}
_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)
_CHECK = re.compile(r"^# check:(.*)$", re.MULTILINE)


def _target(path: Path) -> str:
    return CLASSES[path.stem.split("__", 1)[0]]


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.mark.parametrize("entry", BROKEN, ids=_ids(BROKEN))
def test_broken_entry_loses_points_and_its_mistake_is_named(entry):
    unit = _target(entry)
    results = grade_class(namespace(entry.read_text(encoding="utf-8")), unit)
    earned, available = score(results)
    assert earned < available, f"{entry.name}: not caught, {unit} kept {earned}/{available}"
    expect = _EXPECT.search(entry.read_text(encoding="utf-8")).group(1).strip()
    messages = failures(results)
    assert any(expect.lower() in m.lower() for m in messages.values()), (
        f"{entry.name}: no failing {unit} message contains {expect!r}; messages:\n"
        + "\n".join(f"[{k}] {v}" for k, v in messages.items())
    )
    for name in _CHECK.findall(entry.read_text(encoding="utf-8")):
        assert name.strip() in messages, f"{entry.name}: {name.strip()!r} passed: {messages}"
    # every message names the class
    assert all(unit in m for m in messages.values() if "not scored" not in m), messages


@pytest.mark.parametrize("entry", UNUSUAL, ids=_ids(UNUSUAL))
def test_unusual_but_correct_entry_gets_full_marks(entry):
    unit = _target(entry)
    results = grade_class(namespace(entry.read_text(encoding="utf-8")), unit)
    earned, available = score(results)
    assert earned == available, f"{entry.name} is correct but scored {earned}/{available}:\n" + (
        "\n".join(f"[{k}] {v}" for k, v in failures(results).items())
    )


def test_the_reference_gets_full_marks_in_every_class():
    ns = namespace()
    for unit in CLASSES.values():
        results = grade_class(ns, unit)
        assert score(results)[0] == score(results)[1], failures(results)


def test_corpus_covers_every_class_with_broken_and_unusual_entries():
    assert {_target(p) for p in BROKEN} == set(CLASSES.values())
    assert {_target(p) for p in UNUSUAL} == set(CLASSES.values())


@pytest.mark.parametrize("entry", BROKEN + UNUSUAL, ids=_ids(BROKEN + UNUSUAL))
def test_corpus_entry_is_well_formed(entry):
    prefix, sep, what = entry.stem.partition("__")
    assert sep and what and prefix in CLASSES, f"{entry.name}: <class_snake>__<what>.py"
    tree = ast.parse(entry.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and "\n" not in docstring.strip(), f"{entry.name}: one-line docstring"
    classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
    assert classes == [CLASSES[prefix]], f"{entry.name} must define exactly {CLASSES[prefix]}"
    if entry.parent.name == "broken":
        assert _EXPECT.search(entry.read_text(encoding="utf-8")), f"{entry.name}: no # expect:"
