# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# A correct sweep whose tables are keyed by node.name: right while every name is unique,
# wrong when nodes have no name or share one.
# expect: keyed by node.name


def build_grad(target, wrt):
    order, seen = [], set()

    def visit(node):
        if node.name in seen:
            return
        seen.add(node.name)
        for x in node.inputs:
            visit(x)
        order.append(node)

    visit(target)
    wanted = {x.name for x in wrt}
    on_path = set()
    for node in order:
        if node.name in wanted or any(x.name in on_path for x in node.inputs):
            on_path.add(node.name)
    grads = {target.name: np.ones(np.shape(target.value))} if target.name in on_path else {}
    for node in reversed(order):
        if node.op is None or node.name not in grads:
            continue
        inputs = [x.value for x in node.inputs]
        for i, x in enumerate(node.inputs):
            if x.name in on_path:
                part = node.op.bprop(inputs, node.value, grads[node.name], i)
                grads[x.name] = grads[x.name] + part if x.name in grads else part
    return {x: grads.get(x.name, np.zeros(np.shape(x.value))) for x in wrt}
