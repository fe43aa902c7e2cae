"""Records shaped like `batch.grade_all`'s, built by hand: the class report's test inputs."""

from __future__ import annotations


def check(unit: str, name: str, status: str = "passed", points: float = 3, message: str = ""):
    score = points if status == "passed" else 0
    return {
        "name": name,
        "layer": unit,
        "method": "bp_input",
        "status": status,
        "score": score,
        "max_score": points,
        "message": message,
    }


def record(id_: str, checks: list[dict], status: str = "graded", error: str = "") -> dict:
    score = sum(c["score"] for c in checks) if status != "grader error" else None
    return {
        "id": id_,
        "status": status,
        "score": 0 if status == "unreadable" else score,
        "max_score": 6,
        "checks": checks,
        "assignment": "01_layers",
        "submission": f"/class/{id_}.py",
        "seed": 1,
        "error": error,
    }


BATCH = "wrong values. Likely mistake: off by the batch size (verified: x N gives them)."
SIGN = "wrong values; expected 1, got -1. Likely mistake: sign flipped."


def a_class() -> list[dict]:
    """Five students: right, two off by the batch size, one sign flip, one unreadable."""
    ok = [check("Linear", "bp_input matches torch"), check("ReLU", "bp_input matches torch")]
    return [
        record("alice", ok),
        record("bob", [check("Linear", "bp_input matches torch", "failed", message=BATCH), ok[1]]),
        record(
            "carol", [check("Linear", "bp_input matches torch", "failed", message=BATCH), ok[1]]
        ),
        record("dave", [ok[0], check("ReLU", "bp_input matches torch", "failed", message=SIGN)]),
        record("erin", [], "unreadable", "erin.ipynb is not a readable notebook"),
    ]
