# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Returns the gradients of both inputs at once.
# expect: bprop returns the gradient with respect to input i only


class Add(Add):
    def bprop(self, inputs, output, grad, i):
        return grad, grad
