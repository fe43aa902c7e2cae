"""SoftmaxCrossEntropyLoss picks the target's probability, then logs it: inf when it underflows."""
# expect: log of a probability that underflowed to 0


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def __call__(self, prediction, target):
        z = prediction - prediction.max(axis=1, keepdims=True)
        self.p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        self.y = target
        picked = self.p[np.arange(len(target)), target.argmax(axis=1)]
        return float(-np.log(picked).mean())
