"""Conv2d's backward with einsum, one scatter per kernel offset (kH * kW slices)."""


class Conv2d(Conv2d):
    def bp_input(self, grad):
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        pH, pW = self.padding
        H_out, W_out = grad.shape[2:]
        dXp = np.zeros(self._padded(self.X).shape, dtype=np.result_type(grad, self.W))
        for u in range(kH):
            for v in range(kW):
                rows = slice(u, u + sH * (H_out - 1) + 1, sH)
                cols = slice(v, v + sW * (W_out - 1) + 1, sW)
                dXp[:, :, rows, cols] += np.einsum("nfij,fc->ncij", grad, self.W[:, :, u, v])
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]

    def bp_param(self, grad):
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        H_out, W_out = grad.shape[2:]
        Xp = self._padded(self.X)
        dW = np.empty(self.W.shape)
        for u in range(kH):
            for v in range(kW):
                patch = Xp[
                    :, :, u : u + sH * (H_out - 1) + 1 : sH, v : v + sW * (W_out - 1) + 1 : sW
                ]
                dW[:, :, u, v] = np.einsum("nfij,ncij->fc", grad, patch)
        return {"W": dW, "b": np.einsum("nfij->f", grad)}
