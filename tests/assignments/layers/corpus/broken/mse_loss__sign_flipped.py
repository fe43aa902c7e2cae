"""MSELoss.bp_input uses target - prediction, flipping the sign."""
# expect: sign flipped


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        return grad * 2 * -self.diff / self.diff.size
