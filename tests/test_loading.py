"""Reading submissions: definitions are kept, long-running top-level code never runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from autograder.config import GradeConfig
from autograder.errors import SubmissionUnreadable
from autograder.grading import grade
from autograder.loading import definitions, load_submission
from autograder.runner._staging import stage_modules


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
    assert [s.defines for s in snippets] == [("np",), ("EPS",), ("A",)]  # every name bound
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


def test_a_folder_reads_its_modules_then_its_notebooks_and_skips_checkpoints(tmp_path):
    """A notebook's definitions run last and win over a module beside it, as in its kernel."""
    (tmp_path / "b.py").write_text("def b():\n    pass\n")
    (tmp_path / "a.ipynb").write_text(notebook(["def a():\n    pass\n"]))
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{broken")
    sub = load_submission(tmp_path)
    assert [s.origin for s in sub.snippets] == ["b.py, line 1", "a.ipynb cell 1, line 1"]


# -- hostile bytes: one line, never a traceback (issue 16) ------------------------------------

REFERENCE_SOURCE = (
    Path(__file__).parent / "assignments" / "layers" / "corpus" / "reference.py"
).read_text()


def _deep_json() -> str:
    return '{"cells": [{"cell_type": "code", "source": ' + "[" * 100_000 + "]" * 100_000 + "}]}"


def _cells(source: object) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": source}], "nbformat": 4})


HOSTILE_FILES = {
    "nested.py": "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n",
    "chain.py": "x = " + "+".join(["1"] * 100_000) + "\n",
    "attributes.py": "x = a" + ".b" * 100_000 + "\n",
    "negations.py": "x = " + "-" * 100_000 + "1\n",
    "deep.ipynb": _deep_json(),
    "number_source.ipynb": _cells(5),
    "dict_source.ipynb": _cells({"a": "class Linear: pass"}),
    "list_of_numbers.ipynb": _cells([1, 2]),
    "null_cells.ipynb": '{"cells": null, "worksheets": 3}',
    "not_utf8.py": b"x = '\xff\xfe'\n",
    "bad_coding.py": b"# -*- coding: no-such-codec -*-\nx = 1\n",
    "not_utf8.ipynb": b'{"cells": [\xff]}',
    "huge.py": "#" * (3 * 2**20),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_bytes_are_one_readable_line_or_a_diagnostic(tmp_path, name):
    content = HOSTILE_FILES[name]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    try:
        sub = load_submission(path)
    except SubmissionUnreadable as exc:
        message = str(exc)
    else:  # the parser's own limit (too many nested parentheses): the cell is skipped
        message = " ".join(sub.diagnostics)
        assert sub.snippets == ()
    assert message and "\n" not in message and len(message) < 400, message
    assert name in message


@pytest.mark.parametrize("limit", ["cells", "bytes"])
def test_the_loader_bounds_its_work_with_a_clear_message(tmp_path, limit):
    path = tmp_path / "big.ipynb"
    if limit == "cells":
        path.write_text(json.dumps({"cells": [{"cell_type": "markdown"}] * 2001}))
        expected = "has 2001 cells; at most 2000"
    else:
        path.write_text(" " * (33 * 2**20))
        expected = "bytes are read"
    with pytest.raises(SubmissionUnreadable, match=expected):
        load_submission(path)


def test_the_cli_says_one_line_and_exits_2_for_a_nested_expression(tmp_path, capsys):
    from autograder._cli import main

    path = tmp_path / "chain.py"
    path.write_text(HOSTILE_FILES["chain.py"])
    assert main(["grade", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err, err


def test_grade_all_grades_the_class_around_an_unreadable_file(tmp_path):
    from autograder.batch import grade_all

    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "mallory.ipynb").write_text(_deep_json())
    (folder / "alice.py").write_text(REFERENCE_SOURCE)
    os.mkfifo(folder / "bob.py")  # would block anything that reads it
    (folder / "carol.py").symlink_to(folder / "alice.py")
    grade_all(folder, tmp_path / "out", GradeConfig(seed=3), jobs=1)
    records = {
        p.stem: json.loads(p.read_text()) for p in (tmp_path / "out" / "results").glob("*.json")
    }
    assert records["mallory"]["status"] == "unreadable"
    assert "nested too deeply" in records["mallory"]["error"]
    assert (records["alice"]["status"], records["alice"]["score"]) == ("graded", 100)
    # (a FIFO is no file: its id keeps its suffix)
    assert records["bob.py"]["status"] == records["carol"]["status"] == "unreadable"


# -- correct files in unusual forms get full marks (issue 16) --------------------------------


def _latin1() -> bytes:
    return ("# -*- coding: latin-1 -*-\n# Gradienten für alle Schichten\n").encode(
        "latin-1"
    ) + REFERENCE_SOURCE.replace("layers", "Schichten (für)").encode("latin-1")


def _continuations() -> str:
    # lines that start with % and != inside brackets are Python, never magics
    return REFERENCE_SOURCE.replace(
        "return grad * (self.X > 0)",
        "return grad * ((self.X > 0)\n                       % 2\n                       != 0)",
    ).replace(
        "        return grad @ self.W.T",
        '        """Gradient w.r.t. the input.\n!  says the\n%  docstring"""\n'
        "        return (grad\n            @ self.W.T)",
    )


def _separators() -> str:
    # a form feed and U+2028 are not line breaks for Python
    return REFERENCE_SOURCE.replace(
        "        return grad * self.Y * (1 - self.Y)",
        "        note = 'one\\u2028line'  # also\x0cone line\u2028still\n"
        "        return grad * self.Y * (1 - self.Y)",
    ).replace("class Tanh:", "\x0cclass Tanh:")


def _nbformat3() -> str:
    cells = [{"cell_type": "heading", "level": 1, "source": ["Layers"]}]
    cells += [
        {"cell_type": "code", "language": "python", "input": chunk.splitlines(keepends=True)}
        for chunk in REFERENCE_SOURCE.split("\n\n\n")
    ]
    return json.dumps({"nbformat": 3, "worksheets": [{"cells": cells}], "metadata": {}})


UNUSUAL_FORMS = {
    "bom.py": b"\xef\xbb\xbf" + REFERENCE_SOURCE.encode(),
    "latin1.py": _latin1(),
    "continuations.py": _continuations().encode(),
    "separators.py": _separators().encode(),
    "bom.ipynb": b"\xef\xbb\xbf" + notebook([REFERENCE_SOURCE]).encode(),
    "nbformat3.ipynb": _nbformat3().encode(),
}


@pytest.mark.parametrize("name", sorted(UNUSUAL_FORMS))
def test_a_correct_file_in_an_unusual_form_gets_full_marks(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(UNUSUAL_FORMS[name])
    result = grade(path, GradeConfig(seed=5))
    assert (result.score, result.diagnostics) == (100, ()), [
        c.message for c in result.checks if not c.passed
    ]


def test_only_magics_that_start_a_statement_are_dropped():
    from autograder._magics import split_lines, strip_magics

    source = (
        "%matplotlib inline\n"  # 1: a magic
        "x = (1\n"
        "% 2)\n"  # 3: inside brackets
        "y = 1 \\\n"
        "!= 2\n"  # 5: after a backslash
        's = """\n'
        "!not a shell line\n"  # 7: inside a string
        '"""\n'
        "  !pip install numpy\n"  # 9: a shell line
        "?x\n"  # 10: help
    )
    (snippet, *_) = definitions(source, "c", [])
    lines = strip_magics(split_lines(source))
    assert [i + 1 for i, line in enumerate(lines) if not line] == [1, 9, 10, 11]
    assert snippet.source.splitlines()[2] == "% 2)"


# -- links are never followed (issue 16) -----------------------------------------------------


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "root-only"
    outside.mkdir()
    secret = outside / "secret.py"
    secret.write_text("SECRET = 'root only'\n")
    return secret


def _folder_with(tmp_path: Path, kind: str, first: str, text: str) -> Path:
    """A submission folder holding `first` and a `kind` of link to a root-only module."""
    secret = _secret(tmp_path)
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / first).write_text(text)
    if kind == "symlink":
        (folder / "helpers.py").symlink_to(secret)
    elif kind == "hardlink":
        os.link(secret, folder / "helpers.py")
    elif kind == "fifo":
        os.mkfifo(folder / "helpers.py")
    else:
        (folder / "pkg").symlink_to(secret.parent, target_is_directory=True)
    return folder


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "fifo", "linked folder"])
def test_a_folder_never_reads_links_or_special_files(tmp_path, kind):
    folder = _folder_with(tmp_path, kind, "layers.py", "class A:\n    pass\n")
    sub = load_submission(folder)
    assert "SECRET" not in " ".join(s.source for s in sub.snippets)
    if kind != "linked folder":  # os.walk never enters it at all
        assert any("helpers.py" in d and "skipped" in d for d in sub.diagnostics)
    staged = stage_modules(str(folder), ["import helpers\nimport pkg"], tmp_path / "staged")
    assert sorted(p.name for p in staged.rglob("*")) == ["layers.py"]


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "linked folder"])
def test_a_single_file_never_stages_a_linked_neighbour(tmp_path, kind):
    folder = _folder_with(tmp_path, kind, "hw.py", "import helpers\n")
    sources = ["import helpers\nimport pkg\n"]
    staged = stage_modules(str(folder / "hw.py"), sources, tmp_path / "staged")
    assert list(staged.iterdir()) == []


def test_a_submission_that_is_a_symlink_is_refused(tmp_path):
    link = tmp_path / "hw.py"
    link.symlink_to(_secret(tmp_path))
    with pytest.raises(SubmissionUnreadable, match="symbolic link"):
        load_submission(link)
