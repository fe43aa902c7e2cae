"""Memory blow-up: Softmax.bp_input asks for 3 GB (the test grants 1 GB)."""
# ruff: noqa
# target: Softmax


class Softmax(Softmax):
    def bp_input(self, grad):
        return np.ones((20_000, 20_000)) @ np.ones(20_000)


# --- honest twin
class Softmax(Softmax):
    def bp_input(self, grad):
        raise MemoryError()
