"""The worker process: loads a submission, then answers requests over two pipes.

Started by `RemoteSession` as ``python -m autograder.runner._worker READ_FD WRITE_FD`` in a
fresh temporary directory, with stdout / stderr going to a capped file. Requests and replies
are `_wire` frames (plain data and raw array bytes, never pickle):

    {"op": "load", "snippets": [[origin, source], ...], "defines": {name: origin}, "path": dir}
    {"op": "class", "name": str}                          -> {"problem": str | None}
    {"op": "new", "name": str, "args": [...]}             -> {"ok": handle} | {"raised": [...]}
    {"op": "set", "handle": int, "attr": str, "value": x, "readonly": bool}
    {"op": "call", "handle": int, "method": str, "args": [...], "readonly": bool}
"""

from __future__ import annotations

import sys
from typing import Any


def serve(read_fd: int, write_fd: int) -> None:
    from . import _guard, _wire
    from ._invoke import call_method, class_problem, construct, run_snippets, set_attribute

    _guard.install()
    namespace: dict[str, Any] = {"__name__": "__submission__"}
    failed: dict[str, str] = {}
    objects: dict[int, Any] = {}
    while True:
        try:
            request = _wire.read_frame(read_fd)
        except EOFError:
            return
        op = request.get("op")
        if op == "load":
            if request.get("path"):
                sys.path.insert(0, request["path"])
            problems = run_snippets([tuple(s) for s in request["snippets"]], namespace)
            failed = {
                name: f"{origin} raised {problems[origin]}"
                for name, origin in request["defines"].items()
                if origin in problems
            }
            reply: dict[str, Any] = {"problems": [f"{o}: {p}" for o, p in problems.items()]}
        elif op == "class":
            reply = {"problem": class_problem(namespace, request["name"], failed)}
        elif op == "new":
            kind, value = construct(namespace[request["name"]], request["args"])
            if kind == "ok":
                objects[len(objects)] = value
                value = len(objects) - 1
            reply = {kind: value}
        elif op == "set":
            obj = objects[request["handle"]]
            kind, value = set_attribute(obj, request["attr"], request["value"], request["readonly"])
            reply = {kind: value}
        elif op == "call":
            obj = objects[request["handle"]]
            kind, value = call_method(obj, request["method"], request["args"], request["readonly"])
            reply = {kind: value}
        elif op == "exit":
            return
        else:
            reply = {"raised": ["ProtocolError", f"unknown op {op!r}", ""]}
        _wire.write_frame(write_fd, reply)


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
