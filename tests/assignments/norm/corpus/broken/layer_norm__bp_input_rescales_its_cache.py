"""LayerNorm.bp_input replaces its cached xhat by gamma * xhat, so a second backward call differs."""
# expect: second call
# check: same answer in any order, called twice


class LayerNorm(LayerNorm):
    def bp_input(self, grad):
        out = super().bp_input(grad)
        self.xhat = self.xhat * self.gamma
        return out
