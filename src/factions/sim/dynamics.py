r"""Dynamics of signed networks: local triad dynamics and landscape realignment.

Local triad dynamics (:func:`triad_dynamics`)
---------------------------------------------
T. Antal, P. L. Krapivsky & S. Redner (2005), "Dynamics of social balance on networks",
*Physical Review E* 72, 036121. Each update picks a triangle uniformly at random; if it is
imbalanced it is repaired:

* one unfriendly link (``++-``): with probability ``p`` the unfriendly link turns friendly
  (``+++``); otherwise one of the two friendly links, chosen at random, turns unfriendly
  (``+--``);
* three unfriendly links (``---``): one of them, chosen at random, turns friendly (``+--``).

Balanced triangles are left alone. On a complete graph the mean-field density of friendly
links tends to :math:`\rho_\infty = 1/(\sqrt{3(1-2p)} + 1)` for ``p < 1/2`` (ATR eq. 9) and
to 1 for ``p >= 1/2``. For ``p < 1/2`` a finite network stays in a quasi-stationary state
around :math:`\rho_\infty` for a time that grows extremely fast with N before it can fall
into a balanced state; :func:`ltd_steady_state` measures that plateau by averaging over
time (after a burn-in) and over independent runs.

Vectorisation: ``runs`` independent copies are advanced together, one update per copy per
NumPy step (fancy indexing into an ``(runs, N, N)`` int8 adjacency array), so each NumPy call
does ``runs`` updates. Complete graphs sample triangles directly (three distinct nodes);
other graphs sample from their list of triangles. Time is counted in updates; ATR's unit of
time is one update per link, ``t = updates / L``. Complexity: O(1) per update, O(runs N^2)
memory; triangle listing for general graphs is O(sum of degree^2).

Constrained triad dynamics (:func:`constrained_triad_dynamics`)
----------------------------------------------------------------
Same paper, section III: a random link flips if that lowers the number of imbalanced
triangles (with probability 1/2 if it leaves it unchanged, never if it raises it). The
imbalance never increases; runs end balanced or *jammed* - imbalanced, yet every single flip
would raise the imbalance (ATR found such states on complete graphs from N = 9 on). The
change a flip of ``(i, j)`` makes is :math:`s_{ij} (S^2)_{ij}`; ``S^2`` is updated in
O(N^2) per accepted flip, so a proposal costs O(1).

Landscape realignment (:func:`realign`)
---------------------------------------
R. Axelrod & D. S. Bennett (1993), "A landscape theory of aggregation", *British Journal of
Political Science* 23(2): 211-233. Actors are split into two sides; the energy of a
configuration is the weighted frustration

.. math:: F(X) = \sum_{i<j} w_{ij} [\sigma_{ij} > 0][X_i \ne X_j]
          + \sum_{i<j} w_{ij} [\sigma_{ij} < 0][X_i = X_j],

which differs from Axelrod & Bennett's :math:`E(X) = \sum s_i s_j p_{ij} d_{ij}(X)` by a
constant (with :math:`w_{ij} = s_i s_j |p_{ij}|`). Starting from a configuration (by default
everyone on one side), an actor switches side when that lowers the energy; by default the
actor whose switch lowers it most moves first (steepest descent, ties to the lowest index),
or in a seeded random order. The walk ends in a local minimum (no single switch lowers F).
The end state is *jammed* when that local minimum is not a global minimum (checked exactly
by enumeration for up to ``exact_limit`` actors, above that with the exact frustration index
of :mod:`factions.analysis.frustration` within a time limit; ``None`` when undecided). Each step costs O(N) with
the incrementally maintained gains; enumeration is O(2^N N^2 / 64) vectorised.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np

__all__ = [
    "ConstrainedDynamicsResult",
    "RealignmentResult",
    "TriadDynamicsResult",
    "complete_signed_graph",
    "constrained_triad_dynamics",
    "flip_changes",
    "ltd_rho_infinity",
    "ltd_steady_state",
    "realign",
    "signed_matrix",
    "triad_dynamics",
]


def ltd_rho_infinity(p: float) -> float:
    """ATR (2005) mean-field stationary density of friendly links on complete graphs.

    Parameters
    ----------
    p : float
        Probability that an update makes a link friendly.

    Returns
    -------
    float

    References
    ----------
    Antal, T., Krapivsky, P. L. & Redner, S. (2005), Physical Review E 72(3).
    """
    if p >= 0.5:
        return 1.0
    return 1.0 / (np.sqrt(3.0 * (1.0 - 2.0 * p)) + 1.0)


def signed_matrix(graph: nx.Graph, nodes: Sequence[Hashable] | None = None) -> np.ndarray:
    """Dense int8 matrix of edge signs (+1/-1; 0 = no edge) from the ``sign`` attribute.

    Parameters
    ----------
    graph : networkx.Graph
    nodes : sequence, optional
        Node order (default the graph's).

    Returns
    -------
    numpy.ndarray
    """
    nodes = list(graph.nodes) if nodes is None else list(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    m = np.zeros((len(nodes), len(nodes)), dtype=np.int8)
    for u, v, sign, _ in _signed_edges(graph):
        m[index[u], index[v]] = m[index[v], index[u]] = int(sign)
    return m


def _signed_edges(graph: nx.Graph) -> Iterator[tuple[Hashable, Hashable, int, dict[str, Any]]]:
    """``(u, v, sign, data)`` of every edge but self-loops; a sign other than +1/-1 is an
    error."""
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        sign = data.get("sign", 1)
        if sign not in (1, -1, 1.0, -1.0):
            raise ValueError(f"edge ({u!r}, {v!r}) has sign {sign!r}; expected +1 or -1")
        yield u, v, int(sign), data


def complete_signed_graph(n: int, rho0: float = 0.0, seed: int | None = None) -> np.ndarray:
    """Random complete signed graph as a matrix: each link friendly with probability ``rho0``.

    Parameters
    ----------
    n : int
        Nodes.
    rho0 : float
        Probability that a link is friendly.
    seed : int or None

    Returns
    -------
    numpy.ndarray
        ``(n, n)`` int8 sign matrix.
    """
    if n < 3:
        raise ValueError("a complete graph needs at least 3 nodes for triangles")
    rng = np.random.default_rng(seed)
    up = np.where(rng.random((n, n)) < rho0, 1, -1).astype(np.int8)
    m = np.triu(up, 1)
    return (m + m.T).astype(np.int8)


# --------------------------------------------------------------------------- LTD


@dataclass(frozen=True, eq=False)
class TriadDynamicsResult:
    """Path and end state of local triad dynamics (one or more runs).

    ``times`` are update counts at which ``rho`` (fraction of friendly links, shape
    ``(len(times), runs)``) and ``imbalanced`` (number of imbalanced triangles, same shape) were
    recorded. ``final`` is the end state (``runs x N x N`` signs); ``balanced[r]`` says whether
    run ``r`` reached a balanced (absorbing) state, after ``absorbed_at[r]`` updates (-1 if not).
    """

    p: float
    nodes: tuple[Hashable, ...]
    times: np.ndarray
    rho: np.ndarray
    imbalanced: np.ndarray
    final: np.ndarray
    balanced: np.ndarray
    absorbed_at: np.ndarray
    n_links: int
    seed: int | None

    def final_graph(self, run: int = 0) -> nx.Graph:
        """The end state of ``run`` as a NetworkX graph with ``sign`` edge attributes."""
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        m = self.final[run]
        iu, ju = np.nonzero(np.triu(m, 1))
        for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
            g.add_edge(self.nodes[i], self.nodes[j], sign=int(m[i, j]))
        return g

    def to_dict(self) -> dict[str, Any]:
        return {
            "p": self.p,
            "runs": int(self.final.shape[0]),
            "nodes": len(self.nodes),
            "links": self.n_links,
            "seed": self.seed,
            "rho_infinity": ltd_rho_infinity(self.p),
            "path": [
                {
                    "updates": int(t),
                    "rho": [float(v) for v in self.rho[k]],
                    "imbalanced_triangles": [int(v) for v in self.imbalanced[k]],
                }
                for k, t in enumerate(self.times)
            ],
            "final_rho": [float(v) for v in self.rho[-1]],
            "balanced": [bool(b) for b in self.balanced],
            "absorbed_at": [int(a) for a in self.absorbed_at],
        }


def _triangles(m: np.ndarray) -> np.ndarray:
    """All triangles (i < j < k) of the graph whose adjacency is ``m != 0``."""
    a = m != 0
    n = m.shape[0]
    out = []
    for i in range(n):
        nb = np.nonzero(a[i, i + 1 :])[0] + i + 1
        if nb.size < 2:
            continue
        sub = a[np.ix_(nb, nb)]
        jj, kk = np.nonzero(np.triu(sub, 1))
        if jj.size:
            out.append(np.stack([np.full(jj.size, i), nb[jj], nb[kk]], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 3), dtype=np.int64)


def _count_imbalanced(m: np.ndarray) -> np.ndarray:
    """Imbalanced triangles per run (m: runs x N x N signs, 0 = no edge). O(runs N^3)."""
    # trace(S^3)/6 = (#balanced - #imbalanced) over triangles; count triangles from |S|.
    # S symmetric: trace(S S S) = sum((S S) * S). One BLAS product per run (NumPy's stacked
    # matmul does not use BLAS and is ~100x slower here).
    s3 = np.empty(m.shape[0])
    t3 = np.empty(m.shape[0])
    for r in range(m.shape[0]):
        mf = m[r].astype(np.float64)
        a = np.abs(mf)
        s3[r] = np.sum(np.dot(mf, mf) * mf) / 6.0
        t3[r] = np.sum(np.dot(a, a) * a) / 6.0
    return np.rint((t3 - s3) / 2.0).astype(np.int64)


def triad_dynamics(
    initial: nx.Graph | np.ndarray,
    p: float,
    *,
    updates: int,
    runs: int = 1,
    seed: int | None = None,
    record_every: int | None = None,
    stop_when_balanced: bool = True,
) -> TriadDynamicsResult:
    """Run ATR local triad dynamics from a signed graph (or sign matrix) for ``updates`` updates.

    ``runs`` independent copies start from the same state and are advanced together. The path
    is recorded every ``record_every`` updates (default: 100 points). When every run is balanced
    and ``stop_when_balanced``, the simulation ends early (balanced states are absorbing).
    Reproducible by ``seed``. O(updates * runs) time.

    Parameters
    ----------
    initial : networkx.Graph or numpy.ndarray
        A signed graph (``sign`` edge attribute) or a sign matrix.
    p : float
        Probability that an update makes a link friendly.
    updates : int
        Updates at most.
    runs : int
        Independent copies.
    seed : int or None
    record_every : int or None
        Record the path every so many updates.
    stop_when_balanced : bool
        End when every run is balanced.

    Returns
    -------
    TriadDynamicsResult

    References
    ----------
    Antal, T., Krapivsky, P. L. & Redner, S. (2005), Physical Review E 72(3).
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError("p is a probability in [0, 1]")
    if updates < 0 or runs < 1:
        raise ValueError("updates must be >= 0 and runs >= 1")
    if isinstance(initial, nx.Graph):
        nodes: tuple[Hashable, ...] = tuple(initial.nodes)
        m0 = signed_matrix(initial, nodes)
    else:
        m0 = np.asarray(initial).astype(np.int8)
        if m0.ndim != 2 or m0.shape[0] != m0.shape[1] or not np.array_equal(m0, m0.T):
            raise ValueError("the sign matrix must be square and symmetric")
        nodes = tuple(range(m0.shape[0]))
    n = m0.shape[0]
    np.fill_diagonal(m0, 0)
    off = ~np.eye(n, dtype=bool)
    complete = bool(np.all(m0[off] != 0)) and n >= 3
    tri = None if complete else _triangles(m0)
    n_links = int(np.count_nonzero(np.triu(m0, 1)))
    rng = np.random.default_rng(seed)
    m = np.repeat(m0[None, :, :], runs, axis=0)
    rows = np.arange(runs)
    every = record_every or max(1, updates // 100)
    times: list[int] = []
    rho_path: list[np.ndarray] = []
    imb_path: list[np.ndarray] = []
    absorbed = np.full(runs, -1, dtype=np.int64)

    def record(t: int) -> np.ndarray:
        friendly = np.count_nonzero(np.triu(m, 1) > 0, axis=(1, 2))
        imb = _count_imbalanced(m)
        times.append(t)
        rho_path.append(friendly / max(n_links, 1))
        imb_path.append(imb)
        return imb

    imb = record(0)
    absorbed[imb == 0] = 0
    if (tri is not None and tri.shape[0] == 0) or (stop_when_balanced and np.all(imb == 0)):
        updates = 0
    t = 0
    nn = n * n
    base = (rows * nn)[None, :, None]  # offset of each run in the flattened array
    flat = m.reshape(-1)  # a view: updates write through to m
    while t < updates:
        steps = min(every, updates - t)
        for b0 in range(0, steps, 2048):
            block = min(2048, steps - b0)
            # draw the whole block's randomness at once (same distribution as step by step)
            if complete:
                i = rng.integers(0, n, (block, runs))
                j = rng.integers(0, n - 1, (block, runs))
                j += j >= i
                lo, hi = np.minimum(i, j), np.maximum(i, j)
                k = rng.integers(0, n - 2, (block, runs))
                k += k >= lo
                k += k >= hi
            else:
                pick = tri[rng.integers(0, tri.shape[0], (block, runs))]  # type: ignore[index]
                i, j, k = pick[..., 0], pick[..., 1], pick[..., 2]
            ea = np.stack([i, j, i], axis=2)  # edges (i,j), (j,k), (i,k)
            eb = np.stack([j, k, k], axis=2)
            fab = base + ea * n + eb  # flat index of (a, b) and of (b, a)
            fba = base + eb * n + ea
            u = rng.random((block, runs)) < p
            coin = rng.integers(1, 3, (block, runs))
            third = rng.integers(0, 3, (block, runs))
            for step in range(block):
                f1 = fab[step]
                neg = flat[f1] < 0  # (runs, 3)
                nneg = neg.sum(axis=1)
                act = (nneg & 1).astype(bool)  # one or three unfriendly links: imbalanced
                if not act.any():
                    continue
                neg_idx = neg.argmax(axis=1)
                # one unfriendly link: fix it with prob p, else break one of the two friendly
                which = np.where(u[step], neg_idx, (neg_idx + coin[step]) % 3)
                which = np.where(nneg == 3, third[step], which)
                ra = rows[act]
                w = which[act]
                x1 = f1[ra, w]
                x2 = fba[step][ra, w]
                v = -flat[x1]
                flat[x1] = v
                flat[x2] = v
        t += steps
        imb = record(t)
        newly = (imb == 0) & (absorbed < 0)
        absorbed[newly] = t
        if stop_when_balanced and np.all(imb == 0):
            break
    return TriadDynamicsResult(
        p=p,
        nodes=nodes,
        times=np.array(times),
        rho=np.array(rho_path),
        imbalanced=np.array(imb_path),
        final=m,
        balanced=(imb_path[-1] == 0),
        absorbed_at=absorbed,
        n_links=n_links,
        seed=seed,
    )


@dataclass(frozen=True, eq=False)
class ConstrainedDynamicsResult:
    """Path and end state of constrained triad dynamics (one run).

    ``times`` (update counts), ``rho`` (friendly fraction) and ``imbalanced`` (imbalanced
    triangles) trace the path; ``final`` is the end state (N x N signs). ``balanced``: no
    imbalanced triangle is left. ``jammed``: imbalanced, yet every single link flip would
    increase the number of imbalanced triangles, so the dynamics is frozen (ATR's jammed
    state). ``local_minimum``: no single flip would decrease it.
    """

    nodes: tuple[Hashable, ...]
    times: np.ndarray
    rho: np.ndarray
    imbalanced: np.ndarray
    final: np.ndarray
    flips: int
    balanced: bool
    jammed: bool
    local_minimum: bool
    n_links: int
    seed: int | None

    def final_graph(self) -> nx.Graph:
        """The end state as a NetworkX graph with ``sign`` edge attributes."""
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        iu, ju = np.nonzero(np.triu(self.final, 1))
        for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
            g.add_edge(self.nodes[i], self.nodes[j], sign=int(self.final[i, j]))
        return g

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": "constrained",
            "nodes": len(self.nodes),
            "links": self.n_links,
            "seed": self.seed,
            "path": [
                {"updates": int(t), "rho": float(r), "imbalanced_triangles": int(k)}
                for t, r, k in zip(self.times, self.rho, self.imbalanced, strict=True)
            ],
            "flips": self.flips,
            "final_rho": float(self.rho[-1]),
            "balanced": self.balanced,
            "jammed": self.jammed,
            "local_minimum": self.local_minimum,
        }


def flip_changes(m: np.ndarray) -> np.ndarray:
    """D[i, j]: change in the number of imbalanced triangles if link (i, j) flipped.

    Flipping a link turns each of its triangles from balanced to imbalanced or back, so the
    change is (balanced - imbalanced triangles on it) = ``s_ij (S^2)_ij``. 0 off the graph.
    O(N^3) (one matrix product).

    Parameters
    ----------
    m : numpy.ndarray
        ``(N, N)`` sign matrix.

    Returns
    -------
    numpy.ndarray
    """
    mf = m.astype(np.float64)
    return np.rint(mf * np.dot(mf, mf)).astype(np.int64)


def constrained_triad_dynamics(
    initial: nx.Graph | np.ndarray,
    *,
    updates: int,
    seed: int | None = None,
    record_every: int | None = None,
) -> ConstrainedDynamicsResult:
    """Constrained triad dynamics (Antal, Krapivsky & Redner 2005, section III).

    Each update picks a link uniformly at random and flips it if that lowers the number of
    imbalanced triangles, flips it with probability 1/2 if the number is unchanged, and
    leaves it otherwise; the imbalance never increases. The run ends after ``updates``
    updates, when the network is balanced, or when it is jammed (imbalanced, but every flip
    would increase the imbalance). The matrix ``S^2`` (signed common-neighbour sums) is kept
    up to date after each flip (two rows and columns, O(N^2)), so evaluating a proposed flip
    costs O(1). Works on any signed graph (links outside triangles never flip).
    Reproducible by ``seed``.

    Parameters
    ----------
    initial : networkx.Graph or numpy.ndarray
        A signed graph (``sign`` edge attribute) or a sign matrix.
    updates : int
        Updates at most.
    seed : int or None
    record_every : int or None
        Record the path every so many updates (default: 100 points).

    Returns
    -------
    ConstrainedDynamicsResult

    References
    ----------
    Antal, T., Krapivsky, P. L. & Redner, S. (2005), "Dynamics of social balance on
    networks", Physical Review E 72(3), section III.
    """
    if updates < 0:
        raise ValueError("updates must be >= 0")
    if isinstance(initial, nx.Graph):
        nodes: tuple[Hashable, ...] = tuple(initial.nodes)
        m = signed_matrix(initial, nodes)
    else:
        m = np.asarray(initial).astype(np.int8).copy()
        if m.ndim != 2 or m.shape[0] != m.shape[1] or not np.array_equal(m, m.T):
            raise ValueError("the sign matrix must be square and symmetric")
        nodes = tuple(range(m.shape[0]))
    np.fill_diagonal(m, 0)
    s = m.astype(np.float64)
    sq = np.dot(s, s)
    iu, ju = np.nonzero(np.triu(m, 1))
    n_links = int(iu.size)
    rng = np.random.default_rng(seed)
    every = record_every or max(1, updates // 100)
    imb = int(_count_imbalanced(m[None])[0])
    friendly = int(np.count_nonzero(np.triu(m, 1) > 0))
    times, rho, imbs = [0], [friendly / max(n_links, 1)], [imb]
    flips = 0
    t = 0

    def frozen() -> tuple[bool, bool]:
        d = np.rint(s * sq)[iu, ju]
        return bool(np.all(d > 0)), bool(np.all(d >= 0))

    while t < updates and imb > 0 and n_links > 0:
        block = min(4096, updates - t)
        picks = rng.integers(0, n_links, block)
        coins = rng.random(block) < 0.5
        for k in range(block):
            e = picks[k]
            i, j = iu[e], ju[e]
            delta = s[i, j] * sq[i, j]
            if delta < -0.5 or (abs(delta) < 0.5 and coins[k]):
                v = -s[i, j]
                s[i, j] = s[j, i] = v
                sq[i, :] = s[i] @ s
                sq[j, :] = s[j] @ s
                sq[:, i] = sq[i, :]
                sq[:, j] = sq[j, :]
                imb += int(round(delta))
                friendly += 1 if v > 0 else -1
                flips += 1
            t += 1
            if t % every == 0:
                times.append(t)
                rho.append(friendly / n_links)
                imbs.append(imb)
                if imb == 0 or frozen()[0]:
                    break
        if imb == 0 or frozen()[0]:
            break
    if times[-1] != t:
        times.append(t)
        rho.append(friendly / max(n_links, 1))
        imbs.append(imb)
    jam, local = frozen() if n_links else (False, True)
    final = s.astype(np.int8)
    return ConstrainedDynamicsResult(
        nodes=nodes,
        times=np.array(times),
        rho=np.array(rho),
        imbalanced=np.array(imbs),
        final=final,
        flips=flips,
        balanced=imb == 0,
        jammed=bool(imb > 0 and jam),
        local_minimum=local,
        n_links=n_links,
        seed=seed,
    )


def ltd_steady_state(
    n: int,
    p: float,
    *,
    runs: int = 16,
    burn_in: float = 10.0,
    measure: float = 20.0,
    rho0: float = 0.5,
    seed: int | None = 0,
) -> tuple[float, float]:
    """Quasi-stationary friendly-link density of LTD on complete graphs K_n.

    Starts ``runs`` copies from a random graph with friendly density ``rho0``, discards
    ``burn_in`` units of ATR time (updates per link), then averages the density over
    ``measure`` time units and over runs. Returns ``(mean, standard error over runs)``; compare
    with :func:`ltd_rho_infinity`. O((burn_in + measure) * n^2 * runs).

    Parameters
    ----------
    n : int
        Nodes of the complete graph.
    p : float
        Probability that an update makes a link friendly.
    runs : int
        Independent copies.
    burn_in, measure : float
        ATR time units discarded and averaged over.
    rho0 : float
        Initial density of friendly links.
    seed : int or None

    References
    ----------
    Antal, T., Krapivsky, P. L. & Redner, S. (2005), Physical Review E 72(3).

    Returns
    -------
    (float, float)
        Mean density of friendly links and its standard error over runs.
    """
    links = n * (n - 1) // 2
    m0 = complete_signed_graph(n, rho0, seed)
    total = int((burn_in + measure) * links)
    res = triad_dynamics(
        m0,
        p,
        updates=total,
        runs=runs,
        seed=None if seed is None else seed + 1,
        record_every=max(1, links // 4),
        stop_when_balanced=False,
    )
    keep = res.times >= burn_in * links
    per_run = res.rho[keep].mean(axis=0)
    return float(per_run.mean()), float(per_run.std(ddof=1) / np.sqrt(runs)) if runs > 1 else 0.0


# --------------------------------------------------------------------------- landscape


@dataclass(frozen=True, eq=False)
class RealignmentResult:
    """Path and end state of a landscape realignment.

    ``path`` lists the moves: ``(actor, new side, frustration after the move)``. ``sides`` maps
    each actor to its final side (0/1). ``jammed`` is ``True`` when the end state is a local but
    not a global minimum, ``False`` when it is a global minimum, ``None`` when the global
    minimum could not be decided (see :func:`realign`).
    """

    nodes: tuple[Hashable, ...]
    initial_sides: dict[Hashable, int]
    sides: dict[Hashable, int]
    path: list[tuple[Hashable, int, float]]
    initial_frustration: float
    frustration: float
    frustrated_ties: list[tuple[Hashable, Hashable]]
    stable: bool
    global_minimum: float | None
    jammed: bool | None
    details: dict[str, Any] = field(default_factory=dict)

    def blocs(self) -> list[list[Hashable]]:
        return [[v for v in self.nodes if self.sides[v] == b] for b in (0, 1)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "initial_sides": {str(k): v for k, v in self.initial_sides.items()},
            "path": [{"actor": str(a), "side": s, "frustration": f} for a, s, f in self.path],
            "sides": {str(k): v for k, v in self.sides.items()},
            "blocs": [[str(v) for v in b] for b in self.blocs()],
            "initial_frustration": self.initial_frustration,
            "frustration": self.frustration,
            "frustrated_ties": [[str(a), str(b)] for a, b in self.frustrated_ties],
            "stable": self.stable,
            "global_minimum": self.global_minimum,
            "jammed": self.jammed,
        }


def _weights(graph: nx.Graph, nodes: Sequence[Hashable], weight: str | None) -> np.ndarray:
    """J[i, j] = sign * weight (0 = no tie)."""
    index = {v: i for i, v in enumerate(nodes)}
    jm = np.zeros((len(nodes), len(nodes)))
    for u, v, sign, data in _signed_edges(graph):
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        if w < 0:
            raise ValueError(f"edge ({u!r}, {v!r}) has a negative {weight!r}")
        jm[index[u], index[v]] = jm[index[v], index[u]] = sign * w
    return jm


def _frustration(jm: np.ndarray, x: np.ndarray) -> float:
    spin = 1 - 2 * x.astype(float)  # side 0 -> +1, side 1 -> -1
    agree = np.outer(spin, spin)  # +1 same side, -1 different
    # a tie (J) is frustrated when sign(J) * agree < 0; weight |J|
    f = np.abs(jm) * (np.sign(jm) * agree < 0)
    return float(np.triu(f, 1).sum())


def _global_minimum(jm: np.ndarray) -> float:
    """Exact minimum frustration over all 2-side splits (enumeration, node 0 fixed)."""
    n = jm.shape[0]
    if n <= 1:
        return 0.0
    total_abs = float(np.triu(np.abs(jm), 1).sum())
    best = np.inf
    # F = (sum|J| - sum_{i<j} J_ij s_i s_j)/2 with spins s; minimise over s with s_0 = +1
    chunk = 1 << 14
    count = 1 << (n - 1)
    bits = np.arange(n - 1)
    for start in range(0, count, chunk):
        codes = np.arange(start, min(count, start + chunk))
        spins = np.ones((codes.size, n))
        spins[:, 1:] = 1 - 2 * ((codes[:, None] >> bits) & 1)
        e = np.einsum("ci,ij,cj->c", spins, jm, spins) / 2.0  # sum_{i<j} J s s
        best = min(best, float(((total_abs - e) / 2.0).min()))
    return best


def realign(
    graph: nx.Graph,
    initial: Mapping[Hashable, int] | None = None,
    *,
    weight: str | None = None,
    order: Literal["steepest", "random"] = "steepest",
    seed: int | None = None,
    max_moves: int = 10_000,
    exact_limit: int = 20,
    time_limit: float | None = 10.0,
) -> RealignmentResult:
    """Landscape realignment (Axelrod & Bennett 1993): switch sides while that lowers frustration.

    ``graph`` has a ``sign`` (+1/-1) on each edge and optionally a non-negative ``weight``
    attribute (``weight=`` names it; Axelrod & Bennett's :math:`s_i s_j |p_{ij}|`). ``initial``
    maps actors to side 0 or 1 (missing actors: 0; default: everyone on side 0). See the module
    docstring. Whether the end state is jammed is decided by enumeration up to ``exact_limit``
    actors, above that by :func:`factions.analysis.frustration.frustration_index` (exact MILP)
    within ``time_limit`` seconds (``0`` skips the check; ``jammed`` is then ``None``).
    O(moves * N + N^2), plus the global check.

    Parameters
    ----------
    graph : networkx.Graph
        Signed graph.
    initial : mapping, optional
        Actor -> side 0 or 1.
    weight : str or None
        Edge attribute of the weights.
    order : {"steepest", "random"}
        Which improving move to take.
    seed : int or None
    max_moves : int
        Moves at most.
    exact_limit : int
        Largest graph whose jammed state is decided by enumeration.
    time_limit : float or None
        Seconds for the global check.

    Returns
    -------
    RealignmentResult

    References
    ----------
    Axelrod, R. & Bennett, D. S. (1993), British Journal of Political Science 23(2).
    """
    nodes = tuple(graph.nodes)
    n = len(nodes)
    jm = _weights(graph, nodes, weight)
    init = dict.fromkeys(nodes, 0)
    if initial is not None:
        for v, side in initial.items():
            if v not in init:
                raise ValueError(f"initial side given for unknown actor {v!r}")
            if side not in (0, 1):
                raise ValueError(f"side of {v!r} must be 0 or 1, got {side!r}")
            init[v] = int(side)
    x = np.array([init[v] for v in nodes], dtype=np.int8)
    spin = 1 - 2 * x.astype(float)
    # switching i changes F by gain_i = spin_i * sum_j J_ij spin_j (F' - F)
    field_ = jm @ spin
    rng = np.random.default_rng(seed)
    f = _frustration(jm, x)
    f0 = f
    path: list[tuple[Hashable, int, float]] = []
    stable = False
    for _ in range(max_moves):
        delta = spin * field_
        improving = np.nonzero(delta < -1e-12)[0]
        if improving.size == 0:
            stable = True
            break
        if order == "random":
            i = int(rng.choice(improving))
        else:
            i = int(improving[np.argmin(delta[improving])])
        f += float(delta[i])
        spin[i] = -spin[i]
        field_ += 2 * spin[i] * jm[:, i]
        x[i] = 1 - x[i]
        path.append((nodes[i], int(x[i]), round(f, 12)))
    else:
        stable = bool(np.all(spin * field_ >= -1e-12))
    f = _frustration(jm, x)
    gmin: float | None = None
    jammed: bool | None = None
    if n <= exact_limit:
        gmin = _global_minimum(jm)
        jammed = bool(f > gmin + 1e-9)
    elif time_limit is None or time_limit > 0:
        from factions.analysis.frustration import frustration_index

        fr = frustration_index(graph, weight=weight, time_limit=time_limit)
        if fr.optimal:
            gmin = float(fr.frustration_index)
            jammed = bool(f > gmin + 1e-9)
        elif f > fr.frustration_index + 1e-9:
            jammed = True  # a better split is known, even if not proven optimal
        elif f <= fr.lower_bound + 1e-9:
            gmin, jammed = f, False
    frustrated = []
    for a in range(n):
        for b in range(a + 1, n):
            if jm[a, b] != 0 and np.sign(jm[a, b]) * spin[a] * spin[b] < 0:
                frustrated.append((nodes[a], nodes[b]))
    return RealignmentResult(
        nodes=nodes,
        initial_sides=init,
        sides={v: int(x[k]) for k, v in enumerate(nodes)},
        path=path,
        initial_frustration=f0,
        frustration=f,
        frustrated_ties=frustrated,
        stable=stable,
        global_minimum=gmin,
        jammed=jammed,
        details={"order": order, "seed": seed, "weight": weight},
    )
