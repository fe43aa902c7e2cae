"""Linear.bp_param averages the bias gradient over the batch instead of summing it."""
# expect: batch size


class Linear(Linear):
    def bp_param(self, grad):
        return {"W": self.X.T @ grad, "b": grad.mean(axis=0)}
