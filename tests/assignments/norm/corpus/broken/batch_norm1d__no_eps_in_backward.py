"""BatchNorm1d.bp_input recomputes the standard deviation without eps."""
# expect: near-constant feature
# check: stable with a near-constant feature (variance ~ 0)


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        self.X = X
        return super().__call__(X)

    def bp_input(self, grad):
        if not self.batch_statistics:
            return super().bp_input(grad)
        g = grad * self.gamma
        std = self.X.std(axis=0)
        xhat = (self.X - self.X.mean(axis=0)) / std
        return (g - g.mean(axis=0) - xhat * (g * xhat).mean(axis=0)) / std
