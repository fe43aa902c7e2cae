"""Progress bars: on a terminal (a real pseudo-terminal here) they show; through a pipe nothing
that looks like a bar is printed, only grade-all's plain lines."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import textwrap

from tests.conftest import ROOT

#: what tqdm draws and nothing else prints: the bar's edge, its blocks, a carriage return
BAR_MARKS = ("%|", "\u2588", "\r")

SCRIPT = textwrap.dedent(
    """
    from autograder.progress import BatchProgress, bar, quiet

    progress = BatchProgress()
    for done, (id_, status) in enumerate([("ann", "graded"), ("bob", "unreadable"),
                                          ("cy", "graded")], start=1):
        error = "" if status == "graded" else "not a notebook"
        score = 6 if status == "graded" else 0
        record = {"id": id_, "status": status, "score": score, "max_score": 6, "error": error}
        progress(done, 3, record)
    progress.close()
    with bar(4, "training on MNIST", unit="batch") as b:
        b.update(4)
    with quiet(), bar(4, "quiet-one") as b:
        b.update(4)
    """
)


def run_on_terminal(code: str, timeout: float = 60) -> str:
    """Run `code` with its stderr on a pseudo-terminal; what it drew there."""
    leader, follower = pty.openpty()
    # a terminal of 24 x 100 characters (a fresh pty has no size, and tqdm draws 0 columns)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stderr=follower, stdout=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=timeout)
    os.close(leader)
    assert proc.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode(errors="replace")


def test_on_a_terminal_grade_all_shows_a_bar_with_failures_and_time_left():
    shown = run_on_terminal(SCRIPT)
    assert "%|" in shown and "3/3" in shown and "failed=1" in shown
    assert "<00:00" in shown  # tqdm's time left
    assert "[2/3] bob  0/6  (unreadable: not a notebook)" in shown  # a failure, above the bar
    assert "training on MNIST" in shown
    assert "quiet-one" not in shown


def test_through_a_pipe_nothing_looks_like_a_bar():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert [m for m in BAR_MARKS if m in done.stderr] == []
    assert done.stderr.splitlines() == [
        "[1/3] ann  6/6",
        "[2/3] bob  0/6  (unreadable: not a notebook)",
        "[3/3] cy  6/6",
    ]
