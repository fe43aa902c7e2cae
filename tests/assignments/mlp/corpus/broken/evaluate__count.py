"""evaluate returns the number of correct rows instead of the fraction."""
# expect: number of correct
# ruff: noqa: F821, F841, B905, SIM, UP


def evaluate(network, X, y, batch_size=1000):
    correct = 0
    for start in range(0, len(X), batch_size):
        scores = network(X[start : start + batch_size])
        correct += int(np.sum(np.argmax(scores, axis=1) == y[start : start + batch_size]))
    return correct
