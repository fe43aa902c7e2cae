"""CrossEntropyLoss.bp_input divides by the batch size twice (once in a mean, once by hand)."""
# expect: 1/N = 0.1667: divided by the batch size N=6 once too often


class CrossEntropyLoss(CrossEntropyLoss):
    def bp_input(self, grad=1.0):
        n = self.p.shape[0]
        return grad * (-self.y / self.p) / n / n
