"""LayerNorm caches xhat and std only on its first forward call."""
# expect: first forward call
# check: backward uses the latest forward


class LayerNorm(LayerNorm):
    def __call__(self, X):
        if getattr(self, "xhat", None) is None:
            return super().__call__(X)
        xhat, std = self.xhat, self.std
        out = super().__call__(X)
        self.xhat, self.std = xhat, std
        return out
