"""What a submission prints: kept up to a cap for the report, never parsed, never a file on disk.

The worker's stdout and stderr are one pipe. A thread in the grader drains it for the whole life
of the sandbox, keeps the first `cap` bytes and counts (and drops) the rest, so printing in a
loop fills neither the disk nor the grader's memory, and does not block the submission.
"""

from __future__ import annotations

import os
import select
import threading


class CappedOutput:
    def __init__(self, fd: int, cap: int) -> None:
        self._fd, self._cap = fd, cap
        self._kept = bytearray()
        self._total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drain, name="backprop-kit-output", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        while not self._stop.is_set():
            if not poller.poll(100):
                continue
            try:
                chunk = os.read(self._fd, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            self._total += len(chunk)
            room = self._cap - len(self._kept)
            if room > 0:
                self._kept += chunk[:room]

    def close(self, timeout: float = 2.0) -> None:
        """Stop reading: at end of file, or after `timeout` if some writer is still alive."""
        self._thread.join(timeout)
        self._stop.set()
        self._thread.join()
        os.close(self._fd)

    def text(self) -> str:
        text = bytes(self._kept).decode("utf-8", "replace")
        if self._total > self._cap:
            text += f"\n[... output truncated: {self._total} bytes in all, first {self._cap} kept]"
        return text
