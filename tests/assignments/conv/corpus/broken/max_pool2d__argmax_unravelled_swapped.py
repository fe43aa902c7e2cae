"""MaxPool2d.bp_input unravels the window's flat argmax as (a % kW, a // kW)."""
# expect: row and column of the argmax


class MaxPool2d(MaxPool2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        dX = np.zeros(self.X.shape)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                window = self.X[:, :, i * sH : i * sH + kH, j * sW : j * sW + kW]
                a = window.reshape(*window.shape[:2], -1).argmax(axis=-1)
                di, dj = a % kW, a // kW
                n, c = np.indices(a.shape)
                rows = np.minimum(i * sH + di, self.X.shape[2] - 1)
                cols = np.minimum(j * sW + dj, self.X.shape[3] - 1)
                np.add.at(dX, (n, c, rows, cols), grad[:, :, i, j])
        return dX
