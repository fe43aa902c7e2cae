"""Conv2d's backward with im2col by fancy indexing and col2im by np.add.at, in float32."""


class Conv2d(Conv2d):
    def _index(self):
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        Hp, Wp = self.X.shape[2] + 2 * self.padding[0], self.X.shape[3] + 2 * self.padding[1]
        H_out, W_out = (Hp - kH) // sH + 1, (Wp - kW) // sW + 1
        c, u, v, i, j = np.ix_(range(C), range(kH), range(kW), range(H_out), range(W_out))
        return c, u + sH * i, v + sW * j  # each (C, kH, kW, H_out, W_out)

    def bp_input(self, grad):
        pH, pW = self.padding
        c, rows, cols = self._index()
        g = grad.astype(np.float32)
        col_grad = np.einsum("nfij,fcuv->ncuvij", g, self.W.astype(np.float32))
        dXp = np.zeros(self._padded(self.X).shape, dtype=np.float32)
        for n in range(len(dXp)):
            np.add.at(dXp[n], (c, rows, cols), col_grad[n])
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]

    def bp_param(self, grad):
        c, rows, cols = self._index()
        patches = self._padded(self.X)[:, c, rows, cols]  # (N, C, kH, kW, H_out, W_out)
        dW = np.einsum("nfij,ncuvij->fcuv", grad.astype(np.float32), patches.astype(np.float32))
        return {"W": dW, "b": grad.astype(np.float32).sum(axis=(0, 2, 3))}
