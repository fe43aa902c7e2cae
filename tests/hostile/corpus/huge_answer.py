"""A 500 MB answer: Tanh.bp_input returns an array a million times the size asked for. The
grader refuses it from the frame's header, before reading it (it once took 1350 MiB)."""
# ruff: noqa
# target: Tanh


class Tanh(Tanh):
    def bp_input(self, grad):
        return np.ones(500 * 2**20 // 8)


# --- honest twin
class Tanh(Tanh):
    def bp_input(self, grad):
        raise ValueError("no answer")
