"""Environment: MSELoss.bp_input looks for the course secret, the seed and tokens in its own
environment and in the grader's (/proc/<pid>/environ, and every process's it can read); it fails
a check if it finds any. DB_PASS and CI_JOB_JWT are names no deny-list of "secret-looking"
names catches."""

# ruff: noqa
# target: MSELoss
import os

_WANTED = ("BACKPROP_KIT_SECRET", "BACKPROP_KIT_SEED", "GITHUB_TOKEN", "DB_PASS", "CI_JOB_JWT")


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
        for entry in os.listdir("/proc"):  # any process it can see, not only its ancestors
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/environ", "rb") as f:
                        found += [n for n in _WANTED if n.encode() + b"=" in f.read()]
                except OSError:
                    pass
        if found:
            raise RuntimeError("LEAK " + ", ".join(sorted(set(found))))
        return super().bp_input(grad)


# --- honest twin
class MSELoss(MSELoss):
    pass
