"""Gradescope's zip: setup.sh on images with and without ensurepip (a scratch root, with
apt-get and python3 replaced by recording stand-ins), the MNIST files fetched and verified at
build time by the kit's data layer, and missing data at grading time an autograder error."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.data import MNIST_ENV
from autograder.platforms.gradescope import (
    RUN_AUTOGRADER,
    SETUP_SH,
    build_zip,
    check_mnist,
    fetch_mnist,
)
from autograder.reporters.gradescope import grader_error, gradescope_error
from tests.conftest import REFERENCE, real_mnist_dir
from tests.reporters._sample import validate

ROOT = Path(__file__).resolve().parents[2]
#: Linear.bp_input off by a factor 2: only Linear loses points
BROKEN = REFERENCE.read_text().replace("return grad @ self.W.T", "return grad @ self.W.T * 2")
MNIST_FILES = (
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
)

# python3 as on Debian/Ubuntu without python3-venv: `-m venv` fails for want of ensurepip
# until apt-get has installed python3-venv. The venvs it makes hold a python that records
# what it is asked to do. Anything else goes to the real interpreter.
PYTHON3 = f"""#!/usr/bin/env bash
echo "python3 $*" >> "$LOG"
if [ "$1" = -m ] && [ "$2" = venv ]; then
    if [ ! -e "$STATE/ensurepip" ] && [ "$3" != --without-pip ]; then
        echo "The virtual environment was not created: ensurepip is not available." >&2
        exit 1
    fi
    dir="${{@: -1}}"
    mkdir -p "$dir/bin"
    printf '#!/usr/bin/env bash\\necho "venv-python $*" >> "$LOG"\\n' > "$dir/bin/python"
    chmod +x "$dir/bin/python"
    exit 0
fi
exec {sys.executable} "$@"
"""
APT_GET = """#!/usr/bin/env bash
echo "apt-get $*" >> "$LOG"
case " $* " in *" python3-venv "*) touch "$STATE/ensurepip" ;; esac
exit 0
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def run_setup(tmp: Path, assignment: str, ensurepip: bool) -> tuple:
    root, stubs, state = tmp / "autograder", tmp / "stubs", tmp / "state"
    for d in (root / "source" / "kit", stubs, state):
        d.mkdir(parents=True)
    (root / "source" / "backprop-kit.env").write_text(
        f"BACKPROP_KIT_ASSIGNMENT={assignment}\n"
        f"BACKPROP_KIT_NEEDS_MNIST={1 if assignment == '02_mlp' else 0}\n"
    )
    _executable(stubs / "python3", PYTHON3)
    _executable(stubs / "apt-get", APT_GET)
    if ensurepip:
        (state / "ensurepip").touch()
    log = tmp / "log"
    log.write_text("")
    env = {
        "PATH": f"{stubs}:{os.environ['PATH']}",
        "AUTOGRADER_ROOT": str(root),
        "LOG": str(log),
        "STATE": str(state),
    }
    script = tmp / "setup.sh"
    script.write_text(SETUP_SH)
    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)
    return done, log.read_text().splitlines()  # (the run, what the stand-ins were asked)


def test_the_scripts_pass_shellcheck(tmp_path):
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed")
    for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
        (tmp_path / name).write_text(text)
        done = subprocess.run(["shellcheck", str(tmp_path / name)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout


def test_setup_installs_python3_venv_where_python3_has_no_ensurepip(tmp_path):
    done, log = run_setup(tmp_path, "01_layers", ensurepip=False)
    assert done.returncode == 0, done.stderr
    installs = [line for line in log if line.startswith("apt-get install")]
    assert installs and "python3-venv" in installs[0]
    pips = [line for line in log if line.startswith("venv-python -m pip install")]
    assert any(" torch " in line for line in pips)
    assert any(line.endswith("/source/kit") for line in pips)
    assert not any("fetch-mnist" in line for line in log)  # 01_layers trains on nothing


def test_setup_leaves_apt_alone_where_venv_works_and_fetches_mnist_for_assignment_2(tmp_path):
    done, log = run_setup(tmp_path, "02_mlp", ensurepip=True)
    assert done.returncode == 0, done.stderr
    assert not any(line.startswith("apt-get") for line in log)
    fetch = [line for line in log if "fetch-mnist" in line]
    assert fetch == [
        "venv-python -I -m autograder.platforms.gradescope fetch-mnist "
        f"{tmp_path}/autograder/source/data/mnist"
    ]


def test_fetch_mnist_leaves_verified_files_and_check_mnist_names_a_corrupt_one(
    tmp_path, monkeypatch
):
    monkeypatch.setenv(MNIST_ENV, str(real_mnist_dir()))
    folder = tmp_path / "data" / "mnist"
    fetch_mnist(folder)
    assert sorted(p.name for p in folder.iterdir()) == list(MNIST_FILES)
    assert check_mnist(folder) is None
    (folder / MNIST_FILES[0]).write_bytes(b"not mnist")
    problem = check_mnist(folder)
    assert problem and MNIST_FILES[0] in problem
    (folder / MNIST_FILES[1]).unlink()
    assert f"{MNIST_FILES[1]}: missing" in check_mnist(folder)


def test_ship_mnist_puts_the_four_files_in_the_zip(tmp_path, monkeypatch):
    monkeypatch.setenv(MNIST_ENV, str(real_mnist_dir()))
    path = build_zip(tmp_path / "a.zip", ROOT, assignment="01_layers", ship_mnist=True)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        env = zf.read("backprop-kit.env").decode()
    assert [n for n in names if n.startswith("data/")] == [f"data/mnist/{n}" for n in MNIST_FILES]
    assert "BACKPROP_KIT_NEEDS_MNIST=1" in env


def test_missing_data_at_grading_time_is_an_autograder_error_with_no_score(tmp_path):
    path = build_zip(tmp_path / "a.zip", ROOT, assignment="02_mlp", seed=1)
    gs = tmp_path / "gs"
    with zipfile.ZipFile(path) as zf:
        assert "BACKPROP_KIT_NEEDS_MNIST=1" in zf.read("backprop-kit.env").decode()
        zf.extractall(gs / "source")
    (gs / "submission").mkdir()
    (gs / "submission" / "02_mlp.ipynb").write_text("{}")
    runner = gs / "run_autograder"
    _executable(runner, RUN_AUTOGRADER)
    env = {**os.environ, "AUTOGRADER_ROOT": str(gs), "BACKPROP_KIT_PYTHON": sys.executable}
    done = subprocess.run([str(runner)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    doc = json.loads((gs / "results" / "results.json").read_text())
    validate(doc, "gradescope_results.schema.json")
    assert "score" not in doc and doc["tests"] == []
    assert "could not grade this submission, through no fault of yours" in doc["output"]
    assert "MNIST" in doc["output"] and "missing" in doc["output"]


def test_a_grader_fault_mid_run_leaves_no_score_and_fails_run_autograder(tmp_path):
    """The CLI exits 2 both for an unreadable submission (results.json scores 0: run_autograder
    succeeds) and for a grader fault (no score: run_autograder fails, as Gradescope expects)."""
    path = build_zip(tmp_path / "a.zip", ROOT, assignment="01_layers", seed=1)
    gs = tmp_path / "gs"
    with zipfile.ZipFile(path) as zf:
        zf.extractall(gs / "source")
    (gs / "submission").mkdir()
    runner = gs / "run_autograder"
    _executable(runner, RUN_AUTOGRADER)
    for doc, expected in ((grader_error("MNIST vanished"), 1), (gradescope_error("no .py"), 0)):
        # a stand-in grader: writes the document after -o and exits 2, as the CLI does
        stub = tmp_path / "python"
        _executable(
            stub,
            "#!/usr/bin/env bash\n"
            'while [ "$1" != -o ]; do shift; done\n'
            f"cat > \"$2\" <<'JSON'\n{json.dumps(doc, indent=2)}\nJSON\nexit 2\n",
        )
        env = {**os.environ, "AUTOGRADER_ROOT": str(gs), "BACKPROP_KIT_PYTHON": str(stub)}
        done = subprocess.run([str(runner)], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == expected, done.stderr
        assert json.loads((gs / "results" / "results.json").read_text()) == doc


@pytest.mark.parametrize("correct", [True, False], ids=["correct", "broken"])
def test_the_mixed_default_shows_public_checks_and_scores_as_the_cli_does(tmp_path, correct):
    """The zip's default mode, graded by its own run_autograder: public checks visible at once,
    hidden checks and the total after publication, and the total the CLI gives for the same
    two seeds."""
    path = build_zip(tmp_path / "a.zip", ROOT, assignment="01_layers", seed=777)
    gs = tmp_path / "gs"
    with zipfile.ZipFile(path) as zf:
        env_file = zf.read("backprop-kit.env").decode()
        zf.extractall(gs / "source")
    assert "BACKPROP_KIT_MODE=mixed" in env_file and "BACKPROP_KIT_HIDDEN_SEED=777" in env_file
    submission = gs / "submission" / "layers.py"
    submission.parent.mkdir()
    submission.write_text(REFERENCE.read_text() if correct else BROKEN)
    runner = gs / "run_autograder"
    _executable(runner, RUN_AUTOGRADER)
    env = {**os.environ, "AUTOGRADER_ROOT": str(gs), "BACKPROP_KIT_PYTHON": sys.executable}
    done = subprocess.run([str(runner)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    doc = json.loads((gs / "results" / "results.json").read_text())
    validate(doc, "gradescope_results.schema.json")
    public = [t for t in doc["tests"] if t["visibility"] == "visible"]
    hidden = [t for t in doc["tests"] if t["visibility"] == "after_published"]
    assert public and len(public) == len(hidden) and len(public) + len(hidden) == len(doc["tests"])
    assert all(t["name"].endswith("(public inputs)") and t["max_score"] == 0 for t in public)
    assert all(t["name"].endswith("(hidden inputs)") for t in hidden)
    assert doc["visibility"] == "after_published" and "Score" not in doc["output"]
    assert sum(t["max_score"] for t in hidden) == 100
    assert doc["score"] == sum(t["score"] for t in hidden)
    if correct:
        assert doc["score"] == 100
    else:
        failed = [t for t in doc["tests"] if t["status"] == "failed"]
        assert {t["name"].split(":")[0] for t in failed} == {"Linear"}
        assert any("expected" in t["output"] or "wrong" in t["output"] for t in public)
        assert 0 < doc["score"] < 100
    # the same total from the command line, with the same two seeds (public: 0)
    cli_env = {k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_KIT_")}
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(submission), "--format", "json",
         "--assignment", "01_layers", "--hidden-seed", "777"],
        capture_output=True, text=True, env=cli_env, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["score"] == doc["score"]
