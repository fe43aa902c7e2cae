"""Conv2d's backward loops over output positions with windows at (i, j), not (i*s, j*s)."""
# expect: stride ignored in the backward


class Conv2d(Conv2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        pH, pW = self.padding
        dXp = np.zeros_like(self._padded(self.X), dtype=float)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                dXp[:, :, i : i + kH, j : j + kW] += np.tensordot(grad[:, :, i, j], self.W, 1)
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]

    def bp_param(self, grad):
        kH, kW = self.kernel_size
        Xp = self._padded(self.X)
        dW = np.zeros(self.W.shape)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                window = Xp[:, :, i : i + kH, j : j + kW]
                dW += np.tensordot(grad[:, :, i, j], window, axes=(0, 0))
        return {"W": dW, "b": grad.sum(axis=(0, 2, 3))}
