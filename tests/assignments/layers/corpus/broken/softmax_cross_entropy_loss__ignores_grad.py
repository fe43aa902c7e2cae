"""SoftmaxCrossEntropyLoss.bp_input ignores its grad argument."""
# expect: ignored the


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def bp_input(self, grad=1.0):
        return (self.p - self.y) / len(self.p)
