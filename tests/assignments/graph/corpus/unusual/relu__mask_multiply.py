# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Multiplies by a boolean mask.


class Relu(Relu):
    def bprop(self, inputs, output, grad, i):
        return grad * (inputs[0] > 0)
