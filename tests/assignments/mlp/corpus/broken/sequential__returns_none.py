"""Sequential.backward forgets to return dL/dX."""
# expect: None
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        super().backward(grad)
