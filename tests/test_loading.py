"""Reading submissions: definitions are kept, long-running top-level code never runs."""

from __future__ import annotations

import json

import pytest

from autograder._exceptions import SubmissionUnreadable
from autograder.loading import definitions, load_submission


def notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "source": c,
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                }
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_definitions_are_kept_and_calls_are_dropped():
    diagnostics: list[str] = []
    source = (
        "import numpy as np\nEPS = 1e-12\nrng = np.random.default_rng(0)\n"
        "class A:\n    pass\ntrain(A(), epochs=100)\nif __name__ == '__main__':\n    main()\n"
    )
    snippets = definitions(source, "cell 1", diagnostics)
    kept = [line for s in snippets for line in s.source.splitlines() if line]
    assert kept == ["import numpy as np", "EPS = 1e-12", "class A:", "    pass"]
    assert [s.defines for s in snippets] == [(), (), ("A",)]
    assert [s.origin for s in snippets] == ["cell 1, line 1", "cell 1, line 2", "cell 1, line 4"]
    assert diagnostics == []


def test_line_numbers_are_preserved_for_tracebacks():
    (snippet,) = definitions("x = f()\n\ndef g():\n    return 1\n", "cell 2", [])
    assert snippet.source.splitlines()[2] == "def g():"


def test_magics_and_shell_lines_are_dropped():
    (snippet,) = definitions("%matplotlib inline\n!pip install x\ndef f():\n    pass\n", "c", [])
    assert "matplotlib" not in snippet.source and "def f" in snippet.source


def test_a_syntax_error_skips_the_cell_with_a_readable_diagnostic():
    diagnostics: list[str] = []
    assert definitions("def f(:\n", "nb.ipynb cell 3", diagnostics) == []
    assert diagnostics[0].startswith("nb.ipynb cell 3: SyntaxError on line 1")


def test_a_notebook_keeps_the_definitions_of_its_code_cells(tmp_path):
    path = tmp_path / "hw.ipynb"
    path.write_text(notebook(["class A:\n    pass\n", "A().train()\n", "def f():\n    pass\n"]))
    sub = load_submission(path)
    assert [s.origin for s in sub.snippets] == [
        "hw.ipynb cell 1, line 1",
        "hw.ipynb cell 3, line 1",
    ]


@pytest.mark.parametrize("content", ["{not json", '{"cells": 3}', ""])
def test_an_unreadable_notebook_is_refused_in_one_line(tmp_path, content):
    path = tmp_path / "broken.ipynb"
    path.write_text(content)
    with pytest.raises(SubmissionUnreadable, match="is not a readable notebook"):
        load_submission(path)


def test_missing_paths_and_other_file_types_are_refused(tmp_path):
    with pytest.raises(SubmissionUnreadable, match="no such file or folder"):
        load_submission(tmp_path / "nope.py")
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(SubmissionUnreadable, match="not a notebook"):
        load_submission(tmp_path / "notes.txt")
    with pytest.raises(SubmissionUnreadable, match="holds no .ipynb or .py file"):
        load_submission(tmp_path)


def test_a_folder_reads_its_files_in_order_and_skips_checkpoints(tmp_path):
    (tmp_path / "b.py").write_text("def b():\n    pass\n")
    (tmp_path / "a.ipynb").write_text(notebook(["def a():\n    pass\n"]))
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{broken")
    sub = load_submission(tmp_path)
    assert [s.origin for s in sub.snippets] == ["a.ipynb cell 1, line 1", "b.py, line 1"]
