"""Linear.bp_input multiplies elementwise by W.T where a matrix product is needed."""
# expect: multiplied elementwise (*) where a matrix product (@) is needed


class Linear(Linear):
    def bp_input(self, grad):
        return grad * self.W.T
