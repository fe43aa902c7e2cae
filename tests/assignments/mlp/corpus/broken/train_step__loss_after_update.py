"""train_step returns the loss after the update."""
# expect: after the update
# ruff: noqa: F821, F841, B905, SIM, UP


def train_step(network, loss, optimizer, X, Y):
    loss(network(X), Y)
    network.backward(loss.bp_input())
    optimizer.step()
    return loss(network(X), Y)
