"""SGD forgetting its velocity every 50 steps."""
# expect: the velocity was reset every 50 steps
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def __init__(self, network, lr, momentum=0.0):
        super().__init__(network, lr, momentum)
        self.count = 0

    def step(self):
        if self.count and self.count % 50 == 0:
            self.velocity = {}
        self.count += 1
        super().step()
