"""Linear written entirely with np.einsum, storing the input under another name."""


class Linear:
    def __init__(self, in_features, out_features):
        self.W = np.zeros((in_features, out_features))
        self.b = np.zeros(out_features)

    def __call__(self, X):
        self._inp = X
        return np.einsum("ni,io->no", X, self.W) + self.b

    def bp_input(self, grad):
        return np.einsum("no,io->ni", grad, self.W)

    def bp_param(self, grad):
        return {"W": np.einsum("ni,no->io", self._inp, grad), "b": np.einsum("no->o", grad)}
