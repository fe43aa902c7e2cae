"""BatchNorm1d normalises with the batch statistics in eval mode too."""
# expect: batch statistics in eval mode
# check: bp_input matches torch (eval mode)


class BatchNorm1d(BatchNorm1d):
    def __call__(self, X):
        training = self.training
        self.training = True
        try:
            return super().__call__(X)
        finally:
            self.training = training
