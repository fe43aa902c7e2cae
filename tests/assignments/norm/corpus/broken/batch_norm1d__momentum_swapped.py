"""BatchNorm1d moves the running statistics by 1 - momentum instead of momentum."""
# expect: momentum on the wrong side
# check: running statistics over several steps match torch


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        self.momentum = 1 - self.momentum
        try:
            return super().__call__(X)
        finally:
            self.momentum = 1 - self.momentum
