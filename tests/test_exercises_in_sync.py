"""exercises/ is exactly what nbgrader generates from solutions/, and notebooks carry no outputs.

The regeneration goes through tools/generate_exercises.py, the same code path developers run.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
FIX = "run `python tools/generate_exercises.py` and commit exercises/"


def _generator():
    path = ROOT / "tools" / "generate_exercises.py"
    spec = importlib.util.spec_from_file_location("generate_exercises", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_every_assignment_in_solutions_has_a_source_notebook():
    assignments = _generator().assignments()
    assert assignments, "solutions/ holds no assignment folder"
    for name in assignments:
        assert _notebooks(SOLUTIONS / name), f"solutions/{name}/ holds no notebook"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_committed_exercises_equal_freshly_generated_ones(tmp_path):
    generated = tmp_path / "exercises"
    _generator().generate(output_dir=generated)
    expected = {p.relative_to(generated): p for p in _notebooks(generated)}
    actual = {p.relative_to(EXERCISES): p for p in _notebooks(EXERCISES)}
    assert sorted(expected) == sorted(actual), f"exercises/ has the wrong notebooks: {FIX}"
    for rel, path in expected.items():
        fresh = json.loads(path.read_text(encoding="utf-8"))
        committed = json.loads(actual[rel].read_text(encoding="utf-8"))
        assert fresh == committed, f"exercises/{rel.as_posix()} is out of date: {FIX}"


@pytest.mark.parametrize(
    "notebook",
    _notebooks(SOLUTIONS) + _notebooks(EXERCISES),
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_notebook_is_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    dirty = [
        index
        for index, cell in enumerate(cells, start=1)
        if cell["cell_type"] == "code"
        and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    where = notebook.relative_to(ROOT)
    assert dirty == [], f"{where}: cells {dirty} have outputs or an execution count (clear them)"
