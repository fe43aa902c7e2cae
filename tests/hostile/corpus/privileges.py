"""Privileges: Sigmoid.bp_param tries to read a file only root may read, to become root again,
and to write into a folder only root may write to; it fails a check if any of it works."""

# ruff: noqa
# target: Sigmoid
import os


class Sigmoid(Sigmoid):
    def bp_param(self, grad):
        leaks = []
        try:
            with open(os.environ.get("BACKPROP_HOSTILE_PRIVATE_FILE", "/nonexistent")) as f:
                leaks.append("read: " + f.read())
        except OSError:
            pass
        try:
            os.setuid(0)
            leaks.append("became root")
        except OSError:
            pass
        try:
            out = os.environ.get("BACKPROP_HOSTILE_OUT", "/nonexistent")
            with open(os.path.join(out, "planted.txt"), "w") as f:
                f.write("planted")
            leaks.append("wrote into the grader's folder")
        except OSError:
            pass
        if leaks:
            raise RuntimeError("LEAK " + "; ".join(leaks))
        return {}


# --- honest twin
class Sigmoid(Sigmoid):
    pass
