"""The student-facing contract of assignment 2 (02_mlp), in one place.

Students compose assignment 1's layers -- their own, pasted into the notebook, or the
instructor's, ``from layers import Linear, ReLU, SoftmaxCrossEntropyLoss`` when the instructor
released ``layers.py`` (`release.py`) -- into a network, back-propagate through it, update its
parameters and train it on MNIST. The grader relies on exactly this:

``Sequential(layers)`` -- a network; ``layers`` is a list of layers (assignment 1's contract).

- ``network.layers``: that list, in order.
- ``network(X) -> Y``: X through every layer in order, each output the next one's input.
- ``network.backward(grad) -> dX``: ``grad`` is dL/dY of the most recent forward call. Walks
  the layers in *reverse* order, giving each layer the gradient at its output: ``bp_param``
  for its parameters, ``bp_input`` for the gradient passed to the layer before it. Returns
  dL/dX (the shape of X) and stores the parameter gradients in ``grads``.
- ``network.grads``: after ``backward``, a list with one dict per layer, in the order of
  ``layers``: that layer's ``bp_param`` result (``{}`` for layers without parameters), from
  the latest ``backward`` only (replaced, never accumulated).

``SGD(network, lr, momentum=0.0)`` -- an optimiser for ``network.layers``.

- ``optimizer.step() -> None``: for layer ``i`` and every ``name, g`` in
  ``network.grads[i]`` (read at every step): ``v = momentum * v + g`` (``v`` is that
  parameter's velocity, zero before this optimiser's first step), then
  ``layer.<name> = layer.<name> - lr * v``. With ``momentum = 0``: ``param - lr * g``.
  (torch.optim.SGD without dampening or Nesterov.) The velocity lives as long as the
  optimiser, one per parameter of each layer; ``lr`` and ``momentum`` stay fixed (a course
  lowers the learning rate by building a new SGD, which starts with zero velocity).

``minibatches(X, y, batch_size, rng)`` -- an iterator (a generator) over one epoch of
``(X_batch, y_batch)`` pairs: a random permutation of the N rows, drawn from ``rng`` only (a
``np.random.Generator`` or an int seed: ``np.random.default_rng(rng)`` accepts both), cut
into consecutive batches of ``batch_size``; the last one holds the ``N % batch_size`` rows
left over. Every row exactly once, ``X_batch[i]`` and ``y_batch[i]`` from the same row; X and
y are not modified.

``evaluate(network, X, y, batch_size=1000) -> float`` -- the fraction (0 to 1) of rows whose
highest score in ``network(X)`` is the label ``y`` (integers, shape (N,)); the network runs
on at most ``batch_size`` rows at a time.

``train_step(network, loss, optimizer, X, Y) -> float`` -- one step of gradient descent on
one minibatch (Y one-hot): forward, loss, ``network.backward(loss.bp_input())``,
``optimizer.step()``; returns the loss of the batch *before* the update.

House rules as in assignment 1: never modify an argument (X, y, grad) in place, plain numpy
only, only definitions are graded (the training cells never run while grading).

Each `Unit` below is one graded name; `rubric.py` gives each its checks. The exact checks run
each piece among the grader's probe layers, loss, network and optimiser
(`_probe_classes.py`), never among the student's layers, so a broken or missing assignment 1
costs nothing there; probe layers derive from the student's own `Linear`, ... when the
submission defines them (``isinstance(layer, Linear)`` works). The end-to-end MNIST check
belongs to `train_step` (it trains with the submission's own classes, layers included; see
`end_to_end.py`), because a unit must be a name the submission defines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One graded name of assignment 2: a class or a function students define."""

    #: e.g. "Sequential"
    name: str


UNITS: tuple[Unit, ...] = (
    Unit("Sequential"),  # Sequential(layers)
    Unit("SGD"),  # SGD(network, lr, momentum=0.0)
    Unit("minibatches"),  # minibatches(X, y, batch_size, rng)
    Unit("evaluate"),  # evaluate(network, X, y, batch_size=1000)
    Unit("train_step"),  # train_step(network, loss, optimizer, X, Y)
)

BY_NAME: dict[str, Unit] = {u.name: u for u in UNITS}
