"""Install what the browser test needs, on first use: Python's playwright (from PyPI, into the
interpreter running the tests) and Debian's Chromium (apt, as root).

Playwright's own browser download is never used: the test drives the system Chromium through
`executable_path`. Each function returns None when the thing is ready, else the reason it
could not be installed (the test then skips with that reason).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT_SPEC = "playwright>=1.40"
#: installing takes a minute or two on a fresh machine; never hang a test run on it
INSTALL_TIMEOUT = 240


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, **kwargs)


def ensure_playwright() -> str | None:
    """Import playwright, pip-installing it into this interpreter first if it is missing."""
    if importlib.util.find_spec("playwright") is None:
        try:
            proc = _run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    PLAYWRIGHT_SPEC,
                ]
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"could not pip install {PLAYWRIGHT_SPEC}: {exc}"
        if proc.returncode != 0:
            return f"pip install {PLAYWRIGHT_SPEC} failed: {proc.stderr.strip()[-500:]}"
        importlib.invalidate_caches()
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError as exc:
        return f"playwright is not importable after installing it: {exc}"
    return None


def ensure_chromium() -> str | None:
    """Make /usr/bin/chromium exist, installing Debian's package when it does not."""
    if CHROMIUM.exists():
        return None
    if shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and there is no apt-get to install it"
    if os.geteuid() != 0:
        return f"{CHROMIUM} is missing; installing it needs root: apt-get install chromium"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        for cmd in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
        ):
            proc = _run(cmd, env=env, stdin=subprocess.DEVNULL)
            if proc.returncode != 0:
                return f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not install chromium: {exc}"
    return None if CHROMIUM.exists() else f"apt-get installed chromium but {CHROMIUM} is missing"
