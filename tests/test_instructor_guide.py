"""instructor_guide.md works as written: every command in it runs, in order, and prints what
the guide says it prints.

The guide's fenced `bash` blocks are run one after the other in a temporary copy of the
repository (made a git repository, like a fresh clone), with a temporary $HOME and exchange;
shell state (the working folder and exported variables) carries from block to block, as in one
terminal. A `text` block documents the output of the `bash` block before it: each of its lines
must appear in that output. Commands the test cannot run are on ALLOWED, each with its reason;
machine-specific values are replaced through SUBSTITUTED. The fast tests check that nothing
else escapes: no other kind of code block, no stale allow-list entry, and every command
quoted in the prose is one of the executed commands (or allowed).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.nbgrader._course import fill_in, solution_sources

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "instructor_guide.md"

#: guide command -> why the test does not run it
ALLOWED = {
    "git clone https://github.com/YOUR-ORG/backprop-kit.git": (
        "needs the network; the test starts from a copy of the working tree, committed to a "
        "fresh git repository, in a folder named backprop-kit"
    ),
    "./run.sh demo": (
        "creates .venv and pip-installs the kit from the registry (minutes); CI runs the same "
        "set-up (./run.sh test) before this test, and the copy's .venv is that environment"
    ),
    'python -m pip install "backprop-kit @ git+https://github.com/YOUR-ORG/backprop-kit.git"': (
        "installs the kit into the students' environment from the network; the test's "
        "kernels already have it"
    ),
    "./run.sh test": "runs the whole test suite, this test included",
    "python -m autograder release-layers --to solutions/05_conv": (
        "the same command as the walkthrough's release-layers for 02_mlp, into another folder; "
        "tests/assignments/mlp/test_release.py writes and checks the file"
    ),
    "python -m autograder grade 01_layers.ipynb --hide-values --fail-under 100": (
        "GitHub Classroom runs it in the student's repository; the guide runs the same "
        "command on the same notebooks from the course directory"
    ),
}
#: guide command -> (command the test runs instead, why)
SUBSTITUTED = {
    "export EXCHANGE=/srv/nbgrader/exchange": (
        'export EXCHANGE="$HOME/exchange"',
        "a temporary exchange instead of the machine's shared folder",
    ),
}
#: languages a fenced block may have: commands, their output, a configuration file's content
BLOCK_LANGUAGES = {"bash", "text", "python"}
#: inline code spans starting with these are commands: they must be run or allowed
COMMAND_PREFIXES = (
    "nbgrader ",
    "python ",
    "python3 ",
    "pip ",
    "./run.sh",
    "git ",
    "jupyter ",
    "cd ",
    "bash ",
)
#: seconds for one block (autograde runs three notebooks)
BLOCK_TIMEOUT = 400


@dataclass
class Block:
    language: str
    text: str
    line: int  # 1-based line of the opening fence in the guide


def blocks(markdown: str) -> list[Block]:
    found, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        fence = re.match(r"^(```+)\s*([\w-]*)\s*$", lines[i])
        if fence:
            start, body = i, []
            i += 1
            while i < len(lines) and lines[i].strip() != fence.group(1):
                body.append(lines[i])
                i += 1
            found.append(Block(fence.group(2), "\n".join(body) + "\n", start + 1))
        i += 1
    return found


def commands(script: str) -> list[str]:
    """The commands of a bash block: one per logical line, with its here-document (if any)
    and backslash continuations; blank lines and comment lines dropped."""
    result, lines, i = [], script.splitlines(), 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        while line.endswith("\\") and i < len(lines):
            line = line[:-1] + lines[i].lstrip()
            i += 1
        heredoc = re.search(r"<<-?\s*(['\"]?)(\w+)\1", line)
        if heredoc:
            body = []
            while i < len(lines) and lines[i].strip() != heredoc.group(2):
                body.append(lines[i])
                i += 1
            i += 1
            line = "\n".join([line, *body, heredoc.group(2)])
        result.append(line.strip())
    return result


def guide_blocks() -> list[Block]:
    return blocks(GUIDE.read_text(encoding="utf-8"))


def guide_commands() -> list[str]:
    return [c for b in guide_blocks() if b.language == "bash" for c in commands(b.text)]


def _normal(text: str) -> str:
    return " ".join(text.split())


# -- fast checks: nothing escapes the walk-through ------------------------------------------


def test_the_guide_has_only_known_kinds_of_blocks():
    found = guide_blocks()
    assert found, "instructor_guide.md has no code blocks"
    bad = [(b.line, b.language) for b in found if b.language not in BLOCK_LANGUAGES]
    assert bad == [], f"code blocks of unknown kind (line, language): {bad}"
    for before, block in zip(found, found[1:], strict=False):
        if block.language == "text":
            assert before.language == "bash", f"line {block.line}: output of no command"


def test_every_allowed_or_substituted_command_is_in_the_guide():
    present = set(guide_commands())
    inline = set(_inline_commands())
    stale = [c for c in [*ALLOWED, *SUBSTITUTED] if c not in present | inline]
    assert stale == [], f"allow-list entries no longer in the guide: {stale}"
    assert all(len(reason) > 20 for reason in ALLOWED.values())


def _inline_commands() -> list[str]:
    prose = re.sub(
        r"^```.*?^```", "", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL | re.MULTILINE
    )
    spans = re.findall(r"`([^`\n]+)`", prose)
    return [s.strip() for s in spans if s.strip().startswith(COMMAND_PREFIXES)]


def test_every_command_quoted_in_the_prose_is_run_or_allowed():
    executed = [_normal(c) for c in guide_commands() if c not in ALLOWED]
    unrun = [
        c
        for c in _inline_commands()
        if c not in ALLOWED and not any(e.startswith(_normal(c)) for e in executed)
    ]
    assert unrun == [], f"commands in the text that no block runs: {unrun}"


def test_the_commands_are_split_as_a_shell_would():
    script = "a \\\n  --b\n# comment\n\ncat > f <<'EOF'\nx\n# not a comment\nEOF\nc\n"
    assert commands(script) == ["a --b", "cat > f <<'EOF'\nx\n# not a comment\nEOF", "c"]


# -- the walk-through ------------------------------------------------------------------------


def _copy_working_tree(target: Path) -> None:
    """The repository as a fresh clone would have it, plus uncommitted work: every tracked and
    untracked file that git does not ignore; then committed to a new git repository."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    git = ["git", "-c", "user.name=guide", "-c", "user.email=guide@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "fresh clone"]):
        subprocess.run(git + args, cwd=target, check=True, capture_output=True)
    # `./run.sh demo` (allowed, not run) would create .venv: use the environment running us
    (target / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)


def _lms_download(home: Path) -> None:
    """What an LMS download holds: carol's notebook (the exercise with every solution filled
    in), named the LMS way, zipped, in ~/Downloads."""
    notebook = home / "carol-work" / "01_layers.ipynb"
    notebook.parent.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "01_layers" / "01_layers.ipynb", notebook)
    fill_in(notebook, solution_sources(ROOT / "solutions" / "01_layers" / "01_layers.ipynb"))
    (home / "Downloads").mkdir()
    with zipfile.ZipFile(home / "Downloads" / "submissions.zip", "w") as archive:
        archive.write(notebook, "carol_1003_4711_01_layers.ipynb")


#: things a person does between commands (downloading a file), done before the block that
#: contains the given command
BEFORE = {"cp ~/Downloads/submissions.zip downloaded/01_layers/archive/": _lms_download}


class Shell:
    """Runs blocks one after the other; cwd and exported variables carry over."""

    def __init__(self, base: Path, home: Path):
        self.state = base / "shell-state.sh"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("BACKPROP_KIT_", "JUPYTER", "VIRTUAL_ENV", "NBGRADER"))
        }
        env["HOME"] = str(home)
        # as on a machine without the kit's environment: the guide activates it itself
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join(
            p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin
        )
        self.env = env
        self.state.write_text(f"cd {shlex.quote(str(base))}\n")

    def run(self, script: str) -> subprocess.CompletedProcess:
        wrapped = (
            f"source {shlex.quote(str(self.state))}\n"
            "set -eo pipefail\n"
            f"{script}\n"
            f"{{ export -p; printf 'cd %q\\n' \"$PWD\"; }} > {shlex.quote(str(self.state))}\n"
        )
        return subprocess.run(
            ["bash", "-c", wrapped],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=BLOCK_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )


def _runnable(block: Block) -> str:
    lines = []
    for command in commands(block.text):
        if command in ALLOWED:
            continue
        lines.append(SUBSTITUTED.get(command, (command,))[0])
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_following_the_guide_gives_the_documented_results(tmp_path):
    clone, home = tmp_path / "backprop-kit", tmp_path / "home"
    clone.mkdir()
    home.mkdir()
    _copy_working_tree(clone)
    shell = Shell(tmp_path, home)
    found = guide_blocks()
    outputs: dict[int, str] = {}
    for index, block in enumerate(found):
        if block.language == "text":
            output = _normal(outputs[index - 1])
            missing = [
                line
                for line in block.text.splitlines()
                if line.strip() and _normal(line) not in output
            ]
            assert not missing, (
                f"instructor_guide.md line {block.line}: the output of the block above lacks "
                f"{missing}:\n{outputs[index - 1][-4000:]}"
            )
            continue
        if block.language != "bash":
            continue
        for command, prepare in BEFORE.items():
            if command in commands(block.text):
                prepare(home)
        script = _runnable(block)
        if not script:
            continue
        started = time.monotonic()
        run = shell.run(script)
        print(f"line {block.line}: {time.monotonic() - started:.1f} s")
        outputs[index] = run.stdout + run.stderr
        assert run.returncode == 0, (
            f"instructor_guide.md line {block.line}: the block exited {run.returncode}:\n"
            f"{script}\n---\n{(run.stdout + run.stderr)[-4000:]}"
        )
    # nbgrader's working files are git-ignored: only the configuration changed (`.venv` is
    # the test's symlink, which git does not match with `.venv/`; `downloaded/` is zip_collect's)
    status = subprocess.run(
        ["git", "status", "--short"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert set(status) - {"?? .venv", "?? downloaded/"} == {" M nbgrader_config.py"}, status
