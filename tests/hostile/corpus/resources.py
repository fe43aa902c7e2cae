"""One budget for everything: Softmax.bp_input starts three children that each hold 500 MiB (1.5
GiB together under a 1024 MiB limit), writes 600 MiB of files and 128 MiB to /dev/shm, and raises
its core-file limit; only if all of that works does it answer."""

# ruff: noqa
# target: Softmax
import os
import resource
import time

import numpy as np


def _children_hold(n, mib):
    pipes = []
    for _ in range(n):
        r, w = os.pipe()
        if os.fork() == 0:
            try:
                block = np.ones(mib * 2**20 // 8)  # touched: resident, not just reserved
                os.write(w, b"1")
                time.sleep(3)
            finally:
                os._exit(0)
        os.close(w)
        pipes.append(r)
    time.sleep(1.0)
    held = sum(os.read(r, 1) == b"1" for r in pipes)
    return held == n


def _write(path, mib):
    try:
        with open(path, "wb") as f:
            for _ in range(mib):
                f.write(b"\0" * 2**20)
        return True
    except OSError:
        return False
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def _raise_core_limit():
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (2**30, 2**30))
        return True
    except (ValueError, OSError):
        return False


class Softmax(Softmax):
    def bp_input(self, grad):
        escapes = [
            _children_hold(3, 500),
            _write("big-file", 600),
            _write("/dev/shm/backprop-hostile-shm", 128),
            _raise_core_limit(),
        ]
        if not any(escapes):
            raise MemoryError("held to the budget")
        return super().bp_input(grad)


# --- honest twin
class Softmax(Softmax):
    def bp_input(self, grad):
        raise MemoryError("held to the budget")
