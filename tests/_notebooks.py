"""Reading nbgrader notebooks in tests: cells with string sources, their nbgrader metadata,
which cell defines a name, and the one cell matching a predicate."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path


def cells(path: Path) -> list[dict]:
    """The notebook's cells, each `source` joined into one string."""
    out = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in out:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return out


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def defines(cell: dict, name: str) -> bool:
    """Whether a code cell defines a class or function `name` at its top level."""
    if cell["cell_type"] != "code":
        return False
    tree = ast.parse(cell["source"])
    return any(
        isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == name
        for node in tree.body
    )


def index_of(found_in: list[dict], predicate: Callable[[dict], bool], what: str) -> int:
    """The index of the one cell matching `predicate`; fails unless there is exactly one."""
    found = [i for i, cell in enumerate(found_in) if predicate(cell)]
    assert len(found) == 1, f"expected exactly one {what}, found cells {found}"
    return found[0]
