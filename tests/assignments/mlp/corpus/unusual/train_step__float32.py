"""train_step that hands the network float32 copies of the batch."""
# ruff: noqa: F821, F841, B905, SIM, UP


def train_step(network, loss, optimizer, X, Y):
    X, Y = np.asarray(X, dtype=np.float32).copy(), np.asarray(Y, dtype=np.float32).copy()
    value = float(loss(network(X), Y))
    network.backward(loss.bp_input(1.0))
    optimizer.step()
    return value
