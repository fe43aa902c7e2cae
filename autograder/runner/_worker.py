"""The worker process: loads a submission, then answers requests over two pipes.

Started by `RemoteSession` as ``python -m autograder.runner._worker READ_FD WRITE_FD`` in a
fresh temporary directory, with stdout / stderr going to a capped file. Requests and replies
are `_wire` frames (plain data and raw array bytes, never pickle):

    {"op": "load", "snippets": [[origin, source], ...], "defines": {name: origin}, "path": dir}
    {"op": "class", "name": str}                                -> {"problem": str | None}
    {"op": "new", "name": str, "args": [...]}                   -> {"ok": handle}
    {"op": "set", "handle": int, "attr": str, "value": x, "readonly": bool}
    {"op": "get", "handle": int, "attr": str}                   -> {"ok": value}
    {"op": "call", "handle": int, "method": str, "args": [...], "readonly": b, "collect": b}
    {"op": "function", "name": str, "args": [...], "readonly": b, "collect": b}

Every reply other than "load" and "class" is {"ok": value} or {"raised": [type, detail, where]}.
Arguments may hold {"__ref__": handle} for objects built earlier in this worker.
"""

from __future__ import annotations

import sys
from typing import Any


def serve(read_fd: int, write_fd: int) -> None:
    from . import _guard, _wire
    from ._invoke import Objects, class_problem, run_snippets

    _guard.install()
    objects = Objects({"__name__": "__submission__"})
    failed: dict[str, str] = {}
    while True:
        try:
            r = _wire.read_frame(read_fd)
        except EOFError:
            return
        op = r.get("op")
        if op == "load":
            if r.get("path"):
                sys.path.insert(0, r["path"])
            problems = run_snippets([tuple(s) for s in r["snippets"]], objects.namespace)
            failed = {
                name: f"{origin} raised {problems[origin]}"
                for name, origin in r["defines"].items()
                if origin in problems
            }
            reply: dict[str, Any] = {"problems": [f"{o}: {p}" for o, p in problems.items()]}
        elif op == "class":
            reply = {"problem": class_problem(objects.namespace, r["name"], failed)}
        elif op == "exit":
            return
        else:
            if op == "new":
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
            reply = {outcome[0]: outcome[1]}
        _wire.write_frame(write_fd, reply)


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
