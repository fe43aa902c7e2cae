"""Linear.bp_input multiplies by W instead of W.T (a shape error when in != out)."""
# expect: used W instead of W.T (grad @ W) (verified


class Linear(Linear):
    def bp_input(self, grad):
        return grad @ self.W
