"""minibatches shuffles X and y with two different permutations."""
# expect: different permutations
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    rng = np.random.default_rng(rng)
    ox, oy = rng.permutation(len(X)), rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        yield X[ox[start : start + batch_size]], y[oy[start : start + batch_size]]
