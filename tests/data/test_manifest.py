"""datasets/manifest.json and the file check (size, then SHA-256)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from autograder.data.manifest import (
    BUILTIN_MANIFEST,
    check_file,
    load_manifest,
    repo_datasets_dir,
    sha256_of,
)
from autograder.data.mnist import SPLITS
from tests.conftest import real_mnist_dir

REPO = Path(__file__).resolve().parents[2]
MANIFEST_JSON = REPO / "datasets" / "manifest.json"
NAMES = [n for pair in SPLITS.values() for n in pair]


def test_manifest_lists_the_four_files_and_the_standard_mirrors():
    m = load_manifest()
    assert m.source == MANIFEST_JSON.resolve()
    assert sorted(m.names) == sorted(NAMES)
    for spec in m.files:
        assert spec.bytes > 0 and len(spec.sha256) == 64
        int(spec.sha256, 16)
    assert m.mirrors == (
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    )


def test_builtin_copy_matches_the_json():
    # The built-in copy serves installs without the repository; it must never drift.
    raw = json.loads(MANIFEST_JSON.read_text(encoding="utf-8"))
    assert raw["files"] == BUILTIN_MANIFEST["files"]
    assert raw["mirrors"] == BUILTIN_MANIFEST["mirrors"]


def test_repo_cache_is_the_datasets_folder():
    assert repo_datasets_dir() == REPO / "datasets"


def test_malformed_manifest_is_a_clear_error(tmp_path):
    bad = tmp_path / "manifest.json"
    bad.write_text('{"files": [{"name": "x"}], "mirrors": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="malformed MNIST manifest"):
        load_manifest(bad)


def test_unknown_name_is_a_key_error():
    with pytest.raises(KeyError, match="not in the MNIST manifest"):
        load_manifest().spec("cifar.tar.gz")


def test_real_files_match_the_manifest():
    folder = real_mnist_dir()
    for spec in load_manifest().files:
        assert check_file(folder / spec.name, spec) is None
        assert sha256_of(folder / spec.name) == spec.sha256


def test_flipped_byte_is_caught_by_the_hash(tmp_path):
    spec = load_manifest().spec("t10k-images-idx3-ubyte.gz")
    copy = tmp_path / spec.name
    shutil.copyfile(real_mnist_dir() / spec.name, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    reason = check_file(copy, spec)
    assert reason is not None and "SHA-256" in reason and spec.sha256 in reason


def test_truncated_file_is_caught_by_the_size(tmp_path):
    spec = load_manifest().spec("t10k-labels-idx1-ubyte.gz")
    copy = tmp_path / spec.name
    copy.write_bytes((real_mnist_dir() / spec.name).read_bytes()[:-1])
    assert check_file(copy, spec) == f"size {spec.bytes - 1} bytes, expected {spec.bytes}"


def test_missing_file_is_reported_not_raised(tmp_path):
    spec = load_manifest().spec("t10k-labels-idx1-ubyte.gz")
    assert "unreadable" in check_file(tmp_path / "nope.gz", spec)
