"""BatchNorm1d.bp_input written as the three paths through xhat, the variance and the mean."""


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        self.X = X
        self.mu = X.mean(axis=0) if self.training else self.running_mean
        self.var = X.var(axis=0) if self.training else self.running_var
        return super().__call__(X)

    def bp_input(self, grad):
        dxhat = grad * self.gamma
        inv = 1.0 / np.sqrt(self.var + self.eps)
        if not self.batch_statistics:
            return dxhat * inv
        n = self.X.shape[0]
        xmu = self.X - self.mu
        dvar = np.sum(dxhat * xmu, axis=0) * -0.5 * inv**3
        dmu = np.sum(-dxhat * inv, axis=0) + dvar * np.mean(-2.0 * xmu, axis=0)
        return dxhat * inv + dvar * 2.0 * xmu / n + dmu / n
