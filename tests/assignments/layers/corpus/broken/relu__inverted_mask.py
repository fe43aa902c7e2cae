"""ReLU.bp_input passes the gradient where X < 0 instead of where X > 0."""
# expect: inverted mask


class ReLU(ReLU):
    def bp_input(self, grad):
        return grad * (self.X < 0)
