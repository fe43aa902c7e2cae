"""The worker protocol: length-prefixed JSON headers followed by raw array bytes.

Never pickle: an array crosses as {"__nd__": k, "dtype": "<f8", "shape": [...]} in the JSON,
its bytes as the k-th buffer after the header, and a seeded numpy Generator as its seed,
{"__rng__": s} (built as ``default_rng(s)`` where it is used). Nothing else but JSON types
crosses.

    frame := u32 header_len | header (UTF-8 JSON) | buffer_0 | buffer_1 | ...
    header := {"body": <value with arrays replaced>, "buffers": [len_0, len_1, ...]}

The grader reads frames written by a process the submission controls, so `read_frame` treats
every byte as hostile: sizes are capped, and anything that does not decode to the shapes above
(bad JSON, deep nesting, unknown markers, byte counts that do not match, object dtypes) is a
`WireError` -- never another exception, never an object of a student-defined type. Reads and
writes take a deadline, so a worker that stops reading or writing cannot block the grader.
"""

from __future__ import annotations

import json
import os
import select
import socket
import struct
import time
from typing import Any

import numpy as np

from ._plain import Ref, SeededGenerator, Unsupported

#: refuse frames bigger than this (a runaway student array must not exhaust the grader)
MAX_FRAME = 512 * 2**20
#: the JSON part is small for honest answers (arrays travel as raw bytes)
MAX_HEADER = 32 * 2**20
_ALLOWED_DTYPES = {
    "<f8",
    "<f4",
    "<f2",
    "<i8",
    "<i4",
    "<i2",
    "|i1",
    "<u8",
    "<u4",
    "<u2",
    "|u1",
    "|b1",
}


class WireError(Exception):
    pass


def _encode(value: Any, buffers: list[bytes]) -> Any:
    if isinstance(value, np.ndarray):
        arr = np.asarray(value, order="C")  # unlike ascontiguousarray, keeps 0-d arrays 0-d
        if arr.dtype.byteorder == ">":
            arr = arr.astype(arr.dtype.newbyteorder("<"))
        buffers.append(arr.tobytes())
        return {
            "__nd__": len(buffers) - 1,
            "dtype": arr.dtype.str,
            "shape": list(arr.shape),
            "ro": not value.flags.writeable,
        }
    if isinstance(value, Unsupported):
        return {"__unsupported__": value.type_name}
    if isinstance(value, Ref):
        return {"__ref__": int(value.handle)}
    if isinstance(value, SeededGenerator):
        return {"__rng__": int(value.seed)}
    if isinstance(value, dict):
        return {"__dict__": [[k, _encode(v, buffers)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_encode(v, buffers) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise WireError(f"cannot send a {type(value).__name__}")


def _array(value: dict, buffers: list[bytearray | None]) -> np.ndarray:
    dtype = np.dtype(value["dtype"])
    if dtype.str not in _ALLOWED_DTYPES:
        raise WireError(f"refused array dtype {value['dtype']!r}")
    shape = tuple(int(n) for n in value["shape"])
    if any(n < 0 for n in shape) or len(shape) > 32:
        raise WireError("bad array shape")
    index = int(value["__nd__"])
    raw, buffers[index] = buffers[index], None  # one array per buffer: answers never alias
    if raw is None:
        raise WireError("an array buffer used twice")
    if len(raw) != dtype.itemsize * int(np.prod(shape, dtype=np.int64)):
        raise WireError("array byte count does not match its shape")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape)  # a view: the bytes are not copied
    arr.flags.writeable = value.get("ro") is not True
    return arr


def _decode(value: Any, buffers: list[bytes]) -> Any:
    if isinstance(value, list):
        return [_decode(v, buffers) for v in value]
    if isinstance(value, dict):
        if "__nd__" in value:
            return _array(value, buffers)
        if "__ref__" in value:
            return Ref(int(value["__ref__"]))
        if "__rng__" in value:
            seed = value["__rng__"]
            if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**64:
                raise WireError("bad generator seed")
            return SeededGenerator(seed)
        if "__unsupported__" in value:
            return Unsupported(str(value["__unsupported__"]))
        if "__dict__" in value:
            return {str(k): _decode(v, buffers) for k, v in value["__dict__"]}
        raise WireError("unknown object in frame")
    return value


def pack(value: Any) -> bytes:
    buffers: list[bytes] = []
    body = _encode(value, buffers)
    header = json.dumps({"body": body, "buffers": [len(b) for b in buffers]}).encode()
    return b"".join([struct.pack(">I", len(header)), header, *buffers])


def _wait(fd: int, writing: bool, deadline: float | None) -> None:
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("no answer before the deadline")
    poller = select.poll()
    poller.register(fd, select.POLLOUT if writing else select.POLLIN)
    if not poller.poll(remaining * 1000):
        raise TimeoutError("no answer before the deadline")


def _read_exact(fd: int, n: int, deadline: float | None) -> bytearray:
    # straight into one buffer: an n-byte answer costs n bytes, not chunks + their join + a copy
    buffer = bytearray(n)
    view, got = memoryview(buffer), 0
    while got < n:
        _wait(fd, False, deadline)
        count = os.readv(fd, [view[got : got + (1 << 20)]])
        if not count:
            raise EOFError("pipe closed")
        got += count
    return buffer


def array_bytes(value: Any) -> int:
    """Bytes of the arrays in `value` (what a request sends; its answer is sized from it)."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(array_bytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(array_bytes(v) for v in value)
    return 0


def read_frame(
    fd: int,
    deadline: float | None = None,
    max_bytes: int = MAX_FRAME,
    max_header: int = MAX_HEADER,
) -> Any:
    """One frame from `fd`; TimeoutError when `deadline` (time.monotonic()) passes first,
    EOFError when the other end is closed, WireError when the bytes are not a valid frame or
    announce more than `max_bytes` of arrays (refused before they are read)."""
    (header_len,) = struct.unpack(">I", _read_exact(fd, 4, deadline))
    if header_len > min(max_header, MAX_HEADER):
        raise WireError(f"a header of {header_len} bytes (at most {min(max_header, MAX_HEADER)})")
    raw = _read_exact(fd, header_len, deadline)
    try:
        header = json.loads(raw)
        body = header["body"]
        sizes = [int(n) for n in header["buffers"]]
    except Exception as exc:  # noqa: BLE001 - any malformed header (deep nesting included)
        raise WireError(f"malformed frame header ({type(exc).__name__})") from None
    if any(n < 0 for n in sizes):
        raise WireError("malformed frame header (negative size)")
    if sum(sizes) > min(max_bytes, MAX_FRAME):
        limit = min(max_bytes, MAX_FRAME)
        raise WireError(f"{sum(sizes)} bytes of arrays, more than the {limit} this request allows")
    buffers = [_read_exact(fd, n, deadline) for n in sizes]
    try:
        return _decode(body, buffers)
    except WireError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a bad dtype string, an index out of range
        raise WireError(f"malformed frame body ({type(exc).__name__})") from None


def write_frame(fd: int, value: Any, deadline: float | None = None) -> None:
    data = memoryview(pack(value))
    blocking = os.get_blocking(fd)
    if deadline is not None:
        os.set_blocking(fd, False)  # else one large write could wait on the reader forever
    try:
        while data:
            _wait(fd, True, deadline)
            try:
                n = os.write(fd, data)
            except BlockingIOError:
                continue
            data = data[n:]
    finally:
        os.set_blocking(fd, blocking)


def send_fds(sock: socket.socket, fds: list[int]) -> None:
    """Pass open file descriptors to the process at the other end of a Unix socket."""
    socket.send_fds(sock, [b"F"], fds)


def recv_fds(sock: socket.socket, count: int, deadline: float) -> list[int]:
    """Receive exactly `count` descriptors sent by `send_fds`; WireError otherwise."""
    _wait(sock.fileno(), False, deadline)
    data, fds, _flags, _addr = socket.recv_fds(sock, 1, count + 1)
    if data != b"F" or len(fds) != count:
        for fd in fds:
            os.close(fd)
        if not data:
            raise EOFError("socket closed")
        raise WireError("expected file descriptors")
    return fds
