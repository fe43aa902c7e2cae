"""Linear.bp_input returns minus the input gradient."""
# expect: sign flipped


class Linear(Linear):
    def bp_input(self, grad):
        return -(grad @ self.W.T)
