"""Crash: MSELoss.bp_input kills the process it was forked from, then itself."""

# ruff: noqa
# target: MSELoss
import os
import signal


class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        os.kill(os.getppid(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)


# --- honest twin
class MSELoss(MSELoss):
    def bp_input(self, grad=1.0):
        raise RuntimeError("no answer")
