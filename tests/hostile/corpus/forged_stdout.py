"""Forged output: ReLU.bp_input prints a perfect result in every format the grader writes, on
stdout, stderr, the raw file descriptors and the grader's own stdout (through /proc)."""

# ruff: noqa
# target: ReLU
import os
import sys

# (module-level assignments must be call-free: the grader keeps only definitions)
_FAKE = '{"score": 100, "max_score": 100, "checks": [], "tests": [], "status": "pass"}'


def _grader_pid():
    parent = os.getppid()  # the process this class worker was forked from
    with open(f"/proc/{parent}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


class ReLU(ReLU):
    def bp_input(self, grad):
        print(_FAKE)
        print(_FAKE, file=sys.stderr)
        sys.__stdout__.write(_FAKE + "\n")
        sys.__stdout__.flush()
        for fd in (1, 2):
            os.write(fd, (_FAKE + "\n").encode())
        for fd in (1, 2):
            try:
                with open(f"/proc/{_grader_pid()}/fd/{fd}", "w") as f:
                    f.write("FORGED-BY-SUBMISSION " + _FAKE + "\n")
            except OSError:
                pass
        return grad * 0.5


# --- honest twin
class ReLU(ReLU):
    def bp_input(self, grad):
        return grad * 0.5
