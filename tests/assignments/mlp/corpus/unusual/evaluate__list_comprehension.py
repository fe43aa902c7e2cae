"""evaluate with a list comprehension over chunks, predictions concatenated at the end."""
# ruff: noqa: F821, F841, B905, SIM, UP


def evaluate(network, X, y, batch_size=1000):
    chunks = [network(X[i : i + batch_size]).argmax(axis=1) for i in range(0, len(X), batch_size)]
    return float(np.mean(np.concatenate(chunks) == y))
