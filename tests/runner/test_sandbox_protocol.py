"""A class worker's answers are checked before anything reads them: they must carry the id of
the request they answer and have exactly the documented shape. The other end of the pipes is
played by the test (the worker process itself is exercised in test_remote and tests/hostile)."""

from __future__ import annotations

import os
import time

import pytest

from autograder.runner import _wire
from autograder.runner._class_worker import ClassWorker, WorkerDied


@pytest.fixture
def worker():
    req_r, req_w = os.pipe()
    rep_r, rep_w = os.pipe()
    w = ClassWorker(pid=0, to_worker=req_w, from_worker=rep_r)
    yield w, rep_w
    w.close_pipes()
    for fd in (req_r, rep_w):
        os.close(fd)


def ask(w: ClassWorker) -> dict:
    return w.request({"op": "class", "name": "Linear"}, time.monotonic() + 2)


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param({"id": 7, "ok": 1}, id="another request's id"),
        pytest.param({"ok": 1}, id="no id"),
        pytest.param([{"id": 0}], id="not an object"),
        pytest.param({"id": 0}, id="neither ok nor raised"),
        pytest.param({"id": 0, "ok": 1, "raised": ["A", "b", "c"]}, id="both"),
        pytest.param({"id": 0, "raised": [1, 2, 3]}, id="raised not text"),
        pytest.param({"id": 0, "raised": ["ValueError"]}, id="raised too short"),
    ],
)
def test_anything_but_a_well_formed_answer_to_this_request_is_refused(worker, answer):
    w, rep_w = worker
    _wire.write_frame(rep_w, answer)
    with pytest.raises(WorkerDied):
        ask(w)


def test_well_formed_answers_pass(worker):
    w, rep_w = worker
    _wire.write_frame(rep_w, {"id": 0, "ok": None})
    _wire.write_frame(rep_w, {"id": 1, "raised": ["ValueError", "bad", "sub.py, line 3"]})
    assert ask(w) == {"id": 0, "ok": None}
    assert ask(w)["raised"][0] == "ValueError"
