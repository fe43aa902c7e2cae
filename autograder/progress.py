"""Progress of long work, shown only where someone watches: a terminal, or a notebook.

    bar(total, desc, unit)   a tqdm bar for a long check (the MNIST training of assignment 2)
    BatchProgress()          grade-all's progress callback: submissions done, failures, time left
    quiet()                  no bar inside: grade-all's pool processes and Dask workers

Where a bar goes:

- on a terminal (stderr is a tty): a tqdm bar on stderr;
- in a Jupyter kernel (the notebook self-check): a tqdm.notebook widget under the cell, never
  text on stderr (nbgrader scores a test cell that wrote to stderr 0); no widget library, no
  bar;
- anywhere else -- a pipe, a file, CI logs, grade-all's graders -- no bar at all (tqdm's
  ``disable=None``: off when the stream is not a tty). `BatchProgress` then prints one plain
  line per finished submission instead, as grade-all always did.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import IO, Any

from tqdm import tqdm

_QUIET: ContextVar[bool] = ContextVar("backprop_kit_quiet_progress", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No bars in here: grade-all shows its own, and its graders' stderr is the terminal's."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def _in_kernel() -> bool:
    if "IPython" not in sys.modules:  # never import IPython just to ask
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def bar(total: int, desc: str, unit: str = "it") -> Any:
    """A tqdm bar (a context manager with ``update``) that shows only where someone watches."""
    if _QUIET.get():
        return tqdm(total=total, disable=True)
    if _in_kernel():
        try:
            from tqdm.notebook import tqdm as widget

            return widget(total=total, desc=desc, unit=unit, leave=False)
        except ImportError:  # no ipywidgets: nothing rather than text on stderr
            return tqdm(total=total, disable=True)
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)


def _line(done: int, total: int, record: dict) -> str:
    earned = "-" if record["score"] is None else f"{record['score']:g}"  # None: grader error
    score = f"{earned}/{record['max_score']:g}"
    note = "" if record["status"] == "graded" else f"  ({record['status']}: {record['error']})"
    return f"[{done:>{len(str(total))}}/{total}] {record['id']}  {score}{note}"


class BatchProgress:
    """grade-all's ``progress(done, total, record)``: on a terminal, one bar (done / total,
    the failures so far -- submissions that could not be graded --, the time left), with a
    line above it for each failure; elsewhere one plain line per submission."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.time()
        self.failed = 0
        self._bar: Any = None

    def __call__(self, done: int, total: int, record: dict) -> None:
        self.failed += record["status"] != "graded"
        if not self.stream.isatty():
            print(_line(done, total, record), file=self.stream, flush=True)
            return
        if self._bar is None:
            # starts at what earlier runs graded: the time left counts this run's pace only
            self._bar = tqdm(
                total=total, initial=done - 1, unit="submission", file=self.stream, disable=None
            )
            self._bar.start_t = self.started
        if record["status"] != "graded":
            self._bar.write(_line(done, total, record), file=self.stream)
        self._bar.set_postfix(failed=self.failed, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
