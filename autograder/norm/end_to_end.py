"""placeholder"""

from .._exceptions import CheckFailed


def check_mnist(ctx):
    raise CheckFailed("not yet")
