# ruff: noqa: F821 -- appended to the solution notebook's definitions (np, Op classes, ...)
# The book's formulation: a recursive build_grad per node, pulling from its consumers, with the
# table as memo; consumers found by a first traversal; pruning by descendants of wrt.


def build_grad(target, wrt):
    consumers, ancestors = {}, set()

    def visit(node):
        if node in ancestors:
            return
        ancestors.add(node)
        for i, x in enumerate(node.inputs):
            consumers.setdefault(x, []).append((node, i))
            visit(x)

    visit(target)
    relevant = {}

    def depends_on_wrt(node):
        if node not in relevant:
            relevant[node] = node in wanted or any(depends_on_wrt(x) for x in node.inputs)
        return relevant[node]

    wanted = set(wrt)
    grad_table = {}

    def grad_of(node):
        if node in grad_table:
            return grad_table[node]
        if node is target:
            grad_table[node] = np.ones(np.shape(node.value))
            return grad_table[node]
        total = np.zeros(np.shape(node.value))
        for consumer, i in consumers.get(node, []):
            if consumer in ancestors and depends_on_wrt(consumer):
                inputs = [x.value for x in consumer.inputs]
                total = total + consumer.op.bprop(inputs, consumer.value, grad_of(consumer), i)
        grad_table[node] = total
        return total

    for x in wrt:
        if x in ancestors:
            grad_of(x)
        else:
            grad_table[x] = np.zeros(np.shape(x.value))
    return grad_table
