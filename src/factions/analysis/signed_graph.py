"""Input normalisation for signed-network analyses.

Every analysis in :mod:`factions.analysis` accepts any of

* a NetworkX graph whose edges carry a ``sign`` attribute (+1 / -1) and optionally a
  positive ``weight`` (directed graphs are symmetrised; see :func:`from_networkx`);
* a :class:`SignedGraph` (the compact array form used internally);
* a factions ``System`` (anything with a ``to_networkx()`` method).

Analyses read no files: :func:`factions.io.read_signed_graph` reads a CSV edge list, a
signed adjacency matrix or a system file into a :class:`SignedGraph`.

:class:`SignedGraph` stores nodes in a tuple and edges as NumPy arrays, so the solvers
can work on integer indices in O(n + m) memory.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = [
    "GraphLike",
    "SignedGraph",
    "SignedInputError",
    "add_tie",
    "as_signed_graph",
    "check_sign",
    "check_weight",
    "from_networkx",
    "spectral_sides",
]


class _HasNetworkX(Protocol):
    """Anything that gives its signed graph as NetworkX (a :class:`factions.model.System`)."""

    def to_networkx(self) -> nx.Graph: ...


GraphLike: TypeAlias = "SignedGraph | nx.Graph | _HasNetworkX"
"""What every analysis takes: a :class:`SignedGraph`, a NetworkX graph with a ``sign`` edge
attribute, or a System (anything with ``to_networkx()``)."""


class SignedInputError(ValueError):
    """Bad signed-network input; the message names the file, line and field when it can."""


@dataclass(frozen=True, eq=False)
class SignedGraph:
    """An undirected signed graph in array form.

    ``u[k]``, ``v[k]`` are node indices (``u[k] < v[k]``) of edge ``k``, ``sign[k]`` is +1 or
    -1 and ``weight[k] > 0``. Negative self-loops cannot be satisfied by any partition; they
    are kept out of the edge arrays and counted in ``negative_loops`` (node indices).
    """

    nodes: tuple[Hashable, ...]
    u: np.ndarray
    v: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    negative_loops: tuple[int, ...] = ()
    loop_weight: tuple[float, ...] = ()
    _index: dict[Hashable, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._index:
            self._index.update({x: i for i, x in enumerate(self.nodes)})

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.u.shape[0])

    @property
    def index(self) -> dict[Hashable, int]:
        """Node -> position in :attr:`nodes`."""
        return self._index

    @property
    def is_unit_weight(self) -> bool:
        return bool(np.all(self.weight == 1.0)) and all(w == 1.0 for w in self.loop_weight)

    @property
    def is_integer_weight(self) -> bool:
        return bool(np.all(self.weight == np.round(self.weight))) and all(
            w == round(w) for w in self.loop_weight
        )

    def edge(self, k: int) -> tuple[Hashable, Hashable]:
        return (self.nodes[int(self.u[k])], self.nodes[int(self.v[k])])

    def adjacency(self, signed: bool = True, weighted: bool = True) -> sp.csr_matrix:
        """Symmetric sparse adjacency (entries ``sign*weight`` by default). O(m)."""
        data = np.ones(self.m)
        if weighted:
            data = data * self.weight
        if signed:
            data = data * self.sign
        a = sp.coo_matrix(
            (
                np.concatenate([data, data]),
                (np.concatenate([self.u, self.v]), np.concatenate([self.v, self.u])),
            ),
            shape=(self.n, self.n),
        )
        return a.tocsr()

    def degrees(self) -> np.ndarray:
        return np.bincount(np.concatenate([self.u, self.v]), minlength=self.n)

    def subgraph_edges(self, edges: np.ndarray) -> tuple[SignedGraph, np.ndarray]:
        """The graph induced by an edge subset, relabelled; returns it and its node indices."""
        nodes_idx = np.unique(np.concatenate([self.u[edges], self.v[edges]]))
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[nodes_idx] = np.arange(nodes_idx.size)
        sub = SignedGraph(
            nodes=tuple(self.nodes[i] for i in nodes_idx),
            u=remap[self.u[edges]],
            v=remap[self.v[edges]],
            sign=self.sign[edges],
            weight=self.weight[edges],
        )
        return sub, nodes_idx

    def to_networkx(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        for k in range(self.m):
            a, b = self.edge(k)
            g.add_edge(a, b, sign=int(self.sign[k]), weight=float(self.weight[k]))
        for i, w in zip(self.negative_loops, self.loop_weight, strict=True):
            g.add_edge(self.nodes[i], self.nodes[i], sign=-1, weight=w)
        return g

    @classmethod
    def from_edges(
        cls,
        edges: Iterable[tuple[Hashable, Hashable, int] | tuple[Hashable, Hashable, int, float]],
        nodes: Sequence[Hashable] | None = None,
    ) -> SignedGraph:
        """Build from ``(a, b, sign[, weight])`` tuples (undirected; duplicates merged)."""
        g = nx.Graph()
        if nodes is not None:
            g.add_nodes_from(nodes)
        for e in edges:
            a, b, s = e[0], e[1], e[2]
            w = e[3] if len(e) > 3 else 1.0  # type: ignore[misc]
            add_tie(g, a, b, s, w, where=f"edge {a!r}-{b!r}")
        return from_networkx(g)


_ZERO_ENTRY = 1e-9  # an entry of a unit eigenvector within this of zero is zero


def spectral_sides(vec: np.ndarray) -> np.ndarray:
    """Sides (+1 / -1) from the signs of an eigenvector, the same on every run.

    The spectral split of a signed graph (Kunegis et al. 2010, "Spectral analysis of signed
    graphs for clustering, prediction and visualization", SDM): the signs of an eigenvector
    of the signed adjacency matrix. An eigenvector's overall sign is arbitrary, and an entry
    that is zero in exact arithmetic comes out as +-1e-17 noise that differs from run to run
    (threaded BLAS): the first clear entry is made positive and near-zero entries take side
    -1, else partitions that tie alternate by chance.

    Parameters
    ----------
    vec : numpy.ndarray
        An eigenvector (unit norm) of a signed adjacency matrix or Laplacian.

    Returns
    -------
    numpy.ndarray
        +1.0 or -1.0 per entry.

    Examples
    --------
    >>> spectral_sides(np.array([-0.5, 1e-17, 0.5])).tolist()
    [1.0, -1.0, -1.0]
    """
    clear = np.flatnonzero(np.abs(vec) > _ZERO_ENTRY)
    if clear.size and vec[clear[0]] < 0:
        vec = -vec
    return np.where(vec > _ZERO_ENTRY, 1.0, -1.0)


def check_sign(s: Any, where: str) -> int:
    """The sign ``s`` as +1 or -1.

    Parameters
    ----------
    s : object
        A sign as read (``1``, ``"-1"``, ``-1.0``...).
    where : str
        Where it was read, for the error message.

    Returns
    -------
    int

    Raises
    ------
    SignedInputError
        Anything but +1 or -1.
    """
    try:
        f = float(s)
    except (TypeError, ValueError):
        raise SignedInputError(f"{where}: sign must be +1 or -1, got {s!r}") from None
    if f not in (1.0, -1.0):
        raise SignedInputError(f"{where}: sign must be +1 or -1, got {s!r}")
    return int(f)


def check_weight(w: Any, where: str) -> float:
    """The weight ``w`` as a positive, finite float.

    Parameters
    ----------
    w : object
        A weight as read.
    where : str
        Where it was read, for the error message.

    Returns
    -------
    float

    Raises
    ------
    SignedInputError
        Not a positive finite number.
    """
    try:
        f = float(w)
    except (TypeError, ValueError):
        raise SignedInputError(f"{where}: weight must be a positive number, got {w!r}") from None
    if not math.isfinite(f) or f <= 0:
        raise SignedInputError(f"{where}: weight must be a positive number, got {w!r}")
    return f


def add_tie(g: nx.Graph, a: Hashable, b: Hashable, s: Any, w: Any, where: str) -> None:
    """Add a signed tie to ``g``; the same tie listed again keeps its largest weight.

    Parameters
    ----------
    g : networkx.Graph
        The graph being read.
    a, b : hashable
        The ends.
    s, w : object
        Sign and weight, checked by :func:`check_sign` and :func:`check_weight`.
    where : str
        Where the tie was read, for the error message.

    Raises
    ------
    SignedInputError
        A bad sign or weight, or the pair listed with both signs.
    """
    sign = check_sign(s, where)
    weight = check_weight(w, where)
    if g.has_edge(a, b):
        old = g[a][b]
        if old["sign"] != sign:
            raise SignedInputError(
                f"{where}: the pair already has sign {old['sign']:+d}; "
                "one pair of actors needs one sign"
            )
        # the same tie listed in both directions (or twice) is one tie
        old["weight"] = max(old["weight"], weight)
        return
    g.add_edge(a, b, sign=sign, weight=weight)


def from_networkx(graph: nx.Graph, weight: str | None = "weight") -> SignedGraph:
    """Normalise a NetworkX graph with a ``sign`` edge attribute.

    Directed graphs and multigraphs are symmetrised: ties between the same pair must agree in
    sign (else :class:`SignedInputError`) and keep the largest weight. ``weight=None`` ignores
    weights. O(n + m).

    Parameters
    ----------
    graph : networkx.Graph
        With a ``sign`` edge attribute.
    weight : str or None
        Edge attribute of the positive weights (``None``: every tie 1).

    Returns
    -------
    SignedGraph
        Nodes in the graph's order, ties symmetrised.

    Raises
    ------
    SignedInputError
        A tie without a valid sign or weight, or ties of both signs between one pair.
    """
    nodes = tuple(graph.nodes)
    index = {x: i for i, x in enumerate(nodes)}
    pairs: dict[tuple[int, int], tuple[int, float]] = {}
    loops: dict[int, float] = {}
    it = graph.edges(data=True)
    for a, b, d in it:
        where = f"edge {a!r}-{b!r}"
        if "sign" not in d:
            raise SignedInputError(f"{where}: missing the 'sign' attribute (+1 or -1)")
        s = check_sign(d["sign"], where)
        w = check_weight(d.get(weight, 1.0), where) if weight else 1.0
        i, j = index[a], index[b]
        if i == j:
            if s < 0:
                loops[i] = max(loops.get(i, 0.0), w)
            continue
        key = (i, j) if i < j else (j, i)
        if key in pairs:
            if pairs[key][0] != s:
                raise SignedInputError(f"{where}: ties of both signs between the same pair")
            w = max(w, pairs[key][1])
        pairs[key] = (s, w)
    keys = sorted(pairs)
    u = np.array([k[0] for k in keys], dtype=np.int64)
    v = np.array([k[1] for k in keys], dtype=np.int64)
    sign = np.array([pairs[k][0] for k in keys], dtype=np.int64)
    wt = np.array([pairs[k][1] for k in keys], dtype=np.float64)
    return SignedGraph(
        nodes=nodes,
        u=u,
        v=v,
        sign=sign,
        weight=wt,
        negative_loops=tuple(sorted(loops)),
        loop_weight=tuple(loops[i] for i in sorted(loops)),
    )


def as_signed_graph(obj: GraphLike, weight: str | None = "weight") -> SignedGraph:
    """Normalise a graph to a :class:`SignedGraph`.

    Parameters
    ----------
    obj : SignedGraph, networkx.Graph or System
        A :class:`SignedGraph`, a NetworkX graph with a ``sign`` edge attribute, or anything
        with a ``to_networkx()`` method (a :class:`factions.model.System`). Files are read
        by :func:`factions.io.read_signed_graph`.
    weight : str or None
        Edge attribute holding the positive weight; ``None`` counts every tie as 1.

    Returns
    -------
    SignedGraph
        ``obj`` itself when it already is one.

    Raises
    ------
    SignedInputError
        A tie without a valid sign or weight, or ties of both signs between one pair.
    TypeError
        Anything else (a path: read it with :func:`factions.io.read_signed_graph`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b", {"sign": -1})])
    >>> as_signed_graph(g).m
    1
    """
    if isinstance(obj, SignedGraph):
        return obj
    if isinstance(obj, nx.Graph):
        return from_networkx(obj, weight=weight)
    if hasattr(obj, "to_networkx"):
        return from_networkx(obj.to_networkx(), weight=weight)
    if isinstance(obj, str | Path):
        raise TypeError(
            f"{obj}: analyses take graphs, not files; read it with factions.io.read_signed_graph"
        )
    raise TypeError(f"cannot read a signed graph from {type(obj).__name__}")
