"""SoftmaxCrossEntropyLoss that computes the whole unscaled gradient in forward; backward only scales."""


class SoftmaxCrossEntropyLoss:
    def __call__(self, prediction, target):
        n = prediction.shape[0]
        z = prediction - prediction.max(axis=1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        self.dz = (e / s - target) / n
        return float((np.log(s).ravel() - (z * target).sum(axis=1)).sum() / n)

    def bp_input(self, grad=1.0):
        return self.dz * grad
