"""Brokers in a signed network: who holds the balance, who bridges the blocs, who is the gateway.

* **Removal effect** (exact): L(G) - L(G - v) for every actor v, each by the exact
  frustration index (Aref, Mason & Wilson 2020): actors whose exit would most reduce
  frustration hold the system's tensions. n + 1 exact solves.
* **Tie-flip effect** (exact): L(G with tie e's sign changed) - L(G) for every tie. Flipping
  one sign changes L by at most 1 (one edge's status changes in any partition); a tie
  frustrated by an optimal partition lowers L by exactly 1 when flipped, so only the
  others need a solve. At most m + 1 exact solves.
* **Bloc bridging**: ties an actor keeps across the two blocs of the optimal partition
  (positive ties across are the frustrated friendships that link the blocs) and its share
  of frustrated ties (Doreian & Mrvar 1996's error, per actor). O(m).
* **Positive-path betweenness**: betweenness (Freeman 1977; Brandes 2001, O(n m)) in the
  graph of positive ties: the actors through which friendly paths run, the "gateway"
  linking two capitals.
* **PN centrality** (Everett & Borgatti 2014): PN = (I - A / (2n - 2))^{-1} 1 with
  A = P - 2N; O(n^3).
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from factions.analysis.frustration import FrustrationResult, frustration_index
from factions.analysis.serial import json_number
from factions.analysis.signed_graph import GraphLike, SignedGraph, as_signed_graph

__all__ = [
    "BrokerReport",
    "BrokerScore",
    "TieFlip",
    "brokers",
    "pn_centrality",
    "positive_betweenness",
    "removal_effects",
    "tie_flip_effects",
]


@dataclass(frozen=True)
class BrokerScore:
    """One actor's broker measures (see the module docstring)."""

    actor: Hashable
    bloc: int
    removal_effect: float | None
    frustrated_ties: float
    positive_across: float
    negative_within: float
    positive_betweenness: float
    pn: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``actor``, ``bloc``, ``removal_effect``, ``frustrated_ties``,
        ``positive_across``, ``negative_within``, ``positive_betweenness``, ``pn``."""
        return {
            "actor": str(self.actor),
            "bloc": self.bloc,
            "removal_effect": json_number(self.removal_effect),
            "frustrated_ties": json_number(self.frustrated_ties),
            "positive_across": json_number(self.positive_across),
            "negative_within": json_number(self.negative_within),
            "positive_betweenness": json_number(self.positive_betweenness),
            "pn": json_number(self.pn),
        }


@dataclass(frozen=True)
class TieFlip:
    """Change of the frustration index if one tie changed sign."""

    source: Hashable
    target: Hashable
    sign: int
    effect: float
    frustrated: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``source``, ``target``, ``sign``, ``effect``, ``frustrated``."""
        return {
            "source": str(self.source),
            "target": str(self.target),
            "sign": self.sign,
            "effect": json_number(self.effect),
            "frustrated": self.frustrated,
        }


@dataclass(frozen=True)
class BrokerReport:
    """Actors ranked by removal effect (then frustrated ties, then betweenness)."""

    frustration: FrustrationResult
    actors: tuple[BrokerScore, ...]
    tie_flips: tuple[TieFlip, ...]
    seconds: float
    exact: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, with the stable keys of docs/results.md: what ``factions brokers
        --json`` prints and the report's and ``GET /api/analysis``'s brokers."""
        fr = self.frustration
        return {
            "frustration_index": json_number(fr.frustration_index),
            "optimal": fr.optimal,
            "partition": [[str(x) for x in b] for b in fr.partition],
            "exact": self.exact,
            "notes": list(self.notes),
            "actors": [a.to_dict() for a in self.actors],
            "tie_flips": [f.to_dict() for f in self.tie_flips],
            "seconds": round(self.seconds, 4),
        }


def _remove_node(sg: SignedGraph, i: int) -> SignedGraph:
    keep = (sg.u != i) & (sg.v != i)
    nodes = sg.nodes[:i] + sg.nodes[i + 1 :]
    shift = lambda a: np.where(a > i, a - 1, a)  # noqa: E731
    return SignedGraph(nodes, shift(sg.u[keep]), shift(sg.v[keep]), sg.sign[keep], sg.weight[keep])


def removal_effects(
    graph: GraphLike, *, time_limit: float | None = None, base: FrustrationResult | None = None
) -> dict[Hashable, float]:
    """L(G) - L(G - v) for every actor v (exact; n + 1 frustration solves).

    Positive values: the actor's exit would lower frustration by that much.
    ``time_limit`` applies to each solve.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose actors to remove one by one.
    time_limit : float or None
        Seconds per solve (n + 1 solves).
    base : FrustrationResult or None
        The graph's own frustration result, when already computed.

    Returns
    -------
    dict
        Node -> L(G) - L(G - v).

    References
    ----------
    Aref, S., Mason, A. J. & Wilson, M. C. (2020), Networks 75(1): the exact frustration index
    of each G - v.
    """
    sg = as_signed_graph(graph)
    base = base or frustration_index(sg, time_limit=time_limit)
    out = {}
    for i, x in enumerate(sg.nodes):
        r = frustration_index(_remove_node(sg, i), time_limit=time_limit)
        out[x] = base.frustration_index - r.frustration_index
    return out


def tie_flip_effects(
    graph: GraphLike, *, time_limit: float | None = None, base: FrustrationResult | None = None
) -> list[TieFlip]:
    """L(G with tie e flipped) - L(G) for every tie e (exact), largest reduction first.

    Ties frustrated by the optimal partition give -weight without a solve: that partition
    now frustrates weight L - w, and one flip moves any partition's count by at most w.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose ties to flip one by one.
    time_limit : float or None
        Seconds per solve (up to m + 1 solves).
    base : FrustrationResult or None
        The frustration result of the unflipped graph, when known.

    Returns
    -------
    list of TieFlip

    References
    ----------
    Aref, S., Mason, A. J. & Wilson, M. C. (2020), Networks 75(1): the exact frustration index
    of each flipped graph.
    """
    sg = as_signed_graph(graph)
    base = base or frustration_index(sg, time_limit=time_limit)
    side = np.array([base.side[x] for x in sg.nodes])
    same = side[sg.u] == side[sg.v]
    frustrated = np.where(sg.sign > 0, ~same, same)
    out = []
    for k in range(sg.m):
        a, b = sg.edge(k)
        if frustrated[k]:
            eff = -float(sg.weight[k])
        else:
            flipped = sg.sign.copy()
            flipped[k] = -flipped[k]
            g2 = SignedGraph(sg.nodes, sg.u, sg.v, flipped, sg.weight)
            eff = (
                frustration_index(g2, time_limit=time_limit).frustration_index
                - base.frustration_index
            )
        out.append(TieFlip(a, b, int(sg.sign[k]), float(eff), bool(frustrated[k])))
    out.sort(key=lambda t: (t.effect, repr(t.source), repr(t.target)))
    return out


def positive_betweenness(graph: GraphLike, normalised: bool = True) -> dict[Hashable, float]:
    """Betweenness on positive ties only (Brandes 2001): who lies on friendly paths. O(n m).

    Parameters
    ----------
    graph : GraphLike
        The signed network; only its positive ties count.
    normalised : bool
        Divide by the number of node pairs, as :func:`networkx.betweenness_centrality`.

    Returns
    -------
    dict
        Node -> betweenness on the positive ties.

    References
    ----------
    Brandes, U. (2001), "A faster algorithm for betweenness centrality", Journal of
    Mathematical Sociology 25(2).
    """
    sg = as_signed_graph(graph)
    g = nx.Graph()
    g.add_nodes_from(sg.nodes)
    for k in np.nonzero(sg.sign > 0)[0]:
        g.add_edge(*sg.edge(int(k)))
    return nx.betweenness_centrality(g, normalized=normalised)


def pn_centrality(graph: GraphLike) -> dict[Hashable, float]:
    """PN index (Everett & Borgatti 2014): (I - A / (2n - 2))^{-1} 1 with A = P - 2N. O(n^3).

    Parameters
    ----------
    graph : GraphLike
        The signed network to score.

    Returns
    -------
    dict
        Node -> PN index.

    References
    ----------
    Everett, M. G. & Borgatti, S. P. (2014), "Networks containing negative ties", Social
    Networks 38.
    """
    sg = as_signed_graph(graph)
    n = sg.n
    if n < 2:
        return {x: 1.0 for x in sg.nodes}
    a = np.zeros((n, n))
    val = np.where(sg.sign > 0, 1.0, -2.0)
    a[sg.u, sg.v] = val
    a[sg.v, sg.u] = val
    mat = np.eye(n) - a / (2 * n - 2)
    try:
        pn = np.linalg.solve(mat, np.ones(n))
    except np.linalg.LinAlgError:  # singular on tiny all-negative graphs: least squares
        pn = np.linalg.lstsq(mat, np.ones(n), rcond=None)[0]
    return {x: float(pn[i]) for i, x in enumerate(sg.nodes)}


def brokers(
    graph: GraphLike,
    *,
    time_limit: float | None = None,
    exact_max_nodes: int = 200,
    tie_flips: bool = True,
) -> BrokerReport:
    """All broker measures, actors ranked by how much their exit would lower frustration.

    Exact removal and tie-flip effects are computed when the graph has at most
    ``exact_max_nodes`` nodes (n + m + 1 frustration solves); above that they are left out
    (``None``) and the report says so. ``time_limit`` applies to each solve.

    Parameters
    ----------
    graph : GraphLike
        The signed network whose brokers to find.
    time_limit : float or None
        Seconds per exact frustration solve.
    exact_max_nodes : int
        Largest graph whose removal and tie-flip effects are computed exactly.
    tie_flips : bool
        Whether to compute the effect of flipping each tie.

    Returns
    -------
    BrokerReport
        With ``to_dict()`` (docs/results.md).

    References
    ----------
    Aref, S., Mason, A. J. & Wilson, M. C. (2020), Networks 75(1) (the exact frustration
    index); Doreian, P. & Mrvar, A. (1996); Freeman, L. C. (1977); Brandes, U. (2001);
    Everett, M. G. & Borgatti, S. P. (2014).
    """
    t0 = time.perf_counter()
    sg = as_signed_graph(graph)
    base = frustration_index(sg, time_limit=time_limit)
    exact = sg.n <= exact_max_nodes
    notes: list[str] = []
    removal: dict[Hashable, float] | None = None
    flips: list[TieFlip] = []
    if exact:
        removal = removal_effects(sg, time_limit=time_limit, base=base)
        if tie_flips:
            flips = tie_flip_effects(sg, time_limit=time_limit, base=base)
    else:
        notes.append(
            f"{sg.n} actors > {exact_max_nodes}: exact removal and tie-flip effects skipped"
        )
    side = np.array([base.side[x] for x in sg.nodes])
    same = side[sg.u] == side[sg.v]
    frus = np.where(sg.sign > 0, ~same, same)

    def per_node(mask: np.ndarray) -> np.ndarray:
        w = sg.weight * mask
        return np.bincount(sg.u, weights=w, minlength=sg.n) + np.bincount(
            sg.v, weights=w, minlength=sg.n
        )

    fr = per_node(frus)
    pa = per_node((sg.sign > 0) & ~same)
    nw = per_node((sg.sign < 0) & same)
    btw = positive_betweenness(sg)
    pn = pn_centrality(sg) if sg.n <= 3000 else None
    rows = [
        BrokerScore(
            actor=x,
            bloc=int(side[i]),
            removal_effect=None if removal is None else float(removal[x]),
            frustrated_ties=float(fr[i]),
            positive_across=float(pa[i]),
            negative_within=float(nw[i]),
            positive_betweenness=float(btw[x]),
            pn=None if pn is None else pn[x],
        )
        for i, x in enumerate(sg.nodes)
    ]
    rows.sort(
        key=lambda r: (
            -(r.removal_effect or 0.0),
            -r.frustrated_ties,
            -r.positive_betweenness,
            repr(r.actor),
        )
    )
    return BrokerReport(
        base, tuple(rows), tuple(flips), time.perf_counter() - t0, exact, tuple(notes)
    )
