"""minibatches never shuffles."""
# expect: original order
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    for start in range(0, len(X), batch_size):
        yield X[start : start + batch_size], y[start : start + batch_size]
