"""The Gradescope autograder zip: setup.sh, run_autograder, the kit, and the hidden settings.

Gradescope builds an image from the zip once (running setup.sh as root), then for every
submission runs run_autograder as root with the student's files in /autograder/submission and
expects /autograder/results/results.json. The zip holds:

    setup.sh            installs what the image lacks (Python >= 3.10, venv and pip: apt-get
                        on Debian/Ubuntu, whose python3 has no ensurepip without python3-venv),
                        torch (CPU) and the kit into /autograder/venv; fetches and verifies the
                        MNIST files when the assignment trains on them (the kit's data layer),
                        so a bad download fails the build, not a student's grade; makes torch
                        unreadable to other users (the sandbox's private uid), in case the image
                        does not allow the mount namespace that hides it otherwise
    run_autograder      closes the settings to students; checks the MNIST files again (missing
                        or corrupt: results.json says the autograder failed, with no score, and
                        the script exits 1); then
                        ``python -m autograder grade ... --format gradescope -o results.json``
                        (data that breaks mid-run: the same, `GraderFault`)
    backprop-kit.env    the assignment, the mode, the hidden seed and the visibility
                        (root-only at run time: student code runs as another user and cannot
                        read it)
    kit/                pyproject.toml, README.md and the autograder package (no solutions,
                        no tests)
    data/mnist/         only with ``ship_mnist``: the four MNIST files, for images without
                        internet access at build time

The seed travels in the environment ($BACKPROP_KIT_HIDDEN_SEED in the default mixed mode,
$BACKPROP_KIT_SEED otherwise), never on a command line, because any process can read every
command line on the machine; the worker never receives it (its environment is an allow-list).

Modes (`build_zip`): "mixed" (default) grades twice -- the public seed, values shown, tests
visible at once; the hidden seed, no values, tests and total at `hidden_visibility` -- and a
check scores when it passes both; "hidden" grades once with the hidden seed, everything at
`hidden_visibility`; "public" grades once, everything visible with values.

``python -m autograder.platforms.gradescope fetch-mnist DIR | check-mnist DIR RESULTS`` are the
two data steps the scripts run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import zipfile
from pathlib import Path

from ..data import MnistConfig, MnistNotFound, find_mnist
from ..data.manifest import check_file, load_manifest
from ..reporters.gradescope import grader_error

#: what students see and when (`build_zip`); the first is the default
MODES = ("mixed", "hidden", "public")
#: assignments whose grading trains on MNIST (the zip brings or fetches the files for them)
NEEDS_MNIST = frozenset({"02_mlp", "05_conv"})
#: where the scripts keep the MNIST files, under the autograder root
MNIST_DIR = "source/data/mnist"

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image: Ubuntu, or any
# Debian-like image (what is missing is installed with apt-get).
set -euo pipefail
ROOT=${AUTOGRADER_ROOT:-/autograder}
VENV="$ROOT/venv"
export DEBIAN_FRONTEND=noninteractive
set -a
# shellcheck source=/dev/null
. "$ROOT/source/backprop-kit.env"
set +a

apt_install() {
    if ! command -v apt-get >/dev/null; then
        echo "setup.sh: cannot install $* (no apt-get on this image)" >&2
        return 1
    fi
    apt-get update -q && apt-get install -y -q --no-install-recommends "$@"
}
python_ok() {
    command -v python3 >/dev/null && python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))'
}
# a venv whose pip works: Debian and Ubuntu leave ensurepip out of python3 (python3-venv)
make_venv() {
    rm -rf "$VENV"
    python3 -m venv "$VENV" && "$VENV/bin/python" -m pip --version >/dev/null
}

python_ok || apt_install python3 python3-venv python3-pip
if ! python_ok; then
    echo "setup.sh: the kit needs Python >= 3.10 as python3" >&2
    exit 1
fi
if ! make_venv; then
    minor=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    apt_install python3-venv "python$minor-venv" python3-pip \\
        || apt_install python3-venv python3-pip || true
    if ! make_venv; then
        # still no ensurepip: a venv without pip, filled by the system's pip (>= 22.3)
        rm -rf "$VENV"
        python3 -m venv --without-pip "$VENV"
        if ! python3 -m pip --python "$VENV/bin/python" install -q pip; then
            echo "setup.sh: no way to get pip into $VENV (install python3-venv or python3-pip)" >&2
            exit 1
        fi
    fi
fi
PY="$VENV/bin/python"
"$PY" -m pip install -q --upgrade pip
"$PY" -m pip install -q torch --index-url https://download.pytorch.org/whl/cpu
"$PY" -m pip install -q "$ROOT/source/kit"
if [ "${BACKPROP_KIT_NEEDS_MNIST:-0}" = 1 ]; then
    # the shipped copy, or a download; verified against the kit's manifest either way
    "$PY" -I -m autograder.platforms.gradescope fetch-mnist "$ROOT/source/data/mnist"
fi
# Student code runs as an unprivileged user; where the container forbids the mount namespace
# that hides autodiff libraries, their files being unreadable to that user does the same.
for pkg in torch functorch; do
    dir=$("$PY" - "$pkg" <<'PY'
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
# shellcheck source=/dev/null
. "$ROOT/source/backprop-kit.env"
set +a
mkdir -p "$ROOT/results"
if [ "${BACKPROP_KIT_NEEDS_MNIST:-0}" = 1 ]; then
    export BACKPROP_KIT_MNIST="$ROOT/source/data/mnist"
    # missing or corrupt data is the autograder's failure, never a lower score
    "$PYTHON" -I -m autograder.platforms.gradescope check-mnist "$BACKPROP_KIT_MNIST" \\
        "$ROOT/results/results.json" || exit 1
fi
args=(grade "$ROOT/submission" --format gradescope --assignment "$BACKPROP_KIT_ASSIGNMENT"
      --hidden-visibility "$BACKPROP_KIT_HIDDEN_VISIBILITY" -o "$ROOT/results/results.json")
if [ "$BACKPROP_KIT_HIDE_VALUES" = 1 ]; then args+=(--hide-values); fi
"$PYTHON" -m autograder "${args[@]}"
status=$?
# 0: graded; 2: nothing gradable (results.json says so, scoring 0) or the grader failed
# mid-run (its data broke: results.json has no score); anything else is the grader's fault
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
if [ "$status" -eq 2 ] && ! grep -q '^  "score":' "$ROOT/results/results.json"; then exit 1; fi
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
    mode: str = "mixed",
    hidden_visibility: str = "after_published",
    seed: int | None = None,
    ship_mnist: bool = False,
) -> Path:
    """Write the autograder zip to `dest` from the kit checkout at `root`; return `dest`.

    `mode` (`MODES`) is what students see and when; `seed` is the hidden seed (default: a fresh
    one, kept in the zip). "mixed", the default, is what instructors expect of Gradescope and
    what the notebooks already do: feedback at once on the public checks -- the seed the
    notebooks' self-check uses, so a student sees the same values there and here -- and the
    hidden checks (the zip's seed, no values) and the total score only when grades are
    published (`hidden_visibility`), so the hidden inputs cannot be probed by resubmitting.
    "hidden" shows nothing before then (no feedback at all); "public" shows every check and
    its values at once (practice assignments). The total is the one
    ``python -m autograder grade PATH --hidden-seed SEED`` prints (`grading.public_and_hidden`).

    `ship_mnist` puts the four MNIST files (this machine's verified copy, `find_mnist`) into
    the zip; otherwise setup.sh downloads them when the assignment needs them (`NEEDS_MNIST`).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    package = root / "autograder"
    if not (package / "__init__.py").is_file():
        raise FileNotFoundError(f"{root} is not the kit's checkout (no autograder/ package)")
    seed = secrets.randbelow(2**31) if seed is None else seed
    # mixed: the CLI's public seed is its default (0); the hidden one comes from the environment
    seeds = (
        f"BACKPROP_KIT_HIDDEN_SEED={seed}\n" if mode == "mixed" else f"BACKPROP_KIT_SEED={seed}\n"
    )
    env = (
        f"BACKPROP_KIT_ASSIGNMENT={assignment}\n"
        f"BACKPROP_KIT_MODE={mode}\n"
        + seeds
        + f"BACKPROP_KIT_HIDE_VALUES={1 if mode == 'hidden' else 0}\n"
        f"BACKPROP_KIT_HIDDEN_VISIBILITY={hidden_visibility}\n"
        f"BACKPROP_KIT_NEEDS_MNIST={1 if ship_mnist or assignment in NEEDS_MNIST else 0}\n"
    )
    mnist = find_mnist(config=MnistConfig(progress=False)) if ship_mnist else {}
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
        for name, path in sorted(mnist.items()):
            _add(zf, f"data/mnist/{name}", path.read_bytes())
    os.replace(tmp, dest)
    return dest


def check_mnist(folder: Path) -> str | None:
    """None when `folder` holds the four official MNIST files; else what is wrong with it."""
    manifest = load_manifest()
    problems = []
    for name in manifest.names:
        path = folder / name
        reason = check_file(path, manifest.spec(name)) if path.is_file() else "missing"
        if reason:
            problems.append(f"{path}: {reason}")
    return "; ".join(problems) or None


def fetch_mnist(folder: Path) -> None:
    """setup.sh's step: the four MNIST files in `folder`, verified -- shipped in the zip, found
    ($BACKPROP_KIT_MNIST) or downloaded. Raises MnistNotFound, failing the build, otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    found = find_mnist(folder, config=MnistConfig(cache_dir=folder, progress=False))
    for name, path in found.items():
        if path.resolve() != (folder / name).resolve():
            shutil.copyfile(path, folder / name)
    problem = check_mnist(folder)
    if problem:
        raise MnistNotFound(problem)


def main(argv: list[str] | None = None) -> int:
    """``fetch-mnist DIR`` (setup.sh) | ``check-mnist DIR RESULTS`` (run_autograder)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "fetch-mnist":
        fetch_mnist(Path(args[1]))
        print(f"MNIST verified in {args[1]}")
        return 0
    if len(args) == 3 and args[0] == "check-mnist":
        problem = check_mnist(Path(args[1]))
        if problem is None:
            return 0
        reason = f"the MNIST data it trains networks on is missing or corrupt ({problem})"
        Path(args[2]).write_text(json.dumps(grader_error(reason), indent=2) + "\n")
        print(f"autograder error: {reason}", file=sys.stderr)
        return 1
    print("usage: fetch-mnist DIR | check-mnist DIR RESULTS", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
