"""Finding and parsing MNIST: the real files, refused copies, lookup order, a silent import.

No network: every test that could fall through to a download passes download=False or a
cache folder of its own, and none touches the repository's datasets/ folder.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder.data import MNIST_ENV, MnistConfig, MnistNotFound, find_mnist, load_mnist
from autograder.data.manifest import load_manifest
from autograder.data.mnist import SPLITS, read_idx
from tests.conftest import real_mnist_dir

REPO = Path(__file__).resolve().parents[2]
NAMES = [n for pair in SPLITS.values() for n in pair]
LABELS = "t10k-labels-idx1-ubyte.gz"


@pytest.fixture
def real(monkeypatch) -> Path:
    folder = real_mnist_dir()
    monkeypatch.setenv(MNIST_ENV, str(folder))
    return folder


@pytest.fixture
def cfg(tmp_path) -> MnistConfig:
    """An empty cache of the test's own, and mirrors nobody can reach (download=False anyway)."""
    return MnistConfig(cache_dir=tmp_path / "cache", mirrors=())


@pytest.mark.parametrize("split, n", [("train", 60000), ("test", 10000)])
def test_real_files_load(real, cfg, split, n):
    x, y = load_mnist(split, download=False, config=cfg)
    assert x.shape == (n, 784) and x.dtype == np.float32
    assert float(x.min()) == 0.0 and float(x.max()) == 1.0
    assert y.shape == (n,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=10)
    assert len(counts) == 10 and counts.sum() == n and counts.min() > 0.08 * n
    assert y[0] == {"train": 5, "test": 7}[split]  # the well-known first labels


def test_raw_is_uint8_and_matches_the_scaled_values(real, cfg):
    raw, y_raw = load_mnist("test", download=False, raw=True, config=cfg)
    x, y = load_mnist("test", download=False, dtype=np.float64, config=cfg)
    assert raw.dtype == np.uint8 and raw.shape == (10000, 784) and raw.max() == 255
    assert x.dtype == np.float64
    np.testing.assert_allclose(x, raw / 255.0)
    np.testing.assert_array_equal(y, y_raw)
    raw[0, 0] = 1  # an ordinary writable array, not a view of read-only bytes


def _copy(src: Path, dst: Path, names=(LABELS,)) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copyfile(src / n, dst / n)
    return dst


def test_flipped_byte_copy_is_refused(real, cfg, tmp_path, monkeypatch):
    monkeypatch.delenv(MNIST_ENV)
    name = "t10k-images-idx3-ubyte.gz"
    bad = _copy(real, tmp_path / "bad", SPLITS["test"])
    data = bytearray((bad / name).read_bytes())
    data[1000] ^= 0xFF
    (bad / name).write_bytes(bytes(data))
    with (
        pytest.warns(UserWarning, match="ignoring .*t10k-images"),
        pytest.raises(MnistNotFound) as err,
    ):
        load_mnist("test", path=bad, download=False, config=cfg)
    msg = str(err.value)
    spec = load_manifest().spec(name)
    assert name in msg and spec.sha256 in msg and "Rejected" in msg
    assert str(bad / name) in msg


def test_truncated_copy_is_refused(real, cfg, tmp_path, monkeypatch):
    monkeypatch.delenv(MNIST_ENV)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / LABELS).write_bytes((real / LABELS).read_bytes()[:-100])
    with pytest.warns(UserWarning, match="size"), pytest.raises(MnistNotFound, match=LABELS):
        find_mnist(bad, download=False, names=[LABELS], config=cfg)


def test_bad_copy_is_skipped_for_a_good_one_further_down(real, cfg, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / LABELS).write_bytes(b"not mnist")
    with pytest.warns(UserWarning, match="ignoring"):
        found = find_mnist(bad, download=False, names=[LABELS], config=cfg)
    assert found[LABELS] == real / LABELS  # from $BACKPROP_KIT_MNIST, never the bad one


def test_explicit_path_beats_env_var_beats_cache(tmp_path, monkeypatch):
    src = real_mnist_dir()
    explicit, env, cache = (_copy(src, tmp_path / d) for d in ("explicit", "env", "cache"))
    cfg = MnistConfig(cache_dir=cache, mirrors=())
    monkeypatch.setenv(MNIST_ENV, str(env))

    def where(path=None):
        return find_mnist(path, download=False, names=[LABELS], config=cfg)[LABELS].parent

    assert where(explicit) == explicit
    assert where() == env
    monkeypatch.delenv(MNIST_ENV)
    assert where() == cache
    (cache / LABELS).unlink()
    assert where(explicit) == explicit  # and a file absent from the cache is no problem


def test_offline_error_says_what_where_and_how(tmp_path, monkeypatch):
    empty_env = tmp_path / "env"
    empty_env.mkdir()
    monkeypatch.setenv(MNIST_ENV, str(empty_env))
    cache = tmp_path / "cache"
    with pytest.raises(MnistNotFound) as err:
        find_mnist(tmp_path / "typo", download=False, config=MnistConfig(cache_dir=cache))
    msg = str(err.value)
    for name in NAMES:
        assert name in msg
    assert f"{tmp_path / 'typo'} (path argument)  [no such folder]" in msg
    assert f"{empty_env} (${MNIST_ENV})" in msg
    assert f"{cache} (cache)" in msg
    assert "download=False" in msg
    assert f"set {MNIST_ENV} to a folder holding the four .gz files" in msg
    assert f"copy them into {cache}" in msg
    assert not cache.exists()  # looking creates nothing


def test_unknown_split():
    with pytest.raises(ValueError, match="split must be one of"):
        load_mnist("validation", download=False)


def _gz(path: Path, payload: bytes) -> Path:
    with gzip.open(path, "wb") as fh:
        fh.write(payload)
    return path


def test_read_idx_shapes_and_errors(tmp_path):
    images = _gz(tmp_path / "i.gz", struct.pack(">IIII", 2051, 2, 3, 4) + bytes(range(24)))
    assert read_idx(images).shape == (2, 3, 4)
    labels = _gz(tmp_path / "l.gz", struct.pack(">II", 2049, 3) + b"\x01\x02\x03")
    assert read_idx(labels).tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="magic 2050"):
        read_idx(_gz(tmp_path / "m.gz", struct.pack(">II", 2050, 0)))
    with pytest.raises(ValueError, match="header says"):
        read_idx(_gz(tmp_path / "s.gz", struct.pack(">II", 2049, 5) + b"\x01"))
    with pytest.raises(ValueError, match="too short"):
        read_idx(_gz(tmp_path / "t.gz", b"\x00\x00"))


_IMPORT_PROBE = r"""
import json, os, sys
tmp = sys.argv[1]
seen = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        p = os.fsdecode(args[0])
        if p.endswith((".gz", ".part", "manifest.json")) or p.startswith(tmp):
            seen.append(p)
    elif event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        seen.append(event)
sys.addaudithook(hook)
import autograder.data
import autograder.data.download, autograder.data.manifest, autograder.data.mnist
print(json.dumps(seen))
"""


def test_import_reads_and_downloads_nothing(tmp_path):
    env_dir, xdg, home = tmp_path / "env", tmp_path / "xdg", tmp_path / "home"
    for d in (env_dir, xdg, home):
        d.mkdir()
    before = sorted(os.listdir(REPO / "datasets"))
    env = {**os.environ, MNIST_ENV: str(env_dir), "XDG_CACHE_HOME": str(xdg), "HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE, str(tmp_path)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
    for d in (env_dir, xdg, home):
        assert list(d.iterdir()) == [], d
    assert sorted(os.listdir(REPO / "datasets")) == before
