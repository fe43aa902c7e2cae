"""SoftmaxCrossEntropyLoss clips the probabilities to [1e-7, 1 - 1e-7] before the log."""
# expect: capped at -log(1e-7)


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def __call__(self, prediction, target):
        z = prediction - np.max(prediction, axis=1, keepdims=True)
        self.p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
        self.y = target
        clipped = np.clip(self.p, 1e-7, 1 - 1e-7)
        return float(np.mean(-np.sum(target * np.log(clipped), axis=1)))
