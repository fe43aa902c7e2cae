"""IPC leftovers: Sigmoid.bp_input creates a SysV shared memory segment, a message queue and a
semaphore set under a known key, and a file in /run/lock; none may survive grading."""

# ruff: noqa
# target: Sigmoid
import ctypes
import os

IPC_CREAT = 0o1000


class Sigmoid(Sigmoid):
    def bp_input(self, grad):
        key = int(os.environ.get("BACKPROP_HOSTILE_IPC_KEY", "0"))
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmget(key, 4096, IPC_CREAT | 0o666)
        libc.msgget(key, IPC_CREAT | 0o666)
        libc.semget(key, 1, IPC_CREAT | 0o666)
        try:
            with open(f"/run/lock/backprop-hostile-{key}", "w") as f:
                f.write("left")
        except OSError:
            pass
        return super().bp_input(grad)


# --- honest twin
class Sigmoid(Sigmoid):
    pass
