"""The grader's objects inside a session: probes (`_probe_classes.py`) and the submission's
own classes, each under a name that reads well in a message.

Assignment 2's checks build objects in the same session (the same process) as the student's
code, by name: ``session.new(probe("Linear"), rule)`` builds a probe layer, and
``session.new(own("Linear"), 784, 128)`` the submission's own `Linear`. Both kinds of name are
entries of the session's namespace, added by one definitions snippet (`with_probes`), run
after the submission's definitions, in this process (the notebook) and in the worker alike.

Where the submission's classes live: in the worker, the session's namespace is the
submission's. In the notebook, the session holds only the graded class or function; its own
module globals (``train_step.__globals__``, or those of a method of a class) are the
namespace the student's code resolves ``Linear`` in, so the snippet looks there too. Probes
derive from the classes found that way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...errors import SubmissionError
from ...loading import Snippet
from . import _probe_classes

#: assignment-2 names whose module globals hold the student's other classes (notebook)
GRADED = ("Sequential", "SGD", "minibatches", "evaluate", "train_step")
SNIPPET_ORIGIN = "grader's probes"
LOOKUP = "grader's lookup"
ORDER = "grader's layer order"


def probe(kind: str) -> str:
    """The session name of the probe `kind` (a layer name, "network" or "optimizer")."""
    return f"grader's {kind}"


def own(name: str) -> str:
    """The session name that builds (or calls) the submission's own `name`."""
    return f"your {name}"


def _source() -> str:
    classes = Path(_probe_classes.__file__).read_text(encoding="utf-8")
    return f"""
def _grader_probes_setup():
    def spaces():
        out = [globals()]
        for unit in {GRADED!r}:
            value = globals().get(unit)
            found = getattr(value, "__globals__", None)
            for member in vars(value).values() if isinstance(value, type) else ():
                found = found or getattr(member, "__globals__", None)
            if isinstance(found, dict) and all(found is not s for s in out):
                out.append(found)
        return out

    def resolve(name):
        for space in spaces():
            value = space.get(name)
            if value is not None:
                return value
        return None

    def origin(name):
        value = resolve(name)
        if value is None or not callable(value):
            return None
        return str(getattr(value, "__module__", None) or "")

    ns = {{"__name__": "grader_probes"}}
    exec(compile({classes!r}, "<grader probes>", "exec"), ns)
    define = ns["define"]

    def prober(kind):
        return lambda *args: define(resolve)[kind](*args)

    def caller(name):
        def call(*args):
            target = resolve(name)
            if target is None:
                raise NameError(f"{{name}} is not defined")
            return target(*args)
        return call

    def layer_order(network, layers):
        # where each of network.layers sits in the list it was built with (-1: not one of
        # them), or None when network.layers is not a sequence any more
        try:
            current = list(network.layers)
        except Exception:  # noqa: BLE001
            return None
        return [next((i for i, x in enumerate(layers) if x is c), -1) for c in current]

    globals()[{ORDER!r}] = layer_order
    for kind in ("Linear", "ReLU", "Sigmoid", "Tanh", "SoftmaxCrossEntropyLoss", "network",
                 "optimizer"):
        globals()["grader's " + kind] = prober(kind)
    for name in ("Linear", "ReLU", "Sigmoid", "Tanh", "SoftmaxCrossEntropyLoss") + {GRADED!r}:
        globals()["your " + name] = caller(name)
    globals()[{LOOKUP!r}] = origin


_grader_probes_setup()
del _grader_probes_setup
"""


SOURCE = _source()


def with_probes(session: Any) -> None:
    """Make the probes and the submission's classes constructible in `session` (idempotent)."""
    session.add_definitions(Snippet(origin=SNIPPET_ORIGIN, source=SOURCE))


def origin(session: Any, name: str) -> str | None:
    """The module that defines the submission's `name` ("" when unknown), or None when the
    submission has no such class or function."""
    with_probes(session)
    try:
        value = session.call_function(LOOKUP, name)
    except SubmissionError:
        return None
    return value if isinstance(value, str) else None


def local() -> dict[str, type]:
    """The probe classes in this process (plain bases): the grader's side of every rule."""
    return _probe_classes.define(lambda name: None)


def layer_order(session: Any, network: Any, layers: list[Any]) -> list[int] | None:
    """Where each of ``network.layers`` sits in `layers` (the list the network was built
    with; -1 for a stranger), or None when that cannot be told."""
    try:
        value = session.call_function(ORDER, network, layers)
    except SubmissionError:
        return None
    return value if isinstance(value, list) else None
