"""BatchNorm1d.bp_param sums dgamma and dbeta over axis 1 (the features) instead of axis 0."""
# expect: wrong axis
# check: bp_param matches torch
# check: shapes (batch 2 and larger, F != N)


class BatchNorm1d(BatchNorm1d):
    def bp_param(self, grad):
        return {"gamma": (grad * self.xhat).sum(axis=1), "beta": grad.sum(axis=1)}
