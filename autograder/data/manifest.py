"""What the MNIST files should be: the manifest (names, sizes, SHA-256, mirrors) and the check.

Reads `datasets/manifest.json` at the repository root, and verifies one file against it: size
first (free), then SHA-256 (streamed, so a 10 MB file never sits in memory twice).

Not here: finding files (`mnist.py`), fetching them (`download.py`), parsing them (`mnist.py`).
Nothing in this module runs at import time beyond defining constants.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "BUILTIN_MANIFEST",
    "FileSpec",
    "Manifest",
    "MnistNotFound",
    "check_file",
    "load_manifest",
    "repo_datasets_dir",
    "sha256_of",
]

# autograder/data/manifest.py -> the repository root is three levels up. In an installed
# (non-editable) copy that directory is site-packages, which has no datasets/manifest.json.
_REPO_ROOT = Path(__file__).resolve().parents[2]
_CHUNK = 1 << 20

# Used only when the package runs outside its repository (installed as a wheel), where
# datasets/manifest.json is not shipped. tests/data/test_manifest.py keeps the two identical.
BUILTIN_MANIFEST: dict = {
    "mirrors": [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ],
    "files": [
        {
            "name": "train-images-idx3-ubyte.gz",
            "bytes": 9912422,
            "sha256": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        },
        {
            "name": "train-labels-idx1-ubyte.gz",
            "bytes": 28881,
            "sha256": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        },
        {
            "name": "t10k-images-idx3-ubyte.gz",
            "bytes": 1648877,
            "sha256": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        },
        {
            "name": "t10k-labels-idx1-ubyte.gz",
            "bytes": 4542,
            "sha256": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        },
    ],
}


class MnistNotFound(FileNotFoundError):
    """No verified copy of an MNIST file could be found or fetched. The message says which
    files, where we looked, what was rejected and how to provide them."""


@dataclass(frozen=True)
class FileSpec:
    name: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    files: tuple[FileSpec, ...]
    #: base URLs; a file's URL is base + name
    mirrors: tuple[str, ...]
    #: where it was read from (None: the built-in copy)
    source: Path | None = None

    def spec(self, name: str) -> FileSpec:
        for f in self.files:
            if f.name == name:
                return f
        raise KeyError(f"{name!r} is not in the MNIST manifest ({', '.join(self.names)})")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.files)


def repo_datasets_dir() -> Path | None:
    """`<repo>/datasets` when the package runs from its repository, else None.

    The manifest is the marker: a bare `datasets` folder next to site-packages is not ours.
    """
    folder = _REPO_ROOT / "datasets"
    return folder if (folder / "manifest.json").is_file() else None


def _parse(raw: dict, source: Path | None) -> Manifest:
    try:
        files = tuple(
            FileSpec(str(f["name"]), int(f["bytes"]), str(f["sha256"]).lower())
            for f in raw["files"]
        )
        mirrors = tuple(str(m) for m in raw["mirrors"])
    except (KeyError, TypeError, ValueError) as e:
        where = source or "the built-in manifest"
        raise ValueError(f"malformed MNIST manifest {where}: {e!r}") from e
    return Manifest(files=files, mirrors=mirrors, source=source)


@lru_cache(maxsize=8)
def _load(path: Path | None) -> Manifest:
    if path is None:
        return _parse(BUILTIN_MANIFEST, None)
    with open(path, encoding="utf-8") as fh:
        return _parse(json.load(fh), path)


def load_manifest(path: str | os.PathLike | None = None) -> Manifest:
    """The manifest at `path`; by default the repository's, else the built-in copy."""
    if path is None:
        folder = repo_datasets_dir()
        return _load(folder / "manifest.json" if folder else None)
    return _load(Path(path).resolve())


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: str | os.PathLike, spec: FileSpec) -> str | None:
    """None if `path` is exactly the file `spec` describes, else why not (one short phrase)."""
    try:
        size = os.stat(path).st_size
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    if size != spec.bytes:
        return f"size {size} bytes, expected {spec.bytes}"
    try:
        digest = sha256_of(path)
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    if digest != spec.sha256:
        return f"SHA-256 {digest}, expected {spec.sha256}"
    return None
