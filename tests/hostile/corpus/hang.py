"""Hang: Tanh.bp_input spins forever with every signal it can block blocked (the first time:
later calls raise, so one check times out and the test stays quick)."""

# ruff: noqa
# target: Tanh
import os
import signal


class Tanh(Tanh):
    def bp_input(self, grad):
        if os.path.exists("hung-once"):  # the sandbox folder outlives each forked worker
            raise RuntimeError("no answer")
        open("hung-once", "w").close()
        signal.pthread_sigmask(
            signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP}
        )
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        while True:
            pass


# --- honest twin: the same class without the attack
class Tanh(Tanh):
    def bp_input(self, grad):
        raise RuntimeError("no answer")
