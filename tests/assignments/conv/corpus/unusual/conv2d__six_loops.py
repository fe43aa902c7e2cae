"""Conv2d with six nested Python loops in forward and backward: correct, and very slow."""


class Conv2d(Conv2d):
    def __call__(self, X):
        self.X = X
        Xp = self._padded(X)
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        H_out = (Xp.shape[2] - kH) // sH + 1
        W_out = (Xp.shape[3] - kW) // sW + 1
        Y = np.zeros((len(X), F, H_out, W_out))
        for n in range(len(X)):
            for f in range(F):
                for i in range(H_out):
                    for j in range(W_out):
                        total = self.b[f]
                        for c in range(C):
                            for u in range(kH):
                                for v in range(kW):
                                    total += Xp[n, c, i * sH + u, j * sW + v] * self.W[f, c, u, v]
                        Y[n, f, i, j] = total
        return Y

    def bp_input(self, grad):
        Xp = self._padded(self.X)
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        pH, pW = self.padding
        dXp = np.zeros(Xp.shape)
        for n in range(grad.shape[0]):
            for f in range(F):
                for i in range(grad.shape[2]):
                    for j in range(grad.shape[3]):
                        for c in range(C):
                            for u in range(kH):
                                for v in range(kW):
                                    dXp[n, c, i * sH + u, j * sW + v] += (
                                        grad[n, f, i, j] * self.W[f, c, u, v]
                                    )
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]

    def bp_param(self, grad):
        Xp = self._padded(self.X)
        F, C, kH, kW = self.W.shape
        sH, sW = self.stride
        dW = np.zeros(self.W.shape)
        for n in range(grad.shape[0]):
            for f in range(F):
                for i in range(grad.shape[2]):
                    for j in range(grad.shape[3]):
                        for c in range(C):
                            for u in range(kH):
                                for v in range(kW):
                                    dW[f, c, u, v] += (
                                        grad[n, f, i, j] * Xp[n, c, i * sH + u, j * sW + v]
                                    )
        return {"W": dW, "b": grad.sum(axis=(0, 2, 3))}
