"""BatchNorm1d.bp_input multiplies the upstream gradient by gamma in place."""
# expect: in place
# check: no in-place modification


class BatchNorm1d(BatchNorm1d):
    def bp_input(self, grad):
        grad *= self.gamma
        if not self.batch_statistics:
            return grad * self.inv
        return (grad - grad.mean(axis=0) - self.xhat * (grad * self.xhat).mean(axis=0)) / self.std

    @property
    def inv(self):
        return 1 / self.std
