"""The grader's end of one class worker's pipes: send a request, get its answer -- or refuse it.

A class worker runs student code, so whatever it writes to its pipe may be forged or garbage.
An answer is accepted only if it is a `_wire` frame, carries the id of the request it answers,
and is exactly ``{"id", "ok": value}`` or ``{"id", "raised": [type, detail, where]}`` (three
strings); anything else is `WorkerDied` and the caller replaces the worker. Deadlines bound
both the write and the read. Checking *what* the value means is the checks' job.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

from . import _wire

#: an answer may hold this many bytes of arrays, or ANSWER_FACTOR times what the request sent
#: if that is more (a gradient is the size of its input; parameters rarely 4x the batch).
#: A bigger one is refused from its header, before it is read: a 500 MB answer costs the
#: grader nothing (issue 16), an honest one at most a few times this
ANSWER_FLOOR = 64 * 2**20
ANSWER_FACTOR = 4
#: answers' JSON is small (arrays travel as raw bytes)
ANSWER_HEADER = 4 * 2**20


class WorkerDied(Exception):
    """A class worker closed its pipe or sent something that is not an answer."""


@dataclass
class ClassWorker:
    pid: int
    to_worker: int
    from_worker: int
    next_id: int = 0
    #: exit status once the zygote reported it ended (negative: killed by that signal)
    status: int | None = None
    closed: bool = False

    def request(self, message: dict, deadline: float) -> dict:
        """Send one request, return its answer; TimeoutError, or WorkerDied."""
        rid = self.next_id
        self.next_id += 1
        try:
            _wire.write_frame(self.to_worker, {**message, "id": rid}, deadline)
            limit = max(ANSWER_FLOOR, ANSWER_FACTOR * _wire.array_bytes(message))
            reply = _wire.read_frame(self.from_worker, deadline, limit, ANSWER_HEADER)
        except (EOFError, BrokenPipeError, ConnectionError) as exc:
            raise WorkerDied("") from exc
        except _wire.WireError as exc:
            raise WorkerDied(f"it sent a malformed answer ({exc})") from None
        if not isinstance(reply, dict) or reply.get("id") != rid:
            raise WorkerDied("it answered out of turn (stray output on the grader's channel)")
        raised = reply.get("raised")
        if "ok" in reply and "raised" not in reply:
            return reply
        if (
            "ok" not in reply
            and isinstance(raised, list)
            and len(raised) == 3
            and all(isinstance(x, str) for x in raised)
        ):
            return reply
        raise WorkerDied("it sent a malformed answer")

    def close_pipes(self) -> None:
        if not self.closed:
            self.closed = True
            for fd in (self.to_worker, self.from_worker):
                with contextlib.suppress(OSError):
                    os.close(fd)
