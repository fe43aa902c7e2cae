"""Sockets: ReLU.bp_input connects to a Unix socket listening elsewhere on the machine (a path in
a shared folder, and an abstract name) and, if either accepts, sends a message out and answers."""

# ruff: noqa
# target: ReLU
import os
import socket


def _reached():
    for address in (os.environ.get("BACKPROP_HOSTILE_SOCKET", ""), "\0backprop-hostile-abstract"):
        if not address:
            continue
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(1)
            s.connect(address)
            s.sendall(b"escaped")
            s.close()
            return True
        except OSError:
            continue
    return False


class ReLU(ReLU):
    def bp_input(self, grad):
        if not _reached():
            raise ConnectionError("no socket reaches out")
        return grad * (self.X > 0)


# --- honest twin
class ReLU(ReLU):
    def bp_input(self, grad):
        raise ConnectionError("no socket reaches out")
