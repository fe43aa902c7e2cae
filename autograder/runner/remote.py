"""Run checks against a submission loaded in a separate, confined worker process.

The submission is loaded once into a sandbox (`_sandbox.Sandbox`: a fresh temporary directory,
a memory limit, one BLAS thread, autodiff imports blocked, and as root a private uid, no
network, autodiff folders hidden). Each class is graded in its own fork of it: the first
request about a new class (`class_problem`, which `grading.run_class` always sends first) ends
the previous class worker and everything it started.

Every request carries the current check's deadline. A hang is killed; a crash (exit, segfault,
out of memory) is noticed as a closed pipe; a malformed or out-of-turn answer is treated like a
crash. Either way only the current check is lost: the next request forks a fresh class worker
(milliseconds), or restarts the sandbox if the worker process itself is gone.

One time budget covers the whole submission (`budget`: seconds of wall-clock time since the
session started, loads and reloads included, and of CPU time summed over every process of its
sandboxes). Once it is spent, every remaining request is refused at once: its check is scored
"timeout", and `load_problems` gains one line saying so.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from ..errors import StudentException, StudentTimeout, WorkerCrashed
from ..loading import Snippet, Submission
from ._class_worker import ClassWorker, WorkerDied
from ._load import load_factor, timeout_message
from ._plain import Ref
from ._sandbox import Sandbox, SandboxBroken, describe_status

#: seconds a fresh worker may take to import numpy and run the submission's definitions
LOAD_TIMEOUT = 60.0


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

    def __init__(
        self,
        submission: Submission,
        memory_mb: int = 4096,
        load_timeout: float = LOAD_TIMEOUT,
        budget: float | None = None,
        disk_mb: int = 512,
    ) -> None:
        self._submission = submission
        self._memory_mb = memory_mb
        self._load_timeout = load_timeout
        self._disk_mb = disk_mb
        self._budget = budget
        #: when the whole submission's wall-clock budget runs out; CPU spent by retired sandboxes
        self._budget_end = time.monotonic() + budget if budget else None
        self._cpu_spent = 0.0
        self._budget_note: str | None = None
        self._sandbox: Sandbox | None = None
        self._generation = 0
        self._class: str | None = None
        self._deadline = time.monotonic() + load_timeout
        self._timeout = self._allowed = load_timeout
        self._check_cpu = 0.0
        #: problems met while running the submission's definitions (first load)
        self.load_problems: list[str] = []
        #: what the worker process enforces, one line per protection (first load)
        self.isolation: tuple[str, ...] = ()
        self._loaded = False
        self._outputs: list[str] = []

    # -- lifecycle -------------------------------------------------------------------------
    def _worker(self) -> ClassWorker:
        if self._sandbox is None:
            load_timeout = self._load_timeout
            if self._budget_end is not None:
                load_timeout = min(load_timeout, max(0.1, self._budget_end - time.monotonic()))
            cpu_left = self._budget - self._cpu_spent if self._budget else None
            try:
                self._sandbox = Sandbox(
                    self._submission, self._memory_mb, load_timeout, self._disk_mb, cpu_left
                )
            except SandboxBroken as exc:
                self._check_budget()
                raise WorkerCrashed(f"loading the submission failed: {exc}") from None
            if not self._loaded:
                self._loaded = True
                self.load_problems = list(self._sandbox.load_problems)
                budget = (
                    f"time: {self._budget:g} s of wall-clock time and {self._budget:g} s of CPU "
                    "time for the whole submission, loading included"
                    if self._budget
                    else "time: no budget for the whole submission (per-check limits only)"
                )
                self.isolation = (*self._sandbox.isolation, budget)
            # loading is not the check's time
            self._deadline = max(self._deadline, time.monotonic() + self._allowed)
            self._check_cpu = self.cpu_seconds()
        if self._sandbox.worker is None:
            try:
                self._sandbox.fork()
            except SandboxBroken as exc:
                self._retire()
                raise WorkerCrashed(f"the worker process failed: {exc}") from None
            self._generation += 1
        return self._sandbox.worker

    def _end_worker(self) -> str:
        """End the current class worker; what happened to it, in words."""
        sandbox = self._sandbox
        if sandbox is None or sandbox.worker is None:
            return "the process running the submission stopped"
        try:
            return describe_status(sandbox.end(sandbox.worker))
        except SandboxBroken as exc:
            self._retire()
            return str(exc)

    def _retire(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close()
            self._cpu_spent += self._sandbox.cpu_seconds()
            if self._sandbox.budget_exceeded() and "CPU" in self._sandbox.budget_exceeded():
                self._spend(self._sandbox.budget_exceeded())
            text = self._sandbox.output().strip()
            if text:
                self._outputs.append(text)
            self._sandbox = None

    def close(self) -> None:
        self._retire()

    def add_definitions(self, snippet: Snippet) -> None:
        """Run the grader's own `snippet` after the submission's definitions, from the next
        request on (a running worker is retired, so the next one loads it too). Idempotent."""
        if any(s.origin == snippet.origin for s in self._submission.snippets):
            return
        self._submission = replace(self._submission, snippets=(*self._submission.snippets, snippet))
        self._retire()

    def __enter__(self) -> RemoteSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def output(self) -> str:
        """What the submission printed (capped), for diagnostics only; never parsed."""
        return "\n".join(self._outputs)

    # -- the submission's time budget ------------------------------------------------------
    def _spend(self, why: str) -> None:
        if self._budget_note is None:
            self._budget_note = why
            self.load_problems.append(
                f"{why}: the remaining checks were not run and are scored timeout"
            )

    def _budget_spent(self) -> bool:
        end = self._budget_end
        if self._budget_note is None and end is not None and time.monotonic() >= end:
            self._spend(f"the submission's time budget ({self._budget:g} s) is spent")
        if self._budget_note is None and self._budget:
            running = self._sandbox.cpu_seconds() if self._sandbox is not None else 0.0
            if self._cpu_spent + running >= self._budget:
                self._spend(f"the submission's CPU time budget ({self._budget:g} s) is spent")
        return self._budget_note is not None

    def _check_budget(self) -> None:
        """Raise StudentTimeout when the whole submission's budget is spent."""
        if self._budget_spent():
            self._retire()
            raise StudentTimeout(f"not run: {self._budget_note}")

    # -- requests --------------------------------------------------------------------------
    def start_check(self, timeout: float) -> None:
        self._timeout = timeout
        # a busy machine stretches the wall-clock limit; CPU time is what the code spends
        self._allowed = timeout * load_factor()
        self._deadline = time.monotonic() + self._allowed
        self._check_cpu = self.cpu_seconds()

    def cpu_seconds(self) -> float:
        """CPU time the submission's processes have used so far (every sandbox it had)."""
        running = self._sandbox.cpu_seconds() if self._sandbox is not None else 0.0
        return self._cpu_spent + running

    def _request(self, message: dict, where: str) -> dict:
        self._check_budget()
        worker = self._worker()
        deadline = self._deadline
        if self._budget_end is not None:
            deadline = min(deadline, self._budget_end)
        try:
            return worker.request(message, deadline)
        except TimeoutError:
            cpu = self.cpu_seconds() - self._check_cpu if self._sandbox is not None else None
            self._end_worker()
            self._check_budget()
            raise StudentTimeout(
                timeout_message(where, self._timeout, self._allowed, cpu)
            ) from None
        except WorkerDied as exc:
            reason = self._end_worker()
            self._check_budget()
            raise WorkerCrashed(f"{where}: {str(exc) or reason}") from None

    def _answer(self, message: dict, where: str) -> Any:
        reply = self._request(message, where)
        if "raised" in reply:
            raise StudentException(where, *reply["raised"])
        return reply["ok"]

    def class_problem(self, name: str) -> str | None:
        """Why `name` cannot be graded, or None. A new name starts a fresh class worker (and a
        fresh sandbox, when the submission left a thread in the zygote at load)."""
        if self._budget_spent():  # each of its checks is then scored "timeout"
            return None
        if name != self._class:
            self._class = name
            if self._sandbox is not None and self._sandbox.single_use:
                self._retire()
            elif self._sandbox is not None and self._sandbox.worker is not None:
                self._end_worker()
        problem = self._answer({"op": "class", "name": name}, name)
        if problem is not None and not isinstance(problem, str):
            raise WorkerCrashed(f"{name}: the worker sent a malformed answer")
        return problem

    def _refs(self, args: tuple[Any, ...]) -> list[Any]:
        """Subjects passed as arguments become references (they must live in this worker)."""

        def one(a: Any) -> Any:
            if isinstance(a, RemoteSubject):
                if not self._current(a):
                    raise WorkerCrashed("an object from before a worker restart was passed on")
                return Ref(a.handle)
            if isinstance(a, (list, tuple)):
                return type(a)(one(x) for x in a)
            return a

        return [one(a) for a in args]

    def _current(self, subject: RemoteSubject) -> bool:
        return (
            subject.generation == self._generation
            and self._sandbox is not None
            and self._sandbox.worker is not None
        )

    def new(self, name: str, *args: Any) -> RemoteSubject:
        message = {"op": "new", "name": name, "args": self._refs(args)}
        handle = self._answer(message, f"{name}{tuple(args)}")
        if not isinstance(handle, (int, float)) or isinstance(handle, bool):
            raise WorkerCrashed(f"{name}: the worker sent a malformed answer")
        return RemoteSubject(self, name, int(handle), self._generation)

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
        if not self._current(subject):
            raise WorkerCrashed(f"{where}: the worker was restarted after an earlier failure")
        return self._answer(message, where)
