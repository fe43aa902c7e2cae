"""One harness for every assignment's corpus of broken and unusual implementations.

An assignment's tests folder holds ``corpus/broken/*.py`` and ``corpus/unusual/*.py``. Each
entry redefines one unit of a correct submission (appended to it, so ``class Linear(Linear):``
subclasses the correct class) and is named ``<unit_snake>__<what>.py``; its first line is a
one-line docstring, and a broken entry carries ``# expect: <substring>`` (or ``-``) that a
failing message of its unit must contain, and may carry ``# check: <check name>`` lines naming
checks that must fail (where the mistake is not a wrong value of bp_input or bp_param). The
assignment says how to build the correct submission and how to grade one (`Corpus`);
`tests/assignments/test_corpus.py` runs the same tests on every corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder import assignments
from autograder.results import CheckResult

_EXPECT = re.compile(r"^# expect:(.*)$", re.MULTILINE)
_CHECK = re.compile(r"^# check:(.*)$", re.MULTILINE)


def snake(name: str) -> str:
    """A unit's name as corpus files spell it: "SoftmaxCrossEntropyLoss" -> "softmax_cross_
    entropy_loss", "SGD" -> "sgd", "train_step" -> "train_step"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


@dataclass(frozen=True)
class Corpus:
    #: the assignment's name, e.g. "01_layers"
    assignment: str
    #: the folder that holds broken/ and unusual/
    folder: Path
    #: grades `source` (a correct submission with the entry appended) for `unit`: at least
    #: every check of `unit`, with a fixed, printed seed
    grade: Callable[[Path, str, str], list[CheckResult]]
    #: the correct submission's source the entries are appended to
    base: Callable[[], str]
    #: prefixes that name a unit otherwise than `snake` does (e.g. build_grad -> Backprop)
    aliases: tuple[tuple[str, str], ...] = ()
    #: whether each entry must open with a one-line docstring saying what it is, and define
    #: its unit and no other class (helper functions are allowed)
    strict: bool = True

    def entries(self, kind: str) -> list[Path]:
        return sorted((self.folder / kind).glob("*.py"))

    def units(self) -> dict[str, str]:
        """File prefix -> unit name."""
        names = {snake(u.name): u.name for u in assignments.get(self.assignment).units}
        return {**names, **dict(self.aliases)}

    def target(self, entry: Path) -> str:
        return self.units()[entry.stem.split("__", 1)[0]]

    def run(self, tmp_path: Path, entry: Path) -> list[CheckResult]:
        source = self.base() + "\n\n" + entry.read_text(encoding="utf-8")
        return self.grade(tmp_path, source, self.target(entry))


def expectation(entry: Path) -> str | None:
    match = _EXPECT.search(entry.read_text(encoding="utf-8"))
    return match.group(1).strip() if match else None


def checks_named(entry: Path) -> list[str]:
    """The checks a broken entry's ``# check:`` lines say must fail."""
    return [name.strip() for name in _CHECK.findall(entry.read_text(encoding="utf-8"))]
