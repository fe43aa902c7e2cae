"""The contract of assignment 4: its named mistakes are distinct answers, its modes set the
state they promise, and a class missing from the submission is said so before any training."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments.norm import end_to_end
from autograder.assignments.norm._modes import EVAL, TRAIN, Mode, mode_ctx
from autograder.assignments.norm.contract import BY_NAME
from autograder.assignments.norm.params import param_mistakes
from autograder.errors import CheckFailed
from autograder.runner import LocalSession
from autograder.toolkit.drive import Ctx
from autograder.toolkit.torch_ref import mistakes, reference
from tests.assignments.norm._support import namespace

CASES = [
    ("BatchNorm1d", TRAIN),
    ("BatchNorm1d", EVAL),
    ("LayerNorm", TRAIN),
    ("Dropout", TRAIN),
    ("Dropout", Mode(p=0.9)),
]


def _relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max() / np.abs(b).max())


@pytest.mark.parametrize(
    ("name", "mode"), CASES, ids=[f"{n}-{m.label or 'training'}" for n, m in CASES]
)
def test_every_named_mistake_is_far_from_the_right_answer_and_from_the_others(name, mode):
    rng = np.random.default_rng(7)
    ctx = mode_ctx(Ctx(BY_NAME[name], LocalSession({}), rng), mode)
    spec = ctx.unit
    for shape in spec.shapes:
        inputs, params = spec.sample(rng, shape)
        upstream = rng.standard_normal((shape[0], shape[1]))
        right = reference(spec, inputs, params, upstream)
        wrong = mistakes(spec, inputs, params, upstream)
        if params:
            for key, named in param_mistakes(spec, inputs, params, upstream).items():
                for mistake, value in named.items():
                    if value.shape == right[key].shape:
                        assert _relative(value, right[key]) > 1e-3, (shape, mistake)
        if shape[0] == 1:
            continue  # a batch of 1: several BatchNorm mistakes coincide there (and are 0)
        values = list(wrong.items())
        for i, (mistake, value) in enumerate(values):
            assert _relative(value, right["input"]) > 1e-3, (shape, mistake)
            for other, value2 in values[i + 1 :]:
                assert _relative(value, value2) > 1e-3, (shape, mistake, other)


def test_eval_mode_sets_training_and_the_running_statistics_it_promises():
    ctx = mode_ctx(
        Ctx(BY_NAME["BatchNorm1d"], LocalSession(namespace()), np.random.default_rng(1)), EVAL
    )
    subject = ctx.session.new("BatchNorm1d", 4)
    mean, var = ctx.session._state.buffers(4)
    assert subject.get("training") is False
    assert np.array_equal(subject.get("running_mean"), mean)
    assert np.array_equal(subject.get("running_var"), var)


def test_a_class_the_submission_lacks_fails_the_mnist_run_at_once():
    ns = namespace()
    del ns["BatchNorm1d"]
    ctx = Ctx(BY_NAME["Dropout"], LocalSession(ns), np.random.default_rng(1))
    with pytest.raises(CheckFailed, match="cannot train the network: BatchNorm1d"):
        end_to_end.check_mnist(ctx)
