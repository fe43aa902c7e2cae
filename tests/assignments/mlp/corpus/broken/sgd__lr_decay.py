"""SGD halving its learning rate every 100 steps (a schedule inside the optimiser)."""
# expect: from step 101 (step 101 of SGD(network, lr=
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def __init__(self, network, lr, momentum=0.0):
        super().__init__(network, lr, momentum)
        self.t = 0

    def step(self):
        super().step()
        self.t += 1
        if self.t % 100 == 0:
            self.lr = self.lr / 2  # from the 101st step on
