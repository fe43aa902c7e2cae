"""Run checks against a submission loaded in a separate worker process.

The worker (`_worker.py`) runs in a fresh temporary directory with a memory limit, one BLAS
thread, autodiff imports blocked, and its output sent to a capped log. Every request has the
current check's deadline: a hang is killed with its whole process group, a crash (exit,
segfault, out of memory) is noticed as a closed pipe, and either way the next request starts
a new worker. Only the current check is lost.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any

from .._exceptions import StudentException, StudentTimeout, WorkerCrashed
from ..loading import Submission
from . import _wire
from ._plain import Ref

#: environment variables the student's process must not see
_HIDDEN_ENV = ("BACKPROP_KIT_SECRET", "BACKPROP_KIT_SEED")
#: how much of the worker's stdout/stderr is kept for diagnostics
OUTPUT_CAP = 64 * 1024
#: seconds a fresh worker may take to import numpy and run the submission's definitions
LOAD_TIMEOUT = 60.0


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        import resource

        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        self.workdir = tempfile.mkdtemp(prefix="backprop-kit-worker-")
        self.log = open(os.path.join(self.workdir, ".output"), "w+b")  # noqa: SIM115
        to_worker_r, self.to_worker = os.pipe()
        self.from_worker, from_worker_w = os.pipe()
        # the course secret and the seed would let student code predict hidden inputs
        env = {k: v for k, v in os.environ.items() if k not in _HIDDEN_ENV}
        env.update(
            OMP_NUM_THREADS="1",
            OPENBLAS_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            PYTHONDONTWRITEBYTECODE="1",
            MPLBACKEND="Agg",
        )
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = package_root
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "autograder.runner._worker",
                str(to_worker_r),
                str(from_worker_w),
            ],
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            pass_fds=(to_worker_r, from_worker_w),
            env=env,
            start_new_session=True,  # its own process group: one killpg ends all it started
            preexec_fn=lambda: _limit_memory(memory_mb),
        )
        os.close(to_worker_r)
        os.close(from_worker_w)

    def request(self, message: dict, deadline: float) -> dict:
        try:
            _wire.write_frame(self.to_worker, message)
            return _wire.read_frame(self.from_worker, deadline)
        except (EOFError, BrokenPipeError, _wire.WireError, ValueError) as exc:
            raise WorkerCrashed(self._crash_reason(exc)) from None

    def _crash_reason(self, exc: Exception) -> str:
        if isinstance(exc, _wire.WireError):
            return f"the worker sent a malformed answer ({exc})"
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "the worker stopped answering"
        if code < 0:
            name = signal.Signals(-code).name
            hint = " (out of memory?)" if name == "SIGKILL" else ""
            return f"the process running the submission was killed by {name}{hint}"
        return f"the process running the submission exited with status {code}"

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        data = self.log.read(OUTPUT_CAP + 1)
        text = data[:OUTPUT_CAP].decode("utf-8", "replace")
        return text + ("\n[... output truncated]" if len(data) > OUTPUT_CAP else "")

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for fd in (self.to_worker, self.from_worker):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


class RemoteSubject:
    def __init__(self, session: RemoteSession, name: str, handle: int, generation: int) -> None:
        self._session, self._name = session, name
        self.handle, self.generation = handle, generation

    def set(self, attr: str, value: Any, readonly: bool = False) -> None:
        message = {
            "op": "set",
            "handle": self.handle,
            "attr": attr,
            "value": value,
            "readonly": readonly,
        }
        self._session._call_object(self, f"setting {self._name}.{attr}", message)

    def get(self, attr: str) -> Any:
        message = {"op": "get", "handle": self.handle, "attr": attr}
        return self._session._call_object(self, f"{self._name}.{attr}", message)

    def call(self, method: str, *args: Any, readonly: bool = False, collect: bool = False) -> Any:
        message = {
            "op": "call",
            "handle": self.handle,
            "method": method,
            "args": self._session._refs(args),
            "readonly": readonly,
            "collect": collect,
        }
        return self._session._call_object(self, f"{self._name}.{method}", message)


class RemoteSession:
    """The submission runs in a worker process; use as a context manager."""

    def __init__(self, submission: Submission, memory_mb: int = 4096) -> None:
        self._submission = submission
        self._memory_mb = memory_mb
        self._worker: _Worker | None = None
        self._generation = 0
        self._deadline = time.monotonic() + LOAD_TIMEOUT
        self._timeout = LOAD_TIMEOUT
        #: problems met while running the submission's definitions (first load)
        self.load_problems: list[str] = []
        self._outputs: list[str] = []

    # -- lifecycle -------------------------------------------------------------------------
    def _start(self) -> _Worker:
        worker = _Worker(self._memory_mb)
        self._generation += 1
        snippets = [[s.origin, s.source] for s in self._submission.snippets]
        defines = {name: s.origin for s in self._submission.snippets for name in s.defines}
        folder = os.path.abspath(self._submission.path)
        folder = folder if os.path.isdir(folder) else os.path.dirname(folder)
        try:
            reply = worker.request(
                {"op": "load", "snippets": snippets, "defines": defines, "path": folder},
                time.monotonic() + LOAD_TIMEOUT,
            )
        except (WorkerCrashed, TimeoutError) as exc:
            self._retire(worker)
            what = "timed out" if isinstance(exc, TimeoutError) else f"failed: {exc}"
            raise WorkerCrashed(f"loading the submission {what}") from None
        if self._generation == 1:
            self.load_problems = list(reply["problems"])
        self._worker = worker
        return worker

    def _retire(self, worker: _Worker) -> None:
        text = worker.output().strip()
        if text:
            self._outputs.append(text)
        worker.kill()
        if worker is self._worker:
            self._worker = None

    def close(self) -> None:
        if self._worker is not None:
            with contextlib.suppress(OSError):
                _wire.write_frame(self._worker.to_worker, {"op": "exit"})
            self._retire(self._worker)

    def __enter__(self) -> RemoteSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def output(self) -> str:
        """What the submission printed (capped), for diagnostics only; never parsed."""
        return "\n".join(self._outputs)

    # -- requests --------------------------------------------------------------------------
    def start_check(self, timeout: float) -> None:
        self._timeout = timeout
        self._deadline = time.monotonic() + timeout

    def _request(self, message: dict, where: str) -> dict:
        worker = self._worker or self._start()
        try:
            return worker.request(message, self._deadline)
        except TimeoutError:
            self._retire(worker)
            raise StudentTimeout(
                f"{where} did not finish within {self._timeout:g} s (infinite loop?)"
            ) from None
        except WorkerCrashed as exc:
            self._retire(worker)
            raise WorkerCrashed(f"{where}: {exc}") from None

    def class_problem(self, name: str) -> str | None:
        return self._request({"op": "class", "name": name}, name)["problem"]

    def _refs(self, args: tuple[Any, ...]) -> list[Any]:
        """Subjects passed as arguments become references (they must live in this worker)."""

        def one(a: Any) -> Any:
            if isinstance(a, RemoteSubject):
                if a.generation != self._generation or self._worker is None:
                    raise WorkerCrashed("an object from before a worker restart was passed on")
                return Ref(a.handle)
            if isinstance(a, (list, tuple)):
                return type(a)(one(x) for x in a)
            return a

        return [one(a) for a in args]

    def _answer(self, message: dict, where: str) -> Any:
        reply = self._request(message, where)
        if "raised" in reply:
            raise StudentException(where, *reply["raised"])
        return reply["ok"]

    def new(self, name: str, *args: Any) -> RemoteSubject:
        generation_before = self._generation if self._worker is not None else None
        message = {"op": "new", "name": name, "args": self._refs(args)}
        handle = self._answer(message, f"{name}{tuple(args)}")
        if generation_before is not None and generation_before != self._generation:
            raise WorkerCrashed(f"{name}: the worker was restarted while building it")
        return RemoteSubject(self, name, handle, self._generation)

    def call_function(
        self, name: str, *args: Any, readonly: bool = False, collect: bool = False
    ) -> Any:
        message = {
            "op": "function",
            "name": name,
            "args": self._refs(args),
            "readonly": readonly,
            "collect": collect,
        }
        return self._answer(message, name)

    def _call_object(self, subject: RemoteSubject, where: str, message: dict) -> Any:
        if subject.generation != self._generation or self._worker is None:
            raise WorkerCrashed(f"{where}: the worker was restarted after an earlier failure")
        return self._answer(message, where)
