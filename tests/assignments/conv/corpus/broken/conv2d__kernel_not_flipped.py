"""Conv2d.bp_input correlates the dilated, padded grad with the kernel as it is, not flipped."""
# expect: kernel not flipped


class Conv2d(Conv2d):
    def bp_input(self, grad):
        kH, kW = self.kernel_size
        sH, sW = self.stride
        pH, pW = self.padding
        N, F, H_out, W_out = grad.shape
        H, W = self.X.shape[2] + 2 * pH, self.X.shape[3] + 2 * pW
        rH, rW = (H - kH) - sH * (H_out - 1), (W - kW) - sW * (W_out - 1)
        G = np.zeros((N, F, sH * (H_out - 1) + 2 * kH - 1 + rH, sW * (W_out - 1) + 2 * kW - 1 + rW))
        G[:, :, kH - 1 : kH + sH * (H_out - 1) : sH, kW - 1 : kW + sW * (W_out - 1) : sW] = grad
        dXp = correlate(G, self.W.transpose(1, 0, 2, 3))  # the flip is missing
        return dXp[:, :, pH : pH + self.X.shape[2], pW : pW + self.X.shape[3]]
