"""The worker process: confines itself, loads a submission, then answers for one class at a time.

Started by `_sandbox.Sandbox` as ``python -m autograder.runner._worker CONTROL_FD`` in its
own session, stdout / stderr going to a capped pipe. CONTROL_FD is a Unix socket to the
grader. What crosses are `_wire` frames (plain data and raw array bytes, never pickle). On the
control socket:

    grader -> worker                          worker -> grader
    {"op": "start", "memory_mb": int,         {"hello": [what is enforced, ...],
     "uid": int | None, "parent": folder}      "private_uid": bool, "workdir": its folder}
    {"op": "load", "snippets": [[origin, source], ...], "defines": {name: origin},
     "path": folder of the submission's own modules}
                                              {"problems": [str, ...]}

From then on the process is a *zygote*: it never runs student methods itself. For each class
the grader asks it to fork a *class worker* (see `_zygote.py`), which receives requests on its
own pair of pipes and answers each with {"id": n, "ok": value} or {"id": n, "raised": [type,
detail, where]}:

    {"id": n, "op": "class", "name": str}                       -> ok: why it is not gradable | None
    {"id": n, "op": "new", "name": str, "args": [...]}          -> ok: handle
    {"id": n, "op": "set", "handle": int, "attr": str, "value": x, "readonly": bool}
    {"id": n, "op": "get", "handle": int, "attr": str}          -> ok: value
    {"id": n, "op": "call", "handle": int, "method": str, "args": [...], "readonly": b,
     "collect": b}
    {"id": n, "op": "function", "name": str, "args": [...], "readonly": b, "collect": b}

Arguments may hold {"__ref__": handle} for objects built earlier in the same class worker.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any


def serve(read_fd: int, write_fd: int, objects: Any, failed: dict[str, str]) -> None:
    """The class worker's loop: answer requests until the grader closes the pipe."""
    from . import _wire
    from ._invoke import class_problem

    while True:
        try:
            r = _wire.read_frame(read_fd)
        except EOFError:
            return
        op = r.get("op")
        if op == "class":
            outcome: tuple[str, Any] = ("ok", class_problem(objects.namespace, r["name"], failed))
        elif op == "new":
            outcome = objects.construct(r["name"], r["args"])
        elif op == "set":
            outcome = objects.set(r["handle"], r["attr"], r["value"], r["readonly"])
        elif op == "get":
            outcome = objects.get(r["handle"], r["attr"])
        elif op == "call":
            outcome = objects.call(
                r["handle"], r["method"], r["args"], r["readonly"], r.get("collect", False)
            )
        elif op == "function":
            outcome = objects.call_function(
                r["name"], r["args"], r["readonly"], r.get("collect", False)
            )
        else:
            outcome = ("raised", ["ProtocolError", f"unknown op {op!r}", ""])
        _wire.write_frame(write_fd, {"id": r.get("id"), outcome[0]: outcome[1]})


def _make_folder(parent: str, uid: int | None) -> str:
    """The sandbox folder (cwd, $HOME, $TMPDIR), made by the worker itself: whenever the
    grader dies, the worker is there to remove it (see `_zygote.abandon`)."""
    import tempfile

    from ._confine import NOBODY

    folder = tempfile.mkdtemp(prefix="backprop-kit-worker-", dir=parent)
    if uid is not None and os.geteuid() == 0:
        # to the user the worker is about to become (nobody, where the private uid is refused)
        for owner in (uid, NOBODY):
            try:
                os.chown(folder, owner, owner)
                break
            except OSError:
                continue
    os.chdir(folder)
    os.environ["HOME"] = os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder
    return folder


def _sandbox_folder(home: str) -> str:
    """Inside bubblewrap the folder is the sandbox's own tmpfs (gone with the sandbox)."""
    import tempfile

    os.makedirs(os.path.join(home, "tmp"), exist_ok=True)
    os.chdir(home)
    tempfile.tempdir = os.path.join(home, "tmp")
    return home


def _write_modules(folder: str, modules: dict) -> str:
    """The submission's own helper modules, sent by the grader ({relative path: source}):
    written here, so the worker never sees the submission's folder (nor its neighbours)."""
    root = os.path.join(folder, "modules")
    os.makedirs(root, exist_ok=True)
    for rel, source in modules.items():
        parts = [p for p in str(rel).split("/") if p not in ("", ".", "..")]
        if not parts or not isinstance(source, str):
            continue
        target = os.path.join(root, *parts)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(source)
    return root


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def main(control_fd: int) -> None:
    # Everything the worker needs is imported before the submission runs and before the
    # switch to an unprivileged user (which may no longer reach the interpreter's files).
    import numpy  # noqa: F401 - imported while still privileged

    from . import _confine, _guard, _invoke, _wire, _zygote

    control = socket.socket(fileno=control_fd)
    private_uid, workdir, sealed = False, None, False
    try:
        start = _wire.read_frame(control_fd)
        sealed = bool(start.get("sealed"))
        if sealed:
            workdir = _sandbox_folder(os.environ.get("HOME", "/sandbox"))
        else:
            workdir = _make_folder(start["parent"], start.get("uid"))
        record, private_uid = _confine.confine(start)
        _guard.install()
        hello = {"hello": record, "private_uid": private_uid, "workdir": workdir}
        _wire.write_frame(control_fd, hello)

        load = _wire.read_frame(control_fd)
        objects = _invoke.Objects({"__name__": "__submission__"})
        if load.get("modules"):
            # after numpy's folder: a submission's numpy.py never shadows it
            sys.path.append(_write_modules(workdir, load["modules"]))
        elif load.get("path"):
            sys.path.append(load["path"])
        problems = _invoke.run_snippets([tuple(s) for s in load["snippets"]], objects.namespace)
        failed = {
            name: f"{origin} raised {problems[origin]}"
            for name, origin in load["defines"].items()
            if origin in problems
        }
        # processes the definitions started would hold this zygote's control socket: gone
        _zygote.clean_up(None, private_uid)
        answer = {"problems": [f"{o}: {p}" for o, p in problems.items()], "threads": _threads()}
        _wire.write_frame(control_fd, answer)
    except (EOFError, OSError):
        # the grader went away while we started or loaded (it never closes the socket on a
        # live worker otherwise): nobody else will clean up after this sandbox
        _zygote.abandon(private_uid, None if sealed else workdir, sealed)
        return
    serve_one = lambda r, w: serve(r, w, objects, failed)  # noqa: E731
    _zygote.run(control, serve_one, private_uid, None if sealed else workdir, sealed)


def entry() -> None:
    """``python -m autograder.runner._worker CONTROL_FD`` (or the bubblewrap boot line)."""
    try:
        main(int(sys.argv[-1]))
    except BaseException:  # noqa: BLE001 - report it on stderr (the grader shows it), then stop
        import traceback

        traceback.print_exc()
        os._exit(1)
    # never run interpreter shutdown hooks (atexit) a submission may have registered
    os._exit(0)


if __name__ == "__main__":
    # `-m` put the starting folder first on sys.path (Python 3.10 ignores PYTHONSAFEPATH):
    # nothing more is imported from it
    if sys.path and sys.path[0] == os.getcwd():
        del sys.path[0]
    entry()
