"""Fixtures of the browser test: JupyterLab on 127.0.0.1 and headless Debian Chromium driven by
Playwright, both set up by the test itself (see _install.py)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

#: JupyterLab settings for a quiet, fully rendered page: every cell in the DOM (no windowing),
#: no news or update checks (the machine has no internet and the toasts would cover cells)
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
SERVER_START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, root: Path, port: int, token: str):
        self.root, self.port, self.token = root, port, token

    def url(self, path: str, workspace: str) -> str:
        """The page that opens `path` in a fresh workspace of its own (no tabs restored)."""
        return (
            f"http://127.0.0.1:{self.port}/lab/workspaces/{workspace}/tree/{path}"
            f"?reset&token={self.token}"
        )


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving a temporary folder on 127.0.0.1, with this interpreter's kernels."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root, home, settings = base / "notebooks", base / "home", base / "settings"
    for folder in (root, home):
        folder.mkdir()
    for name, value in LAB_SETTINGS.items():
        plugin, file = name.rsplit("/", 1)
        (settings / plugin).mkdir(parents=True, exist_ok=True)
        (settings / plugin / file).write_text(json.dumps(value))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        HOME=str(home),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
    )
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "BACKPROP_KIT_SECRET"):
        env.pop(name, None)
    log = (base / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited ({server.returncode}):\n"
                    f"{(base / 'jupyterlab.log').read_text()[-3000:]}"
                )
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={token}"
                with urllib.request.urlopen(url, timeout=5) as reply:
                    if reply.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer on 127.0.0.1:{port} within {SERVER_START_TIMEOUT} s"
                )
            time.sleep(0.5)
        yield Lab(root, port, token)
    finally:
        # the server and its kernels run in the session started above: end that group only
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
