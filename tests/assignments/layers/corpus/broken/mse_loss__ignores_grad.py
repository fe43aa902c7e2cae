"""MSELoss.bp_input ignores its grad argument."""
# expect: ignored the


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        return 2 * self.diff / self.diff.size
