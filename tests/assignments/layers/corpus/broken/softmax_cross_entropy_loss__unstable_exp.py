"""SoftmaxCrossEntropyLoss exponentiates the logits without subtracting the row maximum."""
# expect: Verified cause: overflow in exp


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def __call__(self, prediction, target):
        e = np.exp(prediction)
        self.p, self.y = e / e.sum(axis=1, keepdims=True), target
        return float(-np.sum(target * np.log(self.p)) / len(prediction))
