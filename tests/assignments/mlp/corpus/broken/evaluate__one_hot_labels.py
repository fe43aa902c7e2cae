"""evaluate takes y as one-hot rows (y.argmax(axis=1)), an AxisError on integer labels."""
# expect: integer labels
# ruff: noqa: F821, F841, B905, SIM, UP


def evaluate(network, X, y, batch_size=1000):
    correct = 0
    for s in range(0, len(X), batch_size):
        scores = network(X[s : s + batch_size])
        correct += int(np.sum(scores.argmax(axis=1) == y[s : s + batch_size].argmax(axis=1)))
    return correct / len(X)
