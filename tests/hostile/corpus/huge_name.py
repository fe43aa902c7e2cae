"""A 2 MB class name in every message: ReLU.bp_input returns an object of a class whose name
is two million characters (it once made an 18.4 MB report)."""
# ruff: noqa
# target: ReLU


class ReLU(ReLU):
    def bp_input(self, grad):
        return type("E" * 2_000_000, (), {})()


# --- honest twin
class ReLU(ReLU):
    def bp_input(self, grad):
        return None
