"""The MNIST data layer: verified files (found locally or downloaded on demand) as arrays.

    load_mnist(split="train", path=None, download=True, *, raw=False) -> (images, labels)
    find_mnist(path=None, download=True) -> {file name: verified path}
    MnistNotFound       no verified copy, and none could be downloaded (message says what to do)
    MnistUnreadable     a file was found but could not be read whole (vanished, truncated, I/O)
    MNIST_ENV           "BACKPROP_KIT_MNIST": a folder holding the four .gz files
    MnistConfig         mirrors, cache folder, timeouts

Importing this package reads no file and opens no connection; see `mnist.py` for the lookup
order and `datasets/README.md` for the cache.
"""

from .manifest import MnistNotFound
from .mnist import MNIST_ENV, MnistConfig, MnistUnreadable, find_mnist, load_mnist

__all__ = [
    "MNIST_ENV",
    "MnistConfig",
    "MnistNotFound",
    "MnistUnreadable",
    "find_mnist",
    "load_mnist",
]
