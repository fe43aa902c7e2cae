"""train_step starts the backward pass from ones instead of the loss gradient."""
# expect: ones instead of loss.bp_input
# ruff: noqa: F821, F841, B905, SIM, UP


def train_step(network, loss, optimizer, X, Y):
    out = network(X)
    value = loss(out, Y)
    network.backward(np.ones_like(out))
    optimizer.step()
    return value
