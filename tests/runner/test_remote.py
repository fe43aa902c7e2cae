"""The worker process: what a submission does costs only the checks it hits.

These run real worker processes (no mocks): each test grades a .py submission made of the
reference implementation plus one misbehaving class. Deliberately hostile submissions (hangs,
crashes, exits, tampering) are in tests/hostile/.
"""

from __future__ import annotations

import os
import time

import numpy as np
import psutil
import pytest

from autograder.config import GradeConfig
from autograder.grading import grade
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from autograder.runner._bwrap import available
from autograder.runner._sandbox import OUTPUT_CAP
from tests.conftest import REFERENCE

SEED = 7


def grade_with(tmp_path, extra: str, **config):
    path = tmp_path / "submission.py"
    path.write_text(REFERENCE.read_text() + "\n\n" + extra)
    print(f"seed {SEED}")
    return grade(path, GradeConfig(seed=SEED, **config))


def assert_only(result, layer):
    for name in result.units():
        score, total = result.unit_score(name)
        if name == layer:
            assert score < total, f"{layer} should lose points"
        else:
            assert score == total, f"{name} should keep full marks: {result.for_unit(name)}"


def no_workers_left():
    me = psutil.Process()
    return [
        c
        for c in me.children(recursive=True)
        if "autograder.runner._worker" in " ".join(c.cmdline())
    ]


def test_importing_torch_in_student_code_fails_with_a_clear_message(tmp_path):
    result = grade_with(
        tmp_path,
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n"
        "        import torch\n        return grad\n",
    )
    assert_only(result, "Tanh")
    assert any(
        "'torch' cannot be imported while grading" in c.message for c in result.for_unit("Tanh")
    )


def test_a_cell_that_raises_costs_only_what_depends_on_it(tmp_path):
    path = tmp_path / "split"
    path.mkdir()
    (path / "a_layers.py").write_text(REFERENCE.read_text())
    (path / "b_broken.py").write_text(
        "del Linear\nclass Helper:\n    pass\nclass Linear(MissingBase):\n    pass\n"
    )
    result = grade(path, GradeConfig(seed=SEED))
    # `del Linear` is not a definition, so it is not run; the failing class statement
    # leaves the earlier Linear in place
    assert result.score == result.max_score
    assert any("NameError: name 'MissingBase' is not defined" in d for d in result.diagnostics)


def test_a_missing_class_scores_zero_on_its_own_checks_only(tmp_path):
    path = tmp_path / "submission.py"
    path.write_text(REFERENCE.read_text().replace("class Tanh:", "class NotTanh:"))
    result = grade(path, GradeConfig(seed=SEED))
    assert_only(result, "Tanh")
    (only,) = result.for_unit("Tanh")
    assert (only.status, only.method, only.max_score) == ("error", None, 11)
    assert "class Tanh is not defined" in only.message


def test_printing_is_kept_up_to_a_cap_and_does_not_disturb_grading(tmp_path):
    result = grade_with(
        tmp_path,
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n"
        "        print('printed-by-relu', 'x' * 100_000)\n        return grad * (self.X > 0)\n",
    )
    assert result.score == result.max_score
    assert result.output.startswith("printed-by-relu")
    assert len(result.output) < OUTPUT_CAP + 200 and "[... output truncated" in result.output


def test_the_worker_runs_in_a_temporary_directory_that_is_removed(tmp_path):
    result = grade_with(
        tmp_path,
        "import os\nclass ReLU(ReLU):\n"
        "    def bp_param(self, grad):\n"
        "        print('cwd=' + os.getcwd())\n"
        "        return {}\n",
    )
    assert result.score == result.max_score
    workdir = result.output.splitlines()[0].removeprefix("cwd=")
    if available()[0]:  # the sandbox's own tmpfs, which exists only inside it
        assert workdir == "/sandbox"
    else:
        assert workdir != os.getcwd() and "backprop-kit-worker-" in workdir
        assert not os.path.exists(workdir)


def test_each_class_runs_in_a_fresh_process(tmp_path):
    # Linear leaves a mark on a module and a class attribute; ReLU (graded next) looks for both
    result = grade_with(
        tmp_path,
        "import json\n"
        "class Linear(Linear):\n"
        "    def bp_param(self, grad):\n"
        "        json.LEFT_BY_LINEAR = True\n"
        "        ReLU.left_by_linear = True\n"
        "        return super().bp_param(grad)\n"
        "class ReLU(ReLU):\n"
        "    def bp_input(self, grad):\n"
        "        if hasattr(json, 'LEFT_BY_LINEAR') or hasattr(ReLU, 'left_by_linear'):\n"
        "            raise RuntimeError('state leaked from another class')\n"
        "        return super().bp_input(grad)\n",
    )
    assert result.score == result.max_score, [c.message for c in result.checks if c.message]


def test_what_the_worker_enforces_is_reported(tmp_path):
    result = grade_with(tmp_path, "")
    topics = [line.split(":")[0] for line in result.isolation]
    assert {"memory", "network", "user"} <= set(topics)
    assert any(t.startswith("autodiff libraries") for t in topics)


def test_a_hang_while_loading_costs_the_submission_but_grading_finishes(tmp_path):
    from autograder.assignments.layers.contract import BY_NAME
    from autograder.grading import run_class

    path = tmp_path / "hang_at_load.py"
    path.write_text(REFERENCE.read_text() + "\n\nclass Stuck:\n    while True:\n        pass\n")
    started = time.monotonic()
    with RemoteSession(load_submission(path), load_timeout=1.0) as session:
        results = run_class(session, BY_NAME["ReLU"], SEED)
    assert time.monotonic() - started < 20
    assert [r.status for r in results] == ["error"]
    assert "loading the submission failed" in results[0].message
    assert no_workers_left() == []


def test_the_standard_library_stays_importable_in_the_sandbox(tmp_path):
    # as root the worker drops to another user, who may not reach the interpreter's files
    result = grade_with(
        tmp_path,
        "class ReLU(ReLU):\n    def bp_param(self, grad):\n"
        "        import decimal, email.mime.text, fractions, xml.dom.minidom\n"
        "        'b\u00fccher.example'.encode('idna')\n"
        "        return {}\n",
    )
    assert result.score == result.max_score, [c.message for c in result.checks if c.message]


def test_a_folder_submission_imports_its_own_helper_modules(tmp_path):
    folder = tmp_path / "sub"
    (folder / "pkg").mkdir(parents=True)
    (folder / "helpers.py").write_text("def relu_mask(x):\n    return x > 0\n")
    (folder / "pkg" / "__init__.py").write_text("SCALE = 1.0\n")
    (folder / "layers.py").write_text(
        REFERENCE.read_text() + "\n\nfrom helpers import relu_mask\nfrom pkg import SCALE\n"
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n"
        "        return SCALE * grad * relu_mask(self.X)\n"
    )
    result = grade(folder, GradeConfig(seed=SEED))
    assert result.score == result.max_score, result.diagnostics


@pytest.mark.parametrize("bad", ["return None", "return 'grad'", "return [[1, 2], [3]]"])
def test_garbage_return_values_are_named(tmp_path, bad):
    result = grade_with(
        tmp_path, f"class Tanh(Tanh):\n    def bp_input(self, grad):\n        {bad}\n"
    )
    assert_only(result, "Tanh")
    assert all(
        "Tanh.bp_input returned" in c.message
        for c in result.for_unit("Tanh")
        if c.method == "bp_input" and not c.passed
    )


def test_objects_can_be_passed_to_other_objects_and_read_back(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(
        REFERENCE.read_text() + "\n\nclass Chain:\n    def __init__(self, layers):\n"
        "        self.layers = layers\n    def __call__(self, X):\n"
        "        for layer in self.layers:\n            X = layer(X)\n        return X\n"
        "def batches(n, size):\n    for i in range(0, n, size):\n"
        "        yield np.arange(i, min(i + size, n))\n"
    )
    with RemoteSession(load_submission(path)) as session:
        session.start_check(20)
        lin = session.new("Linear", 3, 2)
        chain = session.new("Chain", [lin, session.new("ReLU")])
        lin.set("W", np.ones((3, 2)))
        lin.set("b", np.zeros(2))
        out = chain.call("__call__", np.array([[1.0, -2.0, 0.5]]))
        np.testing.assert_array_equal(out, [[0.0, 0.0]])
        np.testing.assert_array_equal(lin.get("W"), np.ones((3, 2)))
        got = session.call_function("batches", 5, 2, collect=True)
        assert [list(b) for b in got] == [[0, 1], [2, 3], [4]]


def test_one_time_budget_covers_the_whole_submission(tmp_path):
    # every check of Linear takes 1.5 s, well within its own 5 s limit: only the budget stops it
    started = time.monotonic()
    result = grade_with(
        tmp_path,
        "import time\nclass Linear(Linear):\n"
        "    def bp_input(self, grad):\n"
        "        time.sleep(1.5)\n"
        "        return super().bp_input(grad)\n",
        check_timeout=5.0,
        budget=4.0,
    )
    elapsed = time.monotonic() - started
    timeouts = [c for c in result.checks if c.status == "timeout"]
    assert timeouts and all("time budget (4 s) is spent" in c.message for c in timeouts)
    # every class after the budget ran out is scored timeout, none is run
    assert {c.unit for c in timeouts} >= {"ReLU", "SoftmaxCrossEntropyLoss"}
    said = [d for d in result.diagnostics if "budget" in d]
    assert len(said) == 1 and "remaining checks were not run" in said[0], result.diagnostics
    assert elapsed < 30
