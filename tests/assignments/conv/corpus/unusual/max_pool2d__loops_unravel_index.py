"""MaxPool2d.bp_input with loops over images, channels and windows, np.unravel_index."""


class MaxPool2d(MaxPool2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        dX = np.zeros(self.X.shape)
        for n in range(grad.shape[0]):
            for c in range(grad.shape[1]):
                for i in range(grad.shape[2]):
                    for j in range(grad.shape[3]):
                        window = self.X[n, c, i * sH : i * sH + kH, j * sW : j * sW + kW]
                        u, v = np.unravel_index(np.argmax(window), window.shape)
                        dX[n, c, i * sH + u, j * sW + v] += grad[n, c, i, j]
        return dX
