"""Leftover files: Tanh.bp_param writes files and folders in every writable place it can find,
then answers correctly."""

# ruff: noqa
# target: Tanh
import os
import tempfile


class Tanh(Tanh):
    def bp_param(self, grad):
        tag = os.environ.get("BACKPROP_HOSTILE_TAG", "backprop-hostile")
        for folder in (
            ".",
            tempfile.gettempdir(),
            os.path.expanduser("~"),
            "/tmp",
            "/var/tmp",
            "/dev/shm",
        ):
            try:
                with open(os.path.join(folder, f"{tag}.txt"), "w") as f:
                    f.write("left behind")
                os.makedirs(os.path.join(folder, f"{tag}.d", "inner"), exist_ok=True)
                os.symlink("/etc/passwd", os.path.join(folder, f"{tag}.link"))
            except OSError:
                pass
        tempfile.mkstemp(prefix=tag)
        return {}


# --- honest twin
class Tanh(Tanh):
    pass
