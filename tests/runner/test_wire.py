"""The worker protocol carries plain data and raw array bytes, nothing else."""

from __future__ import annotations

import os

import numpy as np
import pytest

from autograder.runner import _wire
from autograder.runner._plain import Unsupported, to_plain


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
