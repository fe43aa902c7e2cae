"""Sequential.backward scales the upstream gradient in place."""
# expect: in place
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grad *= 1.0
        return super().backward(grad)
