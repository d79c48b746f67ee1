r"""Bargaining forecasts: expected-utility (Bueno de Mesquita), spatial (KTAB SMP) and baselines.

Every model takes plain arrays - positions ``x``, capabilities ``c`` and saliences ``s`` (on
0..1) - and returns a :class:`BargainingResult` with the actors' positions after every round,
the predicted outcome after every round (``rounds[0]`` is the initial state, "round 0") and the
final ``forecast``. Positions are normalised to ``[0, 1]`` on the issue's scale inside the
models and reported back in the issue's own units.

Baselines
---------
* :func:`weighted_mean`: :math:`\sum_i c_i s_i x_i / \sum_i c_i s_i`.
* :func:`weighted_median`: the position that wins every pairwise vote when actor ``i`` casts
  :math:`c_i s_i (|x_i - x_k| - |x_i - x_j|)` votes for ``x_j`` over ``x_k`` (Bueno de
  Mesquita 1994; Scholz, Calbert & Smith 2011, eq. 1). Summing those votes, ``x_j`` beats
  ``x_k`` iff :math:`\sum_i c_i s_i |x_i - x_j| < \sum_i c_i s_i |x_i - x_k|`, so the winner is
  the actor position minimising the weighted L1 distance: the :math:`c_i s_i`-weighted median.

Expected-utility model (:func:`expected_utility_model`)
-------------------------------------------------------
Follows the reconstruction of Bueno de Mesquita's group decision model by J. B. Scholz,
G. J. Calbert & G. A. Smith (2011), "Unravelling Bueno De Mesquita's group decision model",
*Journal of Theoretical Politics* 23(4): 510-531, which rests on Bueno de Mesquita (1985, "The
War Trap Revisited", APSR 79) and (1994, "Political Forecasting: An Expected Utility Method", in
Bueno de Mesquita & Stokman (eds.), *European Community Decision Making*). Positions are scaled
to :math:`[0,1]` by the issue range; saliences :math:`s_i \in [0,1]`. One round:

1. *Median voter* (eq. 1): :math:`\mu` = the weighted median above, on current positions.
2. *Probability of success* of ``i`` against ``j`` (eq. 2), from third-party support:

   .. math:: P_{ij} = \frac{\sum_k \max(0, v^k_{ij})}{\sum_k |v^k_{ij}|},\quad
             v^k_{ij} = c_k s_k (|x_k - x_j| - |x_k - x_i|).

3. *Utilities* of ``i`` in its dyad with ``j`` (eqs. 3-7), with risk exponent :math:`r_i`:
   success :math:`U^s = 2 - 4(0.5 - 0.5|x_i - x_j|)^{r_i}`,
   failure :math:`U^f = 2 - 4(0.5 + 0.5|x_i - x_j|)^{r_i}`,
   better status quo :math:`U^b = 2 - 4(0.5 - 0.25(|x_i - \mu| + |x_i - x_j|))^{r_i}`,
   worse status quo :math:`U^w = 2 - 4(0.5 + 0.25(|x_i - \mu| + |x_i - x_j|))^{r_i}`,
   status quo :math:`U^{sq} = 2 - 4(0.5)^{r_i}`.
4. *Expected utility of challenging* (eq. 8):

   .. math:: EU_{ij} = s_j [P_{ij} U^s + (1-P_{ij}) U^f] + (1 - s_j) U^s
             - Q U^{sq} - (1-Q)[T U^b + (1-T) U^w].

5. *Risk* (eqs. 9-10, Bueno de Mesquita 1985): with every :math:`r = 1` compute the
   vulnerability :math:`S_i = \sum_{j \ne i} EU_{ji}` (what the others expect from challenging
   ``i``), then :math:`R_i = (2 S_i - S_{max} - S_{min}) / (S_{max} - S_{min})` and
   :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [0.5, 2]`; recompute the utilities with these
   :math:`r_i`.
6. *Offers* (the octant/quadrant diagram): for each ordered pair with :math:`EU_{ij} > 0`
   and :math:`x_i \ne x_j`:
   *conflict* if :math:`EU_{ji} > 0` - ``j`` must move to :math:`x_i` when ``i`` wins the
   conflict (see ``conflict`` below; otherwise the reverse pair produces ``i``'s move);
   *compromise* if :math:`EU_{ji} < 0` and :math:`|EU_{ji}| < EU_{ij}` - ``j`` moves towards
   ``i`` by the fraction :math:`|EU_{ji}/EU_{ij}|` of the distance;
   *capitulation* if :math:`EU_{ji} < 0` and :math:`|EU_{ji}| \ge EU_{ij}` - ``j`` moves to
   :math:`x_i`.
7. *Moves*: every actor takes one of the offers it received (see ``offer_choice``); all actors
   move simultaneously; the round's prediction is the new weighted median (step 1).

Choices where the literature is ambiguous (all parameters):

* ``q`` (probability that the status quo persists if ``i`` does not challenge) and ``t``
  (probability it then gets better for ``i``): Bueno de Mesquita (1994) uses ``Q = 1`` in the EC
  example and other publications ``Q = 0.5``; we default to ``q = 1.0, t = 1.0``.
* Salience in eq. 8 is the *target's* :math:`s_j` (``1 - s_j``: the chance that ``j`` does not
  resist), as in Scholz et al.; some re-implementations use :math:`s_i`.
* Perceptions: both :math:`EU_{ij}` and :math:`EU_{ji}` are the model's objective values (no
  actor-specific misperception), as in Scholz et al.'s replication.
* Which offer an actor takes is not pinned down in the published descriptions. Default
  ``offer_choice="closest"``: the offer needing the smallest move (Bueno de Mesquita 1994:
  actors prefer the least costly proposal they cannot refuse), ties broken by the larger
  proposer EU; ``"strongest"`` takes the offer backed by the largest :math:`EU_{ij}` (ties: the
  closest).
* Who wins a *conflict* (both expect to gain). ``conflict="probability"`` (default): the
  actor more likely to win it, :math:`P_{ij} > 1/2` - a conflict is a contest decided by the
  capabilities brought to bear (Bueno de Mesquita 1985), and an actor with all the capability
  then decides the issue. ``conflict="utility"``: the actor with the larger expected utility,
  the reading of some re-implementations (e.g. D. Masad's Python replication of Scholz et al.);
  with it, a strong actor with a low salience and a risk-averse exponent can lose to a weak one.
* :math:`P_{ij}` for two actors at the same position is undefined (0/0); such pairs make no
  offers. When :math:`S_{max} = S_{min}`, :math:`R_i = 0` (:math:`r_i = 1`).
* Stopping: after ``max_rounds`` rounds, or earlier when no actor moves (Scholz et al. discuss
  non-convergence; we report ``converged``).

Complexity: :math:`O(n^3)` time per round (the third-party sums), :math:`O(n^2)` memory.

Spatial model of politics (:func:`spatial_model`)
-------------------------------------------------
Follows KTAB's SMP (B. L. Wise, L. Abdollahian et al., KAPSARC Toolkit for Behavioral Analysis,
github.com/KAPSARC/KTAB, MIT licence; ``examples/smp/libsrc/smp.cpp`` and ``smpbcn.cpp``,
``kmodel`` ``Model::vote``, ``vProb``, ``condPCE``, ``markovIncentivePCE``, ``bigRfromProb``,
``estNRA``), re-implemented with NumPy from that source's definitions. One step ("BCN",
bargain-challenge-negotiate) on positions ``X`` (n x D, in [0,1]), saliences ``S`` (n x D, row
sums <= 1) and capabilities ``c``:

1. Salience-weighted distance of position ``j`` from ``i``'s ideal:
   :math:`d_{ij} = \sqrt{\sum_k (S_{ik}(I_{ik} - X_{jk}))^2 / \sum_k S_{ik}^2}`
   (``bvDiff``); utility :math:`u(d, R) = (1 - d)(1 + d R)` (``bsUtil``).
2. Risk attitudes (``setAllAUtil``): with :math:`R = 0`, coalition strengths
   :math:`C_{ij} = \epsilon + \sum_k \max(0, \mathrm{vote}(c_k, u_{ki}, u_{kj}))`,
   victory probabilities :math:`V_{ij} = C_{ij}/(C_{ij} + C_{ji})` (Linear), the probability
   that each position wins (Conditional PCE: :math:`p_i \propto \prod_j V_{ij}`), and
   :math:`R_i = (3 p_i - p_{max} - 2 p_{min}) / (2 (p_{max} - p_{min}))` (BigRRange Mid).
   Actor ``h`` estimates ``i``'s attitude as :math:`(2 R_h + R_i)/3` (BigRAdjust OneThird).
3. Challenges (``probEduChlg``, ``bestChallenge``): from its own perspective, ``i`` values
   challenging ``j`` at :math:`\Delta EU = (1 - s_j) 2u_{ii} + s_j (P 2u_{ii} + (1-P) 2u_{ij})
   - (u_{ii} + u_{ij})` with ``P`` the coalition probability that ``i`` beats ``j``
   (principals vote with weight :math:`c s`); ``i`` targets the ``j`` with the largest
   :math:`\Delta EU > 10^{-5}`.
4. Bargains (``interpolateBrgn``, S2P2, InitOnlyInterp): per dimension,
   :math:`b = ((w_i + \epsilon) x_i + w_j x_j)/(w_i + \epsilon + w_j)` with
   :math:`w_i = S_{ik}^2 P^2`, :math:`w_j = S_{jk}^2 (1 - P)^2`, rounded to 4 decimals.
5. Each actor ``k`` chooses among the status quo and the bargains it is party to by a
   capability-weighted vote of all actors over the resulting states (``scalarPCE``): the most
   probable bargain (Deterministic) or a draw (Stochastic, seeded); ``k`` adopts its position
   in it. Ideals follow positions through the accommodation matrix (identity by default).
6. Stop (``smpStopFn``) when the total position change of the last step is below
   ``stop_ratio`` (0.02) of the first step's, after ``min_rounds``, or at ``max_rounds``.

The round's prediction is the expected outcome under KTAB's probability distribution over the
distinct current positions (``SMPState::pDist``: each actor's own utilities, capability
weights, Proportional votes); the most likely position is in ``details["most_likely"]``.

Third parties join the principals' coalitions through KTAB's "little coalition" sub-model
(``Actor::vProbLittle`` and ``Actor::thirdPartyVoteSU`` with ThirdPartyCommit = SemiCommit by
default). Not implemented: the InitRcvrInterp and PWCompInterp bargaining models (only
InitOnlyInterp) and KTAB's SQLite logging; stochastic transitions draw from NumPy's generator,
not KTAB's PRNG stream. Check against KTAB: on ``dummyData_3Dim.csv`` with
KTAB's reference parameters (Linear, Proportional, Conditional, Deterministic, Mid, OneThird,
SemiCommit, S2P2, InitOnlyInterp) this implementation reproduces KTAB's reference run
(smpc, 2017-05-30): the same risk attitudes, targets and round-0 probabilities, 10 steps, and
every actor's position after every step to the 0.1 printed in KTAB's log.

Complexity: :math:`O(n^3 + n^2 D)` time and :math:`O(n^3)` memory per step (every actor's
estimate of every utility).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from factions.analysis.serial import json_data

__all__ = [
    "BargainingResult",
    "expected_utility_model",
    "forecast",
    "spatial_model",
    "weighted_mean",
    "weighted_median",
]

MODELS = ("eu", "smp", "mean", "median")


@dataclass(frozen=True, eq=False)
class BargainingResult:
    """Result of a bargaining model.

    ``positions`` has shape ``(rounds + 1, n, D)`` (``positions[0]`` = input), ``rounds`` shape
    ``(rounds + 1, D)`` (the predicted outcome after each round; ``rounds[0]`` = round 0) and
    ``forecast`` shape ``(D,)`` (the final prediction), all in the issue's units.
    """

    model: str
    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    positions: np.ndarray
    rounds: np.ndarray
    forecast: np.ndarray
    converged: bool
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def n_rounds(self) -> int:
        """Number of rounds played (0 for the baselines)."""
        return int(self.rounds.shape[0]) - 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``forecast`` and ``rounds`` are scalars for one-dimensional issues."""
        one = len(self.dimensions) == 1

        def val(v: np.ndarray) -> Any:
            return float(v[0]) if one else [float(a) for a in v]

        out: dict[str, Any] = {
            "model": self.model,
            "dimensions": list(self.dimensions),
            "forecast": val(self.forecast),
            "rounds": [val(r) for r in self.rounds],
            "converged": self.converged,
            "positions": [
                {a: val(self.positions[t, i]) for i, a in enumerate(self.actors)}
                for t in range(self.positions.shape[0])
            ],
        }
        for key, value in self.details.items():
            out[key] = json_data(value)
        return out


# --------------------------------------------------------------------------- validation


def _as_1d(x: Any, c: Any, s: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float).reshape(-1)
    c = np.asarray(c, dtype=float).reshape(-1)
    s = np.asarray(s, dtype=float).reshape(-1)
    if not (x.shape == c.shape == s.shape):
        raise ValueError("position, capability and salience must have the same length")
    if x.size == 0:
        raise ValueError("no actors")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(c)) and np.all(np.isfinite(s))):
        raise ValueError("positions, capabilities and saliences must be finite")
    if np.any(c < 0):
        raise ValueError("capabilities must be >= 0")
    if np.any(s < 0) or np.any(s > 1):
        raise ValueError("saliences must be in [0, 1] (divide 0..100 saliences by 100)")
    if float(np.sum(c * s)) <= 0:
        raise ValueError("no actor has both capability and salience")
    return x, c, s


def _scale(x: np.ndarray, scale: tuple[float, float] | None) -> tuple[float, float]:
    lo, hi = (float(x.min()), float(x.max())) if scale is None else map(float, scale)
    if hi < lo:
        raise ValueError("scale must be (low, high) with low <= high")
    if np.any(x < lo - 1e-12) or np.any(x > hi + 1e-12):
        raise ValueError(f"positions must lie in the scale [{lo:g}, {hi:g}]")
    return lo, hi


# --------------------------------------------------------------------------- baselines


def weighted_mean(position: Any, capability: Any, salience: Any) -> float:
    r"""Capability-and-salience weighted mean :math:`\sum c_i s_i x_i / \sum c_i s_i`.

    Parameters
    ----------
    position, capability, salience : array_like
        Each actor's position ``x_i`` (issue units), capability ``c_i >= 0`` and salience
        ``s_i`` in [0, 1], one value per actor (the names every bargaining model uses).

    Returns
    -------
    float

    References
    ----------
    Bueno de Mesquita (1994), the mean baseline; O(n).

    Examples
    --------
    >>> weighted_mean([0, 10], [1, 1], [1.0, 0.25])
    2.0
    """
    x, c, s = _as_1d(position, capability, salience)
    w = c * s
    return float(np.sum(w * x) / np.sum(w))


def weighted_median(position: Any, capability: Any, salience: Any) -> float:
    r"""Pairwise-vote (Condorcet) winner among the actors' positions, weights :math:`c_i s_i`.

    Bueno de Mesquita (1994); Scholz, Calbert & Smith (2011), eq. 1. The winner minimises
    :math:`\sum_i c_i s_i |x_i - x|` over the actor positions (see the module docstring), i.e. it
    is the weighted median; when two positions tie (exactly half the weight on each side) the
    lower one is returned. O(n log n).

    Parameters
    ----------
    position, capability, salience : array_like
        As in :func:`weighted_mean`.

    Returns
    -------
    float
        The winning position.

    References
    ----------
    Bueno de Mesquita, B. (1994); Scholz, Calbert & Smith (2011), eq. 1.

    Examples
    --------
    >>> weighted_median([0, 5, 10], [1, 1, 1], [1, 1, 1])
    5.0
    """
    x, c, s = _as_1d(position, capability, salience)
    return float(_median(x, c * s))


def _median(x: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    cum = np.cumsum(ws)
    total = cum[-1]
    # smallest position whose cumulative weight reaches half the total: minimiser of sum w|x - .|
    k = int(np.searchsorted(cum, total / 2.0 - 1e-12 * total))
    return float(xs[min(k, len(xs) - 1)])


def _baseline(kind: str, x: Any, c: Any, s: Any, actors: Sequence[str] | None) -> BargainingResult:
    x, c, s = _as_1d(x, c, s)
    value = weighted_mean(x, c, s) if kind == "mean" else weighted_median(x, c, s)
    names = tuple(actors) if actors is not None else tuple(f"a{i}" for i in range(len(x)))
    return BargainingResult(
        model=kind,
        actors=names,
        dimensions=("issue",),
        positions=x.reshape(1, -1, 1).copy(),
        rounds=np.array([[value]]),
        forecast=np.array([value]),
        converged=True,
    )


# --------------------------------------------------------------------------- EU model


def _success_prob(xn: np.ndarray, w: np.ndarray) -> np.ndarray:
    """P[i, j] of Scholz et al. eq. 2 (0.5 where undefined). O(n^3) time, O(n^2) memory."""
    n = len(xn)
    num = np.zeros((n, n))
    den = np.zeros((n, n))
    dist = np.abs(xn[:, None] - xn[None, :])  # dist[k, i] = |x_k - x_i|
    for k in range(n):
        if w[k] == 0:
            continue
        v = w[k] * (dist[k][None, :] - dist[k][:, None])  # v[i, j] = w_k(|x_k-x_j| - |x_k-x_i|)
        num += np.maximum(v, 0.0)
        den += np.abs(v)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.5)
    return p


def _eu_matrix(
    xn: np.ndarray, s: np.ndarray, p: np.ndarray, mu: float, r: np.ndarray, q: float, t: float
) -> np.ndarray:
    """EU[i, j]: i's expected utility of challenging j (Scholz et al. eqs. 3-8)."""
    d = np.abs(xn[:, None] - xn[None, :])
    dm = np.abs(xn - mu)[:, None]
    rr = r[:, None]
    us = 2.0 - 4.0 * np.maximum(0.5 - 0.5 * d, 0.0) ** rr
    uf = 2.0 - 4.0 * (0.5 + 0.5 * d) ** rr
    ub = 2.0 - 4.0 * np.maximum(0.5 - 0.25 * (dm + d), 0.0) ** rr
    uw = 2.0 - 4.0 * (0.5 + 0.25 * (dm + d)) ** rr
    usq = 2.0 - 4.0 * 0.5**rr
    sj = s[None, :]
    eu = sj * (p * us + (1.0 - p) * uf) + (1.0 - sj) * us
    eu = eu - q * usq - (1.0 - q) * (t * ub + (1.0 - t) * uw)
    np.fill_diagonal(eu, 0.0)
    return eu


def _risk_exponents(eu1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R, r) from the r = 1 expected utilities (Bueno de Mesquita 1985; Scholz et al.)."""
    vuln = eu1.sum(axis=0) - np.diag(eu1)  # S_i = sum_{j != i} EU_ji
    smax, smin = float(vuln.max()), float(vuln.min())
    if smax - smin <= 1e-15 * max(1.0, abs(smax)):
        big_r = np.zeros_like(vuln)
    else:
        big_r = (2.0 * vuln - smax - smin) / (smax - smin)
    return big_r, (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


def _eu_offers(
    xn: np.ndarray, eu: np.ndarray, p: np.ndarray, conflict: str = "probability"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Offers as arrays: target[i, j] = new position proposed to j by i (nan: none), kind, EU."""
    n = len(xn)
    eij = eu
    eji = eu.T
    differ = np.abs(xn[:, None] - xn[None, :]) > 0
    active = (eij > 0) & differ & ~np.eye(n, dtype=bool)
    xi = np.broadcast_to(xn[:, None], (n, n))
    xj = np.broadcast_to(xn[None, :], (n, n))
    target = np.full((n, n), np.nan)
    kind = np.zeros((n, n), dtype=np.int8)  # 1 conflict won, 2 compromise, 3 capitulation
    if conflict == "probability":
        conflict = active & (eji > 0) & (p > 0.5)
    else:
        conflict = active & (eji > 0) & (eij > eji)
    compromise = active & (eji <= 0) & (np.abs(eji) < eij)
    capitulate = active & (eji <= 0) & (np.abs(eji) >= eij)
    target[conflict] = xi[conflict]
    kind[conflict] = 1
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.abs(eji) / np.where(eij > 0, eij, 1.0)
    comp_pos = xj + (xi - xj) * frac
    target[compromise] = comp_pos[compromise]
    kind[compromise] = 2
    target[capitulate] = xi[capitulate]
    kind[capitulate] = 3
    return target, kind, np.where(np.isnan(target), 0.0, eij)


def _choose_offers(
    xn: np.ndarray, target: np.ndarray, strength: np.ndarray, how: str
) -> tuple[np.ndarray, np.ndarray]:
    """New positions (and the proposer index, -1 = none) for every actor (column j)."""
    n = len(xn)
    new = xn.copy()
    chosen = np.full(n, -1)
    for j in range(n):
        props = np.where(~np.isnan(target[:, j]))[0]
        if props.size == 0:
            continue
        move = np.abs(target[props, j] - xn[j])
        eus = strength[props, j]
        if how == "closest":
            order = np.lexsort((props, -eus, move))
        else:
            order = np.lexsort((props, move, -eus))
        best = props[order[0]]
        chosen[j] = best
        new[j] = target[best, j]
    return np.clip(new, 0.0, 1.0), chosen


def expected_utility_model(
    position: Any,
    capability: Any,
    salience: Any,
    *,
    actors: Sequence[str] | None = None,
    scale: tuple[float, float] | None = None,
    q: float = 1.0,
    t: float = 1.0,
    max_rounds: int = 10,
    offer_choice: Literal["closest", "strongest"] = "closest",
    conflict: Literal["probability", "utility"] = "probability",
    tol: float = 1e-9,
) -> BargainingResult:
    """Bueno de Mesquita's expected-utility model as reconstructed by Scholz et al. (2011).

    See the module docstring for the equations and the choices made. O(max_rounds * n^3).

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions in the issue's units, within ``scale``.
    capability : array_like, shape (n,)
        Capabilities, >= 0.
    salience : array_like, shape (n,)
        Saliences in [0, 1].
    actors : sequence of str, optional
        Names (default ``a0``, ``a1``, ...).
    scale : (float, float), optional
        The issue's range (default the range of ``position``).
    q, t : float
        Probability that the status quo persists when ``i`` does not challenge, and that it
        then gets better for ``i`` (module docstring).
    max_rounds : int
        Bargaining rounds at most.
    offer_choice : {"closest", "strongest"}
        Which of several offers an actor takes.
    conflict : {"probability", "utility"}
        How a conflict offer is weighed.
    tol : float
        Convergence tolerance on normalised positions.

    Returns
    -------
    BargainingResult
        ``details`` holds per round the weighted ``mean``, the ``median`` (= the prediction),
        the risk exponents ``r`` and the ``moves`` (who took whose offer, and of which kind).

    References
    ----------
    Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method";
    Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011), "Unravelling Bueno De Mesquita's
    group decision model", Journal of Theoretical Politics 23(4).
    """
    x, c, s = _as_1d(position, capability, salience)
    if offer_choice not in ("closest", "strongest"):
        raise ValueError("offer_choice must be 'closest' or 'strongest'")
    if conflict not in ("probability", "utility"):
        raise ValueError("conflict must be 'probability' or 'utility'")
    if not (0.0 <= q <= 1.0 and 0.0 <= t <= 1.0):
        raise ValueError("q and t are probabilities in [0, 1]")
    if max_rounds < 0:
        raise ValueError("max_rounds must be >= 0")
    lo, hi = _scale(x, scale)
    span = hi - lo
    names = tuple(actors) if actors is not None else tuple(f"a{i}" for i in range(len(x)))
    w = c * s
    xn = (x - lo) / span if span > 0 else np.zeros_like(x)
    history = [xn.copy()]
    medians = [_median(xn, w)]
    means = [float(np.sum(w * xn) / np.sum(w))]
    risks: list[list[float]] = []
    moves: list[list[dict[str, Any]]] = []
    kinds = {1: "conflict", 2: "compromise", 3: "capitulation"}
    converged = False
    for _ in range(max_rounds):
        mu = medians[-1]
        p = _success_prob(xn, w)
        eu1 = _eu_matrix(xn, s, p, mu, np.ones_like(xn), q, t)
        _, r = _risk_exponents(eu1)
        eu = _eu_matrix(xn, s, p, mu, r, q, t)
        target, kind, strength = _eu_offers(xn, eu, p, conflict)
        new, chosen = _choose_offers(xn, target, strength, offer_choice)
        risks.append([float(v) for v in r])
        moves.append(
            [
                {
                    "actor": names[j],
                    "from": names[int(chosen[j])],
                    "kind": kinds[int(kind[chosen[j], j])],
                    "to": float(lo + span * new[j]),
                }
                for j in range(len(xn))
                if chosen[j] >= 0
            ]
        )
        changed = float(np.max(np.abs(new - xn)))
        xn = new
        history.append(xn.copy())
        medians.append(_median(xn, w))
        means.append(float(np.sum(w * xn) / np.sum(w)))
        if changed <= tol:
            converged = True
            break
    pos = lo + span * np.array(history)
    med = lo + span * np.array(medians)
    return BargainingResult(
        model="eu",
        actors=names,
        dimensions=("issue",),
        positions=pos[:, :, None],
        rounds=med[:, None],
        forecast=np.array([med[-1]]),
        converged=converged,
        details={
            "median": [float(v) for v in med],
            "mean": [float(lo + span * v) for v in means],
            "risk_exponent": risks,
            "moves": moves,
            "parameters": {
                "q": q,
                "t": t,
                "offer_choice": offer_choice,
                "conflict": conflict,
                "max_rounds": max_rounds,
            },
        },
    )


# --------------------------------------------------------------------------- KTAB SMP

_MIN_C = 1e-8  # kmodel Model::coalitions minC
_MIN_CLTN = 1e-10  # smpbcn probEduChlg minCltn
_MIN_SIG_EDU = 1e-5  # smpbcn bestChallenge minSigEDU
_MIN_W = 1e-6  # smp interpBrgnSnPm minW

VOTING_RULES = ("Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp")
VICTORY_MODELS = ("Linear", "Square", "Quartic", "Octic", "Binary")
PCE_MODELS = ("Conditional", "MarkovIncentive", "MarkovUniform")


def _vote(rule: str, w: Any, ui: Any, uj: Any) -> np.ndarray:
    """KTAB ``Model::vote``: weight w's vote for option i over j given utilities (vectorised)."""
    du = np.asarray(ui, dtype=float) - np.asarray(uj, dtype=float)
    w = np.asarray(w, dtype=float)
    if rule == "Proportional":
        return w * du
    if rule == "Binary":
        return w * np.clip(du / 1e-8, -1.0, 1.0)
    if rule == "PropBin":
        return w * (0.8 * du + 0.2 * np.clip(du / 1e-8, -1.0, 1.0))
    if rule == "PropCbc":
        return w * (0.5 * du + 0.5 * du**3)
    if rule == "Cubic":
        return w * du**3
    if rule == "ASymProsp":
        return np.where(du < 0, w * du, 2.0 * w * du / 3.0)
    raise ValueError(f"unknown voting rule {rule!r} (one of {', '.join(VOTING_RULES)})")


def _vprob(model: str, c: np.ndarray) -> np.ndarray:
    """KTAB ``Model::vProb``: V[i, j] = probability option i beats j from coalition strengths."""
    ct = c.T
    if model == "Binary":
        with np.errstate(divide="ignore", invalid="ignore"):
            r12 = c / (c + ct)
        p = np.clip((r12 * 2.1 - 1.0) / 0.1, 1e-6, 1.0)
        p = np.where(c >= 1.1 * ct, 1.0, np.where(ct >= 1.1 * c, 1e-6, p))
        q = np.where(ct >= 1.1 * c, 1.0, np.where(c >= 1.1 * ct, 1e-6, 1.0 - p))
        v = p / (p + q)
    else:
        k = {"Linear": 1, "Square": 2, "Quartic": 4, "Octic": 8}.get(model)
        if k is None:
            raise ValueError(
                f"unknown victory model {model!r} (one of {', '.join(VICTORY_MODELS)})"
            )
        a, b = c**k, ct**k
        v = a / (a + b)
    np.fill_diagonal(v, 0.5)
    return v


def _coalitions(rule: str, w: np.ndarray, u: np.ndarray) -> np.ndarray:
    """C[i, j] = eps + strength of the coalition for option i over j (u: actors x options)."""
    m = u.shape[1]
    c = np.full((m, m), _MIN_C)
    for a in range(u.shape[0]):
        if w[a] == 0:
            continue
        v = _vote(rule, w[a], u[a][:, None], u[a][None, :])
        c += np.maximum(v, 0.0)
    np.fill_diagonal(c, _MIN_C)
    return c


def _pce(model: str, vpm: str, c: np.ndarray) -> np.ndarray:
    """Probability that each option is the Condorcet winner (KTAB ``probCE2``)."""
    v = _vprob(vpm, c)
    m = c.shape[0]
    if model == "Conditional":
        p = np.prod(v, axis=1)
        return p / p.sum()
    if model == "MarkovUniform":
        p = np.full(m, 1.0 / m)
        for _ in range(10000):
            q = (v * (p[:, None] + p[None, :])).sum(axis=1) / m
            if np.max(np.abs(q - p)) <= 1e-10:
                return q / q.sum()
            p = (p + q) / 2.0
        return p / p.sum()
    if model == "MarkovIncentive":
        inc = c * v + np.eye(m) * 1e-10
        chlg = inc / inc.sum(axis=0, keepdims=True)  # chlg[i, j] = P[i challenges favourite j]
        p = np.full(m, 1.0 / m)
        for _ in range(10000):
            ct = p[:, None] * chlg.T  # ct[i, j] = p_i * chlg[j, i]
            q = (v * (ct + ct.T)).sum(axis=1)
            if np.max(np.abs(q - p)) <= 1e-10:
                return q / q.sum()
            p = (p + q) / 2.0
        return p / p.sum()
    raise ValueError(f"unknown PCE model {model!r} (one of {', '.join(PCE_MODELS)})")


def _big_r(p: np.ndarray, rng_: str) -> np.ndarray:
    pmin, pmax = float(p.min()), float(p.max())
    if pmax - pmin <= 1e-15:
        return np.zeros_like(p)
    if rng_ == "Min":
        return (p - pmin) / (pmax - pmin)
    if rng_ == "Mid":
        return (3 * p - (pmax + 2 * pmin)) / (2 * (pmax - pmin))
    if rng_ == "Max":
        return (2 * p - (pmax + pmin)) / (pmax - pmin)
    raise ValueError(f"unknown BigRRange {rng_!r} (Min, Mid or Max)")


_R_ADJUST = {"Full": 0.0, "TwoThirds": 1 / 3, "Half": 0.5, "OneThird": 2 / 3, "No": 1.0}


def _bs_util(d: np.ndarray, r: Any) -> np.ndarray:
    d = np.maximum(d, 0.0)
    return np.where(d <= 1.0, (1.0 - d) * (1.0 + d * r), (1.0 - d) * (1.0 + r))


def _bv_diff(ideals: np.ndarray, pos: np.ndarray, sal: np.ndarray) -> np.ndarray:
    """d[i, j]: distance of position j from i's ideal, weighted by i's saliences."""
    diff = ideals[:, None, :] - pos[None, :, :]  # (n, m, D)
    ss = np.sum(sal**2, axis=1)  # (n,)
    num = np.sum((diff * sal[:, None, :]) ** 2, axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.sqrt(np.where(ss[:, None] > 0, num / np.where(ss > 0, ss, 1.0)[:, None], 0.0))
    return d


def _round4(v: np.ndarray) -> np.ndarray:
    return np.floor(0.5 + v * 10000.0) / 10000.0


@dataclass(frozen=True)
class _SmpParams:
    voting_rule: str = "Proportional"
    victory_model: str = "Linear"
    pce_model: str = "Conditional"
    transitions: str = "Deterministic"
    big_r_adjust: str = "OneThird"
    big_r_range: str = "Mid"
    bargain: str = "S2P2"
    third_party: str = "SemiCommit"


def _smp_step(
    pos: np.ndarray,
    ideals: np.ndarray,
    sal: np.ndarray,
    cap: np.ndarray,
    prm: _SmpParams,
    rng: np.random.Generator,
) -> tuple[np.ndarray, dict[str, Any]]:
    n = pos.shape[0]
    s_tot = sal.sum(axis=1)
    d = _bv_diff(ideals, pos, sal)  # d[i, j]
    # 2. risk attitudes from risk-neutral coalitions (capability weights)
    u0 = _bs_util(d, 0.0)
    p_win = _pce(prm.pce_model, prm.victory_model, _coalitions(prm.voting_rule, cap, u0))
    big_r = _big_r(p_win, prm.big_r_range)
    a = _R_ADJUST[prm.big_r_adjust]
    rhi = a * big_r[:, None] + (1 - a) * big_r[None, :]  # rhi[h, i]: h's estimate of R_i
    # A[h, i, j] = h's estimate of the utility to i of j's position
    util = _bs_util(d[None, :, :], rhi[:, :, None])
    wcs = cap * s_tot
    # 3. best challenge for each i, from i's own perspective
    targets = np.full(n, -1)
    p_ij = np.zeros(n)
    best_edu = np.zeros(n)
    idx = np.arange(n)
    for i in range(n):
        u = util[i]
        uii, uij = u[i, i], u[i, :]
        uji, ujj = u[:, i], np.diag(u)
        ci = _vote(prm.voting_rule, wcs[i], uii, uij)
        cj = _vote(prm.voting_rule, wcs, uji, ujj)
        chij = _MIN_CLTN + np.maximum(ci, 0) + np.maximum(cj, 0)
        chji = _MIN_CLTN + np.maximum(-ci, 0) + np.maximum(-cj, 0)
        # third parties n: the "little coalition" (Actor::vProbLittle, thirdPartyVoteSU)
        uni = u[:, i][:, None]  # (n, 1): n's utility of i's position
        unj = u  # (n, j)
        unn = np.diag(u)[:, None]
        cn = _vote(prm.voting_rule, wcs[:, None], uni, unj)
        cni = chij[None, :] + np.maximum(cn, 0)
        cnj = chji[None, :] + np.maximum(-cn, 0)
        pin = cni / (cni + cnj)
        pjn = 1.0 - pin
        if prm.third_party == "SemiCommit":
            u_ik_def_j, u_j_def_ik = 2 * uni + unn, 3 * unj
            u_i_def_jk, u_jk_def_i = 3 * uni, 2 * unj + unn
        elif prm.third_party == "FullCommit":
            u_ik_def_j, u_j_def_ik = 3 * uni, 3 * unj
            u_i_def_jk, u_jk_def_i = 3 * uni, 3 * unj
        else:  # NoCommit
            u_ik_def_j, u_j_def_ik = 2 * uni + unn, 2 * unj + unn
            u_i_def_jk, u_jk_def_i = 2 * uni + unn, 2 * unj + unn
        u_ik_j = pin * u_ik_def_j + pjn * u_j_def_ik
        u_i_jk = pin * u_i_def_jk + pjn * u_jk_def_i
        third = _vote(prm.voting_rule, wcs[:, None], u_ik_j, u_i_jk)  # third[n, j]
        mask = np.ones((n, n), dtype=bool)
        mask[i, :] = False
        mask[idx, idx] = False
        third = np.where(mask, third, 0.0)
        chij = chij + np.maximum(third, 0).sum(axis=0)
        chji = chji + np.maximum(-third, 0).sum(axis=0)
        ph = chij / (chij + chji)
        eu_sq = uii + uij
        eu_vict = 2 * uii
        eu_cntst = ph * 2 * uii + (1 - ph) * 2 * uij
        edu = (1 - s_tot) * eu_vict + s_tot * eu_cntst - eu_sq
        edu[i] = -np.inf
        ok = edu > _MIN_SIG_EDU
        if ok.any():
            j = int(np.argmax(np.where(ok, edu, -np.inf)))
            targets[i], p_ij[i], best_edu[i] = j, ph[j], edu[j]
    # 4. bargains (InitOnlyInterp) on both parties' queues
    bargains: list[tuple[int, int, np.ndarray, np.ndarray]] = []
    queues: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        j = int(targets[i])
        if j < 0:
            continue
        p = p_ij[i]
        ti, tj = pos[i], pos[j]
        si, sj = sal[i], sal[j]
        if prm.bargain in ("S2P2", "S1P1"):
            e = 2 if prm.bargain == "S2P2" else 1
            wi = si**e * p**e
            wj = sj**e * (1 - p) ** e
            bi = _round4(((wi + _MIN_W) * ti + wj * tj) / (wi + _MIN_W + wj))
            bj = _round4((wi * ti + (_MIN_W + wj) * tj) / (wi + _MIN_W + wj))
        elif prm.bargain == "S2PMax":
            di = max(0.0, (1 - p) - p)
            dj = max(0.0, p - (1 - p))
            dik = (di * sj**2) / (di * sj**2 + _MIN_W + (1 - di) * si**2)
            djk = (dj * si**2) / (dj * si**2 + _MIN_W + (1 - dj) * sj**2)
            bi, bj = ti + dik * (tj - ti), tj + djk * (ti - tj)
        else:
            raise ValueError("bargain must be S1P1, S2P2 or S2PMax")
        bargains.append((i, j, bi, bj))
        queues[i].append(len(bargains) - 1)
        queues[j].append(len(bargains) - 1)
    # 5. each actor picks among the status quo and its bargains by a capability-weighted vote
    own = util[idx, idx, :]  # own[a, n] = a's utility of n's current position
    own_sum = own.sum(axis=1)
    r_own = big_r
    new = pos.copy()
    chosen: list[int | None] = []
    for k in range(n):
        opts = queues[k]
        cols = [own_sum / n]
        for b in opts:
            i, j, bi, bj = bargains[b]
            ui = _bs_util(_bv_diff(pos, bi[None, :], sal)[:, 0], r_own)
            uj = _bs_util(_bv_diff(pos, bj[None, :], sal)[:, 0], r_own)
            cols.append((ui + uj + own_sum - own[:, i] - own[:, j]) / n)
        u_im = np.stack(cols, axis=1)
        pb = _pce(prm.pce_model, prm.victory_model, _coalitions(prm.voting_rule, cap, u_im))
        if prm.transitions == "Stochastic":
            m = int(rng.choice(len(pb), p=pb / pb.sum()))
        else:
            m = int(np.argmax(pb))
        if m == 0:
            chosen.append(None)
            continue
        i, j, bi, bj = bargains[opts[m - 1]]
        new[k] = bi if k == i else bj
        chosen.append(opts[m - 1])
    info = {
        "risk": big_r,
        "targets": targets,
        "bargains": bargains,
        "chosen": chosen,
    }
    return np.clip(new, 0.0, 1.0), info


def _smp_outcome(
    pos: np.ndarray, ideals: np.ndarray, sal: np.ndarray, cap: np.ndarray, prm: _SmpParams
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """KTAB ``pDist(-1)``: probability of each distinct position; expected and likeliest one."""
    n = pos.shape[0]
    uniq: list[int] = []
    for i in range(n):
        if not any(np.linalg.norm(pos[i] - pos[u]) < 1e-9 for u in uniq):
            uniq.append(i)
    d = _bv_diff(ideals, pos, sal)
    p_win = _pce(
        prm.pce_model, prm.victory_model, _coalitions(prm.voting_rule, cap, _bs_util(d, 0.0))
    )
    big_r = _big_r(p_win, prm.big_r_range)
    u = _bs_util(d, big_r[:, None])[:, uniq]  # actor's own estimate of its utilities
    p = _pce(prm.pce_model, prm.victory_model, _coalitions("Proportional", cap, u))
    pts = pos[uniq]
    return p @ pts, pts[int(np.argmax(p))], p


def spatial_model(
    position: Any,
    capability: Any,
    salience: Any,
    *,
    actors: Sequence[str] | None = None,
    dimensions: Sequence[str] | None = None,
    scale: Sequence[tuple[float, float]] | None = None,
    accommodation: Any = None,
    voting_rule: str = "Proportional",
    victory_model: str = "Linear",
    pce_model: str = "Conditional",
    transitions: str = "Deterministic",
    big_r_adjust: str = "OneThird",
    big_r_range: str = "Mid",
    bargain: str = "S2P2",
    third_party: str = "SemiCommit",
    min_rounds: int = 2,
    max_rounds: int = 100,
    stop_ratio: float = 0.02,
    min_sig_delta: float = 1e-4,
    seed: int | None = None,
) -> BargainingResult:
    """Spatial bargaining in the manner of KTAB's SMP (see the module docstring).

    O(rounds * (n^3 + n^2 D)).

    Parameters
    ----------
    position : array_like, shape (n,) or (n, D)
        Positions in the issue units, within ``scale`` per dimension (default ``(0, 1)``
        when all positions are in [0, 1], else their range).
    capability : array_like, shape (n,)
        Capabilities, >= 0.
    salience : array_like, shape like ``position``
        Saliences; each actor's sum to at most 1.
    actors, dimensions : sequence of str, optional
        Names of the actors and the dimensions.
    scale : sequence of (float, float), optional
        Each dimension's range.
    accommodation : array_like, shape (n, n), optional
        KTAB's ideal-adjustment matrix.
    voting_rule, victory_model, pce_model, transitions, big_r_adjust, big_r_range, bargain, third_party : str
        KTAB's XML ``ModelParameters``, with KTAB's names and values.
    min_rounds, max_rounds : int
        Rounds at least and at most.
    stop_ratio, min_sig_delta : float
        KTAB's stopping criteria.
    seed : int, optional
        Reproducibility (used only with ``transitions="Stochastic"``).

    Returns
    -------
    BargainingResult

    References
    ----------
    Wise, B., Efird, B. et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), SMP model
    (``examples/smp``), 2015-2017.
    """
    x = np.asarray(position, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    sal = np.asarray(salience, dtype=float).reshape(x.shape)
    cap = np.asarray(capability, dtype=float).reshape(-1)
    n, dims = x.shape
    if cap.shape != (n,):
        raise ValueError("capability must have one value per actor")
    if n < 2:
        raise ValueError("the spatial model needs at least two actors")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(sal)) and np.all(np.isfinite(cap))):
        raise ValueError("positions, capabilities and saliences must be finite")
    if np.any(cap < 0):
        raise ValueError("capabilities must be >= 0")
    if np.any(sal < 0) or np.any(sal.sum(axis=1) > 1 + 1e-9):
        raise ValueError("saliences must be >= 0 and sum to at most 1 per actor")
    if float(np.sum(cap * sal.sum(axis=1))) <= 0:
        raise ValueError("no actor has both capability and salience")
    prm = _SmpParams(
        voting_rule,
        victory_model,
        pce_model,
        transitions,
        big_r_adjust,
        big_r_range,
        bargain,
        third_party,
    )
    if third_party not in ("NoCommit", "SemiCommit", "FullCommit"):
        raise ValueError("third_party must be NoCommit, SemiCommit or FullCommit")
    if transitions not in ("Deterministic", "Stochastic"):
        raise ValueError("transitions must be Deterministic or Stochastic")
    if big_r_adjust not in _R_ADJUST:
        raise ValueError(f"big_r_adjust must be one of {', '.join(_R_ADJUST)}")
    _vote(voting_rule, 1.0, 0.0, 0.0)
    _big_r(np.array([0.0, 1.0]), big_r_range)
    if scale is None:
        if x.min() >= 0 and x.max() <= 1:
            scale = [(0.0, 1.0)] * dims
        else:
            scale = [(float(x[:, k].min()), float(x[:, k].max())) for k in range(dims)]
    lo = np.array([float(a) for a, _ in scale])
    hi = np.array([float(b) for _, b in scale])
    if lo.shape != (dims,) or np.any(hi < lo):
        raise ValueError("scale must give (low, high) for every dimension")
    if np.any(x < lo - 1e-12) or np.any(x > hi + 1e-12):
        raise ValueError("positions must lie within the scale")
    span = np.where(hi > lo, hi - lo, 1.0)
    pos = (x - lo) / span
    acc = None if accommodation is None else np.asarray(accommodation, dtype=float)
    if acc is not None and acc.shape != (n, n):
        raise ValueError("accommodation must be an n x n matrix")
    names = tuple(actors) if actors is not None else tuple(f"a{i}" for i in range(n))
    dnames = tuple(dimensions) if dimensions is not None else tuple(f"dim{k}" for k in range(dims))
    rng = np.random.default_rng(seed)
    ideals = pos.copy()
    history = [pos.copy()]
    exp0, like0, prob0 = _smp_outcome(pos, ideals, sal, cap, prm)
    expected, likeliest, probs = [exp0], [like0], [prob0.tolist()]
    steps: list[dict[str, Any]] = []
    converged = False
    d01 = None
    for it in range(1, max_rounds + 1):
        new, info = _smp_step(pos, ideals, sal, cap, prm, rng)
        steps.append(
            {
                "risk": [float(v) for v in info["risk"]],
                "challenges": {
                    names[i]: names[int(j)] for i, j in enumerate(info["targets"]) if j >= 0
                },
                "offers": [
                    {
                        "initiator": names[i],
                        "target": names[j],
                        "initiator_position": (lo + span * bi).tolist(),
                        "target_position": (lo + span * bj).tolist(),
                    }
                    for i, j, bi, bj in info["bargains"]
                ],
            }
        )
        if acc is None:
            ideals = new.copy()
        else:
            ideals = acc @ new + (1.0 - acc.sum(axis=1))[:, None] * ideals
        delta = float(np.sum(np.linalg.norm(new - pos, axis=1)))
        pos = new
        history.append(pos.copy())
        e, lk, pr = _smp_outcome(pos, ideals, sal, cap, prm)
        expected.append(e)
        likeliest.append(lk)
        probs.append(pr.tolist())
        if d01 is None:
            d01 = delta + min_sig_delta
        if it >= min_rounds and delta / d01 < stop_ratio:
            converged = True
            break
    hist = lo + span * np.array(history)
    rounds = lo + span * np.array(expected)
    return BargainingResult(
        model="smp",
        actors=names,
        dimensions=dnames,
        positions=hist,
        rounds=rounds,
        forecast=rounds[-1].copy(),
        converged=converged,
        details={
            "most_likely": (lo + span * np.array(likeliest)).tolist(),
            "probabilities": probs,
            "steps": steps,
            "parameters": {
                "VictoryProbModel": victory_model,
                "PCEModel": pce_model,
                "StateTransitions": transitions,
                "VotingRule": voting_rule,
                "BigRAdjust": big_r_adjust,
                "BigRRange": big_r_range,
                "InterVecBrgn": bargain,
                "ThirdPartyCommit": third_party,
                "BargnModel": "InitOnlyInterp",
                "seed": seed,
            },
        },
    )


# --------------------------------------------------------------------------- dispatcher

_XML_TO_KW = {
    "VictoryProbModel": "victory_model",
    "PCEModel": "pce_model",
    "StateTransitions": "transitions",
    "VotingRule": "voting_rule",
    "BigRAdjust": "big_r_adjust",
    "BigRRange": "big_r_range",
    "InterVecBrgn": "bargain",
    "ThirdPartyCommit": "third_party",
}


def forecast(inp: Any, model: str = "eu", **kwargs: Any) -> BargainingResult:
    """Run ``model`` (``eu``, ``smp``, ``mean`` or ``median``) on a :class:`BargainingInput`.

    The one-dimensional models (EU and the baselines) run on each dimension separately and the
    results are stacked; SMP runs on all dimensions jointly and takes the KTAB XML's
    ``ModelParameters`` and seed unless overridden by ``kwargs``.

    Parameters
    ----------
    inp : BargainingInput
        Positions, capabilities and saliences (:mod:`factions.sim.inputs`,
        :mod:`factions.io.bargaining`).
    model : {"eu", "smp", "mean", "median"}
        :func:`expected_utility_model`, :func:`spatial_model`, :func:`weighted_mean` or
        :func:`weighted_median`.
    **kwargs
        The model's own parameters.

    Returns
    -------
    BargainingResult

    Raises
    ------
    ValueError
        An unknown model or invalid inputs.
    """
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r} (one of {', '.join(MODELS)})")
    if model == "smp":
        kw: dict[str, Any] = {}
        for key, val in getattr(inp, "parameters", {}).items():
            name = _XML_TO_KW.get(key)
            if name:
                kw[name] = "Proportional" if val == "Prop" else ("No" if val == "None" else val)
        if getattr(inp, "seed", None) is not None:
            kw["seed"] = inp.seed % (2**63)
        kw.update(kwargs)
        return spatial_model(
            inp.position,
            inp.capability,
            inp.salience,
            actors=inp.actors,
            dimensions=inp.dimensions,
            scale=inp.scale,
            accommodation=inp.accommodation,
            **kw,
        )
    parts = []
    for k in range(inp.n_dims):
        x, c, s = inp.dimension(k)
        if model == "eu":
            parts.append(
                expected_utility_model(x, c, s, actors=inp.actors, scale=inp.scale[k], **kwargs)
            )
        else:
            parts.append(_baseline(model, x, c, s, inp.actors))
    if len(parts) == 1:
        r = parts[0]
        return BargainingResult(
            model=r.model,
            actors=r.actors,
            dimensions=inp.dimensions,
            positions=r.positions,
            rounds=r.rounds,
            forecast=r.forecast,
            converged=r.converged,
            details=r.details,
        )
    length = max(p.rounds.shape[0] for p in parts)

    def pad(a: np.ndarray) -> np.ndarray:
        return np.concatenate([a, np.repeat(a[-1:], length - a.shape[0], axis=0)], axis=0)

    return BargainingResult(
        model=model,
        actors=parts[0].actors,
        dimensions=inp.dimensions,
        positions=np.concatenate([pad(p.positions) for p in parts], axis=2),
        rounds=np.concatenate([pad(p.rounds) for p in parts], axis=1),
        forecast=np.concatenate([p.forecast for p in parts]),
        converged=all(p.converged for p in parts),
        details={
            "per_dimension": {d: p.details for d, p in zip(inp.dimensions, parts, strict=True)}
        },
    )
