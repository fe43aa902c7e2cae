# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Returns exp(a) without the upstream gradient.
# expect: ignored the upstream gradient


class Exp(Exp):
    def bprop(self, inputs, output, grad, i):
        return output
