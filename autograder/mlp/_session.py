"""The kit's reference classes inside a session, next to the submission's, and who wrote what.

Assignment 2's checks grade one piece at a time: a student's `SGD` steps a reference
`Sequential` of reference layers, a student's `Sequential` chains reference layers, and the
end-to-end check swaps reference classes in for a student's to find the one that breaks
training. So the reference classes must be constructible *in the same session* (the same
worker process) as the student's objects. They are added under private names
(``_reference_Linear``, ...) by a definitions snippet, the *prelude*, run after the
submission's own snippets. The prelude carries the source of `autograder.reference.layers`
and `.mlp` as text and executes it, so the confined worker imports nothing new.

The prelude goes in through the sessions' public `add_definitions`, in this process (the
notebook) and in the worker alike.

`origin(session, name)` tells whether a name of the submission is the student's own code or
was imported from the kit (its ``__module__``), so importing the reference earns no credit.
It asks a function of the prelude rather than `session.class_problem`, which in the sandboxed
runner starts a fresh class worker whenever the name changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._exceptions import SubmissionError
from ..loading import Snippet

#: the private name of the kit's class `name` inside a session
PREFIX = "_reference_"
#: assignment-1 classes the checks build networks from
LAYERS = ("Linear", "ReLU", "Sigmoid", "Tanh", "SoftmaxCrossEntropyLoss")
#: assignment-2 pieces (autograder.reference.mlp)
PIECES = ("Sequential", "SGD", "minibatches", "evaluate", "train_step")
#: the function answering "which module defines this name?" inside the session
ORIGIN_FUNCTION = "_reference_origin_of"
PRELUDE_ORIGIN = "grader prelude (reference classes)"


def _prelude_source() -> str:
    from ..reference import layers, mlp

    texts = {m.__name__: Path(m.__file__).read_text(encoding="utf-8") for m in (layers, mlp)}
    lines = ["def _reference_define():", "    out = {}"]
    for module, text in texts.items():
        lines += [
            f"    ns = {{'__name__': {module!r}}}",
            f"    exec(compile({text!r}, {'<' + module + '>'!r}, 'exec'), ns)",
            "    out.update(ns)",
        ]
    lines += ["    return out", "", "", "_reference_all = _reference_define()"]
    lines += [f"{PREFIX}{n} = _reference_all[{n!r}]" for n in (*LAYERS, *PIECES)]
    lines += [
        "",
        "",
        f"def {ORIGIN_FUNCTION}(name):",
        "    value = globals().get(name)",
        "    if value is None or not callable(value):",
        "        return None",
        "    return str(getattr(value, '__module__', None) or '')",
        "",
    ]
    return "\n".join(lines)


PRELUDE_SOURCE = _prelude_source()


def ref(name: str) -> str:
    """The name under which the kit's `name` is constructible in a prepared session."""
    return PREFIX + name


def with_reference(session: Any) -> None:
    """Make the reference classes constructible in `session` (idempotent)."""
    session.add_definitions(Snippet(origin=PRELUDE_ORIGIN, source=PRELUDE_SOURCE))


def origin(session: Any, name: str) -> str | None:
    """The module that defines `name` in the submission ("" when unknown), or None when the
    submission has no such class or function."""
    with_reference(session)
    try:
        value = session.call_function(ORIGIN_FUNCTION, name)
    except SubmissionError:
        return None
    return value if isinstance(value, str) else None


def is_kit(module: str | None) -> bool:
    return bool(module) and (module == "autograder" or module.startswith("autograder."))


def require_own(session: Any, name: str) -> None:
    """Raise CheckFailed when the submission's `name` is the kit's reference, not its own."""
    from .._exceptions import CheckFailed

    module = origin(session, name)
    if is_kit(module):
        raise CheckFailed(
            f"{name} comes from the kit ({module}), not from your code: assignment 2 grades "
            f"your own {name}. Only the assignment-1 layers may be imported from "
            "autograder.reference"
        )
