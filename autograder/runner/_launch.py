"""Root grader only: become a private uid, then run bubblewrap -- without losing the interpreter.

Run as ``python -I -S _launch.py -- BWRAP ARGS...`` (a separate program, not a preexec hook:
the grader has threads). Student code must never run as root, so bwrap runs as a private uid
(``UID_BASE + this process's pid``: unique among live processes, so "every process of that uid"
is exactly this sandbox). bwrap then runs unprivileged and can only bind what that uid can
reach -- but a root grader's Python often lives under a 0700 folder (pyenv in /root). So first,
in a private mount namespace (it dies with this process tree and never touches the grader's):
every bound source below a folder others cannot enter gets that folder covered by a 0755 tmpfs
in which the source is bound back at its own path. Then: no groups, the private uid and gid,
dumpable again (bwrap reads its own /proc/self), and exec bwrap.

Uses the stdlib only; never imports the kit.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys

UID_BASE = 1_900_000_000
CLONE_NEWNS, MS_BIND, MS_REC, MS_PRIVATE = 0x00020000, 4096, 16384, 1 << 18
PR_SET_DUMPABLE = 4
_LIBC = ctypes.CDLL(None, use_errno=True)


def command(bwrap_args: list[str]) -> list[str]:
    """The argument list that runs `bwrap_args` through this launcher."""
    return [
        os.path.realpath(sys.executable),
        "-I",
        "-S",
        os.path.abspath(__file__),
        "--",
        *bwrap_args,
    ]


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _closed_ancestor(path: str) -> str | None:
    """The highest folder above `path` that others cannot enter, or None."""
    parts = path.split("/")
    for i in range(2, len(parts)):
        folder = "/".join(parts[:i])
        try:
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return folder
        except OSError:
            return None
    return None


def _reopen(sources: list[str]) -> None:
    """Make every source reachable by others, in this (private) mount namespace."""
    closed: dict[str, list[str]] = {}
    for s in sources:
        top = _closed_ancestor(s)
        if top is not None:
            closed.setdefault(top, []).append(s)
    if not closed:
        return
    _check(_LIBC.unshare(CLONE_NEWNS), "unshare")
    _check(_LIBC.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    for top in sorted(closed, key=len):
        held = {s: os.open(s, os.O_PATH) for s in closed[top]}  # before the cover hides them
        _check(_LIBC.mount(b"tmpfs", top.encode(), b"tmpfs", 0, b"mode=755,size=64k"), top)
        for s, fd in held.items():
            if os.path.isdir(f"/proc/self/fd/{fd}"):
                os.makedirs(s, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(s), exist_ok=True)
                open(s, "a").close()
            _check(
                _LIBC.mount(
                    f"/proc/self/fd/{fd}".encode(), s.encode(), None, MS_BIND | MS_REC, None
                ),
                s,
            )
            os.close(fd)


def main(argv: list[str]) -> None:
    """``_launch.py [--uid N] [--reach PATH]... -- COMMAND...``: COMMAND (bwrap) as uid N
    (default: the private uid), with PATH and every bwrap bind source reachable."""
    split = argv.index("--")
    options, bwrap = argv[1:split], argv[split + 1 :]
    sources = [bwrap[i + 1] for i, a in enumerate(bwrap[:-1]) if a in ("--ro-bind", "--bind")]
    sources += [options[i + 1] for i, a in enumerate(options[:-1]) if a == "--reach"]
    _reopen(sources)
    uid = UID_BASE + os.getpid()
    if "--uid" in options:  # the tests' unprivileged grader
        uid = int(options[options.index("--uid") + 1])
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    _LIBC.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    os.execv(bwrap[0], bwrap)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except OSError as exc:
        print(f"backprop-kit launcher: {exc}", file=sys.stderr)
        os._exit(126)
