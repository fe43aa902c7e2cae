"""BatchNorm1d normalises with the unbiased batch variance (N - 1), forward and backward."""
# expect: unbiased variance
# check: forward matches torch


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        if not self.training:
            return super().__call__(X)
        n = X.shape[0]
        mean, var = X.mean(axis=0), X.var(axis=0, ddof=1)
        m = self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * mean
        self.running_var = (1 - m) * self.running_var + m * var
        self.n = n
        self.std = np.sqrt(var + self.eps)
        self.xhat = (X - mean) / self.std
        self.batch_statistics = True
        return self.xhat * self.gamma + self.beta

    def bp_input(self, grad):
        g = grad * self.gamma
        if not self.batch_statistics:
            return g / self.std
        n = self.n
        return (g - g.mean(axis=0) - self.xhat * (g * self.xhat).sum(axis=0) / (n - 1)) / self.std
