"""LayerNorm.bp_input drops the path through the row mean."""
# expect: mean as a constant


class LayerNorm(LayerNorm):
    def bp_input(self, grad):
        g = grad * self.gamma
        return (g - self.xhat * (g * self.xhat).mean(axis=1, keepdims=True)) / self.std
