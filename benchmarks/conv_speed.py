"""The reference im2col convolution against torch's CPU conv2d, forward and backward.

    python benchmarks/conv_speed.py [--repeat 20]

The numpy side is the solution notebook's own code (`solutions/05_conv/05_conv.ipynb`: its
`windows`, `correlate` and `Conv2d`, read at run time; the installed package holds no answer);
the torch side is ``torch.nn.functional.conv2d`` with autograd for dX, dW and db. Both run on
one thread (torch.set_num_threads(1), OMP / BLAS threads 1, set before numpy loads), at the
shapes of the end-to-end CNN (a batch of 128 MNIST images, Conv2d(1, 8, 3)) and, for scale, at
a second layer's (8 -> 16 channels on 13 x 13). Prints the best of `repeat` runs per row, side
by side, and the ratio kit / torch (goal: within 2x).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: (N, C_in, H, W, C_out, k): the CNN's convolution, then a second layer for scale
SHAPES = ((128, 1, 28, 28, 8, 3), (128, 8, 13, 13, 16, 3))


def solution_namespace() -> dict:
    """The definitions of the solution notebook (not the kit's helpers)."""
    from autograder.loading import load_submission

    ns: dict = {"__name__": "conv_solution"}
    notebook = ROOT / "solutions" / "05_conv" / "05_conv.ipynb"
    for snippet in load_submission(notebook).snippets:
        if "autograder" not in snippet.source:
            exec(compile(snippet.source, snippet.origin, "exec"), ns)
    return ns


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(Conv2d, shape: tuple[int, ...], rng, repeat: int) -> list[tuple[str, float, float]]:
    """[(pass, kit seconds, torch seconds)] for one shape."""
    import torch

    n, c, h, w, f, k = shape
    X = rng.standard_normal((n, c, h, w)).astype(np.float32)
    layer = Conv2d(c, f, k)
    layer.W, layer.b = layer.W.astype(np.float32), layer.b.astype(np.float32)
    G = rng.standard_normal(layer(X).shape).astype(np.float32)
    tX = torch.tensor(X, requires_grad=True)
    tW = torch.tensor(layer.W, requires_grad=True)
    tb = torch.tensor(layer.b, requires_grad=True)

    def torch_forward():
        with torch.no_grad():
            torch.nn.functional.conv2d(tX, tW, tb)

    def torch_both():
        out = torch.nn.functional.conv2d(tX, tW, tb)
        torch.autograd.grad(out, (tX, tW, tb), torch.from_numpy(G))

    def kit_both():
        layer(X)
        layer.bp_input(G)
        layer.bp_param(G)

    return [
        ("forward", best(lambda: layer(X), repeat), best(torch_forward, repeat)),
        ("forward + backward", best(kit_both, repeat), best(torch_both, repeat)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    Conv2d = solution_namespace()["Conv2d"]
    rng = np.random.default_rng(0)
    print(f"load average: {os.getloadavg()[0]:.2f}; float32; best of {args.repeat}; ms per call")
    print("shape (N, C_in, H, W) -> C_out, k | pass | kit ms | torch ms | kit / torch")
    for shape in SHAPES:
        n, c, h, w, f, k = shape
        for label, kit_s, ref_s in measure(Conv2d, shape, rng, args.repeat):
            print(
                f"({n}, {c}, {h}, {w}) -> {f}, {k} | {label} | {1e3 * kit_s:.2f} | "
                f"{1e3 * ref_s:.2f} | {kit_s / ref_s:.2f}"
            )


if __name__ == "__main__":
    main()
