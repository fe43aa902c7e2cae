"""Running student code: in this process (the notebook self-check) or in a worker process.

Both sessions expose the same two calls, so every check is written once:

    session.class_problem(name) -> str | None      why the class cannot be graded, or None
    session.new(name, *args) -> Subject             a handle on a fresh instance
    subject.set(attr, array, readonly=False)        assign a parameter (layer.W = ...)
    subject.call(method, *args, readonly=False)     call a method, get plain data back

Only plain data comes back: float64-convertible ndarrays, numbers, strings, None, lists and
dicts of those (see `_plain.py`). Student exceptions come back as `StudentException`.
"""

from .local import LocalSession
from .remote import RemoteSession

__all__ = ["LocalSession", "RemoteSession"]
