"""The kit's reference classes inside a session, and telling the kit's classes from a student's."""

from __future__ import annotations

import numpy as np

from autograder._config import GradeConfig
from autograder.grading import grade
from autograder.loading import load_submission
from autograder.mlp import _session
from autograder.reference.mlp import Sequential as KitSequential
from autograder.runner import LocalSession, RemoteSession
from tests.mlp.conftest import grade_units


class MySequential:
    pass


def test_a_local_session_gets_the_reference_classes_and_knows_their_origin():
    session = LocalSession({"Sequential": MySequential, "SGD": KitSequential})
    _session.with_reference(session)
    _session.with_reference(session)  # idempotent
    layer = session.new(_session.ref("Linear"), 3, 2)
    layer.set("W", np.ones((3, 2)))
    layer.set("b", np.zeros(2))
    assert np.allclose(layer.call("__call__", np.ones((1, 3))), [[3.0, 3.0]])
    assert _session.origin(session, "Sequential") == __name__
    assert _session.is_kit(_session.origin(session, "SGD"))
    assert _session.origin(session, "train_step") is None


def test_a_worker_gets_the_reference_classes_and_keeps_them_after_a_restart(tmp_path):
    path = tmp_path / "submission.py"
    path.write_text("def hang():\n    while True:\n        pass\n")
    with RemoteSession(load_submission(path)) as session:
        session.start_check(5)
        _session.with_reference(session)
        net = session.new(_session.ref("Sequential"), [session.new(_session.ref("ReLU"))])
        assert np.allclose(net.call("__call__", np.array([[-1.0, 2.0]])), [[0.0, 2.0]])
        session.start_check(0.5)
        try:
            session.call_function("hang")
        except Exception as exc:  # noqa: BLE001 - the timeout, whatever the runner calls it
            assert "did not finish" in str(exc)
        session.start_check(5)
        relu = session.new(_session.ref("ReLU"))  # a fresh worker, still with the prelude
        assert np.allclose(relu.call("__call__", np.array([[-3.0]])), [[0.0]])
        assert _session.origin(session, "hang") == "__submission__"


def test_pieces_imported_from_the_kit_earn_nothing(tmp_path):
    path = tmp_path / "submission.py"
    path.write_text(
        "from autograder.reference import Linear, ReLU, SoftmaxCrossEntropyLoss\n"
        "from autograder.reference.mlp import SGD, Sequential, evaluate, minibatches\n"
        "from autograder.reference.mlp import train_step\n"
    )
    results = grade_units(path)
    assert results and all(not r.passed for r in results)
    assert all("comes from the kit" in r.message for r in results), results[0].message


def test_grading_a_kit_only_submission_gives_zero_without_training(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_KIT_MNIST", str(tmp_path / "nowhere"))
    path = tmp_path / "02_mlp.py"
    path.write_text("from autograder.reference.mlp import train_step\n")
    result = grade(path, GradeConfig(seed=3))
    assert result.score == 0
    (e2e,) = [c for c in result.checks if "MNIST" in c.name]
    assert "comes from the kit" in e2e.message
