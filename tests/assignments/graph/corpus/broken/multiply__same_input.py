# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Scales each input's gradient by itself instead of by the other input.
# expect: multiplied by the same input


class Multiply(Multiply):
    def bprop(self, inputs, output, grad, i):
        return grad * inputs[i]
