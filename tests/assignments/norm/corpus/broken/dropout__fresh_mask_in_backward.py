"""Dropout.bp_input draws a new mask from the generator instead of reusing the forward's."""
# expect: fresh mask


class Dropout(Dropout):
    def bp_input(self, grad):
        if not self.training:
            return grad
        return grad * (self.rng.random(grad.shape) >= self.p) / (1 - self.p)
