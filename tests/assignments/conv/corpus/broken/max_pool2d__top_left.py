"""MaxPool2d.bp_input sends each window's gradient to its top-left element."""
# expect: first (top-left) element


class MaxPool2d(MaxPool2d):
    def bp_input(self, grad):
        sH, sW = self.stride
        dX = np.zeros(self.X.shape)
        for i in range(grad.shape[2]):
            for j in range(grad.shape[3]):
                dX[:, :, i * sH, j * sW] += grad[:, :, i, j]
        return dX
