"""Calibrate the end-to-end CNN check of 05_conv: train the shipped solution as the grader does.

    BACKPROP_KIT_MNIST=../shared/datasets/mnist python benchmarks/train_cnn.py --seeds 1 2 3

Each seed trains `solutions/05_conv`'s classes in the grader's worker (one BLAS thread), the
grader driving one step per minibatch (`autograder/assignments/conv/end_to_end.py`), and
prints, side by side, the test accuracy per epoch, the CPU seconds (what the budget measures)
and the wall seconds. Runs one seed at a time. Results: benchmarks/calibration_conv.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.assignments.conv import _session  # noqa: E402
from autograder.assignments.conv.config import CnnConfig  # noqa: E402
from autograder.assignments.conv.end_to_end import train  # noqa: E402
from autograder.loading import load_submission  # noqa: E402
from autograder.runner import RemoteSession  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--budget", type=float, default=10_000.0, help="CPU s (default: none)")
    args = parser.parse_args()
    config = CnnConfig(budget=args.budget)
    notebook = ROOT / "solutions" / "05_conv" / "05_conv.ipynb"
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("seed | accuracy | per epoch | CPU s | wall s")
    for seed in args.seeds:
        with RemoteSession(load_submission(notebook)) as session:
            session.start_check(60.0)
            session.class_problem("Conv2d")
            _session.with_helpers(session)
            run = train(session, config, seed)
        curve = ", ".join(f"{100 * e.accuracy:.2f}" for e in run.curve)
        acc = f"{100 * run.accuracy:.2f} %" if run.accuracy is not None else "n/a"
        line = f"{seed} | {acc} | {curve} | {run.cpu:.1f} | {run.seconds:.1f}"
        print(line + (f" | {run.stopped}" if run.stopped else ""), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
