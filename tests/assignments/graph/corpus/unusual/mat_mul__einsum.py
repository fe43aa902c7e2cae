# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# einsum instead of @.


class MatMul(MatMul):
    def bprop(self, inputs, output, grad, i):
        A, B = inputs
        if i == 0:
            return np.einsum("nm,km->nk", grad, B)
        return np.einsum("nk,nm->km", A, grad)
