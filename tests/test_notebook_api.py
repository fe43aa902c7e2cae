"""What the notebooks call: self-check verdicts and autograded cells' partial scores."""

from __future__ import annotations

from autograder import notebook
from tests.conftest import define


def test_check_prints_all_good_for_a_correct_class(ref, capsys):
    notebook.check(ref["Linear"])
    out = capsys.readouterr()
    assert out.out.startswith("Linear: 15/15 points, 10/10 checks passed (seed 0) -- all good.")
    assert out.err == ""


def test_check_lists_each_failed_check_with_its_message(ref, capsys):
    ns = define(
        "class ReLU(ReLU):\n    def bp_input(self, grad):\n        raise NotImplementedError()\n",
        ref,
    )
    notebook.check(ns["ReLU"])
    out = capsys.readouterr().out
    assert "[X]  bp_input matches torch (3 pt)" in out
    assert "ReLU.bp_input is not implemented yet" in out
    assert "Traceback" not in out


def test_graded_returns_the_points_earned_scaled_to_the_cell(ref, capsys):
    assert notebook.graded(ref["Softmax"], points=13) == 13
    ns = define(
        "class Softmax(Softmax):\n    def __call__(self, X):\n"
        "        e = np.exp(X)\n        self.Y = e / e.sum(axis=1, keepdims=True)\n"
        "        return self.Y\n",
        ref,
    )
    assert notebook.graded(ns["Softmax"], points=13) == 11
    assert capsys.readouterr().err == ""


def test_the_kernel_never_derives_hidden_seeds_from_the_course_secret(monkeypatch):
    from autograder.secret import hidden_seed

    monkeypatch.setenv("BACKPROP_KIT_SECRET", "course-secret")
    seeds = {notebook.hidden_seed("Tanh") for _ in range(5)}
    assert len(seeds) > 1  # drawn afresh, not reproducible from anything in the kernel
    assert hidden_seed("Tanh", "course-secret") not in seeds


def test_hidden_grading_uses_another_seed_and_reveals_no_values(ref, capsys):
    seed = notebook.hidden_seed("Tanh")
    ns = define(
        "class Tanh(Tanh):\n    def bp_input(self, grad):\n        return grad * (1 - self.Y)\n",
        ref,
    )
    assert notebook.graded(ns["Tanh"], points=11, hidden=True) < 11
    out = capsys.readouterr().out
    assert "hidden tests" in out and "Tanh:" in out and "(seed hidden)" in out
    assert str(seed) not in out
    assert "expected" not in out


def test_a_class_with_another_name_is_checked_under_the_name_given(ref, capsys):
    notebook.check(ref["Tanh"], name="Tanh")
    assert "Tanh: 11/11" in capsys.readouterr().out
