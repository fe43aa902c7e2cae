"""Assignment 2's corpus covers every unit and the classic mistakes (the entries themselves
are graded by the shared harness, tests/assignments/test_corpus.py)."""

from __future__ import annotations

from tests.assignments.mlp.corpus_spec import CORPUS

BROKEN = CORPUS.entries("broken")
UNUSUAL = CORPUS.entries("unusual")
UNITS = set(CORPUS.units().values())
_target = CORPUS.target


def test_the_corpus_covers_every_unit_and_the_classic_mistakes():
    assert {_target(p) for p in BROKEN} == UNITS
    assert {_target(p) for p in UNUSUAL} == UNITS
    stems = {p.stem for p in BROKEN}
    for required in (
        "sequential__backward_forward_order",  # layers backward in the wrong order
        "sgd__sign_flipped",  # sign of the update
        "sgd__grads_captured_at_init",  # gradients of an earlier step reused
        "train_step__step_before_backward",  # update before backward
        "minibatches__drops_last",
        "minibatches__with_replacement",
        "sgd__no_momentum",
        "sequential__grads_skip_empty",  # a layer's grads not collected
        "sgd__lr_decay",  # shows only after 100 steps
        "sgd__velocity_reset",
        "sgd__momentum_after_warmup",
        "sgd__velocity_on_the_class",  # a new optimiser inherits the old velocity
        "sgd__velocity_keyed_by_name",
        "sequential__layers_reversed_in_place",  # mutates the network
        "minibatches__topped_up",
        "evaluate__one_hot_labels",  # an AxisError
    ):
        assert required in stems, f"missing broken entry {required}"
