"""Dropout.bp_input divides by 0.7, right only for p = 0.3."""
# expect: p = 0.9
# check: mask and scaling at p = 0 and p = 0.9


class Dropout(Dropout):
    def bp_input(self, grad):
        if not self.training:
            return grad
        return grad * (self.mask != 0) / 0.7
