"""CrossEntropyLoss sums over the batch in both forward and backward (missing 1/N in both)."""
# expect: batch size


class CrossEntropyLoss(CrossEntropyLoss):
    def __call__(self, prediction, target):
        self.p, self.y = prediction, target
        return float(-np.sum(target * np.log(prediction)))

    def bp_input(self, grad=1.0):
        return -grad * self.y / self.p
