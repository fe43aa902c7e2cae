"""Nothing students install earns a point: every class and function of the kit's wheel, graded
as a submission for every unit it could stand in for, imported and pasted, earns 0.

How: the wheel is built as pip builds it for students and unpacked; every top-level class and
function in it is a candidate. A class can stand in for a unit whose graded methods it defines
(or inherits from another class of the kit): `bp_input`/`bp_param` for assignment 1's layers and
losses, `bprop` for assignment 3's operations, `backward` for `Sequential`, `step` for `SGD`.
A function can stand in for a function unit it can be called as (its positional arity):
`minibatches`, `evaluate`, `train_step`, `build_grad`. Each candidate is bound to the unit's
name in an otherwise *correct* submission (the instructor's solution notebook, so the unit is
graded beside working pieces, as it would be for a student who took it), first with the unit's
name cleared, so a failed import leaves nothing behind:

    Linear = None
    from autograder.some.module import Candidate as Linear       # imported
    from kitcopy_autograder_some_module import Candidate as Linear  # pasted: the module's
                                                                  # text in the student's file

and only that unit is graded, in the isolated grader. Imported, it must earn 0 and the message
must say it comes from the kit; pasted (the kit cannot see where it came from), it must earn 0.

Functions are many (every helper with two positional arguments could be a `build_grad`), so
they are screened first, in the sandbox: each is called with two different valid arguments of
its unit (a small graph, a network and a batch, ...; `SCREEN`) under a 2 s alarm. One that
raises (or hangs) on both cannot earn a point as that unit: every check of the unit starts by
calling it on such arguments. The others are graded in full, like the classes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder import assignments
from autograder.grading import run_class
from autograder.loading import load_submission
from autograder.runner import RemoteSession
from tests._kit_wheel import Candidate, absolute_source, candidates, unpack

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

ROOT = Path(__file__).resolve().parents[1]
SEED = 1
#: seconds per check: a candidate that hangs is not an answer
TIMEOUT = 5.0

#: class units: the methods a class needs to earn anything as that unit
_LAYER = ("bp_input", "bp_param")
CLASS_UNITS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # assignment: (unit names, methods any of which makes a class a candidate)
    "01_layers": (tuple(u.name for u in assignments.get("01_layers").units), _LAYER),
    "03_graph": (
        tuple(u.name for u in assignments.get("03_graph").units if u.name != "Backprop"),
        ("bprop",),
    ),
    "04_norm": (tuple(u.name for u in assignments.get("04_norm").units), _LAYER),
    "05_conv": (tuple(u.name for u in assignments.get("05_conv").units), _LAYER),
}
TWO_CLASS_UNITS = {"Sequential": ("backward",), "SGD": ("step",)}
#: function units: (assignment, positional arguments it is called with, unit graded)
FUNCTION_UNITS = {
    "minibatches": ("02_mlp", 4, "minibatches"),
    "evaluate": ("02_mlp", 3, "evaluate"),
    "train_step": ("02_mlp", 5, "train_step"),
    "build_grad": ("03_graph", 2, "Backprop"),
}


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> tuple[Path, list[Candidate]]:
    _, tree = unpack(tmp_path_factory.mktemp("wheel"))
    return tree, candidates(tree)


#: valid arguments of each function unit, built in the sandbox from the solution's classes
SCREEN = {
    "build_grad": """
def _screen_args():
    out = []
    for shape in ((2, 3), (4,)):
        x = Variable(np.full(shape, 0.5), "x")
        out.append((Sum()(Multiply()(x, Exp()(x))), [x]))
    return out
""",
    "minibatches": """
def _screen_args():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    return [(X, y, 3, np.random.default_rng(0)), (X[:4], y[:4], 4, 1)]
""",
    "evaluate": """
def _screen_args():
    net = Sequential([Linear(2, 3)])
    ones, zeros = np.ones(1, dtype=int), np.zeros(5, dtype=int)
    return [(net, np.ones((5, 2)), zeros), (net, np.ones((1, 2)), ones)]
""",
    "train_step": """
def _screen_args():
    out = []
    for n in (4, 1):
        net = Sequential([Linear(2, 3), ReLU(), Linear(3, 2)])
        Y = np.eye(2)[np.zeros(n, dtype=int)]
        out.append((net, SoftmaxCrossEntropyLoss(), SGD(net, 0.1), np.ones((n, 2)), Y))
    return out
""",
}
SCREEN_CALL = """
def _screen(names):
    # each candidate in its own fork: one that damages its process cannot hide another
    import itertools, os, signal

    def _try(fn):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a hang dies of the alarm
        for args in _screen_args():
            signal.alarm(2)
            try:
                out = fn(*args)
                if hasattr(out, "__next__"):
                    list(itertools.islice(out, 3))
                return True
            except BaseException:
                pass
            finally:
                signal.alarm(0)
        return False

    alive = []
    for name in names:
        if name not in globals():  # the sandbox cannot import it (nor a pasted copy)
            continue
        pid = os.fork()
        if pid == 0:
            os.setsid()
            os._exit(0 if _try(globals()[name]) else 3)
        _, status = os.waitpid(pid, 0)
        # anything but "raised on every argument" is graded in full
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3):
            alive.append(name)
    return alive
"""


def screen(tmp: Path, assignment: str, unit: str, found: list[Candidate]) -> list[Candidate]:
    """The candidates that run on valid arguments of `unit` (see the module docstring)."""
    from autograder.loading import Snippet

    folder = tmp / f"screen-{unit}"
    notebook = _submission(folder, Path(), assignment, {}, pasted=False)
    aliases = {f"_cand_{k}": c for k, c in enumerate(found)}
    imports = "\n".join(
        f"try:\n    from {c.module} import {c.name} as {a}\nexcept BaseException:\n    pass"
        for a, c in aliases.items()
    )
    with RemoteSession(load_submission(notebook)) as session:
        session.add_definitions(Snippet("screen", imports + SCREEN[unit] + SCREEN_CALL))
        alive = _screen_chunk(session, list(aliases))
    return [aliases[a] for a in alive]


def _screen_chunk(session: RemoteSession, names: list[str]) -> list[str]:
    """Screen `names`; a candidate that kills the screening process itself (by user id or by
    process group) is found by halving and kept for full grading."""
    from autograder.errors import SubmissionError

    session.start_check(120)
    session.class_problem(f"_screen_{len(names)}_{names[0] if names else ''}")  # a fresh fork
    try:
        return list(session.call_function("_screen", names))
    except SubmissionError:
        if len(names) == 1:
            return names
        half = len(names) // 2
        return _screen_chunk(session, names[:half]) + _screen_chunk(session, names[half:])


def plan(found: list[Candidate]) -> dict[str, dict[str, list[Candidate]]]:
    """{assignment: {bound name: [candidates]}}."""
    classes = [c for c in found if c.kind == "class"]
    functions = [c for c in found if c.kind == "function"]
    out: dict[str, dict[str, list[Candidate]]] = {a: {} for a in assignments.names()}
    for assignment, (units, needs) in CLASS_UNITS.items():
        able = [c for c in classes if c.methods & set(needs)]
        for unit in units:
            out[assignment][unit] = able
    for unit, needs in TWO_CLASS_UNITS.items():
        out["02_mlp"][unit] = [c for c in classes if c.methods & set(needs)]
    for name, (assignment, n, _) in FUNCTION_UNITS.items():
        out[assignment][name] = [c for c in functions if c.accepts(n)]
    return out


def _graded_unit(assignment: str, bound: str) -> str:
    for name, (a, _, unit) in FUNCTION_UNITS.items():
        if name == bound and a == assignment:
            return unit
    return bound


def _submission(
    folder: Path, tree: Path, assignment: str, bindings: dict[str, Candidate], pasted: bool
) -> Path:
    source = ROOT / "solutions" / assignment
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    notebook = folder / f"{assignment}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    lines = []
    for bound, c in bindings.items():
        module = c.module
        if pasted:
            module = "kitcopy_" + c.module.replace(".", "_")
            (folder / f"{module}.py").write_text(absolute_source(tree, c.module))
        lines += [f"{bound} = None", f"from {module} import {c.name} as {bound}"]
    nb.cells.append(nbformat.v4.new_code_cell("\n".join(lines)))
    nbformat.write(nb, notebook)
    return notebook


def _rounds(units: dict[str, list[Candidate]]) -> Iterator[dict[str, Candidate]]:
    """Round k binds every unit to its k-th candidate (units with fewer are left out)."""
    for k in range(max((len(v) for v in units.values()), default=0)):
        yield {u: cs[k] for u, cs in units.items() if k < len(cs)}


def _grade(path: Path, assignment: str, bindings: dict[str, Candidate]) -> list[tuple]:
    """[(bound name, candidate, points, messages)] of one submission."""
    out = []
    with RemoteSession(load_submission(path)) as session:
        for bound, c in bindings.items():
            unit = assignments.get(assignment).unit(_graded_unit(assignment, bound))
            results = run_class(session, unit, SEED, timeout=TIMEOUT)
            out.append((bound, c, sum(r.score for r in results), [r.message for r in results]))
    return out


def _screened(tmp: Path, found: list[Candidate]) -> dict[str, dict[str, list[Candidate]]]:
    planned = plan(found)
    for name, (assignment, _, _) in FUNCTION_UNITS.items():
        planned[assignment][name] = screen(tmp, assignment, name, planned[assignment][name])
    return planned


def _run(tmp: Path, tree: Path, found: list[Candidate], pasted: bool) -> list[tuple]:
    jobs = []
    for assignment, units in _screened(tmp, found).items():
        for k, bindings in enumerate(_rounds(units)):
            folder = tmp / f"{assignment}-{'pasted' if pasted else 'imported'}-{k}"
            jobs.append(
                (_submission(folder, tree, assignment, bindings, pasted), assignment, bindings)
            )
    with ThreadPoolExecutor(2) as pool:
        graded = list(pool.map(lambda job: _grade(*job), jobs))
    return [row for rows in graded for row in rows]


def test_the_wheel_holds_the_package_only(kit):
    tree, found = kit
    top = {p.name for p in tree.iterdir()}
    assert {t for t in top if not t.endswith(".dist-info")} == {"autograder"}
    assert not list(tree.rglob("*.ipynb"))
    assert len(found) > 100  # the enumeration sees the whole package


@pytest.mark.parametrize("pasted", [False, True], ids=["imported", "pasted"])
def test_no_class_or_function_of_the_kit_earns_a_point(kit, tmp_path, pasted):
    tree, found = kit
    rows = _run(tmp_path, tree, found, pasted)
    print(f"{len(rows)} (unit, candidate) gradings, {'pasted' if pasted else 'imported'}")
    earned = [(b, f"{c.module}.{c.name}", p) for b, c, p, _ in rows if p > 0]
    assert earned == []
    if not pasted:
        silent = [
            (b, f"{c.module}.{c.name}", msgs[0])
            for b, c, _, msgs in rows
            if c.kind == "class"
            and not any("comes from the kit" in m for m in msgs)
            and not any("is not defined" in m or "not a class" in m for m in msgs)
        ]
        assert silent == []


def test_a_unit_taken_from_the_kit_earns_0_and_says_why(tmp_path):
    """Whether the kit's module is importable while grading (the notebook API's stand-in) or not
    (everything else): 0 points, and a message that says the unit comes from the kit."""
    from autograder.config import GradeConfig
    from autograder.grading import grade

    path = tmp_path / "01_layers.py"
    path.write_text(
        "from autograder.notebook import check as Linear\n"
        "from autograder.toolkit import Ctx as ReLU\n"
        "from autograder.toolkit.spec import Spec as Sigmoid\n"
    )
    result = grade(path, GradeConfig(seed=SEED))
    for unit in ("Linear", "ReLU", "Sigmoid"):
        (check,) = result.for_unit(unit)
        assert check.score == 0
        assert "from the kit" in check.message and f"write {unit} yourself" in check.message
