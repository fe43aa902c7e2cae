"""Exit: ReLU.bp_input ends its process with os._exit(3)."""

# ruff: noqa
# target: ReLU
import os


class ReLU(ReLU):
    def bp_input(self, grad):
        os._exit(3)


# --- honest twin
class ReLU(ReLU):
    def bp_input(self, grad):
        raise RuntimeError("no answer")
