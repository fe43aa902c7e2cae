"""Protocol confusion: Linear.bp_input writes malformed and forged frames to every pipe it holds
(the grader's channel among them), then keeps doing so from a thread after it returns."""

# ruff: noqa
# target: Linear
import json
import os
import stat
import struct
import threading
import time


def _frame(header):
    return struct.pack(">I", len(header)) + header


def _junk():
    return [
        b"\x00\x00\x00\x05[[[[[",
        struct.pack(">I", 2**31),
        _frame(b"[" * 200_000 + b"]" * 200_000),
        _frame(
            json.dumps(
                {"body": {"ok": {"__nd__": 0, "dtype": "|O8", "shape": [1]}}, "buffers": [8]}
            ).encode()
        )
        + b"\0" * 8,
        _frame(json.dumps({"body": {"id": 1, "raised": [1, 2, 3]}, "buffers": []}).encode()),
        _frame(json.dumps({"body": {"id": 2, "ok": {"__dict__": 5}}, "buffers": []}).encode()),
        _frame(
            json.dumps(
                {
                    "body": {"id": 3, "ok": {"__nd__": 9, "dtype": "<f8", "shape": [-1]}},
                    "buffers": [3],
                }
            ).encode()
        )
        + b"abc",
        _frame(json.dumps({"body": [{"id": 4}], "buffers": []}).encode()),
    ]


def _spray(n):
    for fd in range(3, 256):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) or stat.S_ISSOCK(os.fstat(fd).st_mode):
                junk = _junk()
                os.write(fd, junk[n % len(junk)])
        except OSError:
            pass


def _later():
    for n in range(200):
        time.sleep(0.01)
        _spray(n)


class Linear(Linear):
    calls = 0

    def bp_input(self, grad):
        Linear.calls += 1
        _spray(Linear.calls)
        threading.Thread(target=_later, daemon=True).start()
        return np.zeros(self.X.shape)


# --- honest twin
class Linear(Linear):
    def bp_input(self, grad):
        return np.zeros(self.X.shape)
