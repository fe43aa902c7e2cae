"""The grader's torch twins agree with the kit's numpy reference (so either can be trusted)."""

from __future__ import annotations

import numpy as np

from autograder.mlp import _net
from autograder.mlp._torch_ref import network_vjp, sgd_steps, train_steps
from autograder.reference.layers import SoftmaxCrossEntropyLoss
from autograder.reference.mlp import SGD, train_step


def test_network_vjp_matches_the_reference_sequential():
    rng = np.random.default_rng(0)
    for _ in range(5):
        net, d_in = _net.random_net(rng)
        X = rng.standard_normal((4, d_in))
        network, _ = _net.local(net)
        out = network(X)
        G = rng.standard_normal(out.shape)
        dx = network.backward(G)
        ref = network_vjp(net, X, G)
        assert np.allclose(ref["out"], out) and np.allclose(ref["input"], dx)
        for got, want in zip(network.grads, ref["grads"], strict=True):
            assert got.keys() == want.keys()
            assert all(np.allclose(got[k], want[k]) for k in got)


def test_sgd_and_training_steps_match_the_reference():
    rng = np.random.default_rng(1)
    net = [("Linear", _net.linear_params(rng, 4, 5)), ("Tanh", {}),
           ("Linear", _net.linear_params(rng, 5, 3))]
    batches = [(rng.standard_normal((6, 4)), np.eye(3)[rng.integers(0, 3, 6)]) for _ in range(3)]
    losses, after = train_steps(net, batches, lr=0.3, momentum=0.8)
    network, layers = _net.local(net)
    loss, optimizer = SoftmaxCrossEntropyLoss(), SGD(network, 0.3, 0.8)
    for (X, Y), want_loss, want in zip(batches, losses, after, strict=True):
        assert np.isclose(train_step(network, loss, optimizer, X, Y), want_loss)
        got = _net.local_params(layers, net)
        assert all(np.allclose(g[k], w[k]) for g, w in zip(got, want, strict=True) for k in g)
    grads = [[{k: rng.standard_normal(v.shape) for k, v in p.items()} for _, p in net]
             for _ in range(3)]
    expected = sgd_steps(_net.params_of(net), grads, lr=0.1, momentum=0.9)
    network, layers = _net.local(net)
    optimizer = SGD(network, 0.1, 0.9)
    for step, want in zip(grads, expected, strict=True):
        network.grads = step
        optimizer.step()
        got = _net.local_params(layers, net)
        assert all(np.allclose(g[k], w[k]) for g, w in zip(got, want, strict=True) for k in g)
