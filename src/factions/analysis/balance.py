"""Structural balance of a signed graph: triads, balance degrees and the frustration index.

Heider (1946) and Cartwright & Harary (1956): a signed graph is balanced when every cycle
has an even number of negative edges, equivalently when its actors split into two blocs
with friends inside and enemies across (Harary 1953). This module gives the measures a
political analyst reaches for:

* :func:`triad_census`: triangles by sign pattern (+++, ++-, +--, ---). O(m^1.5) via sparse
  matrix products.
* :func:`triangle_balance`: share of balanced triangles (Cartwright & Harary 1956; signnet's
  ``balance_score(method = "triangles")``).
* :func:`walk_balance`: Estrada & Benzi (2014) walk-based balance
  Tr exp(beta A) / Tr exp(beta |A|). O(n^3) (dense eigendecomposition).
* :func:`algebraic_conflict`: smallest eigenvalue of the signed Laplacian, zero iff balanced
  (Kunegis et al. 2010). O(n^3).
* :func:`frustration_index` (re-exported from :mod:`factions.analysis.frustration`): the
  exact line index of balance (Aref, Mason & Wilson 2018, 2020), and :func:`balance_report`,
  all of the above at once.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from factions.analysis.frustration import (
    FrustrationResult,
    frustration_brute_force,
    frustration_index,
    frustration_of_partition,
    two_colouring,
)
from factions.analysis.serial import json_number, json_pairs
from factions.analysis.signed_graph import GraphLike, SignedGraph, as_signed_graph

__all__ = [
    "BalanceReport",
    "FrustrationResult",
    "TriadCensus",
    "algebraic_conflict",
    "balance_report",
    "frustration_brute_force",
    "frustration_index",
    "frustration_of_partition",
    "is_balanced",
    "triad_census",
    "triangle_balance",
    "unbalanced_triangles",
    "walk_balance",
]


@dataclass(frozen=True)
class TriadCensus:
    """Counts of triangles by number of negative edges.

    ``ppp`` and ``pnn`` are balanced (a friend's friend is a friend; two friends share an
    enemy); ``ppn`` is unbalanced in every theory; ``nnn`` (three mutual enemies) is
    unbalanced for Cartwright & Harary (1956) but allowed by Davis's (1967) weak balance.
    """

    ppp: int
    ppn: int
    pnn: int
    nnn: int

    @property
    def total(self) -> int:
        return self.ppp + self.ppn + self.pnn + self.nnn

    @property
    def balanced(self) -> int:
        return self.ppp + self.pnn

    @property
    def unbalanced(self) -> int:
        return self.ppn + self.nnn

    def to_dict(self) -> dict[str, int]:
        """JSON-ready: ``ppp``, ``ppn``, ``pnn``, ``nnn``, ``total``, ``balanced``,
        ``unbalanced`` (docs/results.md)."""
        d = asdict(self)
        d.update(total=self.total, balanced=self.balanced, unbalanced=self.unbalanced)
        return d


def _pos_neg(sg: SignedGraph) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    def adj(mask: np.ndarray) -> sp.csr_matrix:
        u, v = sg.u[mask], sg.v[mask]
        one = np.ones(2 * u.size)
        return sp.csr_matrix(
            (one, (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(sg.n, sg.n)
        )

    return adj(sg.sign > 0), adj(sg.sign < 0)


def triad_census(graph: GraphLike) -> TriadCensus:
    """Triangles by sign pattern (Cartwright & Harary 1956). O(m^1.5) with sparse products.

    Counts: ppp = tr(P^3)/6, ppn = sum(N * P^2)/2, pnn = sum(P * N^2)/2, nnn = tr(N^3)/6,
    where P and N are the positive and negative adjacency matrices.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose triangles to count.

    Returns
    -------
    TriadCensus

    References
    ----------
    Cartwright, D. & Harary, F. (1956), "Structural balance: a generalization of Heider's
    theory", Psychological Review 63(5).
    """
    sg = as_signed_graph(graph)
    p, n = _pos_neg(sg)
    pp = p @ p
    nn = n @ n
    ppp = int(round(pp.multiply(p).sum() / 6))
    ppn = int(round(pp.multiply(n).sum() / 2))
    pnn = int(round(nn.multiply(p).sum() / 2))
    nnn = int(round(nn.multiply(n).sum() / 6))
    return TriadCensus(ppp, ppn, pnn, nnn)


def unbalanced_triangles(graph: GraphLike) -> list[tuple[Hashable, Hashable, Hashable]]:
    """Triangles with an odd number of negative edges (nodes sorted by input order). O(m^1.5).

    Parameters
    ----------
    graph : GraphLike
        The signed network whose triangles to list.

    Returns
    -------
    list of (node, node, node)

    References
    ----------
    Cartwright, D. & Harary, F. (1956).
    """
    sg = as_signed_graph(graph)
    from factions.analysis.frustration import _triangles

    out = []
    for tri in _triangles(sg):
        idx = sorted({int(i) for k in tri for i in (sg.u[k], sg.v[k])})
        out.append(tuple(sg.nodes[i] for i in idx))
    return sorted(out, key=lambda t: [sg.index[x] for x in t])  # type: ignore[misc]


def triangle_balance(graph: GraphLike) -> float:
    """Share of triangles that are balanced (Cartwright & Harary 1956); NaN without triangles.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose triangles to weigh.

    Returns
    -------
    float
        Balanced triangles over all triangles, in [0, 1] (NaN without triangles).

    References
    ----------
    Cartwright, D. & Harary, F. (1956). O(m^1.5).
    """
    c = triad_census(graph)
    return c.balanced / c.total if c.total else math.nan


def is_balanced(graph: GraphLike) -> bool:
    """Whether the graph is balanced (Harary 1953), by 2-colouring the double cover. O(n + m).

    Parameters
    ----------
    graph : GraphLike
        The signed network to test.

    Returns
    -------
    bool

    References
    ----------
    Harary, F. (1953), "On the notion of balance of a signed graph", Michigan Mathematical
    Journal 2(2).

    Examples
    --------
    >>> import networkx as nx
    >>> is_balanced(nx.Graph([("a", "b", {"sign": -1}), ("b", "c", {"sign": -1})]))
    True
    """
    sg = as_signed_graph(graph)
    return not sg.negative_loops and two_colouring(sg.n, sg.u, sg.v, sg.sign) is not None


def walk_balance(graph: GraphLike, beta: float = 1.0) -> float:
    """Walk-based balance Tr exp(beta A) / Tr exp(beta |A|) (Estrada & Benzi 2014).

    1 for balanced graphs, smaller with more negative closed walks weighted by 1/k!.
    Computed from eigenvalues with a log-sum-exp so large graphs do not overflow. O(n^3).

    Parameters
    ----------
    graph : GraphLike
        The signed network whose closed walks to count.
    beta : float
        Inverse temperature: how strongly short walks dominate.

    Returns
    -------
    float
        In (0, 1], 1 when balanced.

    References
    ----------
    Estrada, E. & Benzi, M. (2014), "Walk-based measure of balance in signed networks:
    detecting lack of balance in social networks", Physical Review E 90(4).
    """
    sg = as_signed_graph(graph)
    if sg.n == 0:
        return 1.0
    a = sg.adjacency().toarray() * beta
    lam = np.linalg.eigvalsh(a)
    lam_abs = np.linalg.eigvalsh(np.abs(a))
    top = max(lam.max(), lam_abs.max())
    return float(np.exp(lam - top).sum() / np.exp(lam_abs - top).sum())


def algebraic_conflict(graph: GraphLike) -> float:
    """Smallest eigenvalue of the signed Laplacian D - A (Kunegis et al. 2010). O(n^3).

    Zero iff every connected component is balanced; larger means more conflict.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose Laplacian to take.

    Returns
    -------
    float
        The smallest eigenvalue, >= 0.

    References
    ----------
    Kunegis, J., Schmidt, S., Lommatzsch, A., Lerner, J., De Luca, E. W. & Albayrak, S.
    (2010), "Spectral analysis of signed graphs for clustering, prediction and
    visualization", SIAM International Conference on Data Mining.
    """
    sg = as_signed_graph(graph)
    if sg.n == 0:
        return 0.0
    a = sg.adjacency().toarray()
    lap = np.diag(np.abs(a).sum(axis=1)) - a
    return float(max(0.0, np.linalg.eigvalsh(lap)[0]))


@dataclass(frozen=True)
class BalanceReport:
    """Every balance measure of one graph (see the module docstring for the sources)."""

    nodes: int
    edges: int
    negative_edges: int
    triads: TriadCensus
    triangle_balance: float
    walk_balance: float | None
    algebraic_conflict: float | None
    frustration: FrustrationResult
    isolates: tuple[Hashable, ...] = ()
    """Nodes without ties: in neither bloc."""

    @property
    def normalised_frustration(self) -> float:
        """1 - 2 L / m (Aref & Wilson 2018): 1 for a balanced graph."""
        return self.frustration.normalised

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, with the stable keys of docs/results.md: what ``factions balance
        --json`` prints and the report's and ``GET /api/analysis``'s balance."""
        fr = self.frustration
        out = set(self.isolates)
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "negative_edges": self.negative_edges,
            "frustration_index": json_number(fr.frustration_index),
            "optimal": fr.optimal,
            "lower_bound": json_number(fr.lower_bound),
            "gap": json_number(fr.gap),
            "partition": [[str(x) for x in bloc if x not in out] for bloc in fr.partition],
            "isolates": [str(x) for x in self.isolates],
            "frustrated_edges": json_pairs(fr.frustrated_edges),
            "normalised_frustration": json_number(fr.normalised),
            "triads": self.triads.to_dict(),
            "triangle_balance": json_number(self.triangle_balance),
            "walk_balance": json_number(self.walk_balance),
            "algebraic_conflict": json_number(self.algebraic_conflict),
            "seconds": round(fr.seconds, 4),
            "method": fr.stats.get("blocks_by_method", {}),
        }


def balance_report(
    graph: GraphLike, *, time_limit: float | None = None, spectral_max_nodes: int = 3000
) -> BalanceReport:
    """Triad census, balance degrees and the exact frustration index of one graph.

    Spectral measures are skipped (``None``) above ``spectral_max_nodes`` nodes (O(n^3)).

    Parameters
    ----------
    graph : GraphLike
        The signed network to measure (a NetworkX graph with ``sign``,
        a ``SignedGraph`` or a System).
    time_limit : float or None
        Seconds for the exact frustration solve; the bound and gap are reported when it stops
        the proof.
    spectral_max_nodes : int
        Largest graph for the spectral measures.

    Returns
    -------
    BalanceReport
        With ``to_dict()`` (docs/results.md).

    References
    ----------
    Cartwright, D. & Harary, F. (1956); Estrada, E. & Benzi, M. (2014); Kunegis et al.
    (2010); Aref, S., Mason, A. J. & Wilson, M. C. (2020), "A modeling and computational
    study of the frustration index in signed networks", Networks 75(1).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    >>> r = balance_report(g)
    >>> (r.frustration.frustration_index, r.triads.pnn)
    (0.0, 1)
    """
    sg = as_signed_graph(graph)
    triads = triad_census(sg)
    spectral = sg.n <= spectral_max_nodes
    return BalanceReport(
        nodes=sg.n,
        edges=sg.m,
        negative_edges=int(np.sum(sg.sign < 0)),
        triads=triads,
        triangle_balance=triads.balanced / triads.total if triads.total else math.nan,
        walk_balance=walk_balance(sg) if spectral else None,
        algebraic_conflict=algebraic_conflict(sg) if spectral else None,
        frustration=frustration_index(sg, time_limit=time_limit),
        isolates=tuple(x for x, d in zip(sg.nodes, sg.degrees(), strict=True) if d == 0),
    )
