# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Zeroes the upstream gradient in place.
# expect: in place


class Relu(Relu):
    def bprop(self, inputs, output, grad, i):
        grad[inputs[0] <= 0] = 0.0
        return grad
