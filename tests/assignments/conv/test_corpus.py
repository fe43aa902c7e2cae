"""05_conv's corpus beyond the shared harness (tests/assignments/test_corpus.py grades every
entry): every failure of a broken entry names its class, and the corpus covers every class
and every classic mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.assignments.conv.corpus_spec import CORPUS

BROKEN = CORPUS.entries("broken")
UNUSUAL = CORPUS.entries("unusual")
CLASSES = {"conv2d": "Conv2d", "max_pool2d": "MaxPool2d", "flatten": "Flatten"}
_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)


def _target(entry: Path) -> str:
    return CLASSES[entry.stem.split("__", 1)[0]]


@pytest.mark.parametrize("entry", BROKEN, ids=[p.stem for p in BROKEN])
def test_every_failure_of_a_broken_entry_names_its_class(tmp_path, entry):
    cls = _target(entry)
    messages = [r.message for r in CORPUS.run(tmp_path, entry) if r.unit == cls and not r.passed]
    assert messages, f"{entry.name} not caught"
    assert all(cls in m for m in messages), "every failure names the class"


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
