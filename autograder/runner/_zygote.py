"""The zygote: forks one class worker at a time from the loaded submission, and cleans up after it.

Each class is graded in a fresh fork of the process in which the submission's definitions were
run and no student method ever was: whatever one class's code does to its process (patches
numpy, starts threads, leaves children, writes stray bytes to its pipe) is gone before the next
class starts. A fork costs milliseconds, a fresh interpreter with numpy a few hundred.

Control messages (on the grader's Unix socket, `_wire` frames):

    grader -> zygote          zygote -> grader
    {"op": "fork"}            {"forked": pid} and then the worker's two pipe ends (SCM_RIGHTS),
                              both sent by the new class worker itself (its pipes are made after
                              the fork, never in the zygote): the grader writes requests to the
                              first, reads answers from the second
    {"op": "kill"}            (ends the running class worker; "ended" follows)
    {"op": "exit"}            (ends everything and exits; so does a closed socket, which means
                              the grader died: the zygote then also removes the sandbox folder
                              and, with a private uid, that uid's files in /tmp)
                              {"ended": pid, "status": exit code, or -signal}

"ended" is sent once the class worker and every process it started are gone: its process
group is killed, orphans re-parented to the zygote (child subreaper) are killed, and when the
sandbox has a private uid, every process of that uid but the zygote (``kill(-1)``).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import time
import traceback
from collections.abc import Callable

from . import _confine, _procs, _wire

#: how long the zygote waits for killed processes to be reaped before reporting anyway
REAP_TIMEOUT = 2.0


def _reap_all(timeout: float) -> None:
    """Wait for every child (re-parented orphans included) until there are none left."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.002)


def clean_up(child: int | None, private_uid: bool) -> None:
    """Kill a class worker's group and everything of ours it left (all of it, for None)."""
    if child is not None:
        _procs.kill_group(child)
    if private_uid:
        # every process of this sandbox's own uid but this one, wherever it went (setsid,
        # double fork): the uid is private, so nothing else can be hit
        with contextlib.suppress(OSError):
            os.kill(-1, signal.SIGKILL)
    _procs.kill_until_gone(lambda: _procs.descendants(os.getpid()))
    _reap_all(REAP_TIMEOUT)


def abandon(private_uid: bool, workdir: str | None, sealed: bool = False) -> None:
    """The grader is gone (it closes the socket only after killing us): clean up after it --
    every process we started, the sandbox folder we made (its parent is /tmp, where the owner
    of an entry may remove it) and, with a private uid, that uid's files in shared temp
    folders. In a bubblewrap sandbox the kernel does all that when the sandbox ends."""
    clean_up(None, private_uid)
    if private_uid and not sealed:
        _procs.remove_files_of(os.getuid())
    if workdir is not None:
        shutil.rmtree(workdir, ignore_errors=True)


def _fork(control: socket.socket, wake: tuple[int, int], serve: Callable[[int, int], None]) -> int:
    """Fork a class worker. The worker makes its two pipes itself, after the fork, and hands
    them to the grader: they never exist in the zygote, where a thread the submission started
    at load may still run (copying, reading or writing every descriptor it finds there)."""
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:  # the class worker: one thread (fork copies only the caller)
        code = 0
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for fd in wake:
                os.close(fd)
            os.setpgid(0, 0)
            _confine.prctl(_confine.PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() == zygote:
                req_r, req_w = os.pipe()
                rep_r, rep_w = os.pipe()
                # the zygote writes nothing on the socket until the grader speaks again, and
                # the grader waits for these two messages first
                _wire.write_frame(control.fileno(), {"forked": os.getpid()})
                _wire.send_fds(control, [req_w, rep_r])
                os.close(control.detach())
                os.close(req_w)
                os.close(rep_r)
                serve(req_r, rep_w)
        except BaseException:  # noqa: BLE001 - shown as the submission's output
            traceback.print_exc()
            code = 1
        os._exit(code)
    # both sides set the group, so the grader can never see the pid before it leads one
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    return pid


def run(
    control: socket.socket,
    serve: Callable[[int, int], None],
    private_uid: bool,
    workdir: str | None,
    sealed: bool = False,
) -> None:
    """Serve fork / kill requests until the grader says exit or goes away; then clean up.

    The grader never closes the socket on a live zygote (it kills it first), so a closed
    socket -- noticed on a read or on a write -- means it died: nobody else will clean up."""
    with contextlib.suppress(OSError):  # e.g. "ended" written to a grader that is gone
        _serve(control, serve, private_uid)
    abandon(private_uid, workdir, sealed)


def _serve(control: socket.socket, serve: Callable[[int, int], None], private_uid: bool) -> None:
    fd = control.fileno()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    child: int | None = None
    while True:
        # a running class worker is also polled: a thread left by the submission at load may
        # drain the wake-up pipe
        ready, _, _ = select.select([fd, wake_r], [], [], None if child is None else 0.05)
        if wake_r in ready:
            with contextlib.suppress(BlockingIOError):
                while os.read(wake_r, 512):
                    pass
        while child is not None:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid == child:
                clean_up(child, private_uid)
                code = os.waitstatus_to_exitcode(status)
                child = None
                _wire.write_frame(fd, {"ended": pid, "status": code})
        if fd not in ready:
            continue
        try:
            op = _wire.read_frame(fd).get("op")
        except (EOFError, _wire.WireError):
            op = "exit"
        if op == "fork" and child is None:
            child = _fork(control, (wake_r, wake_w), serve)
        elif op == "kill" and child is not None:
            _procs.kill_group(child)
        elif op == "exit":
            return
