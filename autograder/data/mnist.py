"""MNIST as arrays: find the four official files (verified), then parse their IDX contents.

    load_mnist("train") -> (images float32 (60000, 784) in [0, 1], labels int64 (60000,))
    load_mnist("test", raw=True) -> (images uint8 (10000, 784), labels)
    find_mnist() -> {file name: verified path}

Lookup, per file, first verified copy wins:
    1. the `path` argument (a folder)
    2. $BACKPROP_KIT_MNIST (a folder)
    3. the cache: <repo>/datasets when run from the repository, else ~/.cache/backprop-kit/mnist
    4. if still missing and download=True: fetched from the manifest's mirrors into the cache
A copy that fails the size / SHA-256 check is warned about and never used.

Nothing happens at import time: no file is read and nothing is fetched until a function is
called. Not here: the checksums (`manifest.py`), HTTP (`download.py`), batching or training.
"""

from __future__ import annotations

import gzip
import os
import struct
import warnings
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .download import download as _download
from .manifest import FileSpec, MnistNotFound, check_file, load_manifest, repo_datasets_dir

__all__ = [
    "MNIST_ENV",
    "SPLITS",
    "MnistConfig",
    "MnistUnreadable",
    "cache_dir",
    "find_mnist",
    "load_mnist",
    "read_idx",
]

MNIST_ENV = "BACKPROP_KIT_MNIST"

#: split -> (images file, labels file)
SPLITS: dict[str, tuple[str, str]] = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

_IMAGES_MAGIC, _LABELS_MAGIC = 2051, 2049


class MnistUnreadable(OSError):
    """A verified MNIST file could not be read whole: it vanished, was truncated or replaced,
    or the disk failed, after it was found. The message names the file and the error."""


@dataclass(frozen=True)
class MnistConfig:
    #: base URLs to try in order; None: the manifest's
    mirrors: tuple[str, ...] | None = None
    #: where downloads go (and the last place looked); None: see `cache_dir`
    cache_dir: Path | None = None
    #: seconds for connecting and for each read
    timeout: float = 30.0
    #: how often one mirror may be resumed after a dropped connection
    resumes: int = 5
    #: progress bar on stderr: True / False, None = only when stderr is a terminal
    progress: bool | None = None


def cache_dir(config: MnistConfig | None = None) -> Path:
    """Where downloaded files go: the configured folder, <repo>/datasets, or a user cache."""
    if config is not None and config.cache_dir is not None:
        return Path(config.cache_dir)
    repo = repo_datasets_dir()
    if repo is not None:
        return repo
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "backprop-kit" / "mnist"


def _places(path, config: MnistConfig) -> list[tuple[str, Path]]:
    places: list[tuple[str, Path]] = []
    if path is not None:
        places.append(("path argument", Path(path)))
    env = os.environ.get(MNIST_ENV)
    if env:
        places.append((f"${MNIST_ENV}", Path(env)))
    places.append(("cache", cache_dir(config)))
    seen: set[Path] = set()
    unique = []
    for label, folder in places:
        key = folder.expanduser().resolve()
        if key not in seen:
            seen.add(key)
            unique.append((label, folder.expanduser()))
    return unique


def _not_found(
    missing: list[FileSpec],
    places: list[tuple[str, Path]],
    rejected: list[str],
    download_note: str,
    cache: Path,
) -> MnistNotFound:
    lines = [f"MNIST file(s) not found: {', '.join(s.name for s in missing)}", "Expected:"]
    lines += [f"  {s.name}  {s.bytes} bytes  SHA-256 {s.sha256}" for s in missing]
    lines.append("Looked in:")
    for label, folder in places:
        note = "" if folder.is_dir() else "  [no such folder]"
        lines.append(f"  {folder} ({label}){note}")
    if rejected:
        lines.append("Rejected (present but not the official file):")
        lines += [f"  {r}" for r in rejected]
    lines.append(f"Download: {download_note}")
    lines.append(
        f"To provide them offline: set {MNIST_ENV} to a folder holding the four .gz files, "
        f"or copy them into {cache}"
    )
    return MnistNotFound("\n".join(lines))


def find_mnist(
    path: str | os.PathLike | None = None,
    download: bool = True,
    *,
    names: Iterable[str] | None = None,
    config: MnistConfig | None = None,
) -> dict[str, Path]:
    """Verified paths of the MNIST files `names` (default: all four), downloading if allowed.

    Raises MnistNotFound (one message: what is missing, where we looked, what was rejected,
    how to provide the files) when a file has no verified copy and cannot be fetched.
    """
    config = config or MnistConfig()
    manifest = load_manifest()
    specs = [manifest.spec(n) for n in (names if names is not None else manifest.names)]
    places = _places(path, config)
    found: dict[str, Path] = {}
    rejected: list[str] = []
    for spec in specs:
        for _label, folder in places:
            candidate = folder / spec.name
            if not candidate.is_file():
                continue
            reason = check_file(candidate, spec)
            if reason is None:
                found[spec.name] = candidate
                break
            rejected.append(f"{candidate}: {reason}")
            # Loud, because someone put that file there expecting it to be used.
            warnings.warn(f"ignoring {candidate}: {reason}", stacklevel=2)
    missing = [s for s in specs if s.name not in found]
    if not missing:
        return found
    cache = cache_dir(config)
    if not download:
        raise _not_found(missing, places, rejected, "not attempted (download=False)", cache)
    mirrors = config.mirrors if config.mirrors is not None else manifest.mirrors
    for spec in missing:
        try:
            found[spec.name] = _download(
                spec,
                mirrors,
                cache,
                timeout=config.timeout,
                resumes=config.resumes,
                progress=config.progress,
            )
        except MnistNotFound as e:
            raise _not_found(missing, places, rejected, f"failed, {e}", cache) from None
    return found


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The uint8 array in a gzipped IDX file: (N, rows, cols) for images, (N,) for labels.

    A file that cannot be read whole (vanished, truncated, not gzip, an I/O error) raises
    `MnistUnreadable`, an OSError, whatever the underlying error was (gzip reports a truncated
    file as EOFError and a corrupt one as zlib.error, neither of them an OSError)."""
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise MnistUnreadable(f"{path}: cannot be read ({type(exc).__name__}: {exc})") from exc
    if len(data) < 8:
        raise ValueError(f"{path}: too short for an IDX header ({len(data)} bytes)")
    magic, count = struct.unpack(">II", data[:8])
    if magic == _IMAGES_MAGIC:
        if len(data) < 16:
            raise ValueError(f"{path}: truncated IDX image header")
        rows, cols = struct.unpack(">II", data[8:16])
        shape, offset = (count, rows, cols), 16
    elif magic == _LABELS_MAGIC:
        shape, offset = (count,), 8
    else:
        raise ValueError(
            f"{path}: IDX magic {magic}, expected {_IMAGES_MAGIC} (images) or {_LABELS_MAGIC} "
            "(labels)"
        )
    expected = int(np.prod(shape))
    if len(data) - offset != expected:
        raise ValueError(
            f"{path}: header says {shape} = {expected} bytes of data, file has {len(data) - offset}"
        )
    # Copy out of the immutable bytes so callers get an ordinary writable array.
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(shape).copy()


def load_mnist(
    split: str = "train",
    path: str | os.PathLike | None = None,
    download: bool = True,
    *,
    raw: bool = False,
    dtype: np.dtype | type = np.float32,
    config: MnistConfig | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(images, labels) of one split: "train" (60,000) or "test" (10,000).

    images: (N, 784), `dtype` scaled to [0, 1]; or uint8 0..255 with raw=True.
    labels: (N,) int64 in 0..9. Only the split's two files are looked up (or downloaded).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}, not {split!r}")
    images_name, labels_name = SPLITS[split]
    files = find_mnist(path, download, names=(images_name, labels_name), config=config)
    images = read_idx(files[images_name])
    labels = read_idx(files[labels_name])
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(
            f"MNIST {split}: images {images.shape} and labels {labels.shape} do not match"
        )
    if labels.size and int(labels.max()) > 9:
        raise ValueError(f"MNIST {split}: label {int(labels.max())} outside 0..9")
    flat = images.reshape(len(images), -1)
    labels = labels.astype(np.int64)
    if raw:
        return flat, labels
    out = flat.astype(dtype)
    out /= 255.0  # in place: avoids a second (N, 784) temporary
    return out, labels
