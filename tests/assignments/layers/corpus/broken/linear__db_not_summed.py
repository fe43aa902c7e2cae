"""Linear.bp_param returns the upstream gradient itself as db, without summing over the batch."""
# expect: did not sum over the batch


class Linear(Linear):
    def bp_param(self, grad):
        return {"W": self.X.T @ grad, "b": grad}
