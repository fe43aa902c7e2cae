"""What the class got wrong, and each student's own feedback: the outputs `grade-all` adds.

    write_outputs(out, records, sources, fresh)   after a batch run (`batch.grade_all`)
    report_from_results(out)                      the same from ``out/results`` alone

Writes, each atomically:

- ``out/report.html``: the class report (`page`), self-contained, plots inlined (`plots`);
- ``out/feedback/<id>.md`` and ``.html``: one student's feedback (`feedback`), with where in
  the notebook to look (`locate`);
- ``out/canvas.csv`` and ``out/moodle.csv``: the gradebook shaped for import (`exports`).

A record that cannot be read (a result file edited by hand, cut short, not JSON) is one line
in the report's "could not be read" list and costs only its own outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .exports import canvas_csv, moodle_csv
from .feedback import feedback_html, feedback_markdown
from .locate import class_locations
from .page import class_report_html
from .records import Record, load_results, read_records

__all__ = ["ClassOutputs", "report_from_results", "write_outputs"]


@dataclass(frozen=True)
class ClassOutputs:
    report: Path
    canvas: Path
    moodle: Path
    #: the folder of the feedback files
    feedback: Path
    #: one line per record that could not be read
    problems: tuple[str, ...]


def _write_feedback(folder: Path, record: Record, source: Path | None) -> None:
    from ..atomic import write_atomic

    failed = any(not c.passed for c in record.checks)
    path = source or (Path(record.submission) if record.submission else None)
    locations = class_locations(path, record.assignment) if failed and path else {}
    write_atomic(folder / f"{record.id}.md", feedback_markdown(record, locations))
    write_atomic(folder / f"{record.id}.html", feedback_html(record, locations))


def _write_all(
    out: Path,
    records: list[Record],
    problems: list[str],
    sources: dict[str, Path],
    fresh: set[str] | None,
) -> ClassOutputs:
    from ..atomic import write_atomic

    folder = out / "feedback"
    for r in records:
        # feedback is rewritten for what this run graded, and written where it is missing
        if fresh is None or r.id in fresh or not (folder / f"{r.id}.html").exists():
            _write_feedback(folder, r, sources.get(r.id))
    outputs = ClassOutputs(
        out / "report.html", out / "canvas.csv", out / "moodle.csv", folder, tuple(problems)
    )
    write_atomic(outputs.report, class_report_html(records, problems))
    write_atomic(outputs.canvas, canvas_csv(records))
    write_atomic(outputs.moodle, moodle_csv(records))
    return outputs


def write_outputs(
    out: Path,
    raw: list[dict],
    sources: dict[str, Path] | None = None,
    fresh: set[str] | None = None,
) -> ClassOutputs:
    """The report, exports and feedback of the records `raw` (`batch.grade_all`'s); feedback
    is (re)written for the ids in `fresh` (None: everyone) and wherever it is missing.
    `sources` maps an id to its submission (to find where its classes are defined)."""
    names = [str(r.get("id", "?")) if isinstance(r, dict) else "?" for r in raw]
    records, problems = read_records(raw, names)
    return _write_all(out, records, problems, sources or {}, fresh)


def report_from_results(out: Path) -> ClassOutputs:
    """Everything from ``out/results/*.json`` alone (a result file that is not JSON, or lacks
    a field, is listed in the report and skipped)."""
    records, problems = load_results(out / "results")
    return _write_all(out, records, problems, {}, None)
