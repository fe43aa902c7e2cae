"""SoftmaxCrossEntropyLoss computed in float32 through a stable log-softmax."""


class SoftmaxCrossEntropyLoss(SoftmaxCrossEntropyLoss):
    def __call__(self, prediction, target):
        z = prediction.astype(np.float32)
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        self.p, self.y = np.exp(log_p), target.astype(np.float32)
        return float(-(self.y * log_p).sum(axis=1).mean())

    def bp_input(self, grad=1.0):
        return np.float32(grad) * (self.p - self.y) / self.p.shape[0]
