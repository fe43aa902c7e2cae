"""CrossEntropyLoss through np.log(np.clip(p, 1e-12, 1.0)), harmless above the contract's 1e-6."""


class CrossEntropyLoss:
    eps = 1e-12

    def __call__(self, prediction, target):
        self.p = np.clip(prediction, self.eps, 1.0)
        self.y = target
        per_row = -np.sum(target * np.log(self.p), axis=1)
        return float(per_row.mean())

    def bp_input(self, grad=1.0):
        return -grad * self.y / self.p / self.p.shape[0]
