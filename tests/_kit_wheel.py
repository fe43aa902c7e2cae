"""The kit exactly as students install it: its wheel, built once per test session, unpacked, and
every class and function defined in it.

Used by tests/test_no_answers.py (nothing in it earns a point) and tests/course/ (the student
starting repository).
"""

from __future__ import annotations

import ast
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.course.starter import build_wheel


@dataclass(frozen=True)
class Candidate:
    """A class or function defined at the top level of a module of the wheel."""

    module: str  # e.g. "autograder.assignments.graph._torch_ref"
    name: str
    kind: str  # "class" or "function"
    #: method names a class defines itself (its bases are read where it is graded)
    methods: frozenset[str]
    #: (required, most) positional arguments of a function; most is None with *args
    arity: tuple[int, int | None] = (0, 0)

    def accepts(self, n: int) -> bool:
        low, high = self.arity
        return low <= n and (high is None or n <= high)


def unpack(dest: Path) -> tuple[Path, Path]:
    """(the wheel, the folder it was unpacked into)."""
    wheel = build_wheel(dest / "dist")
    tree = dest / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(tree)
    return wheel, tree


def _arity(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[int, int | None]:
    a = fn.args
    positional = len(a.posonlyargs) + len(a.args)
    required = positional - len(a.defaults)
    return required, None if a.vararg else positional


def candidates(tree: Path) -> list[Candidate]:
    found = []
    for path in sorted((tree / "autograder").rglob("*.py")):
        module = ".".join(path.relative_to(tree).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                defs = (ast.FunctionDef, ast.AsyncFunctionDef)
                methods = frozenset(n.name for n in node.body if isinstance(n, defs))
                found.append(Candidate(module, node.name, "class", methods))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append(Candidate(module, node.name, "function", frozenset(), _arity(node)))
    return found


def absolute_source(tree: Path, module: str) -> str:
    """A module's text with its relative imports made absolute: what a student would paste
    into a file of their own."""
    package = module if (tree / Path(*module.split("."))).is_dir() else module.rpartition(".")[0]
    path = tree / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("from ."):
            dots = len(stripped[5:]) - len(stripped[5:].lstrip("."))
            base = package.split(".")
            base = base[: len(base) - (dots - 1)] if dots > 1 else base
            rest = stripped[5 + dots :]
            target = ".".join(base) + ("." + rest if not rest.startswith(" import") else rest)
            line = line[: len(line) - len(stripped)] + "from " + target
        out.append(line)
    return "".join(out)


__all__ = ["Candidate", "absolute_source", "candidates", "unpack"]
