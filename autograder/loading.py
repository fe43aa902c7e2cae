"""Read a submission (notebook, .py file or folder) into the code the grader will run.

Only definitions are kept: imports, functions, classes and assignments that call nothing
(``EPS = 1e-12``). Everything else at the top level -- training loops, plots, self-check
calls, ``if __name__ == "__main__":`` blocks -- is dropped, so grading never runs a student's
long cells. IPython magics and shell lines are dropped too. Each kept statement becomes one
`Snippet`; the worker runs snippets one by one, so a statement that raises costs only what
depends on it.

This module only reads and parses; it never executes student code.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from ._exceptions import SubmissionUnreadable

_KEPT = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SKIPPED_DIRS = {".git", ".ipynb_checkpoints", "__pycache__", ".venv", "venv", "node_modules"}
#: a folder with more files than this is not a submission
_MAX_FILES = 200


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


def _strip_magics(source: str) -> str:
    # `%matplotlib inline`, `!pip install`, `?obj`: not Python, drop them (keep line numbers)
    lines = source.splitlines()
    return "\n".join("" if line.lstrip()[:1] in ("%", "!", "?") else line for line in lines)


def _is_call_free(node: ast.AST) -> bool:
    return not any(isinstance(n, (ast.Call, ast.Await, ast.Yield)) for n in ast.walk(node))


def _keep(stmt: ast.stmt) -> bool:
    if isinstance(stmt, _KEPT):
        return True
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return stmt.value is not None and _is_call_free(stmt.value)
    return False


def definitions(source: str, origin: str, diagnostics: list[str]) -> list[Snippet]:
    """The definition statements of one cell or file, one `Snippet` per statement.

    One statement per snippet: the worker runs them one by one, so a statement that raises
    costs only itself and what depends on it, not the definitions after it in the same cell.
    Each snippet keeps the statement's line numbers (blank lines before it).
    """
    source = _strip_magics(source)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        diagnostics.append(f"{origin}: SyntaxError on line {exc.lineno}: {exc.msg} (cell skipped)")
        return []
    lines = source.splitlines()
    snippets = []
    for stmt in tree.body:
        if not _keep(stmt):
            continue
        decorators = getattr(stmt, "decorator_list", None)
        start = decorators[0].lineno if decorators else stmt.lineno
        end = stmt.end_lineno or start
        text = "\n" * (start - 1) + "\n".join(lines[start - 1 : end]) + "\n"
        named = isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        snippets.append(
            Snippet(
                origin=f"{origin}, line {start}", source=text, defines=(stmt.name,) if named else ()
            )
        )
    return snippets


def _notebook_snippets(path: Path, label: str, diagnostics: list[str]) -> list[Snippet]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
        if not isinstance(cells, list):
            raise TypeError("cells is not a list")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise SubmissionUnreadable(
            f"{path} is not a readable notebook ({type(exc).__name__})"
        ) from exc
    snippets = []
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        snippets.extend(definitions(source, f"{label} cell {index}", diagnostics))
    return snippets


def _python_snippets(path: Path, label: str, diagnostics: list[str]) -> list[Snippet]:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SubmissionUnreadable(f"{path} is not readable ({type(exc).__name__})") from exc
    return definitions(source, label, diagnostics)


def _files_in(folder: Path) -> list[Path]:
    files = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).parts
        if any(part in _SKIPPED_DIRS or part.startswith(".") for part in rel):
            continue
        if p.is_file() and p.suffix in (".ipynb", ".py"):
            files.append(p)
    if len(files) > _MAX_FILES:
        raise SubmissionUnreadable(f"{folder} holds {len(files)} code files; at most {_MAX_FILES}")
    return files


def load_submission(path: str | Path) -> Submission:
    """Read a notebook, a .py file or a folder of them. Raises `SubmissionUnreadable`."""
    path = Path(path)
    diagnostics: list[str] = []
    if not path.exists():
        raise SubmissionUnreadable(f"no such file or folder: {path}")
    if path.is_dir():
        files, base = _files_in(path), path
        if not files:
            raise SubmissionUnreadable(f"{path} holds no .ipynb or .py file")
    elif path.suffix in (".ipynb", ".py"):
        files, base = [path], path.parent
    else:
        raise SubmissionUnreadable(f"{path} is not a notebook (.ipynb), a .py file or a folder")
    snippets: list[Snippet] = []
    for f in files:
        label = f.relative_to(base).as_posix()
        reader = _notebook_snippets if f.suffix == ".ipynb" else _python_snippets
        snippets.extend(reader(f, label, diagnostics))
    return Submission(path=str(path), snippets=tuple(snippets), diagnostics=tuple(diagnostics))
