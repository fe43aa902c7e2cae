"""The grader itself stays bounded whatever the submission returns (issue 16).

Peak memory is the grader process's own (``ru_maxrss`` of a fresh Python that grades one
submission), so the worker's allocations do not count; what counts is what the grader
accepts from it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE, ROOT
from tests.hostile._support import SEED, parts

#: what a refused 500 MB answer may add to the grader's peak (it is refused from its header;
#: an honest answer up to `_class_worker.ANSWER_FLOOR`, 64 MiB, is still read)
EXTRA_MIB = 100
#: the JSON report of a submission whose every ReLU message quotes a 2 MB class name
MAX_REPORT = 400_000

_MEASURE = """
import json, resource, sys
from autograder.config import GradeConfig
from autograder.grading import grade
from autograder.reporters import render_table, to_json
result = grade(sys.argv[1], GradeConfig(seed=int(sys.argv[2]), memory_mb=2048))
print(json.dumps({
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "json": len(to_json(result)), "table": len(render_table(result)),
    "messages": {c.unit: c.message for c in result.checks if not c.passed},
}))
"""


def _measure(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), str(SEED)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_huge_answer_and_a_huge_class_name_keep_the_grader_bounded(tmp_path):
    hostile = tmp_path / "hostile.py"
    hostile.write_text(
        REFERENCE.read_text() + "\n\n" + parts("huge_answer")[1] + "\n\n" + parts("huge_name")[1]
    )
    honest, measured = _measure(REFERENCE), _measure(hostile)
    print(f"grader peak: honest {honest['peak_mib']:.0f} MiB, hostile {measured['peak_mib']:.0f}")
    assert measured["peak_mib"] < honest["peak_mib"] + EXTRA_MIB
    assert "more than the 67108864 this request allows" in measured["messages"]["Tanh"]
    assert measured["json"] < MAX_REPORT and measured["table"] < MAX_REPORT / 4
    assert measured["messages"]["ReLU"].endswith("characters cut)")
