"""Fetch one manifest file from a list of mirrors, safely. Standard library (urllib) only.

    download(spec, mirrors, dest_dir) -> Path

Bytes go to `<name>.part`; a cut connection is resumed with an HTTP Range request; the
finished `.part` is checked (size, then SHA-256) before an atomic rename puts it in place,
so `<name>` is either absent or verified. A mirror that 404s, refuses, times out or serves
the wrong bytes is recorded and the next one tried; if none works, MnistNotFound lists them.

Not here: deciding whether to download or where the cache is (`mnist.py`).
"""

from __future__ import annotations

import http.client
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from .manifest import FileSpec, MnistNotFound, check_file

__all__ = ["download"]

_CHUNK = 1 << 16
_USER_AGENT = "backprop-kit (MNIST download)"
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


class _MirrorFailed(Exception):
    """This mirror cannot give us the file; the message says why (one phrase)."""


def _url(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _one_request(opener, url: str, part: Path, spec: FileSpec, timeout: float, bar, got: list):
    """One GET (ranged if a partial file exists), appended to `part`; `got[0]` counts the bytes
    received, kept even if the transfer raises half-way.

    A connection that ends early is not an error here: the caller sees a short file and
    decides whether to resume.
    """
    have = _size(part)
    headers = {"User-Agent": _USER_AGENT}
    if have:
        headers["Range"] = f"bytes={have}-"
    with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
        if have and resp.status == 206:
            m = _CONTENT_RANGE.match(resp.headers.get("Content-Range", ""))
            if not m or int(m.group(1)) != have:
                raise _MirrorFailed(f"bad Content-Range {resp.headers.get('Content-Range')!r}")
            mode = "ab"
        elif resp.status == 200:
            # Either a fresh download or a server that ignores Range: start over.
            mode, have = "wb", 0
        else:
            raise _MirrorFailed(f"unexpected HTTP {resp.status}")
        bar.reset(total=spec.bytes)
        bar.update(have)
        with open(part, mode) as fh:
            while chunk := resp.read(_CHUNK):
                if have + got[0] + len(chunk) > spec.bytes:
                    raise _MirrorFailed(f"server sent more than the expected {spec.bytes} bytes")
                fh.write(chunk)
                got[0] += len(chunk)
                bar.update(len(chunk))


def _fetch(opener, url: str, part: Path, spec: FileSpec, timeout: float, resumes: int, bar):
    """Get the whole file from one mirror into `part`, resuming after cuts. Raises _MirrorFailed."""
    cuts = 0
    while True:
        have = _size(part)
        if have > spec.bytes:  # left over from something else; useless
            part.unlink()
        elif have == spec.bytes:
            return
        got = [0]
        error: str | None = None
        try:
            _one_request(opener, url, part, spec, timeout, bar, got)
        except urllib.error.HTTPError as e:
            if e.code == 416 and have:
                # Our partial file does not fit this server's copy: drop it, start over once.
                part.unlink()
                if cuts >= resumes:
                    raise _MirrorFailed("HTTP 416 to a Range request") from e
                cuts += 1
                continue
            raise _MirrorFailed(f"HTTP {e.code} {e.reason}") from e
        except urllib.error.URLError as e:  # before any byte: refused, DNS, connect timeout
            raise _MirrorFailed(f"cannot connect ({e.reason})") from e
        except (OSError, http.client.HTTPException) as e:  # mid-transfer: reset, read timeout
            error = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
        if _size(part) == spec.bytes:
            return
        # Short. Resume only if this attempt made progress, so a dead mirror fails fast.
        cuts += 1
        if got[0] == 0 or cuts > resumes:
            why = error or "connection closed early"
            raise _MirrorFailed(
                f"incomplete after {cuts} attempt(s): {_size(part)}/{spec.bytes} bytes ({why})"
            )


def download(
    spec: FileSpec,
    mirrors: Sequence[str],
    dest_dir: str | os.PathLike,
    *,
    timeout: float = 30.0,
    resumes: int = 5,
    progress: bool | None = None,
) -> Path:
    """Download `spec.name` into `dest_dir` from the first mirror that serves the right bytes.

    timeout   seconds for connecting and for each read (not for the whole transfer)
    resumes   how many times one mirror may be resumed after a cut connection
    progress  tqdm bar on stderr: True / False, or None for "only if stderr is a terminal"
    """
    if not mirrors:
        raise MnistNotFound(f"cannot download {spec.name}: no mirrors configured")
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    final, part = dest / spec.name, dest / (spec.name + ".part")
    # A fresh opener per call so proxy settings ($http_proxy, $no_proxy) are read now.
    opener = urllib.request.build_opener()
    failures: list[str] = []
    bar = tqdm(
        total=spec.bytes,
        desc=spec.name,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        file=sys.stderr,
        leave=False,
        disable=None if progress is None else not progress,
    )
    with bar:
        for base in mirrors:
            url = _url(base, spec.name)
            try:
                _fetch(opener, url, part, spec, timeout, resumes, bar)
            except _MirrorFailed as e:
                failures.append(f"{url}: {e}")
                continue
            reason = check_file(part, spec)
            if reason is not None:
                # Wrong bytes are not worth resuming from: remove them before the next mirror.
                part.unlink(missing_ok=True)
                failures.append(f"{url}: downloaded file rejected ({reason})")
                continue
            os.replace(part, final)  # atomic on one filesystem: `final` is never half-written
            return final
    tried = "\n".join(f"  {f}" for f in failures)
    raise MnistNotFound(f"could not download {spec.name} from any mirror:\n{tried}")
