"""Process flood: CrossEntropyLoss.bp_input starts as many sleeping processes as it can (up to
300); it fails a check if nothing stopped it."""

# ruff: noqa
# target: CrossEntropyLoss
import os


class CrossEntropyLoss(CrossEntropyLoss):
    started = None

    def bp_input(self, grad=1.0):
        if CrossEntropyLoss.started is None:
            CrossEntropyLoss.started = 0
            for _ in range(300):
                try:
                    if os.fork() == 0:
                        os.execvp("sleep", ["sleep", "3004"])
                except OSError:
                    break
                CrossEntropyLoss.started += 1
        if CrossEntropyLoss.started >= 300:
            raise RuntimeError("LEAK nothing limited the number of processes")
        return super().bp_input(grad)


# --- honest twin
class CrossEntropyLoss(CrossEntropyLoss):
    pass
