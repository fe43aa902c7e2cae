"""What the worker does to itself before it runs any student code: limits, namespaces, user.

Runs once, in the worker process (the zygote), right after it has imported numpy and its own
modules and before it reads the submission. Each step is tried and, where the system does not
allow it, skipped; `confine` returns one line per protection saying what is enforced, which
the grader reports (docs/isolation.md lists them per platform).

As root (e.g. on Gradescope), in this order:
  1. a private mount namespace in which every installed autodiff package's folder is covered
     by a tmpfs holding only a stub whose import raises (needs CAP_SYS_ADMIN);
  2. a private network namespace with no interface up: no network at all (CAP_SYS_ADMIN);
  3. import-path folders the unprivileged user could not reach (e.g. a Python under a 0700
     home) are opened now and put on sys.path as /proc/self/fd/N;
  4. the switch to the grader-chosen private uid/gid (no supplementary groups), falling back
     to `nobody`, with a process-count limit for that uid.
Always: an address-space limit; on Linux also no-new-privileges, not dumpable (no core files,
no ptrace, /proc/<pid>/fd closed to others) and child-subreaper (orphans come back to us).

This module never runs student code and never talks to the grader.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys

from . import _guard

LINUX = sys.platform.startswith("linux")
CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_REC, MS_PRIVATE = 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 4, 36, 38
#: the fallback unprivileged user when the private uid cannot be used (e.g. a user namespace)
NOBODY = 65534
#: processes (threads included) the private uid may have at once: stops fork bombs
MAX_PROCESSES = 128


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def prctl(option: int, value: int) -> bool:
    if not LINUX:
        return False
    try:
        _check(_libc().prctl(option, ctypes.c_ulong(value), 0, 0, 0))
        return True
    except OSError:
        return False


def _limit_memory(memory_mb: int, record: list[str]) -> None:
    if memory_mb <= 0:
        record.append("memory: not limited (limit set to 0)")
        return
    import resource

    limit = memory_mb * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        record.append(f"memory: {memory_mb} MiB of address space per process (RLIMIT_AS)")
    except (ValueError, OSError) as exc:
        record.append(f"memory: not limited ({exc})")


def _reachable_by_others(path: str) -> bool:
    """Whether a user with no relation to the owners can list `path` (mode bits only)."""
    path = os.path.realpath(path)
    try:
        parts = path.split(os.sep)
        for i in range(1, len(parts)):
            if not os.stat(os.sep.join(parts[:i]) or os.sep).st_mode & stat.S_IXOTH:
                return False
        return os.stat(path).st_mode & (stat.S_IROTH | stat.S_IXOTH) == (
            stat.S_IROTH | stat.S_IXOTH
        )
    except OSError:
        return False


def _hide_autodiff(record: list[str]) -> None:
    found = _guard.package_dirs()
    if not found:
        record.append("autodiff libraries: import blocked (none is installed)")
        return
    names = ", ".join(sorted(found))
    reason = "the grader is not root"
    if LINUX and os.geteuid() == 0:
        try:
            libc = _libc()
            _check(libc.unshare(CLONE_NEWNS))
            # private: our mounts must not leak to the host's namespace
            _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None))
            for name, folders in found.items():
                for folder in folders:
                    # a small tmpfs over the package: it exists only in this namespace, so
                    # nothing is left to clean up, and it holds only a stub owned by root
                    _check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, b"size=64k,mode=755"))
                    stub = os.path.join(folder, "__init__.py")
                    with open(stub, "w") as f:
                        f.write(_guard.stub_source(name))
                    os.chmod(stub, 0o644)
            record.append(
                f"autodiff libraries ({names}): import blocked, and their folders replaced "
                "by a stub that raises (private mount namespace)"
            )
            return
        except OSError as exc:
            reason = f"no private mount namespace: {exc.strerror}"
    if not any(_reachable_by_others(f) for folders in found.values() for f in folders):
        record.append(
            f"autodiff libraries ({names}): import blocked, and their folders unreadable "
            "to the sandbox user"
        )
        return
    record.append(
        f"autodiff libraries ({names}): import blocked by an import hook only, which a "
        f"determined submission could remove ({reason})"
    )


def _cut_network(record: list[str]) -> None:
    if not (LINUX and os.geteuid() == 0):
        record.append("network: not cut (needs root on Linux)")
        return
    try:
        _check(_libc().unshare(CLONE_NEWNET))
        record.append("network: cut (private network namespace, no interface up)")
    except OSError as exc:
        record.append(f"network: not cut (no private network namespace: {exc.strerror})")


def _keep_imports_reachable() -> None:
    """Import-path folders the new user could not reach stay usable through open handles:
    on sys.path, and in the ``__path__`` of packages already imported (``encodings`` loads
    ``encodings.idna`` on first use, for instance)."""
    if not LINUX:
        return
    moved: dict[str, str] = {}
    for entry in sys.path:
        if entry and os.path.isdir(entry) and not _reachable_by_others(entry):
            moved[entry] = f"/proc/self/fd/{os.open(entry, os.O_RDONLY | os.O_DIRECTORY)}"

    def reachable(path: str) -> str:
        for old, new in moved.items():
            if path == old or path.startswith(old + os.sep):
                return new + path[len(old) :]
        return path

    sys.path[:] = [reachable(p) for p in sys.path]
    for module in list(sys.modules.values()):
        search = getattr(module, "__path__", None)
        if isinstance(search, list):
            search[:] = [reachable(p) for p in search]
    sys.path_importer_cache.clear()


def _switch_user(uid: int, record: list[str]) -> bool:
    """Become `uid` (else nobody); True when the uid is private to this sandbox."""
    for candidate, private in ((uid, True), (NOBODY, False)):
        try:
            os.setgroups([])
            if hasattr(os, "setresuid"):  # real, effective and saved ids: no way back
                os.setresgid(candidate, candidate, candidate)
                os.setresuid(candidate, candidate, candidate)
            else:  # macOS: setuid as root sets all three
                os.setgid(candidate)
                os.setuid(candidate)
        except OSError:
            continue
        try:
            os.setuid(0)
        except OSError:
            pass
        else:  # pragma: no cover - would mean the switch did not happen
            raise SystemExit("backprop-kit: could not give up root")
        if private:
            import resource

            resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
            record.append(
                f"user: private uid {candidate} (no groups, no capabilities), at most "
                f"{MAX_PROCESSES} processes"
            )
        else:
            record.append(f"user: nobody (uid {candidate}; the private uid was refused)")
        return private
    record.append("user: root (could not switch to an unprivileged user)")
    return False


def _limit_files_and_processes(plan: dict, record: list[str]) -> None:
    """Hard limits (the submission cannot raise them again): no core files; no single file
    larger than the sandbox's disk cap; in a sandbox, a process count for its user."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    disk = int(plan.get("disk_bytes") or 0)
    if disk > 0:
        resource.setrlimit(resource.RLIMIT_FSIZE, (disk, disk))
    if plan.get("sealed"):
        # counted per user of this sandbox's own user namespace (not the grader's other
        # processes): see docs/isolation.md
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
        record.append(f"processes: at most {MAX_PROCESSES} (threads included)")
    record.append("core files: none (RLIMIT_CORE 0, hard)")


def confine(plan: dict) -> tuple[list[str], bool]:
    """Apply every protection the system allows; (what is enforced, whether the uid is private).

    `plan`: {"memory_mb": int, "uid": int | None (set when the grader is root), "sealed": bool
    (already inside a bubblewrap sandbox: namespaces, user and filesystem are done),
    "disk_bytes": int}.
    """
    record: list[str] = []
    _limit_memory(int(plan["memory_mb"]), record)
    if LINUX:
        _limit_files_and_processes(plan, record)
    if plan.get("sealed"):
        prctl(PR_SET_NO_NEW_PRIVS, 1)
        prctl(PR_SET_DUMPABLE, 0)
        prctl(PR_SET_CHILD_SUBREAPER, 1)
        return record, True
    _hide_autodiff(record)
    _cut_network(record)
    private = False
    if plan.get("uid") is not None and os.geteuid() == 0:
        _keep_imports_reachable()
        private = _switch_user(int(plan["uid"]), record)
    else:
        record.append("user: the grader's own (the grader is not root, so it cannot switch)")
    prctl(PR_SET_NO_NEW_PRIVS, 1)  # setuid programs (su, sudo) cannot give privileges back
    prctl(PR_SET_DUMPABLE, 0)  # no core files, no ptrace, /proc/<pid>/fd closed to others
    prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphaned descendants are re-parented to this process
    return record, private
