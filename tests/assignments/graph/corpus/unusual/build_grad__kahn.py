# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Reverse topological order by Kahn's algorithm: a node is ready once every consumer is done.
from collections import deque


def build_grad(target, wrt):
    nodes, stack = {target}, [target]
    while stack:
        for x in stack.pop().inputs:
            if x not in nodes:
                nodes.add(x)
                stack.append(x)
    pending = {n: 0 for n in nodes}  # consumers (edges) not yet processed
    for n in nodes:
        for x in n.inputs:
            pending[x] += 1
    wanted = set(wrt)
    memo = {}

    def needed(n):
        if n not in memo:
            memo[n] = n in wanted or any(needed(x) for x in n.inputs)
        return memo[n]

    grads = {target: np.ones(np.shape(target.value))} if needed(target) else {}
    ready = deque([target])
    while ready:
        node = ready.popleft()
        values = [x.value for x in node.inputs]
        for i, x in enumerate(node.inputs):
            if node in grads and needed(x):
                g = node.op.bprop(values, node.value, grads[node], i)
                grads[x] = g if x not in grads else np.add(grads[x], g)
            pending[x] -= 1
            if pending[x] == 0:
                ready.append(x)
    return {x: grads.get(x, np.zeros(np.shape(x.value))) for x in wrt}
