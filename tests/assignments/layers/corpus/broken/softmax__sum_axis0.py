"""Softmax.bp_input sums <grad, p> over axis 0 (the batch) instead of axis 1 (the classes)."""
# expect: wrong axis


class Softmax(Softmax):
    def bp_input(self, grad):
        return self.Y * (grad - (grad * self.Y).sum(axis=0, keepdims=True))
