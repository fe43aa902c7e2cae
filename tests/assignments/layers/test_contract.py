"""The contract of assignment 1: its classic mistakes are torch expressions that run, each
differs from the right gradient (or its hint would never fire, or fire on correct code), and
those one step from an answer are computed from torch autograd, not written out."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.layers.contract import BY_NAME, SPECS
from autograder.toolkit.torch_ref import mistakes, reference, reference_forward

#: mistakes that are a multiple of the right answer, grad minus it, another class's answer or
#: the answer with one axis changed: they must need autograd's vjp
NEAR_ANSWERS = {
    "ReLU": "*",
    "Softmax": "summed over the wrong axis",
    "MSELoss": "*",
    "CrossEntropyLoss": "*",
    "SoftmaxCrossEntropyLoss": "*",
}


@pytest.mark.parametrize("spec", [s for s in SPECS if s.mistakes], ids=lambda s: s.name)
def test_every_classic_mistake_runs_and_differs_from_the_right_gradient(spec):
    rng = np.random.default_rng(11)
    ran: set[str] = set()
    for shape in [*spec.shapes, *_square(spec)]:
        inputs, params = spec.sample(rng, shape)
        out = reference_forward(spec, inputs, params)
        upstream = 1.5 if spec.is_loss else rng.standard_normal(np.shape(out))
        right = reference(spec, inputs, params, upstream)["input"]
        wrong = mistakes(spec, inputs, params, upstream)
        ran |= set(wrong)
        for name, value in wrong.items():
            assert value.shape == right.shape, name
            assert not np.allclose(value, right), name
    # a mistake that only runs where every size is equal (W for W.T) runs on the square case
    assert ran == set(spec.mistakes)


def _square(spec) -> list[tuple[int, ...]]:  # noqa: ANN001
    """The spec's first shape with every size 4 (where a transposed matrix still fits)."""
    return [tuple(4 for _ in spec.shapes[0])] if spec.shapes else []


class _NoAutograd(Exception):
    pass


def _no_vjp(*args, **kwargs):
    raise _NoAutograd


@pytest.mark.parametrize(("cls", "which"), NEAR_ANSWERS.items())
def test_a_near_answer_mistake_cannot_be_computed_without_autograd(cls, which):
    # students install the package: with numpy and no vjp, these mistakes must not run
    spec = BY_NAME[cls]
    inputs, params = spec.sample(np.random.default_rng(0), spec.shapes[0])
    g = 1.0 if spec.is_loss else np.ones_like(inputs[spec.wrt])
    names = [n for n in spec.mistakes if which == "*" or n.startswith(which)]
    assert names
    for name in names:
        with pytest.raises(_NoAutograd):
            spec.mistakes[name](np, _no_vjp, inputs, params, g)
