"""BatchNorm1d.bp_input drops the path through the batch mean."""
# expect: mean as a constant
# check: bp_input matches own forward (finite differences)


class BatchNorm1d(BatchNorm1d):
    def bp_input(self, grad):
        g = grad * self.gamma
        if not self.batch_statistics:
            return g / self.std
        return (g - self.xhat * (g * self.xhat).mean(axis=0)) / self.std
