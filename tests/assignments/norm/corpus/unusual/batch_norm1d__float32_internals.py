"""BatchNorm1d computed in float32 throughout, with the compact formula."""


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        X = X.astype(np.float32)
        if self.training:
            n = X.shape[0]
            mean, var = X.mean(axis=0), X.var(axis=0)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mean = self.running_mean.astype(np.float32)
            var = self.running_var.astype(np.float32)
        self.inv = (1 / np.sqrt(var + np.float32(self.eps))).astype(np.float32)
        self.xhat = (X - mean) * self.inv
        self.batch_statistics = self.training
        return self.xhat * self.gamma.astype(np.float32) + self.beta.astype(np.float32)

    def bp_input(self, grad):
        g = grad.astype(np.float32) * self.gamma.astype(np.float32)
        if not self.batch_statistics:
            return g * self.inv
        n = g.shape[0]
        return self.inv / n * (n * g - g.sum(axis=0) - self.xhat * (g * self.xhat).sum(axis=0))

    def bp_param(self, grad):
        grad = grad.astype(np.float32)
        return {"gamma": np.sum(grad * self.xhat, axis=0), "beta": np.sum(grad, axis=0)}
