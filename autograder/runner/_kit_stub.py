"""What ``autograder.notebook`` and ``autograder.data`` are inside a bubblewrap sandbox.

Notebooks import the self-check helpers (``from autograder.notebook import check, graded``) and
the data loader; the sandbox holds none of the kit beyond the worker, so these names stand in:
the grader runs every check itself, outside. They do nothing (or say why they cannot), so the
import line neither fails nor costs anything. Bound at both module paths by `_view.py`.
"""


def check(*args, **kwargs):  # noqa: ANN002, ANN003 - any call of the real signature
    return None


def check_all(*args, **kwargs):  # noqa: ANN002, ANN003
    return None


def graded(*args, **kwargs):  # noqa: ANN002, ANN003
    return 0.0


def hidden_seed(*args, **kwargs):  # noqa: ANN002, ANN003
    raise RuntimeError("backprop-kit: no seeds inside the grader's sandbox")


class MnistNotFound(Exception):
    pass


def load_mnist(*args, **kwargs):  # noqa: ANN002, ANN003
    raise MnistNotFound("backprop-kit: the grader passes the data; no MNIST inside its sandbox")
