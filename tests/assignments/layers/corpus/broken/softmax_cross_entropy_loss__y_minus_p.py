"""SoftmaxCrossEntropyLoss.bp_input returns (y - p) / N, the sign flipped."""
# expect: sign flipped


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def bp_input(self, grad=1.0):
        return grad * (self.y - self.p) / len(self.p)
