"""Downloads against a real HTTP server on 127.0.0.1 serving copies of the real files.

The server (http.server in a thread, port 0) has one route per behaviour, chosen by the first
path segment of the mirror URL:
    /good/<name>     the file, with Range support
    /missing/<name>  404
    /corrupt/<name>  the file with one byte flipped (right size, wrong SHA-256)
    /cut/<name>      first request: the headers promise the whole file, the body stops after
                     CUT bytes and the connection closes; later requests behave like /good
    /norange/<name>  like /cut, but ignores Range (always 200, the whole file)
    /stall/<name>    accepts the request and never answers (until STALL seconds have passed)
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from autograder.data import MNIST_ENV, MnistConfig, MnistNotFound, find_mnist, load_mnist
from autograder.data.download import download
from autograder.data.manifest import check_file, load_manifest
from autograder.data.mnist import SPLITS
from tests.conftest import real_mnist_dir

REPO = Path(__file__).resolve().parents[2]
NAMES = [n for pair in SPLITS.values() for n in pair]
IMAGES, LABELS = SPLITS["test"]
CUT = 200_000
STALL = 3.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):
        route, _, name = self.path.strip("/").partition("/")
        rng = self.headers.get("Range")
        self.server.log.append((route, name, rng))
        if route == "stall":
            time.sleep(STALL)  # then hang up without a word; the client gave up long ago
            self.close_connection = True
            return
        data = self.server.files.get(name)
        if data is None or route == "missing":
            self.send_error(404)
            return
        if route == "corrupt":
            data = bytearray(data)
            data[len(data) // 2] ^= 0xFF
            data = bytes(data)
        first = (route, name) not in self.server.served
        self.server.served.add((route, name))
        if route in ("cut", "norange") and first:
            self._send(200, data, {}, stop_after=CUT)
            return
        if rng and route != "norange":
            start = int(rng.removeprefix("bytes=").split("-")[0])
            if start >= len(data):
                self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
                return
            span = f"bytes {start}-{len(data) - 1}/{len(data)}"
            self._send(206, data[start:], {"Content-Range": span})
            return
        self._send(200, data, {})

    def _send(self, status, body, headers, stop_after=None):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body if stop_after is None else body[:stop_after])
        self.wfile.flush()
        self.close_connection = True  # a cut: the socket closes with the body unfinished


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files, self.log, self.served = files, [], set()

    def url(self, route: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{route}/"

    def requests(self, route, name):
        return [rng for r, n, rng in self.log if (r, n) == (route, name)]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    src = real_mnist_dir()
    return {n: (src / n).read_bytes() for n in SPLITS["test"]}


@pytest.fixture
def server(files, monkeypatch):
    # Whatever proxy the environment names, 127.0.0.1 must be reached directly.
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv(MNIST_ENV, raising=False)
    srv = _Server(files)
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"  # nothing listens there now: connection refused


def spec(name):
    return load_manifest().spec(name)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_verifies_and_renames_into_place(server, tmp_path, capsys):
    path = download(spec(LABELS), [server.url("good")], tmp_path, timeout=5, progress=True)
    assert path == tmp_path / LABELS and check_file(path, spec(LABELS)) is None
    assert leftovers(tmp_path) == [LABELS]  # no .part
    assert server.requests("good", LABELS) == [None]
    assert LABELS in capsys.readouterr().err  # the tqdm bar went to stderr


def test_find_and_load_download_on_demand_into_the_cache(server, tmp_path):
    cfg = MnistConfig(mirrors=(server.url("good"),), cache_dir=tmp_path / "cache", timeout=5)
    x, y = load_mnist("test", config=cfg)
    assert x.shape == (10000, 784) and y.shape == (10000,)
    assert leftovers(tmp_path / "cache") == sorted(SPLITS["test"])  # only the split asked for
    load_mnist("test", config=cfg)
    assert len(server.log) == 2  # the second load used the cache


def test_resume_after_a_cut_uses_range(server, tmp_path):
    path = download(spec(IMAGES), [server.url("cut")], tmp_path, timeout=5)
    assert check_file(path, spec(IMAGES)) is None
    assert server.requests("cut", IMAGES) == [None, f"bytes={CUT}-"]
    assert leftovers(tmp_path) == [IMAGES]


def test_resume_a_part_file_left_by_an_earlier_run(server, tmp_path, files):
    (tmp_path / (LABELS + ".part")).write_bytes(files[LABELS][:1000])
    download(spec(LABELS), [server.url("good")], tmp_path, timeout=5)
    assert server.requests("good", LABELS) == ["bytes=1000-"]
    assert leftovers(tmp_path) == [LABELS]


def test_server_ignoring_range_restarts_from_zero(server, tmp_path):
    path = download(spec(IMAGES), [server.url("norange")], tmp_path, timeout=5)
    assert check_file(path, spec(IMAGES)) is None
    assert server.requests("norange", IMAGES) == [None, f"bytes={CUT}-"]


def test_wrong_checksum_is_an_error_and_leaves_nothing(server, tmp_path):
    with pytest.raises(MnistNotFound) as err:
        download(spec(LABELS), [server.url("corrupt")], tmp_path, timeout=5)
    msg = str(err.value)
    assert server.url("corrupt") + LABELS in msg and "rejected" in msg and "SHA-256" in msg
    assert leftovers(tmp_path) == []


def test_unreachable_mirrors_fail_fast_and_are_named(server, tmp_path):
    mirrors = (closed_port_url(), closed_port_url())
    cfg = MnistConfig(mirrors=mirrors, cache_dir=tmp_path / "cache", timeout=2)
    t0 = time.monotonic()
    with pytest.raises(MnistNotFound) as err:
        find_mnist(names=[LABELS], config=cfg)
    assert time.monotonic() - t0 < 5
    msg = str(err.value)
    for m in mirrors:
        assert m + LABELS in msg
    assert "cannot connect" in msg and f"set {MNIST_ENV}" in msg
    assert leftovers(tmp_path / "cache") == []


def test_silent_server_times_out_quickly(server, tmp_path):
    t0 = time.monotonic()
    with pytest.raises(MnistNotFound, match="timed out"):
        download(spec(LABELS), [server.url("stall")], tmp_path, timeout=0.5)
    assert time.monotonic() - t0 < STALL - 1
    assert leftovers(tmp_path) == []


def test_mirror_fallback_after_404(server, tmp_path):
    path = download(spec(LABELS), [server.url("missing"), server.url("good")], tmp_path, timeout=5)
    assert check_file(path, spec(LABELS)) is None
    assert [r for r, n, _ in server.log] == ["missing", "good"]


def test_corrupt_cache_file_is_replaced_by_a_download(server, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / LABELS).write_bytes(b"\x1f\x8b not the real labels")
    cfg = MnistConfig(mirrors=(server.url("good"),), cache_dir=cache, timeout=5)
    with pytest.warns(UserWarning, match="ignoring"):
        found = find_mnist(names=[LABELS], config=cfg)
    assert found[LABELS] == cache / LABELS and check_file(cache / LABELS, spec(LABELS)) is None
