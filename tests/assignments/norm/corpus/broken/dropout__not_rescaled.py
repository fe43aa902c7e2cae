"""Dropout.bp_input multiplies by the 0/1 mask but forgets the 1 / (1 - p)."""
# expect: did not rescale


class Dropout(Dropout):
    def bp_input(self, grad):
        return grad * (self.mask != 0)
