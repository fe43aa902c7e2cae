"""The test graphs of the algorithm checks, as plain data, and what can be said about them.

A `GraphCase` is what the entry point receives (`spec()`, `values`, `target`, `wrt`) plus the
structure the checks reason about: ancestors, the nodes on paths from `wrt` to the target, and
the number of edges the algorithm must call `bprop` on.

Graphs are built by a `Builder` from the operations the probe found trustworthy (`ops`), with
the values computed as they are built, so every operation stays in its domain: `Log` only of
positive values, `Exp` only of moderate ones, `Relu` never at its kink. Random graphs are
seeded by the check's rng, so they are reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from . import _forward
from .contract import sample

Node = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class GraphCase:
    #: the operation nodes, each after its inputs: (name, op, input names)
    nodes: tuple[Node, ...]
    #: the variables' values
    values: dict[str, np.ndarray]
    target: str
    wrt: tuple[str, ...]

    def spec(self) -> list[list]:
        """The graph as the entry point takes it: [[name, op, [inputs]], ...]."""
        return [[name, op, list(inputs)] for name, op, inputs in self.nodes]

    def inputs(self) -> dict[str, tuple[str, ...]]:
        table = {name: () for name in self.values}
        table.update({name: inputs for name, _, inputs in self.nodes})
        return table

    def ancestors(self, name: str) -> set[str]:
        """`name` and every node it is computed from."""
        inputs, seen, stack = self.inputs(), {name}, [name]
        while stack:
            for x in inputs[stack.pop()]:
                if x not in seen:
                    seen.add(x)
                    stack.append(x)
        return seen

    def on_path(self) -> set[str]:
        """The nodes on a path from a wrt node to the target (both ends included)."""
        relevant = self.ancestors(self.target)
        found = {w for w in self.wrt if w in relevant}
        for name, _, inputs in self.nodes:  # creation order is a topological order
            if name in relevant and any(x in found for x in inputs):
                found.add(name)
        return found

    def edges(self, keep: set[str]) -> int:
        """Edges (one per input slot) whose both ends are in `keep`."""
        return sum(1 for name, _, inputs in self.nodes if name in keep for x in inputs if x in keep)

    def pruned_edges(self) -> int:
        """The bprop calls a correct algorithm makes."""
        return self.edges(self.on_path())

    def all_edges(self) -> int:
        """The bprop calls without pruning: every edge into the target."""
        return self.edges(self.ancestors(self.target))

    def reaches_target(self, name: str) -> bool:
        return name in self.ancestors(self.target)

    def shape(self, name: str) -> tuple[int, ...]:
        return tuple(np.shape(self.forward()[name]))

    def forward(self) -> dict[str, np.ndarray]:
        vals = {k: np.asarray(v, dtype=np.float64) for k, v in self.values.items()}
        for name, op, inputs in self.nodes:
            vals[name] = _forward.forward(op, *[vals[x] for x in inputs])
        return vals

    def describe(self, limit: int = 600) -> str:
        """One line: the variables with their shapes, each operation, target and wrt."""
        leaves = ", ".join(f"{k} {tuple(np.shape(v))}" for k, v in self.values.items())
        ops = "; ".join(f"{n} = {op}({', '.join(ins)})" for n, op, ins in self.nodes)
        text = f"variables {leaves}; {ops}" if ops else f"variables {leaves}"
        if len(text) > limit:
            text = text[: limit - 4] + " ..."
        return f"{text}; target {self.target}, wrt {', '.join(self.wrt)}"


class Builder:
    """Builds a graph from the usable operations, computing values as it goes."""

    def __init__(self, rng: np.random.Generator, ops: Iterable[str]) -> None:
        self.rng = rng
        self.ops = frozenset(ops)
        self.nodes: list[Node] = []
        self.values: dict[str, np.ndarray] = {}
        self.val: dict[str, np.ndarray] = {}
        self._count = 0

    # -- nodes -----------------------------------------------------------------------------
    def leaf(self, name: str, shape: tuple[int, ...], domain: str = "real") -> str:
        value = sample(self.rng, shape, domain)
        if domain == "real":
            value = 0.8 * value
        self.values[name] = value
        self.val[name] = value
        return name

    def apply(self, op: str, *inputs: str, name: str | None = None) -> str:
        if name is None:
            self._count += 1
            name = f"h{self._count}"
        self.nodes.append((name, op, tuple(inputs)))
        self.val[name] = _forward.forward(op, *[self.val[x] for x in inputs])
        return name

    def shape(self, name: str) -> tuple[int, ...]:
        return tuple(np.shape(self.val[name]))

    def _constant(self, like: str, domain: str = "positive") -> str:
        name = f"c{sum(1 for k in self.values if k.startswith('c')) + 1}"
        return self.leaf(name, self.shape(like), domain)

    # -- operations that keep values in range ----------------------------------------------
    def unary_choices(self, x: str) -> list[str]:
        v = self.val[x]
        ok = []
        if "Exp" in self.ops and np.abs(v).max(initial=0.0) <= 2.0:
            ok.append("Exp")
        if "Log" in self.ops and v.min(initial=np.inf) >= 0.2:
            ok.append("Log")
        if "Relu" in self.ops and np.abs(v).min(initial=np.inf) >= 0.05 and (v > 0).any():
            ok.append("Relu")
        return ok

    def unary(self, x: str) -> str:
        """A one-input function of x: Exp, Log or Relu when valid, else x times a constant."""
        choices = self.unary_choices(x)
        if choices:
            return self.apply(str(self.rng.choice(choices)), x)
        if "Multiply" in self.ops:
            return self.apply("Multiply", x, self._constant(x))
        return self.apply("Add", x, self._constant(x, "real"))

    def binary(self, x: str, y: str) -> str:
        """x + y or x * y (same shapes)."""
        small = max(np.abs(self.val[x]).max(initial=0), np.abs(self.val[y]).max(initial=0)) < 4
        choices = [op for op in ("Add", "Multiply") if op in self.ops]
        if "Add" in choices and not small:
            choices = ["Add"]
        return self.apply(str(self.rng.choice(choices)), x, y)

    def total(self, x: str) -> str:
        return x if self.shape(x) == () else self.apply("Sum", x)

    def case(self, target: str, wrt: Iterable[str]) -> GraphCase:
        return GraphCase(tuple(self.nodes), dict(self.values), target, tuple(wrt))


# -- the graphs of each check --------------------------------------------------------------


def single_variable(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """The target is a variable and the only wrt node: its gradient is 1."""
    b = Builder(rng, ops)
    s = b.leaf("s", ())
    return b.case(s, [s])


def chain(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """x -> f -> g -> Sum: no sharing; wrt holds x, an intermediate node and the target."""
    b = Builder(rng, ops)
    x = b.leaf("x", (3, 4))
    h1 = b.unary(x)
    h2 = b.unary(h1)
    z = b.apply("Sum", h2, name="z")
    return b.case(z, [x, h1, z])


def consumers(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """x is used by several operations, twice by one of them; a scalar is reused too."""
    b = Builder(rng, ops)
    x = b.leaf("x", (3, 4))
    y = b.leaf("y", (3, 4))
    op2 = "Multiply" if "Multiply" in b.ops else "Add"
    e = b.apply(op2, x, x)  # the same node twice: two edges, two contributions
    f = b.unary(x)
    g = b.binary(e, f)
    h = b.binary(g, x)
    k = b.binary(h, y)
    z = b.apply("Sum", b.binary(k, x), name="z")
    return b.case(z, [x, y, f])


def scalar_reuse(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """A scalar (a Sum) consumed twice; with BroadcastAdd it flows back into a matrix."""
    b = Builder(rng, ops)
    x = b.leaf("x", (3, 4))
    s = b.apply("Sum", b.unary(x))
    if "BroadcastAdd" in b.ops:
        m = b.apply("BroadcastAdd", x, s)
        t = b.total(b.binary(m, x))
    else:
        t = b.total(b.binary(x, x))
    z = b.binary(b.binary(t, s), s)
    return b.case(z, [x, s])


def uneven_paths(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """A shared node `a` reached by paths of different lengths, and used as a first input:
    breadth-first or depth-first pre-order visits it before all its consumers are done."""
    b = Builder(rng, ops)
    x = b.leaf("x", (3, 4))
    y = b.leaf("y", (3, 4))
    a = b.binary(x, y)
    long = b.unary(b.unary(b.unary(a)))
    c = b.binary(a, long)
    d = b.unary(c)
    z = b.apply("Sum", b.binary(d, a), name="z")
    return b.case(z, [x, y, a])


def random_graph(
    rng: np.random.Generator, ops: Iterable[str], n_ops: int = 12, share: float = 0.5
) -> tuple[Builder, list[str]]:
    """A random graph with two scalar outputs; `share` is how often an older node is reused."""
    b = Builder(rng, ops)
    pool = [b.leaf("x", (3, 4)), b.leaf("y", (3, 4)), b.leaf("p", (3, 4), "positive")]
    if "MatMul" in b.ops:
        pool.append(b.leaf("w", (4, 2)))
    rows = [b.leaf("r", (3, 1)), b.leaf("v", (4,))] if "BroadcastAdd" in b.ops else []
    scalars: list[str] = []

    def pick(candidates: list[str]) -> str:
        if rng.random() < share or len(candidates) < 3:
            return candidates[int(rng.integers(len(candidates)))]
        return candidates[-1 - int(rng.integers(2))]

    for _ in range(n_ops):
        kinds = ["unary", "binary", "binary"]
        if "MatMul" in b.ops:
            kinds.append("matmul")
        if "BroadcastAdd" in b.ops:
            kinds.append("broadcast")
        if len(pool) > 4:
            kinds.append("sum")
        kind = kinds[int(rng.integers(len(kinds)))]
        matrices = [n for n in pool if b.shape(n) == (3, 4)]
        if kind == "unary":
            pool.append(b.unary(pick(pool)))
        elif kind == "binary":
            x = pick(pool)
            partners = [n for n in pool if b.shape(n) == b.shape(x)]
            pool.append(b.binary(x, pick(partners)))
        elif kind == "matmul":
            weights = [n for n in pool if b.shape(n) == (4, 2)]
            pool.append(b.apply("MatMul", pick(matrices), pick(weights)))
        elif kind == "broadcast":
            pool.append(b.apply("BroadcastAdd", pick(matrices), pick(rows + scalars)))
        else:
            scalars.append(b.apply("Sum", pick(pool)))
            pool.append(scalars[-1])
    ops_made = [name for name, _, _ in b.nodes]
    z1 = b.total(ops_made[-1])
    other = ops_made[int(rng.integers(max(1, len(ops_made) - 1)))]
    z2 = b.binary(b.total(other), b.total(pick(pool)))
    return b, [z1, z2]


def random_cases(rng: np.random.Generator, ops: Iterable[str], graphs: int = 2) -> list[GraphCase]:
    """Random graphs, each differentiated once per output, with several wrt nodes."""
    cases = []
    for _ in range(graphs):
        b, outputs = random_graph(rng, ops)
        leaves = list(b.values)
        made = [name for name, _, _ in b.nodes]
        for target in outputs:
            k = int(rng.integers(2, len(leaves) + 1))
            wrt = [str(n) for n in rng.choice(leaves, size=k, replace=False)]
            wrt.append(made[int(rng.integers(len(made) // 2, len(made)))])
            cases.append(b.case(target, dict.fromkeys(wrt)))
    return cases


def many_wrt(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """wrt holds leaves, intermediate nodes (one an ancestor of another), the target itself, a
    variable the target does not use and a node computed from x that the target never uses."""
    b, (z1, _) = random_graph(rng, ops, n_ops=10)
    case = b.case(z1, [])
    relevant = case.ancestors(z1)
    unused = b.leaf("u", (2, 3))
    b.unary(unused)
    dangling = b.unary("x")  # computed from x, consumed by nothing
    inner = [name for name, _, _ in b.nodes if name in relevant and name != z1]
    picks = [inner[int(rng.integers(len(inner)))]] if inner else []
    if picks:
        inputs = case.inputs()[picks[0]]
        deeper = [x for x in inputs if x in relevant and x not in b.values]
        picks += deeper[:1]
    wrt = ["x", "p", *picks, unused, dangling, z1]
    return b.case(z1, dict.fromkeys(wrt))


def ladder(rng: np.random.Generator, ops: Iterable[str], depth: int) -> GraphCase:
    """h_{k+1} = h_k (+ or *) f(h_k): every h_k has two consumers, so 2**depth paths lead from
    x to the target, through only 3 or 4 edges per level. Every variable is in wrt: nothing to
    prune."""
    b = Builder(rng, ops)
    h = b.leaf("x", (2, 3))
    for _ in range(depth):
        h = b.binary(h, b.unary(h))
    z = b.apply("Sum", h, name="z")
    return b.case(z, list(b.values))


def constant_branch(rng: np.random.Generator, ops: Iterable[str]) -> GraphCase:
    """The target depends on x and on a subgraph of constants (W is not in wrt): a pruned
    algorithm calls bprop only on x's path."""
    b = Builder(rng, ops)
    x = b.leaf("x", (3, 4))
    W = b.leaf("W", (3, 4))
    k = b.unary(b.unary(W))
    m = b.binary(b.binary(k, W), k)
    h = b.binary(x, m)
    z = b.apply("Sum", b.unary(b.binary(h, m)), name="z")
    return b.case(z, [x])


def mlp(rng: np.random.Generator, batch: int = 4, sizes: tuple[int, int, int] = (5, 6, 3)):
    """Linear -> ReLU -> Linear -> softmax cross-entropy (mean over the batch) as a graph.

    Returns the case (wrt: X, W1, b1, W2, b2, the logits Z) and the one-hot targets Y. The row
    sums of exp are a product with a column of ones; the row maximum M is subtracted as a
    constant (the softmax does not change, and no exp overflows).
    """
    d, hidden, classes = sizes
    X = rng.standard_normal((batch, d))
    params = {
        "W1": rng.standard_normal((d, hidden)) / np.sqrt(d),
        "b1": 0.1 * rng.standard_normal(hidden),
        "W2": rng.standard_normal((hidden, classes)) / np.sqrt(hidden),
        "b2": 0.1 * rng.standard_normal(classes),
    }
    Y = np.eye(classes)[rng.integers(0, classes, size=batch)]
    H = np.maximum(X @ params["W1"] + params["b1"], 0)
    Z = H @ params["W2"] + params["b2"]
    values = {
        "X": X,
        **params,
        "Y": Y,
        "negM": -Z.max(axis=1, keepdims=True),
        "ones": np.ones((classes, 1)),
        "minus_one": np.array(-1.0),
        "inv_n": np.array(1.0 / batch),
    }
    nodes: list[Node] = [
        ("XW1", "MatMul", ("X", "W1")),
        ("A1", "BroadcastAdd", ("XW1", "b1")),
        ("H", "Relu", ("A1",)),
        ("HW2", "MatMul", ("H", "W2")),
        ("Z", "BroadcastAdd", ("HW2", "b2")),
        ("Zs", "BroadcastAdd", ("Z", "negM")),  # Z minus each row's maximum
        ("E", "Exp", ("Zs",)),
        ("S", "MatMul", ("E", "ones")),  # row sums, (N, 1)
        ("logS", "Log", ("S",)),
        ("sum_logS", "Sum", ("logS",)),
        ("YZ", "Multiply", ("Y", "Zs")),
        ("sum_YZ", "Sum", ("YZ",)),
        ("neg_sum_YZ", "Multiply", ("minus_one", "sum_YZ")),
        ("total", "Add", ("sum_logS", "neg_sum_YZ")),
        ("L", "Multiply", ("inv_n", "total")),
    ]
    case = GraphCase(tuple(nodes), values, "L", ("X", "W1", "b1", "W2", "b2", "Z"))
    return case, Y
