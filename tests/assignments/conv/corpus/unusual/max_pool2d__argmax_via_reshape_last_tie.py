"""MaxPool2d.bp_input: argmax via reshape of strided windows, taking the last tied maximum."""


class MaxPool2d(MaxPool2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        N, C, H_out, W_out = grad.shape
        flat = windows(self.X, self.kernel_size, self.stride).reshape(N, C, H_out, W_out, -1)
        last = flat.shape[-1] - 1 - flat[..., ::-1].argmax(axis=-1)  # the last of tied maxima
        dX = np.zeros(self.X.shape)
        for k in range(kH * kW):
            u, v = divmod(k, kW)
            hit = np.where(last == k, grad, 0.0)
            dX[:, :, u : u + sH * (H_out - 1) + 1 : sH, v : v + sW * (W_out - 1) + 1 : sW] += hit
        return dX
