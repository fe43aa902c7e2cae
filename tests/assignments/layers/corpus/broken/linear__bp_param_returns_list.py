"""Linear.bp_param returns a list [dW, db] instead of a dict keyed by parameter name."""
# expect: expected a dict


class Linear(Linear):
    def bp_param(self, grad):
        return [self.X.T @ grad, grad.sum(axis=0)]
