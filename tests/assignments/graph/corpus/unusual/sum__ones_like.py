# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# grad * ones_like(a).


class Sum(Sum):
    def bprop(self, inputs, output, grad, i):
        return grad * np.ones_like(inputs[0], dtype=float)
