"""The class's results, read defensively: what every part of the class report starts from.

    read_records(raw)   -> (records, problems)   dicts from `batch.grade_all` or from disk
    load_results(dir)   -> (records, problems)   every ``<id>.json`` of ``out/results``
    unit_of(check)      the class a check belongs to ("unit", or "layer" in older results)
    mistake_of(message) the phrase after "Likely mistake:", or None

A result file is the record of one student, written by `batch.grade_all`; this module never
trusts its shape. A file that is not JSON, or a record that lacks a field, becomes one
readable line in `problems` and costs only itself: the report is still written for the rest.
Every string is passed through `_text.shown` again (a file edited by hand may hold anything);
markup escaping is the page's and the feedback files' business.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..results import unit_of
from ..text import shown

#: statuses of a record that got a grade; the others ("unreadable", "grader error") did not
GRADED = "graded"
#: what follows "Likely mistake:" (or "Likely mistake, for every one:") up to the end of its
#: sentence or its parenthesised evidence ("(verified: ...)"): the diagnosis, without details
_MISTAKE = re.compile(r"Likely mistake(?:, for every one)?:\s*(.+?)(?:\s\(|\.\s|\.?$|;\s)")


@dataclass(frozen=True)
class Check:
    #: the class it checks (the JSON's "unit", or "layer" before the rename)
    unit: str
    name: str
    #: "passed", "failed", "error" or "timeout"
    status: str
    score: float
    max_score: float
    message: str
    #: graded with hidden values (``--hide-values``): its message never shows values
    hidden: bool

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class Record:
    #: the submission's id (its file or folder name): student-controlled text
    id: str
    #: "graded", "unreadable" or "grader error"
    status: str
    #: None when the grader failed (no score, not even 0)
    score: float | None
    max_score: float
    assignment: str
    checks: tuple[Check, ...]
    #: why it was not graded ("" when it was)
    error: str
    #: the path that was graded
    submission: str

    def units(self) -> list[str]:
        """Class names in rubric order."""
        return list(dict.fromkeys(c.unit for c in self.checks))

    def unit_score(self, unit: str) -> tuple[float, float]:
        checks = [c for c in self.checks if c.unit == unit]
        return sum(c.score for c in checks), sum(c.max_score for c in checks)


def mistake_of(message: str) -> str | None:
    """The diagnosed mistake of a failure message: the phrase after "Likely mistake:"."""
    found = _MISTAKE.search(message)
    if not found:
        return None
    phrase = found.group(1).strip().rstrip(".")
    return phrase or None


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} is not a number (got {shown(repr(value), 60)})")
    return float(value)


def _check(raw: object) -> Check:
    if not isinstance(raw, dict):
        raise ValueError(f"a check is not an object (got {type(raw).__name__})")
    unit = unit_of(raw)
    if not isinstance(unit, str) or not isinstance(raw.get("name"), str):
        raise ValueError("a check has no class or no name")
    return Check(
        unit=shown(unit),
        name=shown(raw["name"]),
        status=shown(raw.get("status", "")),
        score=_number(raw.get("score"), "a check's score"),
        max_score=_number(raw.get("max_score"), "a check's max_score"),
        message=shown(raw.get("message") or ""),
        hidden=bool(raw.get("hidden", False)),
    )


def _record(raw: object) -> Record:
    if not isinstance(raw, dict):
        raise ValueError(f"not a result object (got {type(raw).__name__})")
    if not isinstance(raw.get("id"), str) or not raw["id"]:
        raise ValueError("no submission id")
    checks = raw.get("checks", [])
    if not isinstance(checks, list):
        raise ValueError("its checks are not a list")
    score = raw.get("score")
    return Record(
        id=shown(raw["id"]),
        status=shown(raw.get("status", "")),
        score=None if score is None else _number(score, "score"),
        max_score=_number(raw.get("max_score"), "max_score"),
        assignment=shown(raw.get("assignment") or "?"),
        checks=tuple(_check(c) for c in checks),
        error=shown(raw.get("error") or ""),
        submission=shown(raw.get("submission") or ""),
    )


def read_records(
    raw: list[object], names: list[str] | None = None
) -> tuple[list[Record], list[str]]:
    """The records among `raw` that have the fields the report needs, sorted by id; one line
    per record that does not (`names[i]` says where `raw[i]` came from)."""
    records, problems = [], []
    for i, item in enumerate(raw):
        try:
            records.append(_record(item))
        except ValueError as exc:
            where = names[i] if names else f"result {i + 1}"
            problems.append(f"{shown(where)}: skipped, {exc}")
    return sorted(records, key=lambda r: r.id), problems


def load_results(folder: Path) -> tuple[list[Record], list[str]]:
    """Every ``*.json`` of `folder` (``out/results``); a file that cannot be read or is not
    JSON is one line in `problems`."""
    raw, names, problems = [], [], []
    for path in sorted(folder.glob("*.json")):
        try:
            raw.append(json.loads(path.read_text(encoding="utf-8")))
            names.append(path.name)
        except (OSError, ValueError) as exc:
            problems.append(f"{shown(path.name)}: skipped, not a readable JSON file ({exc})")
    records, more = read_records(raw, names)
    return records, problems + more
