"""`minibatches(X, y, batch_size, rng)`: one shuffled epoch, every row exactly once.

The rows of X carry their index in column 0, so the grader can tell which rows came back.
N is never a multiple of the batch size, so a dropped last batch shows. X and y are passed
read-only (shuffling them in place fails), and an int seed stands for `rng` (the contract
says to start with ``np.random.default_rng(rng)``, which accepts a Generator or a seed).

- every row once: the epoch is a permutation of the rows (nothing dropped, nothing repeated).
- batch sizes: all `batch_size`, the last one the remainder.
- pairs: y_batch[i] belongs to X_batch[i] (1-D labels and one-hot rows).
- shuffled: not in the original order, the same order for the same seed (drawn from `rng`
  only, never from the global np.random), a different order for another seed.
"""

from __future__ import annotations

import numpy as np

from ...errors import BadReturn, CheckFailed, StudentException
from ...toolkit.compare import as_array
from ...toolkit.drive import Ctx
from ._common import explain_write, start

WHERE = "minibatches"


def _data(ctx: Ctx, n: int, one_hot: bool = False) -> tuple[np.ndarray, np.ndarray]:
    X = ctx.rng.standard_normal((n, 3))
    X[:, 0] = np.arange(n)
    labels = ctx.rng.integers(0, 10, size=n)
    y = np.eye(10)[labels] if one_hot else labels.astype(np.int64)
    return X, y


def _epoch(ctx: Ctx, X, y, batch_size: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    call = f"{WHERE}(X, y, batch_size={batch_size}, rng={seed})"
    try:
        items = ctx.session.call_function(
            WHERE, X, y, batch_size, seed, readonly=True, collect=True
        )
    except StudentException as exc:
        if exc.exc_type == "AttributeError" and "'int' object" in exc.detail:
            raise CheckFailed(
                f"{exc}. Likely mistake: rng may be an int seed; start with "
                "rng = np.random.default_rng(rng), which accepts a seed or a Generator"
            ) from None
        raise explain_write(exc, "X or y (shuffle an index array, then take X[index])") from None
    if not isinstance(items, list):
        raise BadReturn(f"{call} returned a {type(items).__name__}, expected an iterator")
    batches = []
    for i, item in enumerate(items):
        if not isinstance(item, list) or len(item) != 2:
            raise BadReturn(f"{call}: item {i} is not an (X_batch, y_batch) pair")
        xb = as_array(item[0], f"{call}: X_batch {i}")
        yb = as_array(item[1], f"{call}: y_batch {i}")
        if xb.ndim != 2 or xb.shape[1] != X.shape[1] or len(yb) != len(xb):
            raise CheckFailed(
                f"{call}: batch {i} has X_batch of shape {xb.shape} and y_batch of shape "
                f"{yb.shape}; expected (B, {X.shape[1]}) rows of X and B labels"
            )
        batches.append((xb, yb))
    if not batches:
        raise CheckFailed(f"{call} yielded nothing")
    return batches


def _ids(batches) -> np.ndarray:
    return np.concatenate([xb[:, 0] for xb, _ in batches]).round().astype(np.int64)


def _case(ctx: Ctx) -> tuple[int, int]:
    batch_size = int(ctx.rng.integers(5, 12))
    n = batch_size * int(ctx.rng.integers(4, 9)) + int(ctx.rng.integers(1, batch_size))
    return n, batch_size


def check_every_row_once(ctx: Ctx) -> None:
    start(ctx)
    n, batch_size = _case(ctx)
    X, y = _data(ctx, n)
    batches = _epoch(ctx, X, y, batch_size, int(ctx.rng.integers(2**31)))
    ids = _ids(batches)
    call = f"{WHERE}(X, y, batch_size={batch_size}, rng=...) on N = {n} rows"
    counts = np.bincount(ids[(ids >= 0) & (ids < n)], minlength=n)
    missing, repeated = int(np.sum(counts == 0)), int(np.sum(counts > 1))
    if missing == n % batch_size and not repeated and len(ids) == n - missing:
        raise CheckFailed(
            f"{call} left out {missing} rows. Likely mistake: dropped the last, smaller batch "
            f"(N = {n} is not a multiple of {batch_size}; the last batch holds the rest)"
        )
    if repeated:
        raise CheckFailed(
            f"{call} returned {repeated} rows more than once and left out "
            f"{missing}. {_repeats(batches, ids, n, batch_size)}"
        )
    if missing or len(ids) != n:
        raise CheckFailed(f"{call} returned {len(ids)} rows and left out {missing} of {n}")
    whole = np.concatenate([xb for xb, _ in batches])
    if not np.array_equal(whole, X[ids]):
        raise CheckFailed(f"{call}: the rows of X_batch are not rows of X (changed values?)")


def _topped_up(ids: np.ndarray, n: int, batch_size: int) -> str | None:
    """How the last batch was filled up to `batch_size` with rows used earlier in the epoch,
    when that is exactly what happened (the first N rows one permutation, then repeats)."""
    extra = ids[n:]
    if len(ids) != n + (-n % batch_size) or not len(extra):
        return None
    if not np.array_equal(np.sort(ids[:n]), np.arange(n)):
        return None
    whence = (
        "the first rows of the epoch"
        if np.array_equal(extra, ids[: len(extra)])
        else "rows already used earlier in the epoch"
    )
    return (
        f"the last batch was topped up to batch_size = {batch_size} with {len(extra)} of "
        f"{whence}; it must hold only the N % batch_size = {n % batch_size} rows left over"
    )


def _repeats(batches, ids: np.ndarray, n: int, batch_size: int) -> str:
    """The likely mistake behind rows returned twice, named only when the batches show it."""
    topped = _topped_up(ids, n, batch_size)
    if topped:
        return f"Likely mistake: {topped}."
    rows = [xb[:, 0].round().astype(np.int64) for xb, _ in batches]
    overlap = [
        i
        for i in range(len(rows) - 1)
        if len(rows[i]) and len(rows[i + 1]) and rows[i][-1] == rows[i + 1][0]
    ]
    if overlap:
        return (
            f"Batch {overlap[0]} ends with the row batch {overlap[0] + 1} starts with: "
            "consecutive slices overlap (order[s : s + batch_size] with s advancing by "
            "batch_size)."
        )
    within = [i for i, r in enumerate(rows) if len(np.unique(r)) < len(r)]
    if within or len(ids) == n:
        where = f" (batch {within[0]} holds a row twice)" if within else ""
        return (
            f"Likely mistake: drew indices with replacement{where} (rng.integers / "
            "rng.choice); use one permutation of the rows per epoch (rng.permutation(N))."
        )
    return "Every row must come exactly once per epoch (one permutation, cut into slices)."


def check_batch_sizes(ctx: Ctx) -> None:
    start(ctx)
    n, batch_size = _case(ctx)
    X, y = _data(ctx, n)
    batches = _epoch(ctx, X, y, batch_size, int(ctx.rng.integers(2**31)))
    sizes = [len(xb) for xb, _ in batches]
    expected = [batch_size] * (n // batch_size) + [n % batch_size]
    if sizes != expected:
        topped = _topped_up(_ids(batches), n, batch_size)
        raise CheckFailed(
            f"{WHERE}(X, y, batch_size={batch_size}, rng=...) on N = {n} rows gave batches of "
            f"sizes {sizes}, expected {expected} (consecutive slices of one permutation, the "
            "last one the remainder)" + (f". Likely mistake: {topped}" if topped else "")
        )


def check_pairs(ctx: Ctx) -> None:
    start(ctx)
    for one_hot in (False, True):
        n, batch_size = _case(ctx)
        X, y = _data(ctx, n, one_hot=one_hot)
        batches = _epoch(ctx, X, y, batch_size, int(ctx.rng.integers(2**31)))
        for i, (xb, yb) in enumerate(batches):
            rows = xb[:, 0].round().astype(np.int64)
            if np.any((rows < 0) | (rows >= n)) or not np.array_equal(yb, y[rows]):
                kind = "one-hot rows" if one_hot else "labels"
                raise CheckFailed(
                    f"{WHERE} with y of shape {y.shape} ({kind}): in batch {i}, y_batch does not "
                    "belong to X_batch row by row. Likely mistake: X and y shuffled with "
                    "different permutations (draw one index array and use it for both)"
                )


def _order(ctx: Ctx, X, y, batch_size: int, seed: int) -> np.ndarray:
    return _ids(_epoch(ctx, X, y, batch_size, seed))


def check_shuffled(ctx: Ctx) -> None:
    start(ctx)
    n, batch_size = _case(ctx)
    X, y = _data(ctx, n)
    seed = int(ctx.rng.integers(2**31))
    first, again = _order(ctx, X, y, batch_size, seed), _order(ctx, X, y, batch_size, seed)
    other = _order(ctx, X, y, batch_size, seed + 1)
    call = f"{WHERE}(X, y, batch_size={batch_size}, rng=...)"
    if np.array_equal(first, np.arange(len(first))):
        raise CheckFailed(f"{call} kept the rows in their original order: shuffle them")
    if not np.array_equal(first, again):
        raise CheckFailed(
            f"{call} gave two different orders for the same seed. Likely mistake: shuffled with "
            "the global np.random (np.random.permutation) instead of the rng argument "
            "(rng = np.random.default_rng(rng); rng.permutation(N))"
        )
    if np.array_equal(first, other):
        raise CheckFailed(
            f"{call} gave the same order for the seeds {seed} and {seed + 1}: the shuffle must "
            "come from the rng argument"
        )
