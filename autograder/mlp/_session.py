"""The kit's reference classes inside a session, next to the submission's, and who wrote what.

Assignment 2's checks grade one piece at a time: a student's `SGD` steps a reference
`Sequential` of reference layers, a student's `Sequential` chains reference layers, and the
end-to-end check swaps reference classes in for a student's to find the one that breaks
training. So the reference classes must be constructible *in the same session* (the same
worker process) as the student's objects. They are added under private names
(``_reference_Linear``, ...) by a definitions snippet, the *prelude*, run after the
submission's own snippets. The prelude carries the source of `autograder.reference.layers`
and `.mlp` as text and executes it, so the confined worker imports nothing new.

The sessions (autograder/runner, owned elsewhere) have no public way to add definitions yet,
so `with_reference` uses private attributes, and only here:

- `LocalSession._objects.namespace` (the notebook's in-process session): the classes are
  added to the namespace dict;
- `RemoteSession._submission` (the worker): the prelude is appended to the submission and the
  running worker process is retired (`_retire`), so the next request starts one that ran it
  (and so does every later restart). Costs one worker start, once per grading run.

A public ``session.add_definitions(origin, source)`` would replace both (tests/mlp cover
this module, so a change in the runner shows up there).

`origin(session, name)` tells whether a name of the submission is the student's own code or
was imported from the kit (its ``__module__``), so importing the reference earns no credit.
It asks a function of the prelude rather than `session.class_problem`, which in the sandboxed
runner starts a fresh class worker whenever the name changes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .._exceptions import GradingError, SubmissionError
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


def _local_definitions(namespace: dict) -> dict[str, Any]:
    from ..reference import layers, mlp

    defs: dict[str, Any] = {ref(n): getattr(layers, n) for n in LAYERS}
    defs.update({ref(n): getattr(mlp, n) for n in PIECES})
    defs[ORIGIN_FUNCTION] = lambda name: _origin_in(namespace, name)
    return defs


def _origin_in(namespace: dict, name: str) -> str | None:
    value = namespace.get(name)
    if value is None or not callable(value):
        return None
    return str(getattr(value, "__module__", None) or "")


def with_reference(session: Any) -> None:
    """Make the reference classes constructible in `session` (idempotent)."""
    objects = getattr(session, "_objects", None)
    if objects is not None and isinstance(getattr(objects, "namespace", None), dict):
        namespace = objects.namespace
        if ORIGIN_FUNCTION not in namespace:
            namespace.update(_local_definitions(namespace))
        return
    submission = getattr(session, "_submission", None)
    if submission is None or not hasattr(submission, "snippets"):
        raise GradingError(
            f"the grader cannot add its reference classes to a {type(session).__name__}"
        )
    if any(s.origin == PRELUDE_ORIGIN for s in submission.snippets):
        return
    prelude = Snippet(origin=PRELUDE_ORIGIN, source=PRELUDE_SOURCE)
    session._submission = dataclasses.replace(
        submission, snippets=(*submission.snippets, prelude)
    )
    if hasattr(session, "_sandbox"):  # the sandboxed runner: one zygote, a fork per class
        if session._sandbox is not None:
            session._retire()
    else:  # the earlier runner: one worker process
        worker = getattr(session, "_worker", None)
        if worker is not None:
            session._retire(worker)


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
