"""Lying values: Sigmoid returns an ndarray subclass that equals anything, answers every numpy
function with 0, and unpickles to code that marks the grader's process; bp_param a dict that
lies about its contents."""
# ruff: noqa
# target: Sigmoid

_PAYLOAD = "import os; os.environ['BACKPROP_HOSTILE_PWNED'] = 'unpickled in the grader'"


class Liar(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(())

    def __array_function__(self, func, types, args, kwargs):
        return 0.0

    def __reduce__(self):
        return (exec, (_PAYLOAD,))

    def __float__(self):
        return 0.0


class LyingDict(dict):
    def __eq__(self, other):
        return True

    def __len__(self):
        return 0

    def keys(self):
        return []

    def __reduce__(self):
        return (exec, (_PAYLOAD,))


class Sigmoid(Sigmoid):
    def bp_input(self, grad):
        return np.zeros(np.shape(grad)).view(Liar)

    def bp_param(self, grad):
        d = LyingDict()
        d["junk"] = np.zeros(3).view(Liar)
        return d


# --- honest twin
class Sigmoid(Sigmoid):
    def bp_input(self, grad):
        return np.zeros(np.shape(grad))

    def bp_param(self, grad):
        return {"junk": np.zeros(3)}
