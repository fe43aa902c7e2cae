"""The worker protocol carries plain data and raw array bytes, nothing else."""

from __future__ import annotations

import contextlib
import os
import struct
import threading
import time

import numpy as np
import pytest

from autograder.runner import Unsupported, _wire
from autograder.runner._plain import to_plain


def roundtrip(value):
    r, w = os.pipe()
    try:
        _wire.write_frame(w, value)
        return _wire.read_frame(r)
    finally:
        os.close(r)
        os.close(w)


def test_arrays_numbers_dicts_and_lists_survive_a_round_trip():
    arr = np.arange(12.0).reshape(3, 4)
    out = roundtrip({"ok": [arr, 1.5, None, "x", {"W": arr.T}]})
    np.testing.assert_array_equal(out["ok"][0], arr)
    assert out["ok"][1:4] == [1.5, None, "x"]
    np.testing.assert_array_equal(out["ok"][4]["W"], arr.T)


def test_read_only_arrays_arrive_read_only_and_others_writable():
    ro = np.ones(3)
    ro.setflags(write=False)
    out = roundtrip([ro, np.ones(3)])
    assert not out[0].flags.writeable and out[1].flags.writeable


def test_objects_cannot_be_sent():
    with pytest.raises(_wire.WireError):
        _wire.pack({"x": object()})


def test_a_frame_claiming_an_object_dtype_is_refused():
    frame = _wire.pack(np.ones(2)).replace(b'"<f8"', b'"|O8"')
    r, w = os.pipe()
    os.write(w, frame)
    with pytest.raises(_wire.WireError, match="refused array dtype"):
        _wire.read_frame(r)
    os.close(r)
    os.close(w)


def test_student_values_become_plain_data():
    class Lying(np.ndarray):
        def __eq__(self, other):  # noqa: D105 - a subclass that lies in comparisons
            return True

    out = to_plain(np.arange(3.0).view(Lying))
    assert type(out) is np.ndarray
    assert to_plain(np.float32(2.0)) == 2.0
    assert to_plain(object()) == Unsupported("object")
    assert to_plain(np.array(["a"])) == Unsupported("ndarray of dtype <U1")


def _frame(header: bytes, tail: bytes = b"") -> bytes:
    return struct.pack(">I", len(header)) + header + tail


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(_frame(b"[[[["), id="truncated JSON"),
        pytest.param(_frame(b"[" * 100_000 + b"]" * 100_000), id="deep nesting"),
        pytest.param(_frame(b"7"), id="header not an object"),
        pytest.param(_frame(b'{"body": 1}'), id="no buffer list"),
        pytest.param(_frame(b'{"body": 1, "buffers": [-5]}'), id="negative size"),
        pytest.param(_frame(b'{"body": {"x": 1}, "buffers": []}'), id="unknown marker"),
        pytest.param(_frame(b'{"body": {"__dict__": 5}, "buffers": []}'), id="bad dict"),
        pytest.param(
            _frame(b'{"body": {"__nd__": 3, "dtype": "<f8", "shape": [1]}, "buffers": []}'),
            id="missing buffer",
        ),
        pytest.param(
            _frame(
                b'{"body": {"__nd__": 0, "dtype": "nope", "shape": [1]}, "buffers": [8]}', b"\0" * 8
            ),
            id="bad dtype",
        ),
        pytest.param(
            _frame(
                b'{"body": {"__nd__": 0, "dtype": "<f8", "shape": [-1]}, "buffers": [8]}', b"\0" * 8
            ),
            id="negative shape",
        ),
        pytest.param(_frame(b'{"body": 1' + b"0" * 5000 + b', "buffers": []}'), id="huge int"),
        pytest.param(struct.pack(">I", 2**31), id="absurd header length"),
    ],
)
def test_a_malformed_frame_is_a_wire_error_and_nothing_else(raw):
    r, w = os.pipe()

    def write():  # from a thread: a frame may be larger than the pipe's buffer
        with contextlib.suppress(OSError):
            os.write(w, raw)
        os.close(w)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(_wire.WireError):
            _wire.read_frame(r, time.monotonic() + 5)
    finally:
        os.close(r)
        writer.join()


def test_a_silent_or_slow_peer_meets_the_deadline():
    r, w = os.pipe()
    os.write(w, struct.pack(">I", 50))  # promises 50 bytes, sends none
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        _wire.read_frame(r, time.monotonic() + 0.2)
    assert time.monotonic() - started < 2
    # a peer that never reads cannot block a large write either
    with pytest.raises(TimeoutError):
        _wire.write_frame(w, np.zeros(10**6), time.monotonic() + 0.2)
    os.close(r)
    os.close(w)


def test_zero_dimensional_arrays_keep_their_shape():
    out = roundtrip([np.array(2.5), np.ones((2, 3)).T])
    assert out[0].shape == () and float(out[0]) == 2.5
    np.testing.assert_array_equal(out[1], np.ones((3, 2)))
