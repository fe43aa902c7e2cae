"""Softmax.bp_input modifies the upstream gradient in place (grad -= ...)."""
# expect: in place


class Softmax(Softmax):
    def bp_input(self, grad):
        grad -= (grad * self.Y).sum(axis=1, keepdims=True)
        return self.Y * grad
