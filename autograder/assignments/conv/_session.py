"""The grader's helpers inside the worker for the end-to-end run: build the submission's
classes by name, run one training step of a list of layers, predict, and time each class.

The training loop runs inside the worker (only a batch goes in and one number comes out per
step), so the run costs the student's arithmetic, not the grader's copying. Its SGD step is
the grader's, not a graded piece of this assignment. Each class's CPU time is summed, so an
out-of-budget run can say which class was slow.
"""

from __future__ import annotations

from typing import Any

from ...errors import SubmissionError
from ...loading import Snippet

#: the classes the network is built of (the submission's own, or imported: whatever its names
#: are bound to)
CLASSES = ("Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "SoftmaxCrossEntropyLoss")
ORIGIN = "grader's CNN helpers"


def name(cls: str) -> str:
    """The session name that builds the submission's `cls`."""
    return f"grader's cnn {cls}"


STEP, PREDICT, TIMES, RESET, LOOKUP = (
    "grader's cnn step",
    "grader's cnn predict",
    "grader's cnn times",
    "grader's cnn reset",
    "grader's cnn lookup",
)

SOURCE = f"""
def _grader_cnn_setup():
    import time
    import numpy as np

    def spaces():
        out = [globals()]
        value = globals().get("Conv2d")
        for member in vars(value).values() if isinstance(value, type) else ():
            found = getattr(member, "__globals__", None)
            if isinstance(found, dict) and all(found is not s for s in out):
                out.append(found)
        return out

    def resolve(cls):
        for space in spaces():
            if space.get(cls) is not None:
                return space[cls]
        raise NameError(f"{{cls}} is not defined")

    def lookup(cls):
        try:
            return str(getattr(resolve(cls), "__module__", None) or "")
        except NameError:
            return None

    seconds, velocity = {{}}, {{}}

    def timed(obj, method, *args):
        t0 = time.process_time()
        try:
            return getattr(obj, method)(*args)
        finally:
            key = type(obj).__name__
            seconds[key] = seconds.get(key, 0.0) + time.process_time() - t0

    def step(layers, loss, X, Y, lr, momentum):
        out = X
        for layer in layers:
            out = timed(layer, "__call__", out)
        value = timed(loss, "__call__", out, Y)
        grad = timed(loss, "bp_input")
        for i in reversed(range(len(layers))):
            grads = timed(layers[i], "bp_param", grad)
            if i:  # the gradient of the images is never used
                grad = timed(layers[i], "bp_input", grad)
            for key, g in grads.items():
                v = momentum * velocity.get((i, key), 0.0) + g
                velocity[(i, key)] = v
                setattr(layers[i], key, getattr(layers[i], key) - lr * v)
        return float(value)

    def predict(layers, X):
        out = X
        for layer in layers:
            out = timed(layer, "__call__", out)
        return np.asarray(out).argmax(axis=1).astype(np.int64)

    def maker(cls):
        return lambda *args: resolve(cls)(*args)

    g = globals()
    for cls in {CLASSES!r}:
        g["grader's cnn " + cls] = maker(cls)
    g[{STEP!r}], g[{PREDICT!r}] = step, predict
    g[{TIMES!r}] = lambda: dict(seconds)
    g[{RESET!r}] = velocity.clear
    g[{LOOKUP!r}] = lookup


_grader_cnn_setup()
del _grader_cnn_setup
"""


def with_helpers(session: Any) -> None:
    session.add_definitions(Snippet(origin=ORIGIN, source=SOURCE))


def missing(session: Any) -> list[str]:
    """The classes of the network the submission does not define."""
    out = []
    for cls in CLASSES:
        try:
            found = session.call_function(LOOKUP, cls)
        except SubmissionError:
            found = None
        if found is None:
            out.append(cls)
    return out
