"""The end-to-end MNIST check: the solution passes on full MNIST, failures say why and who.

The full run (the whole grade of the shipped solution) is the slow one; the failure tests use
a shortened `TrainConfig` so they stay fast.
"""

from __future__ import annotations

import re

import pytest

from autograder.assignments.mlp.config import TrainConfig
from autograder.assignments.mlp.contract import BY_NAME
from autograder.assignments.mlp.end_to_end import with_config
from autograder.config import GradeConfig
from autograder.grading import grade, run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from autograder.toolkit.rubric import CheckDef
from tests.assignments.mlp.conftest import EXERCISE, SEED, SOLUTION, solution_source

#: a short run: one epoch of 20,000 images (about 93 % for a correct network)
SHORT = TrainConfig(train_samples=20000, epochs=1, final_epochs=0, threshold=0.9)
BROKEN_RELU = """
class ReLU(ReLU):
    def bp_input(self, grad):
        return grad * (self.X < 0)
"""


def _e2e(tmp_path, extra: str, config: TrainConfig):
    path = tmp_path / "submission.py"
    path.write_text(solution_source() + "\n\n" + extra)
    print(f"seed {SEED}")
    check = CheckDef("e2e", None, 25, with_config(config), timeout=300)
    with RemoteSession(load_submission(path)) as session:
        return run_class(session, BY_NAME["train_step"], SEED, defs=[check])[0]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_solution_gets_full_marks_and_passes_on_full_mnist(with_mnist, monkeypatch):
    monkeypatch.delenv("BACKPROP_KIT_MNIST_THRESHOLD", raising=False)
    monkeypatch.delenv("BACKPROP_KIT_MNIST_BUDGET", raising=False)
    result = grade(SOLUTION.parent, GradeConfig(seed=1))
    failures = [f"{c.unit} [{c.name}]: {c.message}" for c in result.checks if not c.passed]
    assert result.score == result.max_score == 100, "\n".join(failures)
    (e2e,) = [c for c in result.checks if "MNIST" in c.name]
    print(e2e.message)
    accuracy = float(re.search(r"test accuracy ([\d.]+) %", e2e.message).group(1))
    assert accuracy >= 97.0
    assert "Per epoch: 1:" in e2e.message and "5:" in e2e.message  # the curve is reported


def test_the_released_exercise_scores_zero(with_mnist):
    result = grade(EXERCISE.parent, GradeConfig(seed=1))
    assert result.max_score == 100
    assert result.score == 0, [c for c in result.checks if c.passed]
    (e2e,) = [c for c in result.checks if "MNIST" in c.name]
    assert "does not define Linear, ReLU, SoftmaxCrossEntropyLoss" in e2e.message
    assert "from layers import Linear, ReLU, SoftmaxCrossEntropyLoss" in e2e.message


def test_credit_assignment_swaps_in_the_instructors_classes_found_in_the_course(
    tmp_path, with_mnist, monkeypatch
):
    monkeypatch.setenv("BACKPROP_KIT_SOLUTIONS", str(SOLUTION.parents[1]))
    result = _e2e(tmp_path, BROKEN_RELU, SHORT)
    assert result.status == "failed"
    assert "yours: Linear, ReLU" in result.message
    assert "fell short of the required 90.00 %" in result.message, result.message
    assert "swapping in the instructor's ReLU makes it train" in result.message, result.message
    assert "the mistake is most likely in your ReLU" in result.message
    assert result.message.startswith("Training fails because of your ReLU (see its checks")


DECAYING_SGD = """
class SGD(SGD):
    def step(self):
        super().step()
        self.steps = getattr(self, "steps", 0) + 1
        if self.steps % 10 == 0:
            self.lr = self.lr / 2
"""


def test_a_decaying_learning_rate_is_blamed_on_sgd_never_on_time(tmp_path, with_mnist, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_SOLUTIONS", str(SOLUTION.parents[1]))
    result = _e2e(tmp_path, DECAYING_SGD, SHORT)
    assert result.status == "failed"
    assert result.message.startswith("Training fails because of your SGD (see its checks)"), (
        result.message
    )
    assert "fell short of the required 90.00 %" in result.message
    assert "time budget" not in result.message and "too slow" not in result.message


def test_without_the_instructors_classes_a_decaying_sgd_is_named_by_its_checks(
    tmp_path, with_mnist, monkeypatch
):
    monkeypatch.setenv("BACKPROP_KIT_SOLUTIONS", str(tmp_path / "no-solutions"))
    result = _e2e(tmp_path, DECAYING_SGD, SHORT)
    assert result.message.startswith("Training fails because of your SGD (see its checks)")
    assert "your SGD fails 'hundreds of steps match torch.optim.SGD" in result.message


def test_without_the_instructors_classes_the_exact_checks_name_the_class(
    tmp_path, with_mnist, monkeypatch
):
    monkeypatch.setenv("BACKPROP_KIT_SOLUTIONS", str(tmp_path / "no-solutions"))
    result = _e2e(tmp_path, BROKEN_RELU, SHORT)
    assert result.status == "failed" and result.score == 0
    assert "instructor's ReLU" not in result.message
    assert "your ReLU fails 'bp_input matches torch'" in result.message, result.message
    assert "the mistake is most likely in your ReLU" in result.message
    assert "needs the instructor's grader" in result.message


def test_a_correct_submission_that_runs_out_of_time_fails_with_a_clear_message(
    tmp_path, with_mnist
):
    slow = TrainConfig(train_samples=20000, epochs=3, final_epochs=0, threshold=0.5, budget=0.3)
    result = _e2e(tmp_path, "", slow)
    assert result.status == "failed"
    assert "ran out of its time budget of 0.3 s" in result.message
    assert "the failure shows only in the full run" in result.message
    assert "each of your classes passes its own exact checks" in result.message


def test_the_threshold_and_budget_come_from_the_environment(tmp_path, with_mnist, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_MNIST_THRESHOLD", "99.9")
    from autograder.assignments.mlp.config import from_env

    result = _e2e(tmp_path, "", from_env(SHORT))
    assert result.status == "failed"
    assert "required: 99.90 %" in result.message
    assert "fell short of the required 99.90 %" in result.message
    assert "ran out of" not in result.message  # the accuracy fell short, not the time
