"""Linear with explicit Python loops over every index, and parameters returned as b then W."""


class Linear:
    def __init__(self, in_features, out_features):
        self.n_in, self.n_out = in_features, out_features
        self.W = np.zeros((in_features, out_features))
        self.b = np.zeros(out_features)

    def __call__(self, X):
        self.X = X
        Y = np.zeros((X.shape[0], self.n_out))
        for n in range(X.shape[0]):
            for o in range(self.n_out):
                total = self.b[o]
                for i in range(self.n_in):
                    total += X[n, i] * self.W[i, o]
                Y[n, o] = total
        return Y

    def bp_input(self, grad):
        dX = np.zeros(self.X.shape)
        for n in range(grad.shape[0]):
            for i in range(self.n_in):
                for o in range(self.n_out):
                    dX[n, i] += grad[n, o] * self.W[i, o]
        return dX

    def bp_param(self, grad):
        dW = np.zeros((self.n_in, self.n_out))
        db = np.zeros(self.n_out)
        for n in range(grad.shape[0]):
            for o in range(self.n_out):
                db[o] += grad[n, o]
                for i in range(self.n_in):
                    dW[i, o] += self.X[n, i] * grad[n, o]
        return {"b": db, "W": dW}
