"""Shared test helpers: the reference implementation, and grading one class in-process."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from autograder.assignments.layers.contract import BY_NAME
from autograder.grading import run_class
from autograder.results import CheckResult
from autograder.runner import LocalSession
from autograder.toolkit.drive import Ctx

REFERENCE = Path(__file__).parent / "assignments" / "layers" / "corpus" / "reference.py"
ROOT = Path(__file__).resolve().parents[1]
#: the seed of the in-process tests (printed by pytest on failure through the test ids)
SEED = 20261121


def reference_namespace() -> dict:
    namespace: dict = {"__name__": "reference"}
    exec(compile(REFERENCE.read_text(), str(REFERENCE), "exec"), namespace)
    return namespace


@pytest.fixture(scope="session")
def ref() -> dict:
    """The reference classes by name (Linear, ReLU, ...)."""
    return reference_namespace()


def define(source: str, ref: dict) -> dict:
    """Run `source` in a copy of the reference namespace (so it can subclass the reference)."""
    namespace = dict(ref)
    namespace["np"] = np
    exec(source, namespace)
    return namespace


def run_local(
    cls: type, name: str, seed: int = SEED, reveal: bool = True
) -> dict[str, CheckResult]:
    """Every check of the class `name`, run in this process; keyed by check name."""
    print(f"seed {seed}")
    results = run_class(LocalSession({name: cls}), BY_NAME[name], seed, reveal=reveal)
    return {r.name: r for r in results}


def run_check(check, cls: type, name: str, seed: int = SEED) -> None:
    """One check function on the class `name`, outside the rubric (raises when it fails)."""
    print(f"seed {seed}")
    check(Ctx(BY_NAME[name], LocalSession({name: cls}), np.random.default_rng(seed)))


def failures(results: dict[str, CheckResult]) -> dict[str, str]:
    return {name: r.message for name, r in results.items() if not r.passed}


def real_mnist_dir() -> Path:
    """The official MNIST files: $BACKPROP_KIT_MNIST if it holds them (run.sh sets it to an
    offline copy when one is found), else the kit's own cache. Skips the test when neither
    holds them."""
    from autograder.data import MNIST_ENV
    from autograder.data.mnist import SPLITS

    names = [n for pair in SPLITS.values() for n in pair]
    env = os.environ.get(MNIST_ENV)
    for folder in ([Path(env)] if env else []) + [ROOT / "datasets"]:
        if all((folder / n).is_file() for n in names):
            return folder
    pytest.skip(
        "the four MNIST .gz files are not available: set BACKPROP_KIT_MNIST to a folder "
        "holding them (./run.sh test does when an offline copy is found)"
    )


#: how the browser tests (tests/browser, tests/classreport) launch Debian's Chromium
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# one Playwright for the whole run: a second sync_playwright() while one is running fails
# ("Sync API inside the asyncio loop"), so every test that needs a browser shares this one
@pytest.fixture(scope="session")
def playwright_chromium():
    """Playwright's sync API and a launched headless Chromium (installed if missing)."""
    from tests.browser import _install

    for ensure in (_install.ensure_playwright, _install.ensure_chromium):
        reason = ensure()
        if reason:
            pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(_install.CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
