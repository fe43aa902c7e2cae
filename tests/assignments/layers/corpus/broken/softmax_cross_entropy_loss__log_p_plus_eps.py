"""SoftmaxCrossEntropyLoss takes log(p + 1e-15) of a stable softmax: wrong where p underflows."""
# expect: capped at -log(1e-15)


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def __call__(self, prediction, target):
        shifted = prediction - prediction.max(axis=1, keepdims=True)
        self.p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
        self.y = target
        return float(-np.sum(target * np.log(self.p + 1e-15)) / len(prediction))
