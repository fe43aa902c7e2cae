"""Conv2d.bp_param sums the bias gradient over the batch axis only."""
# expect: summed over the batch axis only


class Conv2d(Conv2d):
    def bp_param(self, grad):
        return {"W": super().bp_param(grad)["W"], "b": grad.sum(axis=0)}
