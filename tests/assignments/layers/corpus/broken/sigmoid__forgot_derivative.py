"""Sigmoid.bp_input multiplies the upstream gradient by s(X) instead of by s(X)(1 - s(X))."""
# expect: forgot the derivative


class Sigmoid(Sigmoid):
    def bp_input(self, grad):
        return grad * self.Y
