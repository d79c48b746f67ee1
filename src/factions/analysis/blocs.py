"""k-bloc partitions of a signed graph (generalised balance, correlation clustering).

Davis (1967) relaxed balance to *clusterability*: actors split into k blocs with positive
ties inside and negative ties between. For a partition C, Doreian & Mrvar (1996) count the
errors P(C) = alpha * N_in + (1 - alpha) * P_out, where N_in is the weight of negative ties
inside blocs and P_out that of positive ties between blocs; with k = 2 and alpha = 1/2 this
is half the frustration count of Cartwright & Harary (1956). Minimising P(C) with no limit
on k is correlation clustering (Bansal, Blum & Chawla 2004), NP-hard.

* Exact (``n <= exact_max_nodes`` or ``exact=True``): a binary programme on HiGHS with
  assignment variables x_ik, symmetry broken by x_ik = 0 for k > i (Kaibel & Pfetsch 2008's
  orbitopal idea in its simplest form) and error indicators per tie. O(n k + m k) rows.
* Heuristic (larger graphs): Doreian & Mrvar's (1996) relocation algorithm (single-actor
  moves, several starts) with a lower bound from the correlation-clustering LP with
  cycle inequalities (a cycle with exactly one negative tie holds at least one error;
  Demaine et al. 2006), separated by shortest positive paths. O(starts * moves * n k) + LPs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse.csgraph import dijkstra

from factions.analysis.serial import json_number
from factions.analysis.signed_graph import GraphLike, SignedGraph, as_signed_graph

__all__ = ["BlocPartition", "bloc_error", "k_bloc_partition"]


@dataclass(frozen=True)
class BlocPartition:
    """A k-bloc partition, its Doreian-Mrvar error and how well it is proven."""

    blocs: tuple[tuple[Hashable, ...], ...]
    error: float
    negative_within: float
    positive_between: float
    optimal: bool
    lower_bound: float
    method: str
    seconds: float

    @property
    def gap(self) -> float:
        """Relative distance of ``error`` from the proven ``lower_bound`` (0 when optimal)."""
        return (
            0.0 if self.optimal or self.error == 0 else (self.error - self.lower_bound) / self.error
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``k``, ``blocs``, ``error``, ``negative_within``,
        ``positive_between``, ``optimal``, ``lower_bound``, ``gap``, ``method``, ``seconds``
        (docs/results.md)."""
        return {
            "k": len(self.blocs),
            "blocs": [[str(x) for x in b] for b in self.blocs],
            "error": json_number(self.error),
            "negative_within": json_number(self.negative_within),
            "positive_between": json_number(self.positive_between),
            "optimal": self.optimal,
            "lower_bound": json_number(self.lower_bound),
            "gap": json_number(self.gap),
            "method": self.method,
            "seconds": round(self.seconds, 4),
        }


def _parts(sg: SignedGraph, label: np.ndarray, alpha: float) -> tuple[float, float, float]:
    same = label[sg.u] == label[sg.v]
    nin = float(sg.weight[(sg.sign < 0) & same].sum())
    pout = float(sg.weight[(sg.sign > 0) & ~same].sum())
    return alpha * nin + (1 - alpha) * pout, nin, pout


def bloc_error(graph: GraphLike, blocs: Any, alpha: float = 0.5) -> float:
    """Doreian & Mrvar (1996) error alpha * N_in + (1 - alpha) * P_out of a partition. O(m).

    ``blocs`` is a dict node -> bloc label or a sequence of node collections.

    Parameters
    ----------
    graph : GraphLike
        The signed network the partition splits.
    blocs : dict or sequence of collections
        Node -> bloc label, or the blocs as node collections.
    alpha : float
        Weight of negative ties within blocs against positive ties between them.

    Returns
    -------
    float

    References
    ----------
    Doreian, P. & Mrvar, A. (1996), "A partitioning approach to structural balance", Social
    Networks 18(2).
    """
    sg = as_signed_graph(graph)
    label = _labels(sg, blocs)
    return _parts(sg, label, alpha)[0]


def _labels(sg: SignedGraph, blocs: Any) -> np.ndarray:
    label = np.zeros(sg.n, dtype=np.int64)
    if isinstance(blocs, dict):
        keys = {b: k for k, b in enumerate(sorted(set(blocs.values()), key=repr))}
        for x, b in blocs.items():
            label[sg.index[x]] = keys[b]
    else:
        for k, group in enumerate(blocs):
            for x in group:
                label[sg.index[x]] = k
    return label


def _result(sg, label, alpha, optimal, lower, method, t0) -> BlocPartition:
    err, nin, pout = _parts(sg, label, alpha)
    groups: dict[int, list[Hashable]] = {}
    for i, lab in enumerate(label.tolist()):
        groups.setdefault(lab, []).append(sg.nodes[i])
    blocs = tuple(
        sorted((tuple(g) for g in groups.values()), key=lambda g: (-len(g), sg.index[g[0]]))
    )
    return BlocPartition(
        blocs=blocs,
        error=err,
        negative_within=nin,
        positive_between=pout,
        optimal=optimal,
        lower_bound=err if optimal else min(err, lower),
        method=method,
        seconds=time.perf_counter() - t0,
    )


def k_bloc_partition(
    graph: GraphLike,
    k: int = 2,
    *,
    alpha: float = 0.5,
    exact: bool | None = None,
    exact_max_nodes: int = 40,
    time_limit: float | None = None,
    starts: int = 20,
    seed: int = 0,
) -> BlocPartition:
    """The best partition into at most ``k`` blocs under the Doreian-Mrvar (1996) error.

    Exact (proven by HiGHS) when ``exact`` is true or the graph has at most
    ``exact_max_nodes`` nodes; otherwise the relocation heuristic with a lower bound from the
    correlation-clustering LP (see the module docstring). A time limit on the exact route
    returns the incumbent with ``optimal=False`` and HiGHS's bound.

    Parameters
    ----------
    graph : GraphLike
        The signed network to split.
    k : int
        Blocs at most.
    alpha : float
        Weight of negative ties within blocs (``1 - alpha`` for positive ties between them).
    exact : bool or None
        Force (``True``) or forbid (``False``) the exact MILP; default by size.
    exact_max_nodes : int
        Largest graph solved exactly by default.
    time_limit : float or None
        Seconds for the exact solve.
    starts : int
        Random starts of the relocation heuristic.
    seed : int
        Seed of the heuristic.

    Returns
    -------
    BlocPartition
        With ``to_dict()`` (docs/results.md).

    References
    ----------
    Doreian, P. & Mrvar, A. (1996), Social Networks 18(2); Bansal, N., Blum, A. & Chawla, S.
    (2004), "Correlation clustering", Machine Learning 56.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if not 0 <= alpha <= 1:
        raise ValueError("alpha must lie in [0, 1]")
    t0 = time.perf_counter()
    sg = as_signed_graph(graph)
    if sg.n == 0:
        return BlocPartition((), 0.0, 0.0, 0.0, True, 0.0, "empty", 0.0)
    k = min(k, sg.n)
    if exact is None:
        exact = sg.n <= exact_max_nodes
    if exact:
        return _exact(sg, k, alpha, time_limit, t0)
    label = _relocate(sg, k, alpha, starts, seed)
    deadline = t0 + (time_limit if time_limit is not None else 30.0)
    lower = _cc_lower_bound(sg, alpha, deadline)
    err = _parts(sg, label, alpha)[0]
    return _result(sg, label, alpha, err <= lower + 1e-9, lower, "relocation", t0)


def _exact(
    sg: SignedGraph, k: int, alpha: float, time_limit: float | None, t0: float
) -> BlocPartition:
    n, m = sg.n, sg.m
    nx_ = n * k  # x_ik at i * k + c ; then one error variable per tie
    nv = nx_ + m
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for i in range(n):  # every actor in exactly one bloc
        for c in range(k):
            rows.append(r)
            cols.append(i * k + c)
            vals.append(1.0)
        lo.append(1.0)
        hi.append(1.0)
        r += 1
    for e in range(m):
        i, j = int(sg.u[e]), int(sg.v[e])
        for c in range(k):
            if sg.sign[e] < 0:  # y_e >= x_ic + x_jc - 1 (enemies in one bloc)
                rows += [r, r, r]
                cols += [nx_ + e, i * k + c, j * k + c]
                vals += [1.0, -1.0, -1.0]
                lo.append(-1.0)
                hi.append(np.inf)
                r += 1
            else:  # y_e >= x_ic - x_jc and y_e >= x_jc - x_ic (friends apart)
                for a, b in ((i, j), (j, i)):
                    rows += [r, r, r]
                    cols += [nx_ + e, a * k + c, b * k + c]
                    vals += [1.0, -1.0, 1.0]
                    lo.append(0.0)
                    hi.append(np.inf)
                    r += 1
    mat = sp.csr_matrix((vals, (rows, cols)), shape=(r, nv))
    ub = np.ones(nv)
    for i in range(n):
        for c in range(i + 1, k):
            ub[i * k + c] = 0.0  # symmetry: actor i uses one of the first i + 1 blocs
    cost = np.concatenate([np.zeros(nx_), np.where(sg.sign < 0, alpha, 1 - alpha) * sg.weight])
    integ = np.concatenate([np.ones(nx_), np.zeros(m)])
    opts: dict[str, Any] = {"mip_rel_gap": 1e-9}
    if time_limit is not None:
        opts["time_limit"] = max(0.01, time_limit - (time.perf_counter() - t0))
    res = milp(
        cost,
        constraints=[LinearConstraint(mat, lo, hi)],
        integrality=integ,
        bounds=Bounds(np.zeros(nv), ub),
        options=opts,
    )
    if res.x is None:
        label = _relocate(sg, k, alpha, 5, 0)
        return _result(sg, label, alpha, False, 0.0, "relocation", t0)
    label = np.argmax(res.x[:nx_].reshape(n, k), axis=1)
    bound = getattr(res, "mip_dual_bound", None)
    lower = float(bound) if bound is not None and np.isfinite(bound) else 0.0
    return _result(sg, label, alpha, res.status == 0, lower, "milp", t0)


def _relocate(sg: SignedGraph, k: int, alpha: float, starts: int, seed: int) -> np.ndarray:
    """Doreian & Mrvar (1996) relocation: best single-actor moves from random starts."""
    rng = np.random.default_rng(seed)
    # cost of an actor sharing a bloc with a neighbour: alpha*w (negative) or -(1-alpha)*w
    share = np.where(sg.sign < 0, alpha, -(1 - alpha)) * sg.weight
    c = sp.csr_matrix(
        (
            np.concatenate([share, share]),
            (np.concatenate([sg.u, sg.v]), np.concatenate([sg.v, sg.u])),
        ),
        shape=(sg.n, sg.n),
    )
    best, best_err = None, math.inf
    for _ in range(max(1, starts)):
        label = rng.integers(0, k, size=sg.n)
        onehot = np.zeros((sg.n, k))
        onehot[np.arange(sg.n), label] = 1.0
        cost = c @ onehot  # cost[i, b]: error change of i being in bloc b (up to a constant)
        for _ in range(20 * sg.n + 100):
            cur = cost[np.arange(sg.n), label]
            delta = cost - cur[:, None]
            i, b = np.unravel_index(int(np.argmin(delta)), delta.shape)
            if delta[i, b] >= -1e-12:
                break
            old = label[i]
            label[i] = b
            col = c[i].toarray().ravel() if sp.issparse(c[i]) else c[i]
            cost[:, old] -= col
            cost[:, b] += col
        err = _parts(sg, label, alpha)[0]
        if err < best_err - 1e-12:
            best, best_err = label.copy(), err
    return best  # type: ignore[return-value]


def _cc_lower_bound(sg: SignedGraph, alpha: float, deadline: float) -> float:
    """Correlation-clustering LP bound: each cycle with one negative tie holds an error.

    For a negative tie (i, j) and a positive path from i to j, sum of f over the cycle >= 1;
    separated exactly by Dijkstra on the positive subgraph weighted by f. A valid bound for
    any number of blocs, so also for at most k.
    """
    cost = np.where(sg.sign < 0, alpha, 1 - alpha) * sg.weight
    pos = np.nonzero(sg.sign > 0)[0]
    neg = np.nonzero(sg.sign < 0)[0]
    if neg.size == 0 or pos.size == 0:
        return 0.0
    eid = {}
    for e in pos.tolist():
        a, b = int(sg.u[e]), int(sg.v[e])
        eid[(a, b)] = eid[(b, a)] = e
    f = np.zeros(sg.m)
    cycles: dict[tuple[int, ...], None] = {}
    lower = 0.0
    sources = np.unique(sg.u[neg])
    while time.perf_counter() < deadline:
        w = f[pos] + 1e-7
        g = sp.coo_matrix((w, (sg.u[pos], sg.v[pos])), shape=(sg.n, sg.n)).tocsr()
        dist, pred = dijkstra(g, directed=False, indices=sources, return_predecessors=True)
        row = {int(s): r for r, s in enumerate(sources.tolist())}
        new = []
        for e in neg.tolist():
            i, j = int(sg.u[e]), int(sg.v[e])
            r = row[i]
            if not np.isfinite(dist[r, j]) or dist[r, j] + f[e] >= 1 - 1e-6:
                continue
            path, x = [e], j
            while x != i:
                y = int(pred[r, x])
                path.append(eid[(x, y)])
                x = y
            key = tuple(sorted(path))
            if key not in cycles:
                new.append(key)
        if not new:
            break
        cycles.update(dict.fromkeys(new))
        cl = list(cycles)
        rr = np.repeat(np.arange(len(cl)), [len(c) for c in cl])
        cc = np.fromiter((e for c in cl for e in c), dtype=np.int64, count=rr.size)
        a_ub = sp.csr_matrix((-np.ones(rr.size), (rr, cc)), shape=(len(cl), sg.m))
        res = linprog(cost, A_ub=a_ub, b_ub=-np.ones(len(cl)), bounds=(0, 1), method="highs")
        if res.status != 0:
            break
        f, lower = res.x, float(res.fun)
    return lower
