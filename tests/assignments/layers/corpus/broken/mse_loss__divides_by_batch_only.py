"""MSELoss.bp_input divides by the batch size instead of by the number of elements."""
# expect: divided by the batch size only


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        return grad * 2 * self.diff / len(self.diff)
