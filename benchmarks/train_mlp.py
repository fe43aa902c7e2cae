"""Training speed of the kit's numpy network against torch, and the calibration of the MNIST check.

Benchmark (default): trains the instructor's solution (the classes of solutions/01_layers and
solutions/02_mlp: Sequential, SGD, train_step with Linear, ReLU, SoftmaxCrossEntropyLoss, read
from the notebooks as the grader's credit assignment reads them) and the same network in
torch -- same initial weights, same batches, same epochs and learning-rate schedule as the grader's
end-to-end check (autograder/mlp/config.py) -- with BLAS pinned to one thread on both sides.
Prints both times and accuracies and their ratio, the machine's matmul rate at the training
shapes, and the share of it that training reaches.

"The same work": the kit's contract makes Sequential.backward return dL/dX of the input too
(a third matmul of the first layer's size), so the torch twin is timed computing it as well
(``X.requires_grad_()``); torch without it is printed alongside for scale.

    python benchmarks/train_mlp.py [--dtype float64|float32|both] [--repeat 2]

Calibration (--calibrate): grades the shipped solution's end-to-end check through the real
grader (worker process, BLAS pinned to one thread) for several seeds, and the shorter
credit-assignment run too; prints a markdown table for benchmarks/calibration_mlp.md.

    BACKPROP_KIT_MNIST=/path/to/mnist python benchmarks/train_mlp.py --calibrate \\
        --seeds 1 2 3 4 5
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy and torch are imported

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.assignments.mlp.config import TrainConfig  # noqa: E402
from autograder.assignments.mlp.end_to_end import batch_order, initial_weights, mnist  # noqa: E402


def _schedule(config: TrainConfig) -> list[float]:
    """The learning rate of every epoch (a fresh optimiser where it changes)."""
    first = config.epochs - config.final_epochs
    return [
        config.lr if e < first else config.lr * config.final_lr_factor for e in range(config.epochs)
    ]


def train_numpy(config: TrainConfig, seed: int, dtype) -> tuple[float, float]:
    """(seconds, test accuracy) of the instructor's solution."""
    from autograder.assignments.mlp._instructor import source

    solution: dict = {"__name__": "solution"}
    exec(compile(source(ROOT / "solutions"), "solutions", "exec"), solution)
    Linear, ReLU, Sequential = solution["Linear"], solution["ReLU"], solution["Sequential"]
    SoftmaxCrossEntropyLoss, SGD = solution["SoftmaxCrossEntropyLoss"], solution["SGD"]
    evaluate, train_step = solution["evaluate"], solution["train_step"]

    X, Y, X_test, y_test = (
        np.asarray(a, dtype=dtype) if a.dtype.kind == "f" else a for a in mnist()
    )
    weights = initial_weights(config, seed)
    layers = [Linear(784, config.hidden), ReLU(), Linear(config.hidden, 10)]
    for layer, params in zip((layers[0], layers[2]), weights, strict=True):
        for name, value in params.items():
            setattr(layer, name, value.astype(dtype))
    network, loss = Sequential(layers), SoftmaxCrossEntropyLoss()
    rates, optimizer, current = _schedule(config), None, None
    start = time.perf_counter()
    for epoch, order in enumerate(batch_order(config, seed)):
        if rates[epoch] != current:
            current, optimizer = rates[epoch], SGD(network, rates[epoch], config.momentum)
        for s in range(0, len(order), config.batch_size):
            index = order[s : s + config.batch_size]
            train_step(network, loss, optimizer, X[index], Y[index])
    seconds = time.perf_counter() - start
    return seconds, evaluate(network, X_test, y_test)


def train_torch(config: TrainConfig, seed: int, dtype, input_grad: bool) -> tuple[float, float]:
    """(seconds, test accuracy) of the same network, batches and schedule in torch."""
    import torch

    torch.set_num_threads(1)
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    X, Y, X_test, y_test = mnist()
    X, Y = torch.tensor(X, dtype=tdtype), torch.tensor(Y, dtype=tdtype)
    params = []
    for p in initial_weights(config, seed):
        params += [
            torch.tensor(p["W"], dtype=tdtype, requires_grad=True),
            torch.tensor(p["b"], dtype=tdtype, requires_grad=True),
        ]
    W1, b1, W2, b2 = params
    rates, optimizer, current = _schedule(config), None, None
    start = time.perf_counter()
    for epoch, order in enumerate(batch_order(config, seed)):
        if rates[epoch] != current:
            current = rates[epoch]
            optimizer = torch.optim.SGD(params, lr=current, momentum=config.momentum)
        order = torch.from_numpy(order)
        for s in range(0, len(order), config.batch_size):
            index = order[s : s + config.batch_size]
            x = X[index]
            if input_grad:
                x.requires_grad_(True)
            logits = torch.relu(x @ W1 + b1) @ W2 + b2
            loss = -(Y[index] * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        scores = torch.relu(torch.tensor(X_test, dtype=tdtype) @ W1 + b1) @ W2 + b2
    return seconds, float((scores.argmax(dim=1).numpy() == y_test).mean())


def matmul_rate(config: TrainConfig, dtype, seconds: float = 1.0) -> float:
    """GFLOP/s of numpy's matmul at the first layer's shape, (batch, 784) @ (784, hidden)."""
    rng = np.random.default_rng(0)
    a = rng.random((config.batch_size, 784)).astype(dtype)
    b = rng.random((784, config.hidden)).astype(dtype)
    flop = 2.0 * a.shape[0] * a.shape[1] * b.shape[1]
    best = 0.0
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            a @ b
            n += 1
        best = max(best, n * flop / (time.perf_counter() - start))
    return best / 1e9


def training_flop(config: TrainConfig) -> float:
    """Matmul FLOPs of one full training run as the contract computes it (dL/dX included)."""
    per_row = 2 * 3 * (784 * config.hidden + config.hidden * 10)  # forward, dW, dX per layer
    return float(per_row) * config.images * config.epochs


def benchmark(args: argparse.Namespace) -> None:
    config = TrainConfig()
    dtypes = {"float64": [np.float64], "float32": [np.float32], "both": [np.float64, np.float32]}[
        args.dtype
    ]
    print(f"load: {os.getloadavg()[0]:.2f} (1-min average), {os.cpu_count()} cores, BLAS 1 thread")
    print(
        f"work: 784-{config.hidden}-10, {config.epochs} epochs of {config.images:,} images, "
        f"batch {config.batch_size}, lr {config.lr:g} (x{config.final_lr_factor:g} for the last "
        f"{config.final_epochs}), momentum {config.momentum:g}, seed {args.seed}\n"
    )
    print(f"{'dtype':8} {'run':32} {'seconds':>8} {'test acc':>9} {'numpy/this':>11}")
    for dtype in dtypes:
        name = np.dtype(dtype).name
        runs = {
            "numpy (solution)": lambda d=dtype: train_numpy(config, args.seed, d),
            "torch, same work (with dL/dX)": lambda d=dtype: train_torch(
                config, args.seed, d, True
            ),
            "torch, parameters only": lambda d=dtype: train_torch(config, args.seed, d, False),
        }
        results = {}
        for label, fn in runs.items():
            times, accuracy = [], 0.0
            for _ in range(args.repeat):
                seconds, accuracy = fn()
                times.append(seconds)
            results[label] = (min(times), accuracy)
        numpy_time = results["numpy (solution)"][0]
        for label, (seconds, accuracy) in results.items():
            print(
                f"{name:8} {label:32} {seconds:8.2f} {100 * accuracy:8.2f}% "
                f"{numpy_time / seconds:11.2f}"
            )
        rate = matmul_rate(config, dtype)
        achieved = training_flop(config) / numpy_time / 1e9
        print(
            f"{name:8} matmul rate at ({config.batch_size}, 784) @ (784, {config.hidden}): "
            f"{rate:.1f} GFLOP/s; numpy training reaches {achieved:.1f} GFLOP/s "
            f"= {100 * achieved / rate:.0f} % of it\n"
        )
    print("numpy/this <= 1.00 means the kit's numpy training is no slower than that run.")


def calibrate(args: argparse.Namespace) -> None:
    """The grader's end-to-end training of the shipped solution (worker process, the grader's
    own loop) for each seed, then the shorter credit-assignment run."""
    from autograder.assignments.mlp._probes import with_probes
    from autograder.assignments.mlp.end_to_end import resolve, train
    from autograder.loading import load_submission
    from autograder.runner import RemoteSession

    config = TrainConfig()
    probe = config.probe()
    submission = load_submission(ROOT / "solutions" / "02_mlp")
    mnist()
    print(f"load before: {os.getloadavg()[0]:.2f} (1-min average), {os.cpu_count()} cores\n")
    print(
        "| seed | test accuracy | test accuracy per epoch | training s | probe accuracy | probe s |"
    )
    print("|---|---|---|---|---|---|")
    accuracies, times, probes = [], [], []
    for seed in args.seeds:
        with RemoteSession(submission) as session:
            with_probes(session)
            names, _, _ = resolve(session)
            run = train(session, names, config, seed)
            probe_run = train(session, names, probe, seed)
        if run.stopped:
            print(f"seed {seed}: training {run.stopped}")
        accuracies.append(run.accuracy or 0.0)
        times.append(run.seconds)
        probes.append(probe_run.accuracy or 0.0)
        curve = ", ".join(f"{100 * e.accuracy:.2f}" for e in run.curve)
        print(
            f"| {seed} | {100 * accuracies[-1]:.2f} % | {curve} | {run.seconds:.1f} "
            f"| {100 * probes[-1]:.2f} % | {probe_run.seconds:.1f} |"
        )
    print(
        f"\naccuracy: min {100 * min(accuracies):.2f} %, max {100 * max(accuracies):.2f} %, "
        f"mean {100 * statistics.mean(accuracies):.2f} %, spread (max - min) "
        f"{100 * (max(accuracies) - min(accuracies)):.2f} points; threshold "
        f"{100 * config.threshold:.1f} %"
    )
    print(
        f"training time: min {min(times):.1f} s, max {max(times):.1f} s "
        f"(budget {config.budget:g} s)"
    )
    print(
        f"probe accuracy: min {100 * min(probes):.2f} %, max {100 * max(probes):.2f} % "
        f"(probe threshold {100 * probe.threshold:.0f} %)"
    )
    print(f"load after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dtype", choices=("float64", "float32", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=2, help="runs per row (the best is shown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    args = parser.parse_args()
    if args.calibrate:
        calibrate(args)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
