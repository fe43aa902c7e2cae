"""Conv2d.bp_input returns the gradient of the padded input, padding not cut off."""
# expect: padding not cropped from dX


class Conv2d(Conv2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        dXp = np.zeros(self._padded(self.X).shape)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                part = np.tensordot(grad[:, :, i, j], self.W, 1)  # (N, C, kH, kW)
                dXp[:, :, i * sH : i * sH + kH, j * sW : j * sW + kW] += part
        return dXp
