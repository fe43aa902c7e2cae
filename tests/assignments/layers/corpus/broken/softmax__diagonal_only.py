"""Softmax.bp_input keeps only the diagonal of the Jacobian: p(1 - p) * grad."""
# expect: diagonal


class Softmax(Softmax):
    def bp_input(self, grad):
        return grad * self.Y * (1 - self.Y)
