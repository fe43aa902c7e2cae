"""Sigmoid.bp_input computes the gradient but forgets to return it (returns None)."""
# expect: returned None


class Sigmoid(Sigmoid):
    def bp_input(self, grad):
        dX = grad * self.Y * (1 - self.Y)  # noqa: F841
