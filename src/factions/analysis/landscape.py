"""Landscape theory of aggregation (Axelrod & Bennett 1993).

Actors i have sizes s_i and pairwise propensities p_ij (positive: they want to be together).
An alignment X splits them into two blocs; its energy (frustration) is

    E(X) = sum_{i != j} s_i s_j p_ij d_ij(X),   d_ij = 1 if i and j are in different blocs,

summed over ordered pairs as in Axelrod & Bennett's eq. (1) (so a symmetric pair counts
twice; minima, basins and rankings do not depend on that factor). Actors myopically switch
sides when that lowers E, so stable alignments are the local minima of E over single-actor
switches, and the configuration a system drifts to is the minimum of its basin.

* :func:`energy` of any alignment: O(n^2).
* :func:`landscape`: every one of the 2^(n-1) alignments (actor 0 fixed in bloc 0; an
  alignment and its mirror image are the same), vectorised with NumPy, with local minima
  and basins of attraction by steepest descent from every alignment (pointer jumping).
  O(2^n n) time and memory; refused above ``max_nodes`` (default 20).
* :func:`global_minimum`: the exact minimum for any n as a weighted frustration problem
  (edge sign = sign of s_i s_j (p_ij + p_ji), weight its absolute value; E = L_w - sum of
  negative weights), solved by :func:`factions.analysis.frustration.frustration_index`.

:func:`factions.io.read_landscape_csv` reads sizes and a propensity matrix from files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from factions.analysis.frustration import frustration_index
from factions.analysis.serial import json_number

__all__ = [
    "Landscape",
    "LandscapeInput",
    "StableAlignment",
    "energy",
    "global_minimum",
    "landscape",
]

NEUTRAL_RATING = 3.0


@dataclass(frozen=True)
class LandscapeInput:
    """Actors, sizes s_i and propensities p_ij (a square array with a zero diagonal)."""

    actors: tuple[str, ...]
    sizes: np.ndarray
    propensities: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.actors)
        if self.sizes.shape != (n,) or self.propensities.shape != (n, n):
            raise ValueError(f"{n} actors need {n} sizes and an {n}x{n} propensity matrix")

    def pair_weights(self) -> np.ndarray:
        """W_ij = s_i s_j (p_ij + p_ji): E(X) = sum_{i<j} W_ij d_ij(X)."""
        p = self.propensities.astype(np.float64).copy()
        np.fill_diagonal(p, 0.0)
        s = self.sizes.astype(np.float64)
        return np.outer(s, s) * (p + p.T)


def _as_input(
    sizes: Sequence[float] | np.ndarray | LandscapeInput,
    propensities: np.ndarray | None = None,
    actors: Sequence[str] | None = None,
) -> LandscapeInput:
    if isinstance(sizes, LandscapeInput):
        return sizes
    s = np.asarray(sizes, dtype=np.float64)
    if propensities is None:
        raise ValueError("propensities are required")
    names = tuple(actors) if actors is not None else tuple(str(i) for i in range(s.size))
    return LandscapeInput(names, s, np.asarray(propensities, dtype=np.float64))


def energy(
    sizes: Sequence[float] | np.ndarray | LandscapeInput,
    propensities: np.ndarray | None = None,
    alignment: Sequence[int] | np.ndarray = (),
) -> float:
    """Energy E(X) of one alignment (a 0/1 bloc per actor), Axelrod & Bennett (1993). O(n^2).

    Parameters
    ----------
    sizes : sequence of float, or LandscapeInput
        Actor sizes s_i (or the whole input) of the alignment to score.
    propensities : array_like, shape (n, n), optional
        p_ij (not needed with a ``LandscapeInput``).
    alignment : sequence of int
        A 0/1 bloc per actor.

    Returns
    -------
    float

    References
    ----------
    Axelrod, R. & Bennett, D. S. (1993), "A landscape theory of aggregation", British Journal
    of Political Science 23(2).

    Examples
    --------
    >>> energy([1, 1], [[0, 1], [1, 0]], [0, 1])
    2.0
    """
    inp = _as_input(sizes, propensities)
    x = np.asarray(alignment, dtype=np.int64)
    d = x[:, None] != x[None, :]
    w = inp.pair_weights()
    return float(np.triu(w * d, 1).sum())


@dataclass(frozen=True)
class StableAlignment:
    """A local minimum of the landscape and the share of alignments that descend into it."""

    blocs: tuple[tuple[str, ...], tuple[str, ...]]
    code: int
    energy: float
    basin_size: int
    basin_share: float
    is_global: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``blocs``, ``energy``, ``basin_size``, ``basin_share``, ``global``."""
        return {
            "blocs": [list(b) for b in self.blocs],
            "energy": json_number(self.energy),
            "basin_size": self.basin_size,
            "basin_share": round(self.basin_share, 6),
            "global": self.is_global,
        }


@dataclass(frozen=True)
class Landscape:
    """All alignments of a landscape: ``energies[c]`` is the energy of alignment code ``c``.

    Bit ``i - 1`` of a code says whether actor ``i`` (i >= 1) sits in the second bloc; actor 0
    is always in the first. ``minima`` are sorted by energy (the favoured alignments first).
    """

    actors: tuple[str, ...]
    energies: np.ndarray
    basin: np.ndarray
    minima: tuple[StableAlignment, ...]

    @property
    def global_minimum(self) -> StableAlignment:
        return self.minima[0]

    def alignment(self, code: int) -> np.ndarray:
        n = len(self.actors)
        x = np.zeros(n, dtype=np.int64)
        x[1:] = (code >> np.arange(n - 1)) & 1
        return x

    def blocs(self, code: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The two blocs of alignment ``code``."""
        x = self.alignment(code)
        return (
            tuple(a for a, b in zip(self.actors, x, strict=True) if b == 0),
            tuple(a for a, b in zip(self.actors, x, strict=True) if b == 1),
        )

    def to_dict(self, include_all: bool = False) -> dict[str, Any]:
        """JSON-ready: ``actors``, ``alignments`` (how many), ``stable_alignments`` and, with
        ``include_all``, ``all`` (every alignment, lowest energy first) (docs/results.md)."""
        out: dict[str, Any] = {
            "actors": list(self.actors),
            "alignments": int(self.energies.size),
            "stable_alignments": [m.to_dict() for m in self.minima],
        }
        if include_all:
            order = sorted(range(self.energies.size), key=lambda c: (self.energies[c], c))
            out["all"] = [
                {"blocs": [list(b) for b in self.blocs(c)], "energy": json_number(self.energies[c])}
                for c in order
            ]
        return out


def landscape(
    sizes: Sequence[float] | np.ndarray | LandscapeInput,
    propensities: np.ndarray | None = None,
    actors: Sequence[str] | None = None,
    *,
    max_nodes: int = 20,
) -> Landscape:
    """Energies of all 2^(n-1) two-bloc alignments, their local minima and basins.

    A local minimum is an alignment where no single actor's switch lowers the energy
    (Axelrod & Bennett 1993). Basins: from each alignment, move to the neighbour with the
    lowest energy while it is strictly lower (steepest descent; ties to the lowest code);
    the minimum reached is the alignment's basin. O(2^n n) time and memory.

    Parameters
    ----------
    sizes : sequence of float, or LandscapeInput
        Actor sizes s_i (or the whole input), at most ``max_nodes`` actors.
    propensities : array_like, shape (n, n), optional
        p_ij (not needed with a ``LandscapeInput``).
    actors : sequence of str, optional
        Names.
    max_nodes : int
        Largest n accepted (the cost doubles with each actor).

    Returns
    -------
    Landscape
        With ``to_dict()`` (docs/results.md).

    References
    ----------
    Axelrod, R. & Bennett, D. S. (1993), British Journal of Political Science 23(2).
    """
    inp = _as_input(sizes, propensities, actors)
    n = len(inp.actors)
    if n < 1:
        raise ValueError("a landscape needs at least one actor")
    if n > max_nodes:
        raise ValueError(
            f"{n} actors means 2^{n - 1} alignments; use global_minimum() above {max_nodes}"
        )
    w = inp.pair_weights()
    total = 1 << (n - 1)
    codes = np.arange(total, dtype=np.int64)
    bits = np.arange(n - 1, dtype=np.int64)
    energies = np.empty(total)
    # flip[:, i] = energy change when actor i switches sides
    flip = np.empty((total, n))
    rowsum = w.sum(axis=1)
    chunk = 1 << 15
    for start in range(0, total, chunk):
        c = codes[start : start + chunk]
        x = np.zeros((c.size, n))
        x[:, 1:] = (c[:, None] >> bits) & 1
        xw = x @ w
        # sum_{i<j} W_ij d_ij = x . (W 1) - x^T W x
        energies[start : start + chunk] = x @ rowsum - np.einsum("ij,ij->i", xw, x)
        # cross_i = sum_j W_ij d_ij ; switching i turns cross_i into rowsum_i - cross_i
        cross = x * rowsum + xw - 2 * x * xw
        flip[start : start + chunk] = rowsum - 2 * cross
    # neighbour codes: switching actor i >= 1 toggles bit i-1; switching actor 0 is the mirror
    # image of switching everyone else, i.e. toggling every bit
    nbr = np.empty((total, n), dtype=np.int64)
    nbr[:, 0] = codes ^ (total - 1)
    nbr[:, 1:] = codes[:, None] ^ (1 << bits)
    best = np.argmin(flip, axis=1)  # steepest move (first index on ties)
    best_delta = flip[codes, best]
    tol = 1e-9 * max(1.0, float(np.abs(w).sum()))
    step = np.where(best_delta < -tol, nbr[codes, best], codes)
    is_min = step == codes
    basin = step.copy()
    while True:  # pointer jumping: O(log(path length)) passes
        nxt = basin[basin]
        if np.array_equal(nxt, basin):
            break
        basin = nxt
    sizes_ = np.bincount(basin, minlength=total)
    mins = np.nonzero(is_min)[0]
    emin = energies.min()
    order = sorted(mins.tolist(), key=lambda c: (energies[c], c))
    helper = Landscape(inp.actors, energies, basin, ())
    minima = tuple(
        StableAlignment(
            blocs=helper.blocs(c),
            code=int(c),
            energy=float(energies[c]),
            basin_size=int(sizes_[c]),
            basin_share=float(sizes_[c] / total),
            is_global=bool(energies[c] <= emin + tol),
        )
        for c in order
    )
    return Landscape(inp.actors, energies, basin, minima)


def global_minimum(
    sizes: Sequence[float] | np.ndarray | LandscapeInput,
    propensities: np.ndarray | None = None,
    actors: Sequence[str] | None = None,
    *,
    time_limit: float | None = None,
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], float, bool]:
    """Exact minimum-energy alignment for any n via the weighted frustration MILP.

    With W_ij = s_i s_j (p_ij + p_ji): E(X) = L_w(X) - sum_{W_ij < 0} |W_ij|, where L_w is the
    weighted frustration of the graph with sign(W_ij) and weight |W_ij|. NP-hard; exact
    (see :mod:`factions.analysis.frustration`). Returns (blocs, energy, proven optimal).

    Parameters
    ----------
    sizes : sequence of float, or LandscapeInput
        Actor sizes s_i (or the whole input), any number of actors.
    propensities : array_like, shape (n, n), optional
        p_ij (not needed with a ``LandscapeInput``).
    actors : sequence of str, optional
        Names.
    time_limit : float or None
        Seconds for the solve.

    References
    ----------
    Axelrod, R. & Bennett, D. S. (1993); Aref, S., Mason, A. J. & Wilson, M. C. (2020).

    Returns
    -------
    (blocs, float, bool)
        The two blocs, the energy and whether it is proven optimal.
    """
    inp = _as_input(sizes, propensities, actors)
    w = inp.pair_weights()
    g = nx.Graph()
    g.add_nodes_from(inp.actors)
    n = len(inp.actors)
    neg_total = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            if w[i, j] != 0:
                g.add_edge(
                    inp.actors[i], inp.actors[j], sign=1 if w[i, j] > 0 else -1, weight=abs(w[i, j])
                )
                if w[i, j] < 0:
                    neg_total += abs(w[i, j])
    res = frustration_index(g, time_limit=time_limit)
    first = tuple(a for a in inp.actors if res.side[a] == res.side[inp.actors[0]])
    second = tuple(a for a in inp.actors if res.side[a] != res.side[inp.actors[0]])
    return (first, second), float(res.frustration_index - neg_total), res.optimal
