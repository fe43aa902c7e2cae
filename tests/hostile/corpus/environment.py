"""Environment: MSELoss.bp_input looks for the course secret, the seed and tokens in its own
environment and in the grader's (/proc/<pid>/environ); it fails a check if it finds any."""

# ruff: noqa
# target: MSELoss
import os

_WANTED = ("BACKPROP_KIT_SECRET", "BACKPROP_KIT_SEED", "GITHUB_TOKEN")


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        found = [name for name in _WANTED if name in os.environ]
        pid = os.getpid()
        while pid > 1:  # every ancestor, the grader included
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    found += [n for n in _WANTED if n.encode() + b"=" in f.read()]
            except OSError:
                pass
            try:
                with open(f"/proc/{pid}/stat") as f:
                    pid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                break
        if found:
            raise RuntimeError("LEAK " + ", ".join(sorted(set(found))))
        return super().bp_input(grad)


# --- honest twin
class MSELoss(MSELoss):
    pass
