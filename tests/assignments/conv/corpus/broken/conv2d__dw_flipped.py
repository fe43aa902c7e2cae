"""Conv2d.bp_param returns dW flipped in both spatial axes (a convolution, not a correlation)."""
# expect: dW flipped


class Conv2d(Conv2d):
    def bp_param(self, grad):
        grads = super().bp_param(grad)
        return {"W": grads["W"][:, :, ::-1, ::-1], "b": grads["b"]}
