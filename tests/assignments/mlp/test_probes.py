"""The grader's probes inside a session: made-up rules, the student's classes as their bases,
the submission's own classes found in the notebook too, and no answer among them."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.mlp import _net, _probes
from autograder.assignments.mlp.contract import BY_NAME
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import LocalSession, RemoteSession
from tests.assignments.mlp.conftest import SEED, exact_defs
from tests.conftest import reference_namespace

ISINSTANCE_SEQUENTIAL = """
class Sequential:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, X):
        for layer in self.layers:
            X = layer(X)
        return X

    def backward(self, grad):
        self.grads = [{} for _ in self.layers]
        for i in reversed(range(len(self.layers))):
            if isinstance(self.layers[i], Linear):
                self.grads[i] = self.layers[i].bp_param(grad)
            grad = self.layers[i].bp_input(grad)
        return grad
"""


def _notebook_namespace() -> dict:
    """Assignment-1 classes and a Sequential dispatching on them, as a notebook's globals."""
    namespace = reference_namespace()
    exec(compile(ISINSTANCE_SEQUENTIAL, "notebook", "exec"), namespace)
    return namespace


def test_probe_backward_rules_are_not_the_derivatives_of_their_forwards():
    rng = np.random.default_rng(0)
    net = [_net.linear(rng, 3, 2), _net.activation(rng, "ReLU")]
    X, G = rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    eps, layers = 1e-6, _net.local(net)
    for layer, x in ((layers[0], X), (layers[1], rng.standard_normal((4, 2)))):
        layer(x)
        analytic = layer.bp_input(G)
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            d = np.zeros_like(x)
            d[idx] = eps
            numeric[idx] = np.sum(G * (layer(x + d) - layer(x - d))) / (2 * eps)
        layer(x)
        assert not np.allclose(analytic, numeric, rtol=1e-3)


def test_probes_cannot_be_built_with_the_contract_constructors():
    classes = _probes.local()
    for name, args in (
        ("Linear", (3, 2)),
        ("ReLU", ()),
        ("SoftmaxCrossEntropyLoss", ()),
        ("network", ([],)),
        ("optimizer", (None, 0.1, 0.9)),
    ):
        with pytest.raises((TypeError, IndexError, KeyError)):
            classes[name](*args)


def test_probe_layers_derive_from_the_students_classes_in_a_notebook_session():
    namespace = _notebook_namespace()
    # the notebook passes only the graded class; the probes find Linear in its globals
    session = LocalSession({"Sequential": namespace["Sequential"]})
    _probes.with_probes(session)
    rng = np.random.default_rng(1)
    kind, params, rule = _net.linear(rng, 3, 2)
    layer = session.new(_probes.probe("Linear"), {**params, **rule})
    assert isinstance(session._objects.items[layer.handle], namespace["Linear"])
    assert _probes.origin(session, "Linear") == "reference"
    assert _probes.origin(session, "Tanh") == "reference"
    assert _probes.origin(session, "train_step") is None


def test_a_sequential_dispatching_on_its_own_linear_passes_in_the_notebook_and_the_worker(
    tmp_path,
):
    unit = BY_NAME["Sequential"]
    namespace = _notebook_namespace()
    local = run_class(
        LocalSession({"Sequential": namespace["Sequential"]}), unit, SEED, defs=exact_defs(unit)
    )
    assert {r.name: r.message for r in local if not r.passed} == {}
    path = tmp_path / "submission.py"
    path.write_text(_source_with_reference())
    with RemoteSession(load_submission(path)) as session:
        remote = run_class(session, unit, SEED, defs=exact_defs(unit))
    assert [(r.name, r.score) for r in remote] == [(r.name, r.score) for r in local]


def _source_with_reference() -> str:
    from tests.conftest import REFERENCE

    return REFERENCE.read_text(encoding="utf-8") + "\n" + ISINSTANCE_SEQUENTIAL


def test_a_student_class_that_refuses_attributes_still_gets_probes():
    class Linear:
        __slots__ = ("weights",)

    session = LocalSession({"Sequential": type("Sequential", (), {}), "Linear": Linear})
    _probes.with_probes(session)
    kind, params, rule = _net.linear(np.random.default_rng(2), 2, 2)
    layer = session.new(_probes.probe("Linear"), {**params, **rule})
    assert np.allclose(layer.get("W"), params["W"])
