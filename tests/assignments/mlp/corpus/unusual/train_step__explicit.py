"""train_step with every intermediate named and the upstream gradient passed explicitly."""
# ruff: noqa: F821, F841, B905, SIM, UP


def train_step(network, loss, optimizer, X, Y):
    scores = network(X)
    value = float(loss(scores, Y))
    upstream = loss.bp_input(1.0)
    _ = network.backward(upstream)
    optimizer.step()
    return value
