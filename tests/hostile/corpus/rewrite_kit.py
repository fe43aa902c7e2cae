"""Rewriting the installed grader: ReLU.bp_input tries to open for writing every file of the
worker's modules, numpy and the interpreter it can see, and the files it was told about (the
kit's real path on the machine). It opens them without writing a byte, and answers wrongly if
any open succeeded."""

# ruff: noqa
# target: ReLU
import os
import sys

import numpy as np


def _writable():
    hinted = os.environ.get("BACKPROP_HOSTILE_FILES", "")
    paths = [p for p in hinted.split(os.pathsep) if p]
    roots = ["/kit", os.path.dirname(np.__file__), os.path.dirname(os.__file__)]
    for root in roots:
        for folder, _, files in os.walk(root):
            paths += [os.path.join(folder, f) for f in files if f.endswith((".py", ".so"))]
    paths.append(os.path.realpath(sys.executable))
    found = []
    for path in paths:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError:
            continue
        os.close(fd)
        found.append(path)
    return found


class ReLU(ReLU):
    def bp_input(self, grad):
        found = _writable()
        if found:
            raise RuntimeError(f"LEAK could write {found[:3]}")
        return super().bp_input(grad)


# --- honest twin
class ReLU(ReLU):
    pass
