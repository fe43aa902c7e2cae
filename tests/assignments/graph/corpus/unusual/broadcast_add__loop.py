# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Reduces one axis at a time in a loop.


class BroadcastAdd(BroadcastAdd):
    def bprop(self, inputs, output, grad, i):
        if i == 0:
            return grad
        shape = np.shape(inputs[1])
        g = np.asarray(grad)
        while g.ndim > len(shape):
            g = g.sum(axis=0)
        for axis, n in enumerate(shape):
            if n == 1:
                g = g.sum(axis=axis, keepdims=True)
        return g
