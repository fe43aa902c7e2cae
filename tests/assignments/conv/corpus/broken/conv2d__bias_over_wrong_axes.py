"""Conv2d.bp_param sums the bias gradient over axes (1, 2, 3) instead of (0, 2, 3)."""
# expect: bias gradient reduced over the wrong axes


class Conv2d(Conv2d):
    def bp_param(self, grad):
        return {"W": super().bp_param(grad)["W"], "b": grad.sum(axis=(1, 2, 3))}
