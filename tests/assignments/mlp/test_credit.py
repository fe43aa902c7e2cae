"""The credit assignment's rule: a margin between paired runs, both candidates named when
close, a verdict that always leads the message and names the class."""

from __future__ import annotations

from autograder.assignments.mlp.credit import MARGIN, _within, verdict


def test_a_swap_is_blamed_by_its_gain_not_by_a_cut_off():
    # the same broken SGD at 89.9 % or 90.05 % after the swap: the verdict does not change
    for after_swap in (0.899, 0.9005):
        gains = {"SGD": after_swap - 0.50, "ReLU": 0.001, "Sequential": -0.002}
        assert _within(gains, MARGIN) == ["SGD"]


def test_two_swaps_within_the_margin_of_each_other_are_both_named():
    gains = {"SGD": 0.30, "train_step": 0.30 - MARGIN / 2, "ReLU": 0.0}
    assert _within(gains, MARGIN) == ["SGD", "train_step"]


def test_no_swap_gaining_the_margin_blames_nobody_by_swaps():
    assert _within({"SGD": MARGIN / 2, "ReLU": -0.01}, MARGIN) == []


def test_the_verdict_names_the_class_and_says_where_the_points_stay():
    text = verdict(["SGD"])
    assert text.startswith("Training fails because of your SGD (see its checks)")
    assert "train_step" in text
    assert verdict(["ReLU", "Linear"]).startswith(
        "Training fails because of your ReLU and your Linear (see their checks (assignment 1))"
    )
