"""Autodiff libraries are not importable by student code: an import hook, and where they live.

The contract says student code is plain numpy; autodiff libraries would let it skip the
exercise. `install()` makes them unimportable through the import system, with a clear
ImportError. An import hook lives in the student's own process, so a determined submission can
remove it; where the grader runs as root, `_confine` also hides the packages' folders found by
`package_dirs()` behind a stub that raises the same error (see docs/isolation.md).
"""

from __future__ import annotations

import importlib.abc
import os
import sys

BLOCKED = (
    "torch",
    "functorch",
    "jax",
    "jaxlib",
    "tensorflow",
    "autograd",
    "mxnet",
    "paddle",
    "tinygrad",
)


def message(name: str) -> str:
    return (
        f"backprop-kit: '{name}' cannot be imported while grading: "
        "write the backward pass in plain numpy"
    )


class _BlockAutodiff(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib protocol
        if fullname.split(".")[0] in BLOCKED:
            raise ImportError(message(fullname))
        return None


def install() -> None:
    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            del sys.modules[name]
    sys.meta_path.insert(0, _BlockAutodiff())


def package_dirs() -> dict[str, list[str]]:
    """{name: [folders]}: every copy of a blocked package on the import path."""
    found: dict[str, list[str]] = {}
    for entry in dict.fromkeys(p for p in sys.path if p and os.path.isdir(p)):
        for name in BLOCKED:
            folder = os.path.join(entry, name)
            if os.path.isdir(folder):
                found.setdefault(name, []).append(os.path.realpath(folder))
    return found


def stub_source(name: str) -> str:
    """The __init__.py that replaces a blocked package's folder."""
    return f"raise ImportError({message(name)!r})\n"
