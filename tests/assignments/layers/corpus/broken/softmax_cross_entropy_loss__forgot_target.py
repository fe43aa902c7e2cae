"""SoftmaxCrossEntropyLoss.bp_input returns p / N, forgetting to subtract the one-hot target."""
# expect: without subtracting the target


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def bp_input(self, grad=1.0):
        return grad * self.p / len(self.p)
