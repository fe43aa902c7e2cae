"""Assignment 4's corpus, beyond the shared harness (tests/assignments/test_corpus.py, which
grades every entry and honours its ``# expect:`` and ``# check:`` lines): every failure
message of a broken entry names its class, the reference scores full marks, and each class
has broken and unusual entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assignments.norm._support import failures, grade_class, namespace, score
from tests.assignments.norm.corpus_spec import CORPUS

BROKEN = CORPUS.entries("broken")
UNUSUAL = CORPUS.entries("unusual")
CLASSES = {"batch_norm1d": "BatchNorm1d", "layer_norm": "LayerNorm", "dropout": "Dropout"}


def _target(path: Path) -> str:
    return CLASSES[path.stem.split("__", 1)[0]]


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.mark.parametrize("entry", BROKEN, ids=_ids(BROKEN))
def test_every_failure_message_of_a_broken_entry_names_its_class(entry):
    unit = _target(entry)
    messages = failures(grade_class(namespace(entry.read_text(encoding="utf-8")), unit))
    assert messages, f"{entry.name} kept full marks"
    assert all(unit in m for m in messages.values() if "not scored" not in m), messages


def test_the_reference_gets_full_marks_in_every_class():
    ns = namespace()
    for unit in CLASSES.values():
        results = grade_class(ns, unit)
        assert score(results)[0] == score(results)[1], failures(results)


def test_corpus_covers_every_class_with_broken_and_unusual_entries():
    assert {_target(p) for p in BROKEN} == set(CLASSES.values())
    assert {_target(p) for p in UNUSUAL} == set(CLASSES.values())
