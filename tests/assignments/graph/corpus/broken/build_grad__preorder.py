# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# Push-style sweep in depth-first pre-order (a node before its inputs): not a reverse
# topological order.
# expect: wrong visiting order


def build_grad(target, wrt):
    order, seen = [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        order.append(node)
        for x in node.inputs:
            visit(x)

    visit(target)
    memo = {}

    def depends_on_wrt(node):
        if node not in memo:
            memo[node] = node in wrt or any(depends_on_wrt(x) for x in node.inputs)
        return memo[node]

    on_path = {node for node in order if depends_on_wrt(node)}
    grad_table = {target: np.ones(np.shape(target.value))} if target in on_path else {}
    for node in order:
        if node.op is None or node not in grad_table:
            continue
        inputs = [x.value for x in node.inputs]
        for i, x in enumerate(node.inputs):
            if x in on_path:
                part = node.op.bprop(inputs, node.value, grad_table[node], i)
                grad_table[x] = grad_table[x] + part if x in grad_table else part
    for x in wrt:
        grad_table.setdefault(x, np.zeros(np.shape(x.value)))
    return grad_table
