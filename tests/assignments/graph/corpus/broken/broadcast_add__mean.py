# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Averages over the broadcast axes instead of summing.
# expect: mean over the broadcast axes


class BroadcastAdd(BroadcastAdd):
    def bprop(self, inputs, output, grad, i):
        if i == 0:
            return grad
        shape = np.shape(inputs[1])
        lead = np.ndim(grad) - len(shape)
        axes = tuple(range(lead)) + tuple(lead + k for k, n in enumerate(shape) if n == 1)
        return np.mean(grad, axis=axes).reshape(shape)
