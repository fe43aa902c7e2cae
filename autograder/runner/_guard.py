"""What the worker sets up before it runs student code: blocked imports and quiet numpy.

The contract says student code is plain numpy; autodiff libraries would let it skip the
exercise. They are made unimportable, and the student gets a clear ImportError.
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("torch", "jax", "jaxlib", "tensorflow", "autograd", "mxnet", "paddle", "tinygrad")


class _BlockAutodiff(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib protocol
        if fullname.split(".")[0] in BLOCKED:
            raise ImportError(
                f"backprop-kit: '{fullname}' cannot be imported while grading: "
                "write the backward pass in plain numpy"
            )
        return None


def install() -> None:
    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            del sys.modules[name]
    sys.meta_path.insert(0, _BlockAutodiff())
