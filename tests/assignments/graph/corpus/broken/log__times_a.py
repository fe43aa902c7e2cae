# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Multiplies by a instead of dividing.
# expect: multiplied by a instead of dividing


class Log(Log):
    def bprop(self, inputs, output, grad, i):
        return grad * inputs[0]
