"""Release the instructor's assignment-1 layers with assignment 2: one ``layers.py``.

After assignment 1's deadline an instructor may give every student layers known to be right,
so that assignment 2 does not depend on their own. `write_layers` reads the instructor's
``solutions/01_layers`` notebook(s) and writes their solution code -- the definitions of the
non-test cells (classes, functions, imports), without the nbgrader markers and the kit's
notebook helpers -- to
``layers.py`` in assignment 2's nbgrader source folder (``solutions/02_mlp``), where
``nbgrader generate_assignment`` releases it next to the notebook. Students then write
``from layers import Linear, ReLU, SoftmaxCrossEntropyLoss``.

    python -m autograder release-layers [--solutions solutions] [--to solutions/02_mlp]

The file is generated on the instructor's side for one release: never commit it to the
kit's `solutions/` or `exercises/`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import SubmissionUnreadable
from ...loading import definitions
from ..layers import ASSIGNMENT as LAYERS

SOURCE_ASSIGNMENT = LAYERS.name
TARGET_ASSIGNMENT = "02_mlp"
FILE_NAME = "layers.py"
_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HEADER = '''"""Assignment 1's layers, released by your instructor for assignment 2.

In the assignment-2 notebook: from layers import Linear, ReLU, SoftmaxCrossEntropyLoss
"""
'''


def _is_test_cell(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


def layers_source(solutions: Path) -> str:
    """The solution code of ``solutions/01_layers/*.ipynb`` as one module's text."""
    notebooks = sorted((solutions / SOURCE_ASSIGNMENT).glob("*.ipynb"))
    if not notebooks:
        raise SubmissionUnreadable(f"no notebook in {solutions / SOURCE_ASSIGNMENT}")
    parts: list[str] = []
    for notebook in notebooks:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell.get("cell_type") != "code" or _is_test_cell(cell):
                continue
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            kept = [line for line in text.splitlines() if line.strip() not in _MARKERS]
            for snippet in definitions("\n".join(kept), notebook.name, []):
                code = snippet.source.strip("\n")
                # classes, functions and imports; not the kit's helpers, not example constants
                if (snippet.defines or code.startswith(("import ", "from "))) and (
                    "autograder" not in code
                ):
                    parts.append(code)
    return HEADER + "\n" + "\n\n\n".join(parts) + "\n"


def write_layers(solutions: str | Path = "solutions", to: str | Path | None = None) -> Path:
    """Write ``layers.py`` into `to` (default: ``<solutions>/02_mlp``); return its path."""
    solutions = Path(solutions)
    folder = Path(to) if to is not None else solutions / TARGET_ASSIGNMENT
    if not folder.is_dir():
        raise SubmissionUnreadable(f"{folder} is not a folder (assignment 2's source folder)")
    path = folder / FILE_NAME
    path.write_text(layers_source(solutions), encoding="utf-8")
    return path
