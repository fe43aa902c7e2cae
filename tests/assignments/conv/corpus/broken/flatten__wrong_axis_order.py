"""Flatten.bp_input reshapes grad as (N, H, W, C) and moves the channels back."""
# expect: wrong axis order


class Flatten(Flatten):
    def bp_input(self, grad):
        N, C, H, W = self.shape
        return grad.reshape(N, H, W, C).transpose(0, 3, 1, 2)
