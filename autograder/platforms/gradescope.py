"""The Gradescope autograder zip: setup.sh, run_autograder, the kit, and the hidden settings.

Gradescope builds an image from the zip once (running setup.sh as root), then for every
submission runs run_autograder as root with the student's files in /autograder/submission and
expects /autograder/results/results.json. The zip holds:

    setup.sh            installs Python, torch (CPU) and the kit into /autograder/venv; makes
                        torch unreadable to other users (the sandbox's private uid), in case
                        the image does not allow the mount namespace that hides it otherwise
    run_autograder      closes the settings to students, then
                        ``python -m autograder grade ... --format gradescope -o results.json``
    backprop-kit.env    the assignment, the hidden seed and the visibility (root-only at run
                        time: student code runs as another user and cannot read it)
    kit/                pyproject.toml, README.md and the autograder package (no solutions,
                        no tests)

The seed travels in the environment ($BACKPROP_KIT_SEED), never on a command line, because
any process can read every command line on the machine; the worker never receives it.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from pathlib import Path

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image.
set -euo pipefail
ROOT=${AUTOGRADER_ROOT:-/autograder}
export DEBIAN_FRONTEND=noninteractive
if ! command -v python3 >/dev/null || ! python3 -c 'import venv' 2>/dev/null; then
    apt-get update -q
    apt-get install -y -q python3 python3-venv python3-pip
fi
python3 -m venv "$ROOT/venv"
"$ROOT/venv/bin/pip" install -q --upgrade pip
"$ROOT/venv/bin/pip" install -q torch --index-url https://download.pytorch.org/whl/cpu
"$ROOT/venv/bin/pip" install -q "$ROOT/source/kit"
# Student code runs as an unprivileged user; where the container forbids the mount namespace
# that hides autodiff libraries, their files being unreadable to that user does the same.
for pkg in torch functorch; do
    dir=$("$ROOT/venv/bin/python" - "$pkg" <<'PY'
import importlib.util, os, sys
spec = importlib.util.find_spec(sys.argv[1])
print(os.path.dirname(spec.origin) if spec and spec.origin else "")
PY
)
    if [ -n "$dir" ]; then chmod o-rwx "$dir"; fi
done
chmod -R go-rwx "$ROOT/source"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this as root for every submission.
set -uo pipefail
ROOT=${AUTOGRADER_ROOT:-/autograder}
PYTHON=${BACKPROP_KIT_PYTHON:-$ROOT/venv/bin/python}
# settings and scripts are the grader's: student code (another user) must not read them
chmod -R go-rwx "$ROOT/source" 2>/dev/null || true
chmod go-rwx "$0" 2>/dev/null || true
set -a
. "$ROOT/source/backprop-kit.env"
set +a
mkdir -p "$ROOT/results"
args=(grade "$ROOT/submission" --format gradescope --assignment "$BACKPROP_KIT_ASSIGNMENT"
      --hidden-visibility "$BACKPROP_KIT_HIDDEN_VISIBILITY" -o "$ROOT/results/results.json")
if [ "$BACKPROP_KIT_HIDE_VALUES" = 1 ]; then args+=(--hide-values); fi
"$PYTHON" -m autograder "${args[@]}"
status=$?
# 0: graded; 2: nothing gradable (results.json says so); anything else is the grader's fault
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
exit 0
"""

#: what of the checkout goes into kit/ (enough for ``pip install``)
_KIT_FILES = ("pyproject.toml", "README.md")
_EXECUTABLE = 0o100755 << 16
_REGULAR = 0o100644 << 16


def _add(zf: zipfile.ZipFile, name: str, data: str | bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = _EXECUTABLE if executable else _REGULAR
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build_zip(
    dest: Path,
    root: Path,
    assignment: str = "01_layers",
    hidden: bool = True,
    hidden_visibility: str = "after_published",
    seed: int | None = None,
) -> Path:
    """Write the autograder zip to `dest` from the kit checkout at `root`; return `dest`."""
    package = root / "autograder"
    if not (package / "__init__.py").is_file():
        raise FileNotFoundError(f"{root} is not the kit's checkout (no autograder/ package)")
    seed = secrets.randbelow(2**31) if seed is None else seed
    env = (
        f"BACKPROP_KIT_ASSIGNMENT={assignment}\n"
        f"BACKPROP_KIT_SEED={seed}\n"
        f"BACKPROP_KIT_HIDE_VALUES={1 if hidden else 0}\n"
        f"BACKPROP_KIT_HIDDEN_VISIBILITY={hidden_visibility}\n"
    )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        _add(zf, "setup.sh", SETUP_SH, executable=True)
        _add(zf, "run_autograder", RUN_AUTOGRADER, executable=True)
        _add(zf, "backprop-kit.env", env)
        for name in _KIT_FILES:
            _add(zf, f"kit/{name}", (root / name).read_bytes())
        for f in sorted(package.rglob("*")):
            rel = f.relative_to(root)
            if f.is_file() and "__pycache__" not in rel.parts and f.suffix != ".pyc":
                _add(zf, f"kit/{rel.as_posix()}", f.read_bytes())
    os.replace(tmp, dest)
    return dest
