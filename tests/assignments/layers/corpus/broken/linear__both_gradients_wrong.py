"""Linear.bp_param averages dW over the batch and doubles db: both must be named."""
# expect: bp_param['b']


class Linear(Linear):
    def bp_param(self, grad):
        return {"W": self.X.T @ grad / grad.shape[0], "b": 2 * grad.sum(axis=0)}
