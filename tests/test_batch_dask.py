"""grade-all on a Dask cluster (a local one: two worker processes, one thread each): the same
gradebook as on one machine, and a run killed half-way is resumed by grading what is missing."""

from __future__ import annotations

import pytest

from autograder import _batch_dask, batch
from autograder.config import BatchConfig, GradeConfig
from autograder.errors import SubmissionUnreadable
from tests.test_batch import make_class, records

distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


class Killed(KeyboardInterrupt):
    pass


def test_a_dask_run_gives_the_gradebook_of_one_machine_and_resumes_after_a_kill(
    tmp_path, scheduler
):
    folder = tmp_path / "class"
    folder.mkdir()
    make_class(folder, 4)
    (folder / "broken.ipynb").write_text("{not json")
    here, there = tmp_path / "one-machine", tmp_path / "cluster"
    batch.grade_all(folder, here, GradeConfig(seed=7), jobs=1)

    def kill_after_two(done: int, total: int, record: dict) -> None:
        if done == 2:
            raise Killed  # the client dies here: two results written, the rest in flight

    dask = BatchConfig(scheduler=scheduler)
    with pytest.raises(Killed):
        batch.grade_all(folder, there, GradeConfig(seed=7), progress=kill_after_two, run=dask)
    assert len(records(there)) == 2
    resumed = batch.grade_all(folder, there, GradeConfig(seed=7), run=dask)
    assert (resumed.graded, resumed.skipped) == (3, 2)
    assert (there / "gradebook.csv").read_text() == (here / "gradebook.csv").read_text()
    assert (there / "canvas.csv").read_text() == (here / "canvas.csv").read_text()
    ids = sorted(p.name for p in (there / "feedback").iterdir())
    assert ids == sorted(p.name for p in (here / "feedback").iterdir())
    for record in records(there).values():  # signed by the client: a rerun grades nothing
        assert record["signature"]
    assert batch.grade_all(folder, there, GradeConfig(seed=7), run=dask).graded == 0


def test_an_unreachable_scheduler_is_one_readable_line(tmp_path, monkeypatch):
    monkeypatch.setattr(_batch_dask, "CONNECT_TIMEOUT", "2s")  # nothing listens on port 9
    folder = tmp_path / "class"
    folder.mkdir()
    make_class(folder, 1)
    unreachable = BatchConfig(scheduler="tcp://127.0.0.1:9")
    with pytest.raises(SubmissionUnreadable, match="cannot reach the Dask scheduler"):
        batch.grade_all(folder, tmp_path / "out", GradeConfig(seed=1), run=unreachable)
