# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Always sums over axis 0: right for (N, C) + (C,) only.
# expect: summed over the wrong axes


class BroadcastAdd(BroadcastAdd):
    def bprop(self, inputs, output, grad, i):
        return grad if i == 0 else grad.sum(axis=0)
