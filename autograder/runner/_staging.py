"""Copies of the submission's own Python modules, so the worker can import them from its sandbox.

The worker never reads the submission's folder: its definitions arrive over the pipe, and the
modules they import (``from helpers import ...``) are copied into the sandbox's temporary
directory, where the unprivileged user can read them and nothing it writes reaches the
original. For a folder, that is every .py file in it; for a single file, only the sibling
modules its code imports -- never the rest of its folder, which in a class-wide batch may hold
other students' work. Links are never followed and special files never read: a symbolic or
hard link (or a folder reached through one) could point a root grader at a file the student
may not read; a FIFO would never end.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

from ..errors import SubmissionUnreadable
from ..reading import link_problem, read_plain_file

_SKIPPED = {"__pycache__", "node_modules", "venv", ".venv", "site-packages"}
#: copy limits: a submission is a handful of small modules
MAX_FILES = 200
MAX_BYTES = 2 * 2**20


def _imported_names(sources: list[str]) -> set[str]:
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _python_files(folder: Path) -> list[Path]:
    files = []
    for p in sorted(folder.rglob("*.py")):
        rel = p.relative_to(folder).parts
        if any(part in _SKIPPED or part.startswith(".") for part in rel):
            continue
        # never a link (symbolic or hard) or a special file: see `_reading.link_problem`
        if not link_problem(p, folder) and p.stat().st_size <= MAX_BYTES:
            files.append(p)
    return files[:MAX_FILES]


def _owned(path: Path, owner: int | None) -> None:
    # each entry at once: if the grader dies mid-copy, the sandbox user can still remove all
    if owner is not None:
        os.chown(path, owner, owner, follow_symlinks=False)


def _selected(path: str, sources: list[str]) -> tuple[Path, list[Path]]:
    """(base folder, the module files a submission at `path` may import)."""
    origin = Path(path)
    if origin.is_dir():
        return origin, _python_files(origin)
    base, files = origin.parent, []
    for name in sorted(_imported_names(sources)):
        module, package = base / f"{name}.py", base / name
        if module != origin and not link_problem(module, base):
            files.append(module)
        elif not package.is_symlink() and not link_problem(package / "__init__.py", base):
            files += _python_files(package)
    return base, files[:MAX_FILES]


def module_sources(path: str, sources: list[str]) -> dict[str, str]:
    """{relative path: source} of the modules the submission may import: sent to a sandboxed
    worker, which writes them into its own folder (it never sees the submission's)."""
    base, files = _selected(path, sources)
    out = {}
    for f in files:
        try:
            text = read_plain_file(f, MAX_BYTES).decode("utf-8", errors="replace")
        except SubmissionUnreadable:  # swapped for a link since it was selected
            continue
        out[f.relative_to(base).as_posix()] = text
    return out


def stage_modules(path: str, sources: list[str], dest: Path, owner: int | None = None) -> Path:
    """Copy the modules the submission at `path` may import into `dest` (created, like all it
    holds, owned by `owner` when given); return it."""
    dest.mkdir(parents=True, exist_ok=True)
    _owned(dest, owner)
    base, files = _selected(path, sources)
    for f in files:
        target = dest / f.relative_to(base)
        for folder in reversed(target.relative_to(dest).parents[:-1]):
            (dest / folder).mkdir(exist_ok=True)
            _owned(dest / folder, owner)
        try:
            target.write_bytes(read_plain_file(f, MAX_BYTES))
        except SubmissionUnreadable:  # swapped for a link since it was selected
            continue
        _owned(target, owner)
    return dest
