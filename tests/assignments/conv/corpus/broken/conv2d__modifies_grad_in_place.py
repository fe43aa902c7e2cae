"""Conv2d.bp_param scales grad in place before summing it."""
# expect: in place


class Conv2d(Conv2d):
    def bp_param(self, grad):
        grad *= 1.0  # a write into the upstream gradient
        return super().bp_param(grad)
