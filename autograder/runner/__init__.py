"""Running student code: in this process (the notebook self-check) or in a worker process.

Both sessions expose the same calls, so every check is written once:

    session.class_problem(name) -> str | None      why the class cannot be graded, or None
    session.new(name, *args) -> Subject             a handle on a fresh instance
    subject.set(attr, array, readonly=False)        assign a parameter (layer.W = ...)
    subject.call(method, *args, readonly=False)     call a method, get plain data back
    subject.get(attr)                               read an attribute back as plain data
    session.call_function(name, *args)              call a module-level function
    session.add_definitions(snippet)                run the grader's own definitions beside
                                                    the submission's (e.g. reference classes)

Only plain data comes back: float64-convertible ndarrays, numbers, strings, None, lists and
dicts of those (see `_plain.py`). Student exceptions come back as `StudentException`.

`LocalSession` (local.py) runs classes in this process, without isolation. `RemoteSession`
(remote.py) runs the submission in a confined worker process: `_sandbox` starts and ends it,
`_confine` is what the worker does to itself, `_zygote` forks one class worker per class,
`_worker` answers requests, `_wire` / `_class_worker` carry and check what crosses, `_procs`
finds and kills what the submission started. docs/isolation.md says what is enforced where.
"""

from . import _bwrap
from ._plain import SeededGenerator, Unsupported
from .local import LocalSession
from .remote import RemoteSession

__all__ = [
    "LocalSession",
    "RemoteSession",
    "SeededGenerator",
    "Unsupported",
    "sandbox_available",
]


def sandbox_available() -> tuple[bool, str]:
    """(whether bubblewrap sandboxes can be built here, why not)."""
    return _bwrap.available()
