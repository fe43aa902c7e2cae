"""minibatches draws every batch's rows with replacement."""
# expect: with replacement
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    rng = np.random.default_rng(rng)
    for start in range(0, len(X), batch_size):
        index = rng.integers(0, len(X), size=min(batch_size, len(X) - start))
        yield X[index], y[index]
