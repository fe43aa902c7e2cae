"""Leftover processes: Softmax.bp_input starts a child, a child in a new session, and a
double-forked daemon, then answers correctly."""

# ruff: noqa
# target: Softmax
import os
import subprocess


class Softmax(Softmax):
    def bp_input(self, grad):
        subprocess.Popen(["sleep", "3001"])
        subprocess.Popen(["sleep", "3002"], start_new_session=True)
        pid = os.fork()
        if pid == 0:  # a daemon: new session, second fork, the middle process exits
            os.setsid()
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "3003"])
            os._exit(0)
        os.waitpid(pid, 0)
        return super().bp_input(grad)


# --- honest twin
class Softmax(Softmax):
    pass
