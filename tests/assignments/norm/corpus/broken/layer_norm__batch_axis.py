"""LayerNorm.bp_input takes its means over the batch axis, as in BatchNorm."""
# expect: wrong axis (axis 0


class LayerNorm(LayerNorm):
    def __call__(self, X):
        out = super().__call__(X)
        mean, var = X.mean(axis=0), X.var(axis=0)
        self.bstd = np.sqrt(var + self.eps)
        self.bxhat = (X - mean) / self.bstd
        return out

    def bp_input(self, grad):
        g = grad * self.gamma
        return (g - g.mean(axis=0) - self.bxhat * (g * self.bxhat).mean(axis=0)) / self.bstd
