"""How long the grader takes to check one submission of all eight classes.

Target: under 5 s on a 2-core machine. Prints the whole grade (worker start-up included),
the per-class times in-process, and, for scale, the same forward + backward in torch.
Run: python benchmarks/check_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.assignments.layers.contract import SPECS  # noqa: E402
from autograder.config import GradeConfig  # noqa: E402
from autograder.grading import grade, run_class  # noqa: E402
from autograder.runner import LocalSession  # noqa: E402

REFERENCE = ROOT / "tests" / "corpus" / "reference.py"
TARGET_SECONDS = 5.0


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import torch  # warm the import so the first grade is not charged for it

    print(f"seed 0, {args.repeat} runs each, torch {torch.__version__}, numpy {np.__version__}")
    whole = _timed(lambda: grade(REFERENCE, GradeConfig(seed=0)), args.repeat)
    med = statistics.median(whole)
    print(
        f"\nwhole grade (worker process, 8 classes): median {med:.2f} s "
        f"(min {min(whole):.2f}, max {max(whole):.2f}); target < {TARGET_SECONDS:g} s: "
        f"{'met' if med < TARGET_SECONDS else 'NOT met'}"
    )

    namespace: dict = {}
    exec(compile(REFERENCE.read_text(), str(REFERENCE), "exec"), namespace)
    print(f"\n{'class':<26}{'in-process checks':>20}")
    for spec in SPECS:
        session = LocalSession({spec.name: namespace[spec.name]})
        t = statistics.median(_timed(lambda s=spec, ss=session: run_class(ss, s, 0), args.repeat))
        print(f"{spec.name:<26}{t * 1000:>17.0f} ms")

    # For scale: one forward + backward of a (64, 784) @ (784, 128) Linear, kit vs torch.
    rng = np.random.default_rng(0)
    X, W, G = (
        rng.standard_normal((64, 784)),
        rng.standard_normal((784, 128)),
        rng.standard_normal((64, 128)),
    )
    lin = namespace["Linear"](784, 128)
    lin.W = W

    def kit() -> None:
        lin(X)
        lin.bp_input(G)
        lin.bp_param(G)

    tX = torch.tensor(X, requires_grad=True)
    tW = torch.tensor(W, requires_grad=True)
    tG = torch.tensor(G)

    def ref() -> None:
        (tX @ tW).backward(tG)

    k = statistics.median(_timed(kit, 200))
    r = statistics.median(_timed(ref, 200))
    print(
        f"\nLinear(784, 128) forward+backward, batch 64: reference numpy {k * 1e6:.0f} us, "
        f"torch {r * 1e6:.0f} us, ratio kit/torch {k / r:.2f}"
    )


if __name__ == "__main__":
    main()
