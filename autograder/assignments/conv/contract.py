"""The student-facing contract of assignment 5 (05_conv), in assignment 1's style.

Three layers; students write ``bp_input`` and ``bp_param`` (the forward passes are given in the
notebook). Batch is axis 0, images are (N, C, H, W), and every layer follows assignment 1's
house rules (read its parameters from its attributes, never modify an argument or the cache in
place, the backward belongs to the latest forward, bp_param of a layer without parameters
returns {}):

``Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0)`` -- parameters ``W``
(C_out, C_in, kH, kW) and ``b`` (C_out,); input (N, C_in, H, W) to output (N, C_out, H_out,
W_out), H_out = (H + 2 pH - kH) // sH + 1: the cross-correlation of
``torch.nn.functional.conv2d(X, W, b, stride, padding)`` (zero padding). ``kernel_size``,
``stride`` and ``padding`` are an int or a pair (height, width).

``MaxPool2d(kernel_size, stride=None)`` -- no parameters; (N, C, H, W) to (N, C, H_out, W_out),
the maximum of each kH x kW window, windows ``stride`` apart (default: the kernel size), as
``torch.nn.functional.max_pool2d``. Where a window has tied maxima the gradient goes to exactly
one of them (any one: the checks accept every valid choice, see `ties.py`).

``Flatten()`` -- no parameters; (N, C, H, W) to (N, C*H*W), as ``X.reshape(len(X), -1)``.

Each `Spec` (assignment 1's `autograder.contract.Spec`) gives the torch forward the checks
differentiate. A shape is a tuple the spec's ``ctor`` and ``sample`` read: (N, C_in, H, W, C_out,
kH, kW, sH, sW, pH, pW) for Conv2d, (N, C, H, W, kH, kW, sH, sW) for MaxPool2d, (N, C, H, W) for
Flatten. The geometry travels to the torch forward as extra, never differentiated inputs
(``stride``, ``padding``, ``kernel``: small integer arrays); the student's layer only ever sees
``X``.

The classic mistakes are written, as in assignment 1, as torch changes of autograd's
vector-Jacobian product, never as the answer's formula: the kernel not flipped in dX is the VJP
of a convolution with the flipped kernel, an ignored stride the VJP of the stride-1 forward,
uncropped padding the VJP with respect to the padded input, a wrongly reduced bias gradient the
VJP with respect to a bias of another shape, and so on. `PARAM_MISTAKES` holds those of
``bp_param`` (``Spec.mistakes`` holds only the d(input) ones). Nothing here computes a gradient
without torch, which is blocked where student code is graded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...toolkit.spec import Arrays, Spec

__all__ = ["BY_NAME", "PARAM_MISTAKES", "SPECS", "TIE_MISTAKES"]


def _ints(v: Any) -> tuple[int, int]:
    return int(v[0]), int(v[1])


def _arg(a: int, b: int) -> int | tuple[int, int]:
    """What the grader passes to a constructor: an int when both sides agree, else a pair (so
    both forms of the contract are exercised)."""
    return a if a == b else (a, b)


# -- Conv2d -------------------------------------------------------------------------------


def _conv_ctor(s: tuple[int, ...]) -> tuple:
    _, c_in, _, _, c_out, kh, kw, sh, sw, ph, pw = s
    return (c_in, c_out, _arg(kh, kw), _arg(sh, sw), _arg(ph, pw))


def _conv_sample(rng: np.random.Generator, s: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    n, c_in, h, w, c_out, kh, kw, sh, sw, ph, pw = s
    fan_in = c_in * kh * kw
    inputs = {
        "X": rng.standard_normal((n, c_in, h, w)),
        "stride": np.array([sh, sw]),
        "padding": np.array([ph, pw]),
    }
    params = {
        "W": rng.standard_normal((c_out, c_in, kh, kw)) / np.sqrt(fan_in),
        "b": rng.standard_normal(c_out),
    }
    return inputs, params


def _conv(t, X, W, b, stride, padding):
    return t.nn.functional.conv2d(X, W, b, stride=_ints(stride), padding=_ints(padding))


def _conv_flipped(t, X, W, b, stride, padding):
    # d/dX of this is the full correlation of grad with the kernel *not* flipped
    return _conv(t, X, W.flip(2, 3), b, stride, padding)


def _conv_stride_one(t, X, W, b, stride, padding):
    # the loops of the backward step one pixel at a time: the stride-1 outputs at the first
    # H_out x W_out positions, as if each window started at (i, j) instead of (i sH, j sW)
    h, w = _conv(t, X, W, b, stride, padding).shape[2:]
    return _conv(t, X, W, b, [1, 1], padding)[:, :, :h, :w]


def _padded(t, i: dict) -> Any:
    ph, pw = _ints(i["padding"])
    return t.nn.functional.pad(i["X"], (pw, pw, ph, ph))


def _conv_unpadded(t, X, W, b, stride, padding):
    return _conv(t, X, W, b, stride, [0, 0])


def _needs(cond: Callable[[dict], bool], mistake: Callable[..., Any]) -> Callable[..., Any]:
    """`mistake` only where it differs from the answer (else the checks leave it out)."""

    def wrong(t, vjp, i, p, g):
        if not cond(i):
            raise ValueError("does not apply at these shapes")
        return mistake(t, vjp, i, p, g)

    return wrong


def _strided(i: dict) -> bool:
    return bool((np.asarray(i["stride"]) != 1).any())


def _padded_input(i: dict) -> bool:
    return bool((np.asarray(i["padding"]) != 0).any())


NOT_FLIPPED = (
    "kernel not flipped in dX: dX is the full correlation of grad with the kernel flipped in "
    "both spatial axes (W[:, :, ::-1, ::-1]), channels swapped"
)
STRIDE_IGNORED = (
    "stride ignored in the backward: the windows of the backward start at (i, j) instead of "
    "(i * stride, j * stride) (in the full-correlation form: grad not dilated by the stride)"
)
PADDING_NOT_CROPPED = (
    "padding not cropped from dX: the gradient of the padded input was returned; cut the "
    "padding off (dX_padded[:, :, pH:pH + H, pW:pW + W])"
)
FLIPPED_DW = (
    "dW flipped in both spatial axes: a convolution where a correlation of the input with "
    "grad is needed"
)

_CONV_INPUT_MISTAKES = {
    NOT_FLIPPED: lambda t, vjp, i, p, g: vjp(g, forward=_conv_flipped),
    STRIDE_IGNORED: _needs(_strided, lambda t, vjp, i, p, g: vjp(g, forward=_conv_stride_one)),
    PADDING_NOT_CROPPED: _needs(
        _padded_input,
        lambda t, vjp, i, p, g: vjp(g, forward=_conv_unpadded, X=_padded(t, i)),
    ),
}


def _bias(t, X, W, b, stride, padding):
    # a bias of any broadcastable shape: its VJP is grad summed over the axes it is broadcast on
    return _conv(t, X, W, None, stride, padding) + b


def _bias_like(shape_of: Callable[[tuple[int, ...]], tuple[int, ...]], keep: Callable) -> Callable:
    """d/d(bias) of the forward with a bias of another shape (`shape_of` the output shape),
    reshaped by `keep` to what such code returns."""

    def wrong(t, vjp_param, i, p, g):
        b = t.zeros(shape_of(tuple(g.shape)), dtype=g.dtype)
        return keep(vjp_param(g, "b", forward=_bias, b=b), tuple(g.shape))

    return wrong


#: the bp_param mistakes: parameter -> name -> f(t, vjp_param, inputs, params, g), where
#: vjp_param(g, name, forward=None, **changes) is autograd's d<g, forward(...)>/d(name)
PARAM_MISTAKES: dict[str, dict[str, dict[str, Callable[..., Any]]]] = {
    "Conv2d": {
        "W": {
            FLIPPED_DW: lambda t, vjp, i, p, g: vjp(g, "W", forward=_conv_flipped),
            STRIDE_IGNORED: _needs(
                _strided, lambda t, vjp, i, p, g: vjp(g, "W", forward=_conv_stride_one)
            ),
        },
        "b": {
            "bias gradient reduced over the wrong axes: summed over the batch axis only; sum "
            "over axes (0, 2, 3), every axis but the channel axis": _bias_like(
                lambda s: s[1:], lambda v, s: v
            ),
            "bias gradient reduced over the wrong axes: summed over the positions (axes 2, 3) "
            "but not over the batch; sum over axes (0, 2, 3)": _bias_like(
                lambda s: (s[0], s[1], 1, 1), lambda v, s: v.reshape(s[0], s[1])
            ),
            "bias gradient reduced over the wrong axes: summed over axes (1, 2, 3) instead of "
            "(0, 2, 3)": _bias_like(lambda s: (s[0], 1, 1, 1), lambda v, s: v.reshape(s[0])),
            "bias gradient reduced over the wrong axes: summed over axes (0, 1, 2, 3) to one "
            "number; keep the channel axis": _bias_like(lambda s: (), lambda v, s: v),
        },
    },
}


# -- MaxPool2d ------------------------------------------------------------------------------


def _pool_ctor(s: tuple[int, ...]) -> tuple:
    _, _, _, _, kh, kw, sh, sw = s
    if (sh, sw) == (kh, kw):
        return (_arg(kh, kw),)  # the default stride: the kernel size
    return (_arg(kh, kw), _arg(sh, sw))


def _distinct(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values 0.05 apart in a random order: no ties (the maximum of each window is unique, so
    torch's gradient is the only right one) and no near-ties (finite differences never move a
    maximum)."""
    size = int(np.prod(shape))
    return (rng.permutation(size).reshape(shape) - size / 2) * 0.05


def _pool_sample(rng: np.random.Generator, s: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    n, c, h, w, kh, kw, sh, sw = s
    inputs = {
        "X": _distinct(rng, (n, c, h, w)),
        "kernel": np.array([kh, kw]),
        "stride": np.array([sh, sw]),
    }
    return inputs, {}


def _pool(t, X, kernel, stride):
    return t.nn.functional.max_pool2d(X, _ints(kernel), _ints(stride))


def _windows(t, X, kernel, stride):
    """(N, C, kH * kW, H_out, W_out): every window's elements (torch's unfold)."""
    n, c = X.shape[:2]
    h, w = _pool(t, X, kernel, stride).shape[2:]
    cols = t.nn.functional.unfold(X, _ints(kernel), stride=_ints(stride))
    return cols.reshape(n, c, -1, h, w)


def _top_left(t, X, kernel, stride):
    # the first element of each window, whatever its value
    return _windows(t, X, kernel, stride)[:, :, 0]


def _swapped(t, X, kernel, stride):
    # the element at the argmax's (column, row) instead of (row, column): the flat argmax a
    # unravelled as (a % kW, a // kW); square windows only (else the position may leave it)
    kh, kw = _ints(kernel)
    cols = _windows(t, X, kernel, stride)
    a = cols.argmax(dim=2, keepdim=True).detach()
    return cols.gather(2, (a % kw) * kw + a // kw).squeeze(2)


def _every_tied(t, X, kernel, stride):
    # each window's maxima all selected (a mask X == max, not one position)
    cols = _windows(t, X, kernel, stride)
    mask = (cols == cols.max(dim=2, keepdim=True).values).detach()
    return (cols * mask).sum(2)


def _split_tied(t, X, kernel, stride):
    cols = _windows(t, X, kernel, stride)
    count = (cols == cols.max(dim=2, keepdim=True).values).sum(2)
    return _every_tied(t, X, kernel, stride) / count


def _square(i: dict) -> bool:
    kh, kw = _ints(i["kernel"])
    return kh == kw > 1


EVERY_TIED = (
    "max-pool gradient sent to every tied maximum of a window: it must go to exactly one of "
    "them (argmax picks one)"
)
SPLIT_TIED = (
    "max-pool gradient split among the tied maxima of a window: it must go, whole, to exactly "
    "one of them"
)
TOP_LEFT = (
    "max-pool gradient sent to the wrong position: the first (top-left) element of each window "
    "instead of its maximum (the argmax's offset inside the window is missing)"
)
SWAPPED = (
    "max-pool gradient sent to the wrong position: row and column of the argmax inside the "
    "window swapped (unravel the flat argmax a as (a // kW, a % kW))"
)

_POOL_INPUT_MISTAKES = {
    TOP_LEFT: lambda t, vjp, i, p, g: vjp(g, forward=_top_left),
    SWAPPED: _needs(_square, lambda t, vjp, i, p, g: vjp(g, forward=_swapped)),
}
#: the wrong answers on inputs with ties (`ties.py`); every valid choice is accepted there
TIE_MISTAKES = {
    EVERY_TIED: lambda t, vjp, i, p, g: vjp(g, forward=_every_tied),
    SPLIT_TIED: lambda t, vjp, i, p, g: vjp(g, forward=_split_tied),
    TOP_LEFT: lambda t, vjp, i, p, g: vjp(g, forward=_top_left),
}


# -- Flatten --------------------------------------------------------------------------------


def _flatten_sample(rng: np.random.Generator, s: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    return {"X": rng.standard_normal(s)}, {}


def _channels_last(t, X):
    # the gradient reshaped as if the forward had flattened (N, H, W, C)
    return X.permute(0, 2, 3, 1).reshape(len(X), -1)


SPECS: tuple[Spec, ...] = (
    Spec(
        name="Conv2d",
        kind="layer",
        params=("W", "b"),
        ctor=_conv_ctor,
        # (N, C_in, H, W, C_out, kH, kW, sH, sW, pH, pW): strides and padding that differ per
        # axis, a non-square kernel and image, C_in != C_out, rows no window reaches; then
        # batch 1 (stride 1, no padding); then a square kernel with stride 2 and padding 1
        shapes=(
            (2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 2),
            (1, 2, 5, 6, 3, 3, 3, 1, 1, 0, 0),
            (3, 2, 8, 7, 3, 3, 3, 2, 2, 1, 1),
        ),
        sample=_conv_sample,
        forward=_conv,
        mistakes=_CONV_INPUT_MISTAKES,
    ),
    Spec(
        name="MaxPool2d",
        kind="layer",
        params=(),
        ctor=_pool_ctor,
        # (N, C, H, W, kH, kW, sH, sW): the default stride on sizes the kernel does not divide,
        # overlapping windows (stride < kernel), a non-square kernel, batch 1
        shapes=(
            (2, 3, 7, 6, 2, 2, 2, 2),
            (1, 2, 7, 8, 3, 3, 2, 2),
            (2, 1, 6, 9, 2, 3, 1, 2),
        ),
        sample=_pool_sample,
        forward=_pool,
        mistakes=_POOL_INPUT_MISTAKES,
    ),
    Spec(
        name="Flatten",
        kind="layer",
        params=(),
        ctor=lambda s: (),
        shapes=((2, 3, 4, 5), (1, 2, 3, 1)),
        sample=_flatten_sample,
        forward=lambda t, X: X.reshape(len(X), -1),
        mistakes={
            "reshaped in the wrong axis order (as if the forward had flattened (N, H, W, C)): "
            "grad.reshape(X.shape) restores the input's shape": (
                lambda t, vjp, i, p, g: vjp(g, forward=_channels_last)
            ),
        },
    ),
)

BY_NAME: dict[str, Spec] = {s.name: s for s in SPECS}
