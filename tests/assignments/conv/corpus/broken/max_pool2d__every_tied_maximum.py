"""MaxPool2d.bp_input sends each window's gradient to every element equal to its maximum."""
# expect: sent to every tied maximum


class MaxPool2d(MaxPool2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        Y = self(self.X)
        dX = np.zeros(self.X.shape)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                window = self.X[:, :, i * sH : i * sH + kH, j * sW : j * sW + kW]
                mask = window == Y[:, :, i : i + 1, j : j + 1]
                dX[:, :, i * sH : i * sH + kH, j * sW : j * sW + kW] += (
                    mask * grad[:, :, i : i + 1, j : j + 1]
                )
        return dX
