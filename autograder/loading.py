"""Read a submission (notebook, .py file or folder) into the code the grader will run.

Only definitions are kept: imports, functions, classes and assignments that call nothing
(``EPS = 1e-12``). Everything else at the top level -- training loops, plots, self-check
calls, ``if __name__ == "__main__":`` blocks -- is dropped, so grading never runs a student's
long cells. IPython magics and shell lines that start a statement are dropped too
(`_magics`). Each kept statement becomes one `Snippet`; the worker runs snippets one by one,
so a statement that raises costs only what depends on it.

This module only reads and parses; it never executes student code. Whatever the bytes, it
raises nothing but `SubmissionUnreadable` (one readable line): its work is bounded (file sizes,
cells, characters of code: `_reading`), the parser's own limits (nesting, recursion, memory)
become that error, and links and special files in a folder are skipped with a diagnostic.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ._magics import split_lines, strip_magics
from .errors import SubmissionUnreadable
from .reading import (
    MAX_NOTEBOOK_BYTES,
    MAX_PYTHON_BYTES,
    link_problem,
    notebook_code_cells,
    python_text,
    read_plain_file,
)

_KEPT = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SKIPPED_DIRS = {".git", ".ipynb_checkpoints", "__pycache__", ".venv", "venv", "node_modules"}
#: a folder with more files than this is not a submission
_MAX_FILES = 200
_SUFFIXES = (".ipynb", ".py")


@dataclass(frozen=True)
class Snippet:
    #: where it came from, e.g. "layers.ipynb cell 7, line 3" (in tracebacks and messages)
    origin: str
    #: the kept statements, as source text
    source: str
    #: top-level names it defines (to explain a missing class by the cell that failed)
    defines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Submission:
    path: str
    snippets: tuple[Snippet, ...]
    #: problems found while reading (syntax errors, unreadable files, dropped statements)
    diagnostics: tuple[str, ...]


def _is_call_free(node: ast.AST) -> bool:
    return not any(isinstance(n, (ast.Call, ast.Await, ast.Yield)) for n in ast.walk(node))


def _keep(stmt: ast.stmt) -> bool:
    if isinstance(stmt, _KEPT):
        return True
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return stmt.value is not None and _is_call_free(stmt.value)
    return False


def _parse(source: str, origin: str, diagnostics: list[str]) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        diagnostics.append(f"{origin}: SyntaxError on line {exc.lineno}: {exc.msg} (cell skipped)")
    except ValueError as exc:  # e.g. a null byte (Python 3.11)
        diagnostics.append(f"{origin}: not Python ({exc}) (cell skipped)")
    except (RecursionError, MemoryError):
        # the parser's own limits: a 100,000-deep expression or a 1+1+...+1 chain
        raise SubmissionUnreadable(
            f"{origin}: the code is nested too deeply or is too long to parse"
        ) from None
    return None


def definitions(source: str, origin: str, diagnostics: list[str]) -> list[Snippet]:
    """The definition statements of one cell or file, one `Snippet` per statement.

    One statement per snippet: the worker runs them one by one, so a statement that raises
    costs only itself and what depends on it, not the definitions after it in the same cell.
    Each snippet keeps the statement's line numbers (blank lines before it).
    """
    # lines as the parser counts them: a form feed or U+2028 in a string is not a line break
    lines = strip_magics(split_lines(source))
    tree = _parse("\n".join(lines), origin, diagnostics)
    if tree is None:
        return []
    snippets = []
    for stmt in tree.body:
        if not _keep(stmt):
            continue
        decorators = getattr(stmt, "decorator_list", None)
        start = decorators[0].lineno if decorators else stmt.lineno
        end = stmt.end_lineno or start
        text = "\n" * (start - 1) + "\n".join(lines[start - 1 : end]) + "\n"
        snippets.append(
            Snippet(origin=f"{origin}, line {start}", source=text, defines=_defined(stmt))
        )
    return snippets


def _defined(stmt: ast.stmt) -> tuple[str, ...]:
    """The top-level names a kept statement binds (to explain a missing class by its cell, and
    to recognise the assignment): defined, imported (``from layers import Linear``) or assigned
    (``Linear = MyLinear``)."""
    if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return (stmt.name,)
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return tuple(a.asname or a.name.split(".")[0] for a in stmt.names if a.name != "*")
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    return tuple(t.id for t in targets if isinstance(t, ast.Name))


def _notebook_snippets(path: Path, label: str, diagnostics: list[str]) -> list[Snippet]:
    snippets = []
    for index, code in notebook_code_cells(read_plain_file(path, MAX_NOTEBOOK_BYTES), label):
        snippets.extend(definitions(code, f"{label} cell {index}", diagnostics))
    return snippets


def _python_snippets(path: Path, label: str, diagnostics: list[str]) -> list[Snippet]:
    text = python_text(read_plain_file(path, MAX_PYTHON_BYTES), label)
    return definitions(text, label, diagnostics)


def _plain(path: Path, label: str, diagnostics: list[str]) -> bool:
    """True for a regular file with one link; a link or a special file gets a diagnostic."""
    problem = link_problem(path)
    if problem:
        diagnostics.append(f"{label}: {problem}, skipped (links are never followed)")
    return not problem


def code_files(folder: Path, diagnostics: list[str]) -> list[Path]:
    """The notebooks and .py files of a folder, sorted (links and special files skipped)."""
    files = []
    # os.walk never descends into a symbolic link to a folder (followlinks=False)
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(names):
            p = Path(root) / name
            if name.startswith(".") or p.suffix not in _SUFFIXES:
                continue
            if _plain(p, p.relative_to(folder).as_posix(), diagnostics):
                files.append(p)
            if len(files) > _MAX_FILES:
                raise SubmissionUnreadable(f"{folder} holds over {_MAX_FILES} code files")
    return sorted(files)


def _load(path: Path, only: tuple[Path, ...] | None = None) -> Submission:
    diagnostics: list[str] = []
    if not path.exists() and not path.is_symlink():
        raise SubmissionUnreadable(f"no such file or folder: {path}")
    if path.is_dir() and not path.is_symlink():
        files, base = list(only) if only is not None else code_files(path, diagnostics), path
        if not files:
            raise SubmissionUnreadable(f"{path} holds no .ipynb or .py file")
    elif path.suffix in _SUFFIXES:
        files, base = [path], path.parent
    else:
        raise SubmissionUnreadable(f"{path} is not a notebook (.ipynb), a .py file or a folder")
    snippets: list[Snippet] = []
    # modules before notebooks: a notebook's own definitions and imports (`from layers import
    # Linear`) run last and win, as in its kernel, over a module's that sits beside it
    for f in sorted(files, key=lambda f: f.suffix == ".ipynb"):
        label = f.relative_to(base).as_posix()
        reader = _notebook_snippets if f.suffix == ".ipynb" else _python_snippets
        snippets.extend(reader(f, label, diagnostics))
    return Submission(path=str(path), snippets=tuple(snippets), diagnostics=tuple(diagnostics))


def load_submission(path: str | Path, files: Iterable[Path] | None = None) -> Submission:
    """Read a notebook, a .py file or a folder of them (only `files` of it, when given; see
    `choose`). Raises `SubmissionUnreadable` only."""
    path = Path(path)
    try:
        return _load(path, None if files is None else tuple(files))
    except SubmissionUnreadable:
        raise
    except (RecursionError, MemoryError) as exc:
        raise SubmissionUnreadable(f"{path} is too large or too deeply nested to read") from exc
    except OSError as exc:
        raise SubmissionUnreadable(f"{path} cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 - whatever the bytes: one line, never a traceback
        raise SubmissionUnreadable(f"{path} cannot be read ({type(exc).__name__})") from exc
