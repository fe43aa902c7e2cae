"""The package's layout rules: assignments and the grading loop use the toolkit (and every
other package of the kit) by public names only.

A name is private when it, or a module on its path, starts with an underscore. Code may use
a private name only from inside the package that holds it: `autograder/assignments/mlp/x.py`
may import `._common` or `.end_to_end._pct`, never `autograder.toolkit._anything` or
`autograder.runner._bwrap`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "autograder"


def _target(package: list[str], node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = package[: len(package) - (node.level - 1)]
        return base + (node.module.split(".") if node.module else [])
    return (node.module or "").split(".")


def _is_module(parts: list[str]) -> bool:
    """Whether `parts` names a module file (not a package) -- one that exists, or would."""
    return not (ROOT.joinpath(*parts) / "__init__.py").exists()


def private_imports(path: Path, source: str) -> list[str]:
    """Each import in `source` (the file at `path`) of a private name of another package."""
    package = list(path.relative_to(ROOT).parent.parts)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [(a.name.split("."), None) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _target(package, node)
            targets = [(module, a.name) for a in node.names]
        else:
            continue
        for module, name in targets:
            if module[0] != "autograder":
                continue
            full = module + ([name] if name else [])
            for i, part in enumerate(full):
                # the package that holds the private name must be the importer's own
                if part.startswith("_") and not part.startswith("__") and full[:i] != package:
                    if i == len(full) - 1 and module[:-1] == package and _is_module(module):
                        break  # a private name of a module in the importer's own package
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {'.'.join(full)}")
                    break
    return found


def test_no_module_of_the_kit_imports_a_private_name_of_another_package():
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        for hit in private_imports(path, path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("assignments/graph/op.py", "from ...toolkit._hidden import Ctx"),
        ("assignments/graph/op.py", "from ...runner._plain import Unsupported"),
        ("assignments/graph/op.py", "from ...toolkit.state import _READ_ONLY"),
        ("assignments/mlp/x.py", "from ..graph._drive import run"),
        ("batch.py", "from .runner import _bwrap"),
        ("batch.py", "import autograder.reporters._safe"),
    ],
)
def test_the_rule_catches_a_private_import_across_packages(where, source):
    assert private_imports(PACKAGE / where, source)


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("assignments/graph/op.py", "from ._drive import run"),
        ("assignments/graph/op.py", "from ._torch_ref import op_vjps as _vjps"),
        ("assignments/mlp/credit.py", "from .end_to_end import _pct"),
        ("assignments/mlp/x.py", "from ...toolkit import Ctx, assert_close"),
        ("batch.py", "from ._batch_pool import run"),
        ("runner/remote.py", "from ._sandbox import Sandbox"),
    ],
)
def test_the_rule_allows_private_names_inside_their_own_package(where, source):
    assert private_imports(PACKAGE / where, source) == []
