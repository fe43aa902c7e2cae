# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Treats one node used twice explicitly, and correctly: each edge gets grad * x (its share).


class Multiply(Multiply):
    def bprop(self, inputs, output, grad, i):
        if inputs[0] is inputs[1]:
            return grad * inputs[0]  # one edge; build_grad adds the other
        return grad * inputs[1 - i]
