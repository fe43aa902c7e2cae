"""MSELoss.bp_input forgets the factor 2 that comes from the square."""
# expect: forgot the 2 that comes from the square


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        return grad * self.diff / self.diff.size
