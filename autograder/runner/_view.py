"""The filesystem a bubblewrap sandbox sees: the interpreter, its stdlib, numpy and the worker.

Everything else of the machine is absent -- other site-packages (so no torch, jax or sympy
from any environment: the grader's venv, /usr/lib/python3/dist-packages, /opt, ...), the
submissions folder, the grader's output folder and the rest of the kit. What is there is
read-only; the only writable places are the sandbox's own size-bounded tmpfs mounts (see
`_bwrap.py`).

    system()   binaries and shared libraries (/usr/bin, /usr/lib*, /lib* links), with every
               Python package folder in them (site-packages, dist-packages) covered by an
               empty read-only tmpfs
    python()   the real interpreter binary, libpython, the stdlib (its site-packages covered)
    numpy()    numpy and its bundled libraries, at /kit/site
    worker()   the worker's own modules (runner/_worker.py and what it imports), at /kit, and
               stand-ins for the kit modules notebooks import (`_kit_stub.py`)

Each is a list of `Bind(source, dest)`; `masks()` lists folders to cover. Only paths, no
mounting: `_bwrap.py` turns them into arguments.
"""

from __future__ import annotations

import glob
import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

#: where the worker's modules and numpy appear inside the sandbox
KIT = "/kit"
SITE = "/kit/site"
#: the worker-side modules (what `_worker.py` imports, transitively); nothing grader-side
WORKER_MODULES = (
    "_worker.py",
    "_zygote.py",
    "_confine.py",
    "_guard.py",
    "_invoke.py",
    "_plain.py",
    "_procs.py",
    "_wire.py",
)
_PACKAGE_DIRS = ("site-packages", "dist-packages")


@dataclass(frozen=True)
class Bind:
    source: str
    dest: str


def _real(path: str) -> str:
    return os.path.realpath(path)


def system() -> tuple[list[Bind], list[tuple[str, str]]]:
    """(binds, symlinks): the system's binaries and libraries, merged-/usr links kept."""
    binds, links = [], []
    for top in ("/usr/bin", "/usr/lib", "/usr/lib64", "/usr/libexec"):
        if os.path.isdir(top) and not os.path.islink(top):
            binds.append(Bind(top, top))
    for top in ("/bin", "/lib", "/lib64", "/lib32", "/sbin"):
        if os.path.islink(top):
            links.append((os.readlink(top), top))
        elif os.path.isdir(top):
            binds.append(Bind(top, top))
    if os.path.isfile("/etc/ld.so.cache"):
        binds.append(Bind("/etc/ld.so.cache", "/etc/ld.so.cache"))
    return binds, links


def python() -> list[Bind]:
    """The interpreter that runs the grader, its shared library and its stdlib."""
    exe = _real(sys.executable)
    binds = [Bind(exe, exe)]
    libdir = sysconfig.get_config_var("LIBDIR")
    library = sysconfig.get_config_var("INSTSONAME")
    if libdir and library and os.path.isfile(os.path.join(libdir, library)):
        lib = _real(os.path.join(libdir, library))
        binds.append(Bind(lib, os.path.join(libdir, library)))
        if lib != os.path.join(libdir, library):  # keep the versioned name reachable too
            binds.append(Bind(lib, lib))
    stdlib = _real(sysconfig.get_paths()["stdlib"])
    binds.append(Bind(stdlib, stdlib))
    dynload = os.path.join(stdlib, "lib-dynload")
    if not os.path.isdir(dynload):  # some distributions keep it elsewhere
        import _struct  # noqa: F401 - a compiled stdlib module tells where they live

        folder = os.path.dirname(getattr(sys.modules["_struct"], "__file__", "") or "")
        if folder and not folder.startswith(stdlib):
            binds.append(Bind(_real(folder), _real(folder)))
    return binds


def numpy() -> list[Bind]:
    """numpy and, for wheels, its bundled libraries (found by a path relative to numpy)."""
    import numpy as np

    package = _real(os.path.dirname(np.__file__))
    binds = [Bind(package, f"{SITE}/numpy")]
    bundled = package + ".libs"
    if os.path.isdir(bundled):
        binds.append(Bind(bundled, f"{SITE}/numpy.libs"))
    return binds


def worker() -> list[Bind]:
    """The worker's modules, and the stand-ins notebooks import (see `_kit_stub.py`)."""
    here = Path(__file__).resolve().parent
    stub = str(here / "_kit_stub.py")
    display = str(here / "_display_stub.py")
    return [
        *(Bind(str(here / m), f"{KIT}/autograder/runner/{m}") for m in WORKER_MODULES),
        Bind(stub, f"{KIT}/autograder/notebook.py"),
        Bind(stub, f"{KIT}/autograder/data.py"),
        # display-only libraries notebooks import (plots, progress bars): inert stand-ins
        *(Bind(display, f"{KIT}/{module}") for module in DISPLAY_MODULES),
    ]


#: module files of the display-only libraries, each the inert `_display_stub.py`
DISPLAY_MODULES = (
    "matplotlib/__init__.py",
    "matplotlib/pyplot.py",
    "tqdm/__init__.py",
    "tqdm/auto.py",
    "tqdm/notebook.py",
    "IPython/__init__.py",
    "IPython/display.py",
)


def masks(binds: list[Bind]) -> list[str]:
    """Python package folders inside the bound trees: covered, so nothing there is importable
    by file path either (the stdlib's own site-packages, Debian's dist-packages, ...)."""
    found: set[str] = set()
    for b in binds:
        if not os.path.isdir(b.source) or b.dest.startswith(KIT):
            continue
        for pattern in ("*-packages", "python*/*-packages", "*/python*/*-packages"):
            for path in glob.glob(os.path.join(b.source, pattern)):
                if os.path.basename(path) in _PACKAGE_DIRS and os.path.isdir(path):
                    found.add(b.dest + path[len(b.source) :])
    return sorted(found)


def everything() -> tuple[list[Bind], list[tuple[str, str]], list[str]]:
    """(binds, symlinks, masked folders) of the whole view, in mounting order. A Python that
    lives under /usr is bound twice (as part of /usr/lib, then itself): harmless."""
    sys_binds, links = system()
    binds = sys_binds + python()
    return binds + numpy() + worker(), links, masks(binds)
