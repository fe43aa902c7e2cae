# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# x * x: returns the total derivative 2 x grad for each edge when both inputs are one array,
# so build_grad (which adds the two edges) gets 4 x grad. Right for two different arrays.
# expect: bprop special-cases identical inputs


class Multiply(Multiply):
    def bprop(self, inputs, output, grad, i):
        a, b = inputs
        if a is b:
            return 2 * grad * a
        return grad * b if i == 0 else grad * a
