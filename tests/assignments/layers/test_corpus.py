"""Assignment 1's corpus is large enough and covers every class (the entries themselves are
graded by the shared harness, tests/assignments/test_corpus.py)."""

from __future__ import annotations

from tests.assignments.layers.corpus_spec import CORPUS


def test_corpus_has_enough_entries_covering_every_class():
    broken, unusual = CORPUS.entries("broken"), CORPUS.entries("unusual")
    classes = set(CORPUS.units().values())
    broken_classes = {CORPUS.target(p) for p in broken}
    assert len(broken) >= 25, f"only {len(broken)} broken entries"
    assert broken_classes == classes, f"no broken entry for {sorted(classes - broken_classes)}"
    assert len(unusual) >= 6, f"only {len(unusual)} unusual entries"
