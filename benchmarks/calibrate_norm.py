"""The calibration of assignment 4's MNIST check (benchmarks/calibration_norm.md).

Trains the shipped solution's BatchNorm1d and Dropout (solutions/04_norm) exactly as the
grader's end-to-end check does -- in the grader's worker process (BLAS pinned to one thread),
the grader's torch for the Linear layers, ReLU, loss and SGD, one request per call of the
student's classes -- for several seeds, and the credit assignment's shorter run with them and
with torch's classes. Prints a markdown table.

    BACKPROP_KIT_MNIST=../shared/datasets/mnist python benchmarks/calibrate_norm.py --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--solution", default=str(ROOT / "solutions" / "04_norm"))
    args = parser.parse_args()

    from autograder.assignments.mlp.end_to_end import mnist
    from autograder.assignments.norm.config import NormTrainConfig
    from autograder.assignments.norm.end_to_end import CLASSES, train
    from autograder.loading import load_submission
    from autograder.runner import RemoteSession

    config = NormTrainConfig()
    mnist()
    print(f"load before: {os.getloadavg()[0]:.1f}")
    print(
        "| seed | test accuracy | per epoch | CPU s (yours) | wall s | probe yours | probe torch |"
    )
    print("|---|---|---|---|---|---|---|")
    with RemoteSession(load_submission(args.solution)) as session:
        session.start_check(60.0)
        session.class_problem("Dropout")
        for seed in args.seeds:
            run = train(session, dict.fromkeys(CLASSES, True), config, seed)
            probe = train(session, dict.fromkeys(CLASSES, True), config.probe(), seed)
            torch_probe = train(session, dict.fromkeys(CLASSES, False), config.probe(), seed)
            curve = ", ".join(f"{100 * e.accuracy:.2f}" for e in run.curve)
            print(
                f"| {seed} | {100 * (run.accuracy or 0):.2f} % | {curve} | {run.cpu:.1f} | "
                f"{run.seconds:.1f} | {100 * (probe.accuracy or 0):.2f} % | "
                f"{100 * (torch_probe.accuracy or 0):.2f} % |",
                flush=True,
            )
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
