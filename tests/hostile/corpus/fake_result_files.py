"""Fake result files: Tanh.bp_input writes a perfect results.json wherever a grader might look
(its working directory, Gradescope's results folder, the folder the grader writes to)."""

# ruff: noqa
# target: Tanh
import os

_FAKE = '{"score": 100, "tests": [], "checks": []}'


class Tanh(Tanh):
    def bp_input(self, grad):
        out = os.environ.get("BACKPROP_HOSTILE_OUT", "/nonexistent")
        for path in (
            "results.json",
            "/autograder/results/results.json",
            os.path.join(out, "results.json"),
            os.path.join(out, "forged.json"),
        ):
            try:
                with open(path, "w") as f:
                    f.write(_FAKE)
            except OSError:
                pass
        return grad * 0.5


# --- honest twin
class Tanh(Tanh):
    def bp_input(self, grad):
        return grad * 0.5
