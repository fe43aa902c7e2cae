"""MSELoss.bp_input forgets the 1/N of the mean: returns 2 (p - y) * grad."""
# expect: forgot the 1/N of the mean


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        return grad * 2 * self.diff
