"""minibatches returns a list built with np.array_split on a permutation."""
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    order = generator.permutation(X.shape[0])
    pieces = -(-len(order) // batch_size)
    chunks = [order[i * batch_size : (i + 1) * batch_size] for i in range(pieces)]
    return [(X[c], y[c]) for c in chunks if len(c)]
