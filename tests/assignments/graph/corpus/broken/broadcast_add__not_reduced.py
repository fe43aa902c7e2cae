# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Treats BroadcastAdd like Add: b's gradient keeps a's shape.
# expect: the broadcast was not reduced


class BroadcastAdd(BroadcastAdd):
    def bprop(self, inputs, output, grad, i):
        return grad
