"""BatchNorm1d.bp_input treats mean and variance as constants: grad * gamma / std."""
# expect: only the direct path


class BatchNorm1d(BatchNorm1d):
    def bp_input(self, grad):
        return grad * self.gamma / self.std
