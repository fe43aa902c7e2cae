"""The end-to-end CNN check: the reference trains, a six-loop convolution runs out of its
CPU-time budget with a message that says so and blames Conv2d, a broken class is named.

Short runs (a few thousand images, one epoch) keep these tests to seconds; the full settings
are calibrated in benchmarks/calibration_conv.md.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from autograder import assignments
from autograder.assignments.conv import end_to_end
from autograder.assignments.conv.config import BUDGET_ENV, THRESHOLD_ENV, CnnConfig, from_env
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from autograder.toolkit.rubric import CheckDef

HERE = Path(__file__).parent
LAYERS = HERE.parent / "layers" / "corpus" / "reference.py"
CORPUS = HERE / "corpus"
SEED = 5
#: one epoch of 6,000 images: the reference reaches about 84 % (seed 5)
SHORT = CnnConfig(train_samples=6000, epochs=1, final_epochs=0, threshold=0.75, budget=60.0)


def _run(tmp_path: Path, config: CnnConfig, *entries: Path):
    parts = [LAYERS, CORPUS / "reference.py", *entries]
    path = tmp_path / "submission.py"
    path.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    unit = assignments.get("05_conv").unit("Conv2d")
    check = CheckDef("CNN on MNIST", None, 20, end_to_end.with_config(config), timeout=300)
    print(f"training {[p.name for p in entries]} with seed {SEED}")
    with RemoteSession(load_submission(path)) as session:
        (result,) = run_class(session, unit, SEED, defs=[check])
    return result


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_reference_classes_train_a_cnn(tmp_path):
    result = _run(tmp_path, SHORT)
    assert result.passed, result.message
    assert result.message.startswith("Passed: test accuracy")
    assert "(1 epoch of 6,000 images, batch 128, lr 0.1, momentum 0.9)" in result.message


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_run_that_falls_short_with_correct_classes_blames_none(tmp_path):
    result = _run(tmp_path, dataclasses.replace(SHORT, threshold=0.999))
    assert result.message.startswith("No single class can be blamed"), result.message
    assert "fell short of 99.90 %" in result.message


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_six_loop_convolution_runs_out_of_its_budget_and_conv2d_is_blamed(tmp_path):
    config = dataclasses.replace(SHORT, budget=3.0)
    result = _run(tmp_path, config, CORPUS / "unusual" / "conv2d__six_loops.py")
    assert not result.passed
    assert result.message.startswith("Training fails because of your Conv2d"), result.message
    assert "ran out of its time budget of 3 s of CPU time" in result.message


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_broken_class_that_stops_training_is_named(tmp_path):
    entry = CORPUS / "broken" / "conv2d__bias_over_wrong_axes.py"
    result = _run(tmp_path, SHORT, entry)
    assert not result.passed
    assert result.message.startswith("Training fails because of your Conv2d"), result.message
    assert "bp_param matches torch" in result.message


def test_the_course_overrides_threshold_and_budget(monkeypatch):
    monkeypatch.setenv(THRESHOLD_ENV, "97.5")
    monkeypatch.setenv(BUDGET_ENV, "200")
    assert (from_env().threshold, from_env().budget) == (0.975, 200.0)


def test_initial_weights_are_seeded_float32_and_shaped_for_the_cnn():
    weights = end_to_end.initial_weights(CnnConfig(), 3)
    again = end_to_end.initial_weights(CnnConfig(), 3)
    assert {i: w["W"].shape for i, w in weights.items()} == {
        0: (8, 1, 3, 3),
        4: (1352, 64),
        6: (64, 10),
    }
    assert all(w["W"].dtype.name == "float32" for w in weights.values())
    assert all((weights[i]["W"] == again[i]["W"]).all() for i in weights)
