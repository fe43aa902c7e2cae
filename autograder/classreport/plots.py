"""The class report's plots, as PNG bytes (matplotlib, Agg backend, no pyplot).

    score_distribution(records)   one histogram of total scores per assignment
    class_distribution(records)   one histogram per graded class: the share of its points
    failures_per_check(records)   per check, how many submissions did not pass it

Figures are built with `matplotlib.figure.Figure` and drawn by the Agg canvas directly: no
pyplot, so no global figure state, no GUI backend and nothing left open between reports.
Labels are rubric names (class and check names), but they are rendered with mathtext off all
the same: a ``$`` in a name never reaches the TeX parser.
"""

from __future__ import annotations

import io
from collections import Counter

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .records import GRADED, Record

#: histogram bins over 0..100 % of the points
_BINS = [i * 10 for i in range(11)]
_DPI = 100


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def _plain(text: str) -> str:
    """Text drawn as is: matplotlib reads ``$...$`` as mathtext."""
    return text.replace("$", r"\$")


def _grid(n: int, cols: int = 3) -> tuple[int, int]:
    cols = min(cols, max(n, 1))
    return (max(n, 1) + cols - 1) // cols, cols


def score_distribution(records: list[Record]) -> bytes:
    """Total score as a percentage of the assignment's points, one panel per assignment; a
    submission without a score (the grader failed) is left out."""
    by_assignment: dict[str, list[float]] = {}
    for r in records:
        if r.score is not None and r.max_score > 0:
            by_assignment.setdefault(r.assignment, []).append(100 * r.score / r.max_score)
    rows, cols = _grid(len(by_assignment), cols=2)
    fig = Figure(figsize=(5 * cols, 3.2 * rows), layout="constrained")
    for i, (name, scores) in enumerate(sorted(by_assignment.items()) or [("no scores", [])]):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.hist(scores, bins=_BINS, color="#4c72b0", edgecolor="white")
        ax.set_title(_plain(f"{name}: {len(scores)} submissions"), fontsize=10)
        ax.set_xlabel("score (% of the points)")
        ax.set_ylabel("submissions")
        ax.set_xlim(0, 100)
    return _png(fig)


def class_distribution(records: list[Record]) -> bytes:
    """For each graded class, the share of its points each graded submission earned."""
    shares: dict[str, list[float]] = {}
    for r in records:
        if r.status != GRADED:
            continue
        for unit in r.units():
            earned, total = r.unit_score(unit)
            if total > 0:
                shares.setdefault(unit, []).append(100 * earned / total)
    rows, cols = _grid(len(shares))
    fig = Figure(figsize=(4 * cols, 2.8 * rows), layout="constrained")
    for i, (unit, values) in enumerate(shares.items() or [("no graded class", [])]):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.hist(values, bins=_BINS, color="#55a868", edgecolor="white")
        ax.set_title(_plain(unit), fontsize=10)
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of the class's points")
    return _png(fig)


def failure_counts(records: list[Record]) -> Counter[tuple[str, str]]:
    """(class, check) -> submissions that did not pass it (failed, raised or timed out)."""
    counts: Counter[tuple[str, str]] = Counter()
    for r in records:
        for c in r.checks:
            counts[(c.unit, c.name)] += not c.passed
    return counts


def failures_per_check(records: list[Record]) -> bytes:
    """A horizontal bar per check (rubric order), its length the submissions it failed."""
    counts = failure_counts(records)
    labels = [_plain(f"{unit}: {name}") for unit, name in counts] or ["no checks"]
    values = list(counts.values()) or [0]
    fig = Figure(figsize=(9, 1.2 + 0.22 * len(labels)), layout="constrained")
    ax = fig.add_subplot()
    positions = range(len(labels))
    ax.barh(positions, values, color="#c44e52")
    ax.set_yticks(list(positions), labels=labels, fontsize=7)
    ax.invert_yaxis()  # rubric order, top to bottom
    ax.set_xlabel("submissions that did not pass")
    return _png(fig)
