"""All the class outputs from out/results alone: a corrupt result costs only itself."""

from __future__ import annotations

import json

from autograder.classreport import report_from_results, write_outputs
from tests.classreport._records import a_class


def test_a_corrupt_result_is_listed_and_every_other_output_is_written(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    for r in a_class():
        (results / f"{r['id']}.json").write_text(json.dumps(r))
    (results / "mallory.json").write_text('{"id": "mallory", "checks": [')
    outputs = report_from_results(tmp_path)
    page = outputs.report.read_text()
    assert "mallory.json: skipped, not a readable JSON file" in page
    assert sorted(p.name for p in outputs.feedback.glob("*.md")) == [
        f"{r['id']}.md" for r in a_class()
    ]
    assert len(outputs.canvas.read_text().splitlines()) == 2 + len(a_class())
    assert outputs.problems == (page.split('<ul class="problems"><li>')[1].split("</li>")[0],)


def test_feedback_is_rewritten_only_for_fresh_ids_and_where_it_is_missing(tmp_path):
    write_outputs(tmp_path, a_class())
    bob = tmp_path / "feedback" / "bob.md"
    bob.write_text("stale")
    write_outputs(tmp_path, a_class(), fresh={"alice"})
    assert bob.read_text() == "stale"
    (tmp_path / "feedback" / "carol.html").unlink()
    write_outputs(tmp_path, a_class(), fresh={"bob"})
    assert bob.read_text() != "stale" and (tmp_path / "feedback" / "carol.html").exists()
