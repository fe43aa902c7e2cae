"""The mistake recogniser on its own: arrays in, phrase out -- and a phrase only when verified."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.toolkit.diagnose import shape_hint, value_hint

E = np.arange(1.0, 13.0).reshape(4, 3)


def test_recognises_a_flipped_sign():
    assert value_hint(E, -E) == "sign flipped (got minus the right values)"


def test_names_the_batch_size_both_ways():
    assert value_hint(E, 4 * E, batch=4).startswith(
        "off by a factor N = 4: forgot to divide by the batch size N=4"
    )
    assert value_hint(E, E / 4, batch=4).startswith(
        "off by a factor 1/N = 0.25: divided by the batch size N=4 once too often"
    )


def test_names_a_one_over_n_factor_with_its_value_and_what_n_counts():
    rows = np.arange(1.0, 50.0).reshape(7, 7)
    assert value_hint(rows, rows / 7, batch=7).startswith(
        "off by a factor 1/N = 0.1429: divided by the batch size N=7 once too often"
    )
    # batch 1: the 7 counts the elements (and the row length), and the message says so
    one = np.arange(1.0, 8.0).reshape(1, 7)
    assert "1/N = 0.1429: divided by the number of elements N=7" in value_hint(one, one / 7, 1)
    wide = np.arange(1.0, 15.0).reshape(2, 7)
    assert "the row length N=7 (axis -1)" in value_hint(wide, wide * 7, batch=2)


@pytest.mark.parametrize(("c", "phrase"), [(2.0, "off by a factor of 2"), (0.5, "of 1/2")])
def test_a_factor_of_2_or_a_half_is_named_without_guessing_where_it_came_from(c, phrase):
    hint = value_hint(E, c * E, batch=4)
    assert phrase in hint and "square" not in hint


def test_a_factor_that_is_not_uniform_is_not_named():
    got = E.copy()
    got[0] *= 2
    assert value_hint(E, got) is None


def test_nan_is_reported_as_such_without_guessing_an_overflow():
    got = E.copy()
    got[1, 2] = np.nan
    assert value_hint(E, got) == "returned nan or inf in 1 of 12 elements"


def test_recognises_a_transpose_of_a_square_array():
    S = np.array([[1.0, 2.0], [3.0, 5.0]])
    assert value_hint(S, S.T).startswith("transposed")


def test_names_a_matching_alternative_first():
    alt = E + 1.0
    assert value_hint(E, alt, alternatives={"my mistake": alt}) == "my mistake"


def test_says_nothing_when_the_error_has_no_pattern():
    rng = np.random.default_rng(0)
    assert value_hint(E, E + rng.standard_normal(E.shape)) is None


def test_shape_hints_name_a_cause_only_when_the_values_confirm_it():
    assert shape_hint((4, 3), (3, 4), 5, arrays=(E, E.T)).startswith("transposed")
    # reversed shape, values that are not the transpose: a fact, no cause
    assert shape_hint((4, 3), (3, 4), 5, arrays=(E, E.reshape(3, 4))) == (
        "the right values in the wrong shape (reshape to (4, 3))"
    )
    assert shape_hint((4, 3), (3, 4), 5, arrays=(E, -E.T)) == "the shape is reversed"
    rows = np.stack([E[0] / 5] * 5)
    assert shape_hint((3,), (5, 3), 5, arrays=(E[0], rows)).startswith(
        "did not sum over the batch axis"
    )
    assert shape_hint((3,), (1, 3), 5).startswith("an extra axis of length 1")
    assert shape_hint((4, 3), (7,), 5) is None


def test_a_boolean_mask_index_is_named_when_the_selected_values_are_right():
    expected = np.where(E > 6, E, 0.0)
    hint = shape_hint(E.shape, (6,), 4, arrays=(expected, E[E > 6]))
    assert "boolean mask (grad[X > 0])" in hint and "grad * (X > 0)" in hint
