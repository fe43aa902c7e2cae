# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Recomputes exp(a) instead of reusing the output; also a 1 / (1/x) style for Log.


class Exp(Exp):
    def bprop(self, inputs, output, grad, i):
        return np.multiply(grad, np.exp(inputs[0]))
