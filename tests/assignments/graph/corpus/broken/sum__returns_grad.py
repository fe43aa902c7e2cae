# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Passes the scalar upstream gradient on without broadcasting it to a's shape.
# expect: broadcast it to a's shape


class Sum(Sum):
    def bprop(self, inputs, output, grad, i):
        return grad
