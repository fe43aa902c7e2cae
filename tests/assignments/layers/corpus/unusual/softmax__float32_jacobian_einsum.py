"""Softmax in float32 that caches its output and builds the (N, C, C) Jacobian with einsum."""


class Softmax(Softmax):
    def __call__(self, X):
        z = X.astype(np.float32)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        self.out = e / e.sum(axis=1, keepdims=True)
        return self.out

    def bp_input(self, grad):
        s = self.out
        jacobian = np.einsum("ni,ij->nij", s, np.eye(s.shape[1], dtype=s.dtype))
        jacobian = jacobian - np.einsum("ni,nj->nij", s, s)
        return np.einsum("nij,ni->nj", jacobian, grad.astype(np.float32))
