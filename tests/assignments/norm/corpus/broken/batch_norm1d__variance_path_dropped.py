"""BatchNorm1d.bp_input keeps the mean's path but treats the variance as a constant."""
# expect: variance's dependence on the input


class BatchNorm1d(BatchNorm1d):
    def bp_input(self, grad):
        g = grad * self.gamma
        if not self.batch_statistics:
            return g / self.std
        return (g - g.mean(axis=0)) / self.std
