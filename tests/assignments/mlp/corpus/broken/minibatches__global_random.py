"""minibatches shuffles with the global np.random instead of rng."""
# expect: global np.random
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    order = np.random.permutation(len(X))
    for start in range(0, len(X), batch_size):
        index = order[start : start + batch_size]
        yield X[index], y[index]
