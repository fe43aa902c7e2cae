"""A plain, correct implementation of assignment 5's contract (im2col by strides).

The conv corpus tests grade tests/assignments/layers/corpus/reference.py (assignment 1's layers) + this file + one
corpus entry, so each entry changes exactly one class.
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def _pair(v):
    return (int(v), int(v)) if np.ndim(v) == 0 else (int(v[0]), int(v[1]))


def windows(X, kernel_size, stride):
    """(N, C, H, W) -> a read-only view (N, C, H_out, W_out, kH, kW) of every window."""
    kH, kW = kernel_size
    sH, sW = stride
    N, C, H, W = X.shape
    H_out, W_out = (H - kH) // sH + 1, (W - kW) // sW + 1
    n, c, h, w = X.strides
    return as_strided(
        X, (N, C, H_out, W_out, kH, kW), (n, c, h * sH, w * sW, h, w), writeable=False
    )


def correlate(X, K, stride=(1, 1)):
    """valid cross-correlation: X (N, C, H, W), K (F, C, kH, kW) -> (N, F, H_out, W_out)"""
    cols = windows(X, K.shape[2:], stride)
    out = np.tensordot(cols, K, axes=([1, 4, 5], [1, 2, 3]))  # (N, H_out, W_out, F)
    return out.transpose(0, 3, 1, 2)


class Conv2d:
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0):
        self.kernel_size, self.stride, self.padding = (
            _pair(kernel_size),
            _pair(stride),
            _pair(padding),
        )
        kH, kW = self.kernel_size
        bound = 1.0 / np.sqrt(in_channels * kH * kW)
        self.W = np.random.uniform(-bound, bound, (out_channels, in_channels, kH, kW))
        self.b = np.random.uniform(-bound, bound, out_channels)

    def _padded(self, X):
        pH, pW = self.padding
        return np.pad(X, ((0, 0), (0, 0), (pH, pH), (pW, pW)))

    def __call__(self, X):
        self.X = X
        return correlate(self._padded(X), self.W, self.stride) + self.b[:, None, None]

    def bp_input(self, grad):
        N, F, H_out, W_out = grad.shape
        kH, kW = self.kernel_size
        sH, sW = self.stride
        pH, pW = self.padding
        H, W = self.X.shape[2] + 2 * pH, self.X.shape[3] + 2 * pW
        # dilate by the stride, pad by k-1 (plus rows no window reached), full correlation
        rH, rW = (H - kH) - sH * (H_out - 1), (W - kW) - sW * (W_out - 1)
        G = np.zeros(
            (
                N,
                F,
                sH * (H_out - 1) + 1 + 2 * (kH - 1) + rH,
                sW * (W_out - 1) + 1 + 2 * (kW - 1) + rW,
            ),
            dtype=grad.dtype,
        )
        G[
            :,
            :,
            kH - 1 : kH - 1 + sH * (H_out - 1) + 1 : sH,
            kW - 1 : kW - 1 + sW * (W_out - 1) + 1 : sW,
        ] = grad
        flipped = self.W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # (C, F, kH, kW)
        dXp = correlate(G, flipped)
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]

    def bp_param(self, grad):
        cols = windows(
            self._padded(self.X), self.kernel_size, self.stride
        )  # (N, C, Ho, Wo, kH, kW)
        dW = np.tensordot(grad, cols, axes=([0, 2, 3], [0, 2, 3]))  # (F, C, kH, kW)
        return {"W": dW, "b": grad.sum(axis=(0, 2, 3))}


class MaxPool2d:
    def __init__(self, kernel_size, stride=None):
        self.kernel_size = _pair(kernel_size)
        self.stride = _pair(kernel_size if stride is None else stride)

    def __call__(self, X):
        self.X = X
        return windows(X, self.kernel_size, self.stride).max(axis=(4, 5))

    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        N, C, H, W = self.X.shape
        _, _, H_out, W_out = grad.shape
        flat = windows(self.X, self.kernel_size, self.stride).reshape(N, C, H_out, W_out, kH * kW)
        di, dj = np.divmod(flat.argmax(axis=-1), kW)
        rows = np.arange(H_out)[:, None] * sH + di
        cols = np.arange(W_out)[None, :] * sW + dj
        index = (
            np.arange(N * C)[:, None, None] * H + rows.reshape(N * C, H_out, W_out)
        ) * W + cols.reshape(N * C, H_out, W_out)
        dX = np.bincount(index.ravel(), weights=grad.ravel(), minlength=self.X.size)
        return dX.reshape(self.X.shape).astype(grad.dtype, copy=False)

    def bp_param(self, grad):
        return {}


class Flatten:
    def __call__(self, X):
        self.shape = X.shape
        return X.reshape(len(X), -1)

    def bp_input(self, grad):
        return grad.reshape(self.shape)

    def bp_param(self, grad):
        return {}
