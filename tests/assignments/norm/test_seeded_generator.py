"""A seeded numpy Generator for the student's object: Dropout's ``self.rng``.

A Generator cannot cross the wire (plain data only), its seed can: `SeededGenerator(seed)`
travels as {"__rng__": seed} and becomes ``numpy.random.default_rng(seed)`` where the
student's code runs, in the worker and in the notebook's in-process session alike.
"""

from __future__ import annotations

import json
import os
import struct

import numpy as np
import pytest

from autograder.loading import load_submission
from autograder.runner import LocalSession, RemoteSession, SeededGenerator, _wire
from autograder.runner._plain import prepare_arg
from tests.runner.test_wire import roundtrip

HOLDER = """
class Holder:
    def draw(self, n):
        return self.rng.random(int(n))

    def kind(self):
        return type(self.rng).__name__
"""


def _raw(body) -> bytes:
    header = json.dumps({"body": body, "buffers": []}).encode()
    return struct.pack(">I", len(header)) + header


def test_a_seeded_generator_crosses_the_wire_as_its_seed():
    assert roundtrip({"rng": SeededGenerator(12345)}) == {"rng": SeededGenerator(12345)}
    assert b'"__rng__": 7' in _wire.pack(SeededGenerator(7))


@pytest.mark.parametrize("seed", [-1, "7", 1.5, True, None, 2**64])
def test_a_malformed_seed_is_a_wire_error(seed):
    r, w = os.pipe()
    try:
        os.write(w, _raw({"__rng__": seed}))
        with pytest.raises(_wire.WireError):
            _wire.read_frame(r)
    finally:
        os.close(r)
        os.close(w)


def test_it_becomes_the_generator_of_that_seed_where_it_is_used():
    rng = prepare_arg(SeededGenerator(3), readonly=False)
    assert isinstance(rng, np.random.Generator)
    assert np.array_equal(rng.random(4), np.random.default_rng(3).random(4))


def test_the_notebook_session_assigns_a_fresh_generator_each_time():
    from autograder.runner._invoke import run_snippets

    ns: dict = {}
    run_snippets([("holder", HOLDER)], ns)
    session = LocalSession({"Holder": ns["Holder"]})
    subject = session.new("Holder")
    subject.set("rng", SeededGenerator(11))
    first = subject.call("draw", 5)
    subject.set("rng", SeededGenerator(11))
    assert np.array_equal(first, subject.call("draw", 5))
    assert np.array_equal(first, np.random.default_rng(11).random(5))


def test_the_worker_builds_the_generator_for_the_student_object(tmp_path):
    path = tmp_path / "holder.py"
    path.write_text(HOLDER, encoding="utf-8")
    with RemoteSession(load_submission(path)) as session:
        session.start_check(30.0)
        assert session.class_problem("Holder") is None
        subject = session.new("Holder")
        subject.set("rng", SeededGenerator(2026))
        assert subject.call("kind") == "Generator"
        got = subject.call("draw", 6)
        # the generator lives on in the object: the next draw continues its stream
        again = subject.call("draw", 6)
    expected = np.random.default_rng(2026)
    assert np.array_equal(got, expected.random(6))
    assert np.array_equal(again, expected.random(6))
