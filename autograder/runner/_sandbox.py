"""The grader's side of one worker process: start it confined, fork class workers, end it all.

A `Sandbox` is one zygote (see `_worker.py`, `_zygote.py`) with the submission loaded. Where
bubblewrap can build namespaces (`_bwrap.available()`), the zygote runs inside one bubblewrap
sandbox with everything it ever starts (`_bwrap.py`; as root, as a private uid via
`_launch.py`), and a `Supervisor` holds the sandbox's processes to one memory and CPU budget.
Elsewhere, the fallback: the worker confines itself (`_confine.py`) in a fresh temporary
directory, its own session, and -- when the grader is root -- a private uid (``UID_BASE + its
pid``: unique among live sandboxes, so "every process of that uid" is exactly this submission's
processes and "every file of that uid" in /tmp its leftovers). `fork()` gives a `ClassWorker`,
`end()` ends one; `close()` ends the sandbox and removes every trace.

Anything the zygote says that is not what the protocol expects raises `SandboxBroken`: the
caller throws the sandbox away and starts a new one. This module does not know about checks
or classes; `remote.RemoteSession` does.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from ..loading import Submission
from . import _bwrap, _confine, _launch, _procs, _wire
from ._class_worker import ClassWorker
from ._environment import worker_environment
from ._output import CappedOutput
from ._staging import module_sources
from ._supervisor import Supervisor

#: the private uids of sandboxes are UID_BASE + pid (below 2**31, far from real users)
UID_BASE = 1_900_000_000
#: how much of the worker's stdout/stderr is kept for diagnostics
OUTPUT_CAP = 64 * 1024
#: seconds to fork a class worker, and to hear that one has ended and been cleaned up after
FORK_TIMEOUT = 10.0
END_TIMEOUT = 5.0


class _Undumpable:
    """While sandboxes run, a non-root grader is not dumpable: a submission running as the same
    user then cannot open /proc/<grader>/fd (its stdout, its files), read its environment or
    ptrace it. Restored when the last sandbox closes. (A root grader is out of reach anyway.)"""

    def __init__(self) -> None:
        self._lock, self._count = threading.Lock(), 0

    def hold(self) -> None:
        with self._lock:
            self._count += 1
            if self._count == 1 and os.geteuid() != 0:
                _confine.prctl(_confine.PR_SET_DUMPABLE, 0)

    def release(self) -> None:
        with self._lock:
            self._count -= 1
            if self._count == 0 and os.geteuid() != 0:
                _confine.prctl(_confine.PR_SET_DUMPABLE, 1)


_UNDUMPABLE = _Undumpable()


class SandboxBroken(Exception):
    """The worker process died, hung or broke the protocol: throw the sandbox away."""


class Sandbox:
    """One confined worker process with the submission loaded. Raises SandboxBroken."""

    def __init__(
        self,
        submission: Submission,
        memory_mb: int,
        load_timeout: float,
        disk_mb: int = 512,
        cpu_seconds: float | None = None,
    ) -> None:
        #: the sandbox folder; the worker makes it (so it can remove it if the grader dies)
        self.workdir: str | None = None
        self.closed = False
        self.uid: int | None = None
        self.worker: ClassWorker | None = None
        self.process: subprocess.Popen | None = None
        self._output: CappedOutput | None = None
        self._sock: socket.socket | None = None
        #: what the worker enforces (one line each) and what loading the submission met
        self.isolation: list[str] = []
        self.load_problems: list[str] = []
        #: the submission left a thread running at load: its zygote must not serve two classes
        #: (the thread shares the fds of every class worker forked later)
        self.single_use = False
        self.sealed, why_not = _bwrap.available()
        self.supervisor: Supervisor | None = None
        self._disk = disk_mb * 2**20
        self._cpu = cpu_seconds
        if not self.sealed:
            _UNDUMPABLE.hold()
        try:
            self._start(submission, memory_mb, time.monotonic() + load_timeout, why_not)
        except BaseException:
            self.close()
            raise

    def _spawn(self, fd: int, parent: str) -> subprocess.Popen:
        if self.sealed:
            argv = _bwrap.command(self._disk, [str(fd)])
            if os.geteuid() == 0:  # student code never runs as root: bwrap as a private uid
                argv = _launch.command(argv)
            cwd, env = "/", {}
        else:
            argv = [sys.executable, "-m", "autograder.runner._worker", str(fd)]
            cwd, env = parent, worker_environment()
        return subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._out_w,
            stderr=self._out_w,
            pass_fds=(fd,),
            env=env,
            start_new_session=True,  # own session and group: no terminal signals, one killpg
        )

    def _start(self, submission: Submission, memory_mb: int, deadline: float, why: str) -> None:
        out_r, self._out_w = os.pipe()
        self._output = CappedOutput(out_r, OUTPUT_CAP)
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        parent = os.path.realpath(tempfile.gettempdir())
        try:
            self.process = self._spawn(theirs.fileno(), parent)
        finally:
            theirs.close()
            os.close(self._out_w)
        root = os.geteuid() == 0
        uid = UID_BASE + self.process.pid if root else None
        if self.sealed:
            self.supervisor = Supervisor(self.process.pid, memory_mb * 2**20, self._cpu)
        plan = {
            "op": "start",
            "memory_mb": memory_mb,
            "uid": None if self.sealed else uid,
            "parent": parent,
            "sealed": self.sealed,
            "disk_bytes": self._disk,
        }
        hello = self._exchange(plan, deadline)
        record, workdir = hello.get("hello"), hello.get("workdir")
        if not isinstance(record, list) or not all(isinstance(x, str) for x in record):
            raise SandboxBroken("the worker did not start")
        if self.sealed:
            # the grader knows what it asked bubblewrap for; the worker adds its own limits
            self.uid = uid
            self.isolation = [*_bwrap.describe(root, uid, self._disk, memory_mb), *record]
        else:
            if not isinstance(workdir, str) or os.path.dirname(workdir) != parent:
                raise SandboxBroken("the worker did not make its folder")
            self.workdir = workdir
            # the uid is private only if the switch worked (else it fell back to a shared
            # user); both are reported before any student code runs, so it cannot forge them
            self.uid = uid if hello.get("private_uid") is True else None
            self.isolation = [f"sandbox: none, the worker confines itself ({why})", *record]
        sources = [s.source for s in submission.snippets]
        message = {
            "op": "load",
            "snippets": [[s.origin, s.source] for s in submission.snippets],
            "defines": {name: s.origin for s in submission.snippets for name in s.defines},
            "modules": module_sources(submission.path, sources),
        }
        answer = self._exchange(message, deadline)
        problems = answer.get("problems")
        if not isinstance(problems, list) or not all(isinstance(x, str) for x in problems):
            raise SandboxBroken("the worker sent a malformed answer")
        self.load_problems = problems
        self.single_use = answer.get("threads") != 1

    # -- talking to the zygote -----------------------------------------------------------------
    def _send(self, message: dict, deadline: float) -> None:
        try:
            _wire.write_frame(self._sock.fileno(), message, deadline)
        except TimeoutError:
            raise SandboxBroken("the worker stopped listening") from None
        except OSError:
            raise SandboxBroken(self._exit_reason()) from None

    def _receive(self, deadline: float) -> dict:
        try:
            reply = _wire.read_frame(self._sock.fileno(), deadline)
        except TimeoutError:
            raise SandboxBroken("the worker stopped answering") from None
        except (EOFError, OSError, _wire.WireError):
            raise SandboxBroken(self._exit_reason()) from None
        if not isinstance(reply, dict):
            raise SandboxBroken("the worker sent a malformed answer")
        return reply

    def _exchange(self, message: dict, deadline: float) -> dict:
        self._send(message, deadline)
        return self._receive(deadline)

    def _exit_reason(self) -> str:
        if self.supervisor is not None and self.supervisor.reason:
            return f"the sandbox was stopped: {self.supervisor.reason}"
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "the worker broke the protocol"
        if self.supervisor is not None and self.supervisor.reason:
            return f"the sandbox was stopped: {self.supervisor.reason}"
        return describe_status(code)

    def budget_exceeded(self) -> str | None:
        """Why the supervisor stopped this sandbox, or None."""
        return self.supervisor.reason if self.supervisor is not None else None

    def cpu_seconds(self) -> float:
        return self.supervisor.cpu_seconds if self.supervisor is not None else 0.0

    # -- class workers -------------------------------------------------------------------------
    def fork(self) -> ClassWorker:
        deadline = time.monotonic() + FORK_TIMEOUT
        reply = self._exchange({"op": "fork"}, deadline)
        pid = reply.get("forked")
        if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 1:
            raise SandboxBroken("the worker sent a malformed answer")
        try:
            to_worker, from_worker = _wire.recv_fds(self._sock, 2, deadline)
        except (TimeoutError, EOFError, OSError, _wire.WireError):
            raise SandboxBroken("the worker did not hand over its class worker") from None
        self.worker = ClassWorker(pid, to_worker, from_worker)
        return self.worker

    def end(self, worker: ClassWorker) -> int:
        """Stop `worker` (if it still runs) and everything it started; its exit status."""
        worker.close_pipes()
        if worker.status is None:
            deadline = time.monotonic() + END_TIMEOUT
            self._send({"op": "kill"}, deadline)
            reply = self._receive(deadline)
            if reply.get("ended") != worker.pid or not isinstance(reply.get("status"), int):
                raise SandboxBroken("the worker sent a malformed answer")
            worker.status = reply["status"]
        if self.worker is worker:
            self.worker = None
        return worker.status

    # -- the end -------------------------------------------------------------------------------
    def close(self) -> None:
        """End every process of the sandbox and remove its files. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        if self.worker is not None:
            self.worker.close_pipes()
        if self.process is not None:
            self._kill_everything()
            if self.supervisor is not None:
                self.supervisor.stop()
            self.process.wait()
        if self._sock is not None:
            self._sock.close()
        if self._output is not None:
            self._output.close()
        if self.uid is not None:
            _procs.remove_files_of(self.uid)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        if not self.sealed:
            _UNDUMPABLE.release()

    def _kill_everything(self) -> None:
        """No goodbye: the zygote may be stuck in student code. Its descendants go first, while
        it still lives, since orphans are re-parented to it (child subreaper) and stay findable;
        as root, everything of the private uid, wherever it went."""
        pid = self.process.pid
        uid = self.uid
        # not reaped yet, so `pid` cannot have been reused by an unrelated process
        _procs.kill_until_gone(lambda: _procs.descendants(pid))
        if self.worker is not None:
            _procs.kill_group(self.worker.pid)
        _procs.kill_group(pid)
        _procs.kill([pid])  # bwrap (not in its sandbox's group): the pid namespace goes with it
        if uid is not None:
            _procs.kill_until_gone(lambda: _procs.owned_by(uid))

    def output(self) -> str:
        return self._output.text() if self._output is not None else ""


def describe_status(code: Any) -> str:
    """A process's exit status in words, e.g. 'killed by SIGSEGV'."""
    if not isinstance(code, int):
        return "the process running the submission stopped"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"the process running the submission was killed by {name}{hint}"
    return f"the process running the submission exited with status {code}"
