"""The mistake recogniser on its own: arrays in, phrase out."""

from __future__ import annotations

import numpy as np

from autograder.checks._diagnose import shape_hint, value_hint

E = np.arange(1.0, 13.0).reshape(4, 3)


def test_recognises_a_flipped_sign():
    assert value_hint(E, -E) == "sign flipped (got minus the expected values)"


def test_recognises_the_batch_size_both_ways():
    assert value_hint(E, 4 * E, batch=4).startswith("off by the batch size")
    assert value_hint(E, E / 4, batch=4).startswith("divided by the batch size N = 4")


def test_recognises_a_transpose_of_a_square_array():
    S = np.array([[1.0, 2.0], [3.0, 5.0]])
    assert value_hint(S, S.T) == "transposed"


def test_names_a_matching_alternative_first():
    alt = E + 1.0
    assert value_hint(E, alt, alternatives={"my mistake": alt}) == "my mistake"


def test_says_nothing_when_the_error_has_no_pattern():
    rng = np.random.default_rng(0)
    assert value_hint(E, E + rng.standard_normal(E.shape)) is None


def test_shape_hints():
    assert shape_hint((4, 3), (3, 4), 5) == "transposed (the shape is reversed)"
    assert shape_hint((3,), (5, 3), 5) == "did not sum over the batch axis (axis 0)"
    assert shape_hint((3,), (1, 3), 5).startswith("an extra axis of length 1")
    assert shape_hint((4, 3), (7,), 5) is None
