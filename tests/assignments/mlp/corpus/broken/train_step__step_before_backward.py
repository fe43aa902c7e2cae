"""train_step updates before back-propagating: each update uses the previous step's gradients."""
# expect: before network.backward
# ruff: noqa: F821, F841, B905, SIM, UP


def train_step(network, loss, optimizer, X, Y):
    value = loss(network(X), Y)
    optimizer.step()
    network.backward(loss.bp_input())
    return value
