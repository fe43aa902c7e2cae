"""Dropout.bp_input divides by (1 - p) again, on a mask that is already scaled."""
# expect: twice


class Dropout(Dropout):
    def bp_input(self, grad):
        if not self.training:
            return grad
        return grad * self.mask / (1 - self.p)
