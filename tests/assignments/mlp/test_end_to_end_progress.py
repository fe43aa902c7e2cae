"""The MNIST end-to-end check shows its training on a terminal (`autograder.progress`)."""

from __future__ import annotations

import textwrap

import pytest

from tests.test_progress import run_on_terminal

MNIST_SCRIPT = textwrap.dedent(
    """
    import pathlib, tempfile
    from autograder.toolkit import CheckDef
    from autograder.grading import run_class
    from autograder.loading import load_submission
    from autograder.assignments.mlp.config import TrainConfig
    from autograder.assignments.mlp.contract import BY_NAME
    from autograder.assignments.mlp.end_to_end import with_config
    from autograder.runner import RemoteSession
    from tests.assignments.mlp.conftest import solution_source

    path = pathlib.Path(tempfile.mkdtemp()) / "submission.py"
    path.write_text(solution_source())
    config = TrainConfig(train_samples=3000, epochs=1, final_epochs=0, threshold=0.5)
    check = CheckDef("e2e", None, 25, with_config(config), timeout=300)
    with RemoteSession(load_submission(path)) as session:
        (result,) = run_class(session, BY_NAME["train_step"], 1, defs=[check])
    assert result.passed, result.message
    """
)


@pytest.mark.timeout(300)
def test_the_mnist_check_shows_its_training_on_a_terminal(with_mnist):
    shown = run_on_terminal(MNIST_SCRIPT, timeout=280)
    assert "training on MNIST" in shown and "/24 [" in shown, shown[-2000:]
