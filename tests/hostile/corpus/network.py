"""Network: ReLU.bp_param tries to reach a server on this machine and send it a message."""

# ruff: noqa
# target: ReLU
import os
import socket


class ReLU(ReLU):
    def bp_param(self, grad):
        port = int(os.environ.get("BACKPROP_HOSTILE_PORT", "9"))
        hosts = ["127.0.0.1", "localhost"]
        try:
            hosts.append(socket.gethostbyname(socket.gethostname()))
        except OSError:
            pass
        for host in hosts:
            try:
                with socket.create_connection((host, port), timeout=2) as s:
                    s.sendall(b"exfiltrated")
            except OSError:
                pass
        return {}


# --- honest twin
class ReLU(ReLU):
    pass
