"""Linear.bp_param sums db with keepdims=True, giving shape (1, out) instead of (out,)."""
# expect: extra axis of length 1


class Linear(Linear):
    def bp_param(self, grad):
        return {"W": self.X.T @ grad, "b": grad.sum(axis=0, keepdims=True)}
