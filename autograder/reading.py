"""The bytes of one submitted file, and the code text in them (a .py file, a notebook's cells).

Every function here treats the bytes as hostile and raises only `SubmissionUnreadable` with one
readable line. Files are opened without following symbolic links and only if they are
regular, single-link files of a bounded size: a link (symbolic or hard) could point a root
grader at a file the student may not read, and a FIFO or a device would never end.

What a correct file may look like, and is read as Python reads it: a UTF-8 byte-order mark, a
PEP 263 ``# -*- coding: latin-1 -*-`` line, notebooks of nbformat 4 *and* 3 (``worksheets``,
``input``), ``source`` as a string or a list of strings.
"""

from __future__ import annotations

import io
import json
import os
import stat
import tokenize
from pathlib import Path

from .errors import SubmissionUnreadable

#: a notebook with its outputs (plots) can be large; its code never is
MAX_NOTEBOOK_BYTES = 32 * 2**20
MAX_PYTHON_BYTES = 2 * 2**20
#: characters of code per file (all cells of a notebook together)
MAX_CODE_CHARS = 2 * 2**20
MAX_CELLS = 2000


def link_problem(path: Path, base: Path | None = None) -> str:
    """Why `path` must not be read ("a symbolic link", "a hard link", "not a regular file",
    also when a folder between `base` and it is a link), or "" for a plain file."""
    try:
        folders = path.relative_to(base).parents[:-1] if base is not None else []
        if any((base / folder).is_symlink() for folder in folders):
            return "inside a linked folder"
        info = path.lstat()
    except (OSError, ValueError):
        return "not readable"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return "a hard link" if info.st_nlink != 1 else ""


def read_plain_file(path: Path, limit: int) -> bytes:
    """The file's bytes; `SubmissionUnreadable` unless it is a regular file with one link, at
    most `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if path.is_symlink():
            raise SubmissionUnreadable(f"{path} is a symbolic link (not followed)") from None
        raise SubmissionUnreadable(f"{path} cannot be opened ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionUnreadable(f"{path} is not a regular file")
        if info.st_nlink != 1:
            raise SubmissionUnreadable(f"{path} is a hard link (not followed)")
        if info.st_size > limit:
            raise SubmissionUnreadable(
                f"{path} is {info.st_size} bytes; at most {limit} bytes are read"
            )
        data = f.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise SubmissionUnreadable(f"{path} is over {limit} bytes; at most {limit} are read")
    return data


def python_text(data: bytes, label: str) -> str:
    """A .py file's text, decoded as Python decodes it (BOM, PEP 263 coding line, else UTF-8)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeError) as exc:
        reason = exc.msg if isinstance(exc, SyntaxError) else f"{type(exc).__name__}: {exc}"
        raise SubmissionUnreadable(f"{label} cannot be decoded: {reason}") from None
    _check_code_size(len(text), label)
    return text.removeprefix("\ufeff")


def _check_code_size(chars: int, label: str) -> None:
    if chars > MAX_CODE_CHARS:
        raise SubmissionUnreadable(
            f"{label} holds {chars} characters of code; at most {MAX_CODE_CHARS}"
        )


def _json(data: bytes, label: str) -> object:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeError:
        raise SubmissionUnreadable(f"{label} is not a readable notebook (not UTF-8)") from None
    except RecursionError:
        raise SubmissionUnreadable(
            f"{label} is not a readable notebook (its JSON is nested too deeply)"
        ) from None
    except ValueError as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise SubmissionUnreadable(f"{label} is not a readable notebook ({reason})") from None


def _raw_cells(nb: object, label: str) -> list:
    """The cell list of nbformat 4 (``cells``) or 3 (``worksheets[].cells``)."""
    if isinstance(nb, dict) and isinstance(nb.get("cells"), list):
        return nb["cells"]
    worksheets = nb.get("worksheets") if isinstance(nb, dict) else None
    if isinstance(worksheets, list) and all(
        isinstance(w, dict) and isinstance(w.get("cells", []), list) for w in worksheets
    ):
        return [cell for w in worksheets for cell in w.get("cells", [])]
    raise SubmissionUnreadable(f"{label} is not a readable notebook (no list of cells)")


def _cell_text(value: object, label: str, index: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    raise SubmissionUnreadable(
        f"{label} is not a readable notebook: cell {index}'s source is a "
        f"{type(value).__name__}, not text"
    )


def notebook_code_cells(data: bytes, label: str) -> list[tuple[int, str]]:
    """(cell number, code) of each code cell, numbered from 1 among all cells."""
    cells = _raw_cells(_json(data, label), label)
    if len(cells) > MAX_CELLS:
        raise SubmissionUnreadable(f"{label} has {len(cells)} cells; at most {MAX_CELLS}")
    code, total = [], 0
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        # nbformat 3 keeps a code cell's text in "input"
        key = "source" if "source" in cell else "input"
        text = _cell_text(cell.get(key, ""), label, index).removeprefix("\ufeff")
        total += len(text)
        _check_code_size(total, label)
        code.append((index, text))
    return code
