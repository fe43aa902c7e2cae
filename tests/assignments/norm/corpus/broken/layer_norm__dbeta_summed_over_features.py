"""LayerNorm.bp_param reduces over the features (axis 1), like the normalisation."""
# expect: wrong axis


class LayerNorm(LayerNorm):
    def bp_param(self, grad):
        return {"gamma": (grad * self.xhat).sum(axis=1), "beta": grad.sum(axis=1)}
