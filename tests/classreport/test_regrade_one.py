"""grade-all's class outputs on a real run, and `--only ID`: one student graded again, their
result, feedback, gradebook row, exports and the class report rewritten, nobody else's."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from autograder import batch
from autograder.config import BatchConfig, GradeConfig
from autograder.errors import SubmissionUnreadable
from tests.test_batch import POINTS, _classes
from tests.test_progress import BAR_MARKS

pytestmark = pytest.mark.timeout(240)


def scores(out) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO((out / "gradebook.csv").read_text()))
    return {r["id"]: r["score"] for r in rows}


def test_outputs_of_a_run_and_regrading_one_student(tmp_path):
    header, blocks = _classes()
    folder, out = tmp_path / "class", tmp_path / "grades"
    folder.mkdir()
    (folder / "ann.py").write_text(header + "\n" + blocks["ReLU"])
    wrong = blocks["Tanh"].replace("(1 - ", "(2 - ")  # no longer the derivative
    assert wrong != blocks["Tanh"]
    (folder / "ben.py").write_text(header + "\n" + wrong)
    batch.grade_all(folder, out, GradeConfig(seed=5), jobs=1)
    assert scores(out)["ann"] == str(POINTS["ReLU"]) and scores(out)["ben"] != str(POINTS["Tanh"])
    ben_md = (out / "feedback" / "ben.md").read_text()
    assert "### Tanh" in ben_md and "Where to look: ben.py, line " in ben_md
    assert '<img src="data:image/png;base64,' in (out / "report.html").read_text()
    assert "ben" in (out / "canvas.csv").read_text() and "ben" in (out / "moodle.csv").read_text()
    ann_result = (out / "results" / "ann.json").stat().st_mtime_ns
    ann_feedback = (out / "feedback" / "ann.html").stat().st_mtime_ns

    (folder / "ben.py").write_text(header + "\n" + blocks["Tanh"])  # fixed
    # the CLI only parses: it hands --only to grade_all
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "grade-all", str(folder), "--out", str(out)]
        + ["--only", "ben"],
        capture_output=True,
        text=True,
        timeout=200,
    )
    assert done.returncode == 0, done.stderr
    assert [m for m in BAR_MARKS if m in done.stderr] == []  # not a terminal: plain lines
    assert "[2/2] ben  11/100" in done.stderr  # both students have a result now
    assert scores(out) == {"ann": str(POINTS["ReLU"]), "ben": str(POINTS["Tanh"])}
    assert json.loads((out / "results" / "ben.json").read_text())["score"] == POINTS["Tanh"]
    assert "### Tanh" not in (out / "feedback" / "ben.md").read_text()  # nothing to fix there
    assert f"ben,,,ben,,{POINTS['Tanh']}" in (out / "canvas.csv").read_text()
    assert "sign flipped" not in (out / "report.html").read_text()
    assert (out / "results" / "ann.json").stat().st_mtime_ns == ann_result
    assert (out / "feedback" / "ann.html").stat().st_mtime_ns == ann_feedback


def test_only_an_unknown_id_is_one_readable_line(tmp_path):
    (tmp_path / "class").mkdir()
    with pytest.raises(SubmissionUnreadable, match="no submission with id 'nobody'"):
        batch.grade_all(
            tmp_path / "class",
            tmp_path / "out",
            GradeConfig(seed=1),
            run=BatchConfig(only="nobody"),
        )
