"""Loss checks: the upstream scale and the mean over the batch."""

from __future__ import annotations

from tests.conftest import define, failures, run_local


def test_a_loss_that_ignores_its_grad_argument_is_named(ref):
    ns = define(
        "class MSELoss(MSELoss):\n    def bp_input(self, grad=1.0):\n"
        "        return 2 * self.diff / self.diff.size\n",
        ref,
    )
    failed = failures(run_local(ns["MSELoss"], "MSELoss"))
    assert "ignored the grad argument" in failed["upstream scale (grad != 1) honoured"]


def test_mse_divided_by_the_batch_only_is_named(ref):
    ns = define(
        "class MSELoss(MSELoss):\n    def bp_input(self, grad=1.0):\n"
        "        return grad * 2 * self.diff / len(self.diff)\n",
        ref,
    )
    failed = failures(run_local(ns["MSELoss"], "MSELoss"))
    assert "batch size only, not by the number of elements" in failed["bp_input matches torch"]


def test_a_loss_summed_over_the_batch_fails_the_mean_check(ref):
    ns = define(
        "class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):\n"
        "    def __call__(self, prediction, target):\n"
        "        return len(prediction) * super().__call__(prediction, target)\n"
        "    def bp_input(self, grad=1.0):\n"
        "        return grad * (self.p - self.y)\n",
        ref,
    )
    failed = failures(run_local(ns["SoftmaxCrossEntropyLoss"], "SoftmaxCrossEntropyLoss"))
    assert "sums over the batch" in failed["mean over the batch"]


def test_a_loss_written_with_an_explicit_batch_loop_is_accepted(ref):
    ns = define(
        "class CrossEntropyLoss:\n"
        "    def __call__(self, prediction, target):\n"
        "        self.p, self.y = prediction, target\n"
        "        total = 0.0\n"
        "        for p_row, y_row in zip(prediction, target):\n"
        "            total -= float(np.dot(y_row, np.log(p_row)))\n"
        "        return total / len(prediction)\n"
        "    def bp_input(self, grad=1.0):\n"
        "        out = np.empty_like(self.p)\n"
        "        for i in range(len(self.p)):\n"
        "            out[i] = -grad * self.y[i] / self.p[i] / len(self.p)\n"
        "        return out\n",
        ref,
    )
    assert failures(run_local(ns["CrossEntropyLoss"], "CrossEntropyLoss")) == {}


def test_a_halved_mse_gradient_is_named_and_a_halved_value_is_not_blamed_on_the_square(ref):
    ns = define(
        "class MSELoss(MSELoss):\n    def bp_input(self, grad=1.0):\n"
        "        return grad * self.diff / self.diff.size\n",
        ref,
    )
    failed = failures(run_local(ns["MSELoss"], "MSELoss"))
    assert "forgot the 2 that comes from the square" in failed["bp_input matches torch"]
    ns = define(
        "class MSELoss(MSELoss):\n    def __call__(self, prediction, target):\n"
        "        return super().__call__(prediction, target) / 2\n",
        ref,
    )
    message = failures(run_local(ns["MSELoss"], "MSELoss"))["forward matches torch"]
    assert "off by a factor of 1/2" in message and "square" not in message
