"""The MNIST run of assignment 4: the student's BatchNorm1d and Dropout in a 784-256-256-10
network (the grader's torch for the rest), its message, and the class it blames.

Slow (MNIST, the sandbox): a shortened run (6,400 images, 1 epoch, its own threshold) keeps
each test to seconds; the full run is what `benchmarks/calibration_norm.md` measures.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.norm import config as norm_config
from autograder.assignments.norm.config import NormTrainConfig, from_env
from autograder.assignments.norm.end_to_end import with_config
from autograder.errors import CheckFailed
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from autograder.toolkit.drive import Ctx
from tests.assignments.norm._support import ASSIGNMENT, REFERENCE
from tests.conftest import real_mnist_dir

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SEED = 20261201
#: the shortened run: 50 steps; the reference reaches about 90 % (the calibration's probe)
SHORT = NormTrainConfig(
    train_samples=6400, epochs=1, threshold=0.85, probe_samples=3200, probe_total_budget=60.0
)


@pytest.fixture
def with_mnist(monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_MNIST", str(real_mnist_dir()))


def _run(tmp_path, extra: str = "", config: NormTrainConfig = SHORT) -> str:
    path = tmp_path / "submission.py"
    path.write_text(REFERENCE.read_text(encoding="utf-8") + "\n\n" + extra, encoding="utf-8")
    print(f"training with seed {SEED}")
    with RemoteSession(load_submission(path)) as session:
        session.start_check(60.0)
        assert session.class_problem("Dropout") is None
        ctx = Ctx(ASSIGNMENT.unit("Dropout"), session, np.random.default_rng(SEED))
        return with_config(config)(ctx)


def test_the_reference_classes_train(tmp_path, with_mnist):
    message = _run(tmp_path)
    assert message.startswith("Passed: test accuracy"), message
    assert "your BatchNorm1d" in message and "s of CPU time" in message


SIGN_FLIPPED_BATCHNORM = """
class BatchNorm1d(BatchNorm1d):
    def bp_input(self, grad):
        return -super().bp_input(grad)
"""


def test_a_batchnorm_that_breaks_training_is_blamed(tmp_path, with_mnist):
    with pytest.raises(CheckFailed) as failed:
        _run(tmp_path, SIGN_FLIPPED_BATCHNORM)
    message = str(failed.value)
    assert message.startswith("Training fails because of your BatchNorm1d"), message
    assert "torch's BatchNorm1d instead of yours" in message


def test_a_correct_submission_that_runs_out_of_time_says_so(tmp_path, with_mnist):
    config = NormTrainConfig(train_samples=6400, epochs=1, budget=0.05, probe_samples=1280)
    with pytest.raises(CheckFailed) as failed:
        _run(tmp_path, "", config)
    assert "ran out of its time budget of 0.05 s" in str(failed.value)


def test_the_threshold_and_budget_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(norm_config.THRESHOLD_ENV, "92.5")
    monkeypatch.setenv(norm_config.BUDGET_ENV, "12")
    config = from_env()
    assert (config.threshold, config.budget) == (0.925, 12.0)
