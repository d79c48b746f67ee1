"""Exact power indices of weighted (and vector-weighted) voting games.

A weighted voting game ``[q; w_1, ..., w_n]`` lets a coalition ``S`` win when
``w(S) = sum_{i in S} w_i >= q``. Every index here is computed **exactly**: counts are
Python integers (no fixed width, so no overflow at any size) and indices are
:class:`fractions.Fraction`. Nothing enumerates coalitions; everything is dynamic
programming over weights with generating functions (Bilbao, Fernandez, Jimenez & Lopez
2000; Matsui & Matsui 2000; Uno 2003, 2012).

Three exact encodings keep the inner loops in C:

* **Kronecker substitution over weights** (Banzhaf, Coleman): the generating function
  ``P(x) = prod_j (1 + x^{w_j}) mod x^q`` is packed into one Python integer with a slot of
  ``B > n`` bits per coefficient (``P(2^B)``), so multiplying by ``(1 + x^w)`` is one shift and
  one addition of big integers. Prefix sums are a Hillis-Steele scan of ``log2 q`` shifts;
  the per-player alternating sums run in NumPy on 32-bit halves of the packed counts.
* **Kronecker substitution over coalition sizes** (Shapley-Shubik, Deegan-Packel, Johnston):
  a vector over weights ``r`` whose entries are polynomials in ``y`` (``y`` counts members)
  packed as integers ``F_r(2^B)``; NumPy object arrays apply each player to all ``r`` at once.
* **Residues** (Holler alone, the number of minimal winning coalitions): int64 NumPy arrays
  modulo a few primes chosen so that no intermediate sum can overflow, the exact counts
  rebuilt by the Chinese remainder theorem.

Removing one player ("how many coalitions of the others have a weight in ``[q - w_i, q)``")
uses Uno's trick: dividing by ``(1 + y x^{w_i})`` is the alternating series
``sum_j (-y x^{w_i})^j``, so the window count of the others is an alternating sum of
``O(min(n, q / w_i))`` prefix sums of the full product, computed once per distinct weight.

Complexities (``n`` players, quota ``q``, ``W`` total weight, ``d`` distinct weights,
``B ~ n`` bits per count):

========================  =============================================================
raw swings, Banzhaf,      ``O(n q)`` word operations of ``B`` bits, plus
Coleman                   ``O(sum_{distinct w} q / w)`` small look-ups
Shapley-Shubik            ``O(n q)`` operations on ``n``-slot packed integers
                          (``O(n^2 q)`` counts), plus ``O(d n)`` look-ups
Deegan-Packel (and Holler ``O(n q)`` additions of ``n``-slot packed integers (``O(n^2 q)``
with it)                  counts), plus ``O(min(n, q / w))`` look-ups per player
Holler alone, minimal     ``O(n q k)`` int64 operations on residues modulo ``k ~ n / 40``
winning count             primes, rebuilt by the Chinese remainder theorem
Johnston                  ``O(n (q + w_max))`` additions of packed integers
========================  =============================================================

References: Banzhaf (1965) "Weighted voting doesn't work"; Shapley & Shubik (1954) "A method
for evaluating the distribution of power in a committee system"; Deegan & Packel (1978) "A
new index of power for simple n-person games"; Holler (1982) "Forming coalitions and
measuring voting power"; Johnston (1978) "On the measurement of power: some reactions to
Laver"; Coleman (1971) "Control of collectivities and the power of a collectivity to act";
Bilbao, Fernandez, Jimenez & Lopez (2000) "Generating functions for computing power indices
efficiently"; Matsui & Matsui (2000) "A survey of algorithms for calculating power indices
of weighted majority games"; Uno (2003, 2012) "Efficient computation of power indices for
weighted majority games"; Algaba, Bilbao, Fernandez Garcia & Lopez (2003) "Computing power
indices in weighted multiple majority games".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "INDEX_NAMES",
    "GameError",
    "PowerIndices",
    "banzhaf",
    "coleman",
    "deegan_packel",
    "dual_quota",
    "dummy_players",
    "holler_pgi",
    "johnston",
    "n_minimal_winning",
    "power_indices",
    "raw_swings",
    "shapley_shubik",
    "validate_game",
    "validate_vector_game",
    "vector_power_indices",
    "veto_players",
]

INDEX_NAMES: tuple[str, ...] = (
    "raw_swings",
    "banzhaf_normalised",
    "banzhaf_absolute",
    "shapley_shubik",
    "deegan_packel",
    "holler_pgi",
    "johnston",
    "coleman_initiate",
    "coleman_prevent",
)
"""Names of the indices, as in the oracle file and the CLI's JSON."""


class GameError(ValueError):
    """A weighted voting game that cannot be evaluated (bad weights, quota or names)."""


# --------------------------------------------------------------------------- validation


def _as_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        if isinstance(value, float | Fraction) and float(value).is_integer():
            return int(value)
        raise GameError(f"{what} must be a whole number, got {value!r}")
    return int(value)


def validate_game(weights: Sequence[object], quota: object) -> tuple[list[int], int]:
    """Check a weighted game and return ``(weights, quota)`` as Python ints.

    Weights must be non-negative whole numbers and ``1 <= quota <= sum(weights)`` (with a
    quota above the total nobody can ever win; with ``quota <= 0`` the empty coalition wins).
    Raises :class:`GameError` with one clear sentence otherwise. ``O(n)``.

    Parameters
    ----------
    weights : sequence
        Weights to check.
    quota : object
        Quota to check.

    Returns
    -------
    (list of int, int)

    Raises
    ------
    GameError
        A negative or fractional weight, or a quota outside ``1..sum(weights)``.
    """
    if len(weights) == 0:
        raise GameError("a game needs at least one player")
    ws = []
    for i, w in enumerate(weights):
        wi = _as_int(w, f"weight {i + 1}")
        if wi < 0:
            raise GameError(f"weight {i + 1} must be non-negative, got {wi}")
        ws.append(wi)
    q = _as_int(quota, "the quota")
    total = sum(ws)
    if q < 1:
        raise GameError(f"the quota must be at least 1, got {q}")
    if q > total:
        raise GameError(f"the quota {q} exceeds the total weight {total}: no coalition can win")
    return ws, q


def validate_vector_game(
    weights: Sequence[Sequence[object]], quotas: Sequence[object]
) -> tuple[list[tuple[int, ...]], tuple[int, ...]]:
    """Check a vector-weighted game (one weight vector per player, one quota per criterion).

    Parameters
    ----------
    weights : sequence of sequences
        One weight vector per player.
    quotas : sequence
        One quota per criterion.

    Returns
    -------
    (list of tuple of int, tuple of int)

    Raises
    ------
    GameError
        Vectors of unequal length, a bad weight or a quota no coalition can reach.
    """
    if len(weights) == 0:
        raise GameError("a game needs at least one player")
    m = len(quotas)
    if m == 0:
        raise GameError("a vector-weighted game needs at least one quota")
    ws: list[tuple[int, ...]] = []
    for i, vec in enumerate(weights):
        if len(vec) != m:
            raise GameError(f"player {i + 1} has {len(vec)} weights, expected {m} (one per quota)")
        row = []
        for k, w in enumerate(vec):
            wk = _as_int(w, f"weight {k + 1} of player {i + 1}")
            if wk < 0:
                raise GameError(f"weight {k + 1} of player {i + 1} must be non-negative, got {wk}")
            row.append(wk)
        ws.append(tuple(row))
    qs = []
    for k, qv in enumerate(quotas):
        qk = _as_int(qv, f"quota {k + 1}")
        total = sum(v[k] for v in ws)
        if qk < 1:
            raise GameError(f"quota {k + 1} must be at least 1, got {qk}")
        if qk > total:
            raise GameError(
                f"quota {k + 1} ({qk}) exceeds the total weight {total} of criterion {k + 1}"
            )
        qs.append(qk)
    return ws, tuple(qs)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class PowerIndices:
    """Exact power indices of one game, each a tuple in player (input) order.

    Indices that were not asked for are ``None``. ``n_winning`` counts winning coalitions,
    ``n_minimal_winning`` minimal winning ones (when computed).
    """

    players: tuple[str, ...]
    raw_swings: tuple[int, ...] | None = None
    banzhaf_normalised: tuple[Fraction, ...] | None = None
    banzhaf_absolute: tuple[Fraction, ...] | None = None
    shapley_shubik: tuple[Fraction, ...] | None = None
    deegan_packel: tuple[Fraction, ...] | None = None
    holler_pgi: tuple[Fraction, ...] | None = None
    johnston: tuple[Fraction, ...] | None = None
    coleman_initiate: tuple[Fraction, ...] | None = None
    coleman_prevent: tuple[Fraction, ...] | None = None
    n_winning: int | None = None
    n_minimal_winning: int | None = None
    computed: tuple[str, ...] = field(default=())

    def index(self, name: str) -> tuple[Fraction, ...]:
        """One index by its name (raw swings as fractions with denominator 1)."""
        if name not in INDEX_NAMES:
            raise KeyError(f"unknown index {name!r}; known: {', '.join(INDEX_NAMES)}")
        values = getattr(self, name)
        if values is None:
            raise KeyError(f"index {name!r} was not computed")
        return tuple(Fraction(v) for v in values)

    def as_fraction_strings(self) -> dict[str, list[str]]:
        """``{name: ["p/q", ...]}`` for every computed index (the oracle file's format)."""
        return {
            name: [f"{v.numerator}/{v.denominator}" for v in self.index(name)]
            for name in self.computed
        }

    def as_floats(self) -> dict[str, list[float]]:
        """``{name: [float, ...]}`` for every computed index."""
        return {name: [float(v) for v in self.index(name)] for name in self.computed}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``players``, ``indices`` (exact ``"p/q"`` strings) and ``floats``, each
        index in player order (docs/results.md). What ``factions power --json`` prints and
        the report and ``GET /api/votes`` embed per chamber rule."""
        return {
            "players": list(self.players),
            "indices": self.as_fraction_strings(),
            "floats": self.as_floats(),
        }


# --------------------------------------------------------------------------- packing helpers


def _slot_bits(n: int) -> int:
    """Bits per packed count: every count here is at most ``2^n``; keep whole bytes."""
    return 8 * ((n + 2 + 7) // 8)


def _unpack(value: int, bits: int, count: int) -> list[int]:
    """Coefficients ``0..count-1`` of a packed polynomial with non-negative coefficients."""
    mask = (1 << bits) - 1
    data = value.to_bytes((count * bits + 7) // 8 + 1, "little") if value >= 0 else None
    if data is None:
        raise AssertionError("packed value is negative: a count overflowed its slot")
    step = bits // 8
    out = [int.from_bytes(data[k * step : (k + 1) * step], "little") for k in range(count)]
    assert all(c <= mask for c in out)
    if value >> (count * bits):
        raise AssertionError("packed value has coefficients beyond its length")
    return out


def _prefix_counts_packed(weights: Sequence[int], length: int, bits: int) -> bytes:
    """Bytes of the packed prefix sums ``C(t) = #{S : w(S) <= t}``, ``t < length``.

    ``P(x) = prod (1 + x^{w_j}) mod x^length`` by one shift-add per player, then a
    Hillis-Steele scan. ``O((n + log length) * length * bits / 64)``.
    """
    mask = (1 << (length * bits)) - 1
    poly = 1
    for w in sorted(weights):
        if w >= length:
            continue  # (1 + x^w) = 1 mod x^length
        poly = poly + (poly << (w * bits))
        if poly.bit_length() > length * bits:
            poly &= mask
    step = 1
    while step < length:
        poly = (poly + (poly << (step * bits))) & mask
        step *= 2
    return poly.to_bytes(length * bits // 8, "little")


# --------------------------------------------------------------------------- Banzhaf / Coleman


def _swings_and_losing(weights: Sequence[int], quota: int) -> tuple[list[int], int]:
    """Raw Banzhaf swings of every player and the number of losing coalitions.

    ``eta_i = #{S subset N - i : q - w_i <= w(S) < q}``. With ``C`` the prefix counts of the
    full game, ``eta_i = C(t_0) - 2 C(t_1) + 2 C(t_2) - ...`` for ``t_j = q - 1 - j w_i`` (Uno
    2003's division by ``1 + x^{w_i}``). The alternating sums run in NumPy on 32-bit halves of
    the packed counts (exact: each column sum stays below ``2^63``) and are recombined as
    Python integers. ``O(n q B / 64 + sum_{distinct w} (q / w) B / 32)``.
    """
    n = len(weights)
    bits = 64 * ((n + 2 + 63) // 64)
    limbs = bits // 64
    buf = _prefix_counts_packed(weights, quota, bits)
    words = np.frombuffer(buf, dtype="<u8").reshape(quota, limbs)
    halves = np.empty((quota, 2 * limbs), dtype=np.int64)
    halves[:, 0::2] = (words & np.uint64(0xFFFFFFFF)).astype(np.int64)
    halves[:, 1::2] = (words >> np.uint64(32)).astype(np.int64)

    def combine(columns: np.ndarray) -> int:
        return sum(int(c) << (32 * k) for k, c in enumerate(columns))

    losing = combine(halves[quota - 1])
    by_weight: dict[int, int] = {}
    for w in set(weights):
        if w == 0:
            by_weight[w] = 0
            continue
        rows = halves[quota - 1 :: -w] if w < quota else halves[quota - 1 : quota]
        coef = np.full(len(rows), 2, dtype=np.int64)
        coef[1::2] = -2
        coef[0] = 1
        by_weight[w] = combine(coef @ rows)
    return [by_weight[w] for w in weights], losing


def raw_swings(weights: Sequence[int], quota: int) -> list[int]:
    """Raw Banzhaf swings: for each player, the coalitions it turns from losing to winning.

    Banzhaf (1965); Uno (2003) for the ``O(n q)`` all-players algorithm.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose swings to find.

    Returns
    -------
    list of int

    References
    ----------
    Banzhaf, J. F. (1965); Uno, T. (2003), "Efficient computation of power indices for
    weighted majority games", NII Technical Report.

    Examples
    --------
    >>> raw_swings([2, 1, 1], 3)
    [3, 1, 1]
    """
    ws, q = validate_game(weights, quota)
    return _swings_and_losing(ws, q)[0]


def banzhaf(weights: Sequence[int], quota: int, normalised: bool = True) -> list[Fraction]:
    """Banzhaf (1965) index: swings over total swings, or over ``2^(n-1)`` (absolute, Penrose).

    ``O(n q)``; see :func:`raw_swings`.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose Banzhaf index to find.
    normalised : bool
        Swings over total swings (normalised), or over ``2^(n-1)`` (absolute, Penrose).

    Returns
    -------
    list of Fraction

    References
    ----------
    Banzhaf, J. F. (1965), "Weighted voting doesn't work: a mathematical analysis", Rutgers
    Law Review 19; Penrose, L. S. (1946), Journal of the Royal Statistical Society 109(1).

    Examples
    --------
    >>> [str(x) for x in banzhaf([2, 1, 1], 3)]
    ['3/5', '1/5', '1/5']
    """
    swings = raw_swings(weights, quota)
    denom = sum(swings) if normalised else 2 ** (len(swings) - 1)
    return [Fraction(s, denom) for s in swings]


# --------------------------------------------------------------------------- Shapley-Shubik


def _forward_size_poly(weights: Sequence[int], length: int, bits: int) -> np.ndarray:
    """``F[r] = sum_{S : w(S) = r} y^{|S|}`` packed at ``y = 2^bits``, ``r < length``.

    The product does not depend on the order of its factors: lightest players first keeps
    ``F`` zero above the weight of the players applied so far, and only the reachable
    prefix is updated (about twice as fast on random weights as the full length).
    """
    poly = np.zeros(length, dtype=object)
    poly[0] = 1
    reach = 0  # F[r] == 0 for r > reach
    for w in sorted(weights):
        reach = min(length - 1, reach + w)
        _apply_player(poly, w, bits, reach + 1)
    return poly


def _apply_player(poly: np.ndarray, w: int, bits: int, stop: int | None = None) -> None:
    """Multiply in place by ``1 + y x^w`` (mod ``x^len``), given ``poly[stop:] == 0``."""
    length = len(poly) if stop is None else min(len(poly), stop)
    if w >= length:
        return
    if w == 0:
        poly[:length] += poly[:length] << bits
        return
    poly[w:length] = poly[w:length] + (poly[: length - w] << bits)


def _remove_player(poly: np.ndarray, w: int, bits: int) -> np.ndarray:
    """Divide by ``1 + y x^w`` (mod ``x^len``): the exact inverse of :func:`_apply_player`."""
    length = len(poly)
    if w >= length:
        return poly.copy()
    if w == 0:
        return poly // ((1 << bits) + 1)
    out = poly.copy()
    if w < 48:
        vals = list(poly)
        for r in range(w, length):
            vals[r] = vals[r] - (vals[r - w] << bits)
        out[:] = vals
        return out
    for lo in range(w, length, w):
        hi = min(length, lo + w)
        out[lo:hi] = poly[lo:hi] - (out[lo - w : hi - w] << bits)
    return out


def _size_swings(weights: Sequence[int], quota: int) -> dict[int, list[int]]:
    """For each distinct weight ``w``: swings of a player of weight ``w`` by coalition size.

    ``eta_{w,s} = #{S subset N - i : |S| = s, q - w <= w(S) < q}``, from the prefix sums
    ``C(t; y)`` of the full product: ``eta_w(y) = C(t_0) + sum_{j>=1} (-1)^j (y^j + y^{j-1})
    C(t_j)`` mod ``y^n`` (Matsui & Matsui 2000; Uno 2012). ``O(n q)`` packed operations.
    """
    n = len(weights)
    bits = _slot_bits(n)
    forward = _forward_size_poly(weights, quota, bits)
    prefix = np.cumsum(forward)
    mask = (1 << (n * bits)) - 1
    out: dict[int, list[int]] = {}
    for w in set(weights):
        if w == 0:
            out[w] = [0] * n
            continue
        val = int(prefix[quota - 1])
        j = 1
        t = quota - 1 - w
        while t >= 0 and j <= n:
            term = int(prefix[t])
            shifted = (term << (j * bits)) + (term << ((j - 1) * bits))
            val = val - shifted if j % 2 else val + shifted
            j += 1
            t -= w
        out[w] = _unpack(val & mask, bits, n)
    return out


def shapley_shubik(weights: Sequence[int], quota: int) -> list[Fraction]:
    """Shapley & Shubik (1954) index: the share of player orderings in which ``i`` is pivotal.

    ``phi_i = sum_s eta_{i,s} s! (n-1-s)! / n!`` with ``eta_{i,s}`` the swings of size ``s``
    (generating functions, Bilbao et al. 2000; Matsui & Matsui 2000). ``O(n^2 q)`` counts,
    done as ``O(n q)`` operations on packed integers.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose Shapley-Shubik index to find.

    Returns
    -------
    list of Fraction

    References
    ----------
    Shapley, L. S. & Shubik, M. (1954), "A method for evaluating the distribution of power
    in a committee system", American Political Science Review 48(3).
    """
    ws, q = validate_game(weights, quota)
    return _shapley_from_counts(ws, _size_swings(ws, q))


def _shapley_from_counts(ws: Sequence[int], by_weight: dict[int, list[int]]) -> list[Fraction]:
    n = len(ws)
    fact = [math.factorial(k) for k in range(n + 1)]
    coef = [fact[s] * fact[n - 1 - s] for s in range(n)]
    value = {
        w: Fraction(sum(c * k for c, k in zip(coef, counts, strict=True)), fact[n])
        for w, counts in by_weight.items()
    }
    return [value[w] for w in ws]


# --------------------------------------------------------------------------- minimal winning


def _descending(weights: Sequence[int]) -> list[int]:
    return sorted(range(len(weights)), key=lambda i: (-weights[i], i))


def _mwc_by_size(weights: Sequence[int], quota: int) -> list[list[int]]:
    """``N[i][k]`` = number of minimal winning coalitions of size ``k`` that contain ``i``.

    Players in descending weight; a winning ``S`` is minimal iff removing its lightest
    member ``l`` makes it lose, i.e. ``S = T + l`` with ``T`` among the heavier players and
    ``w(T)`` in ``[q - w_l, q)``. With ``F_{l-1}(r; y)`` the subsets of the players before
    ``l`` by weight and size and ``D_l(t) = sum_{t - w_l < r <= t} F_{l-1}(r)``:

    * ``i`` is the lightest member: ``y D_i(q - 1)``;
    * ``i`` is in ``T`` for some lighter ``l``: dividing out ``1 + y x^{w_i}`` (Uno 2012's
      remove-one trick) gives ``y^2 sum_j (-y)^j A_i(q - 1 - (j + 1) w_i)`` with
      ``A_i = sum_{l > i} D_l``, built backwards while ``F_{l-1}`` is recovered from ``F_l``.

    ``O(n q)`` additions of packed ``n``-slot integers and ``O(min(n, q / w_i))`` look-ups
    per player; no products.
    """
    n = len(weights)
    bits = _slot_bits(n)
    mask = (1 << ((n + 1) * bits)) - 1
    order = _descending(weights)
    ws = [weights[i] for i in order]
    forward = _forward_size_poly(ws, quota, bits)
    acc = np.zeros(quota, dtype=object)  # A_{i+1}
    result: list[list[int]] = [[0] * (n + 1) for _ in range(n)]
    for pos in range(n - 1, -1, -1):
        w = ws[pos]
        forward = _remove_player(forward, w, bits)  # F_{pos-1}
        if w == 0:
            continue  # never in a minimal winning coalition; D = 0
        cum = np.cumsum(forward)
        last = int(cum[quota - 1]) - (int(cum[quota - 1 - w]) if w < quota else 0)
        val = last << bits
        j, t = 0, quota - 1 - w
        while t >= 0 and j <= n:
            term = int(acc[t]) << ((j + 2) * bits)
            val = val - term if j % 2 else val + term
            j += 1
            t -= w
        result[order[pos]] = _unpack(val & mask, bits, n + 1)
        acc += cum  # acc += D_pos, the sums over (t - w, t] of the forward state
        if w < quota:
            acc[w:] -= cum[: quota - w]
    return result


# --------------------------------------------------------------------------- residue arithmetic


def _is_prime(m: int) -> bool:
    """Deterministic Miller-Rabin for ``m < 3.3e24`` (bases: the first 13 primes)."""
    if m < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    for p in small:
        if m % p == 0:
            return m == p
    d, s = m - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, m)
        if x in (1, m - 1):
            continue
        for _ in range(s - 1):
            x = x * x % m
            if x == m - 1:
                break
        else:
            return False
    return True


def _moduli(value_bits: int, length: int) -> list[int]:
    """Primes whose product exceeds ``2^value_bits``, each small enough that a sum of
    ``length`` residues fits in a signed 64-bit integer (so NumPy never overflows)."""
    size = max(8, 62 - max(1, length).bit_length())
    out: list[int] = []
    product = 1
    cand = (1 << size) - 1
    while product < (1 << value_bits):
        if _is_prime(cand):
            out.append(cand)
            product *= cand
        cand -= 2
    return out


def _crt(residues: Sequence[int], moduli: Sequence[int]) -> int:
    """The integer in ``[0, prod moduli)`` with the given residues (Garner / CRT)."""
    value, modulus = 0, 1
    for r, p in zip(residues, moduli, strict=True):
        k = ((int(r) - value) * pow(modulus, -1, p)) % p
        value += modulus * k
        modulus *= p
    return value


def _mwc_counts_residue(weights: Sequence[int], quota: int) -> tuple[list[int], int]:
    """Minimal winning coalitions containing each player, and their total, by residues.

    The size-free (``y = 1``) form of :func:`_mwc_by_size`: the same forward states, window
    sums ``D_l`` and backward sums ``A_i``, kept as int64 residues modulo a few primes (every
    count is below ``2^(n + log2 n)``, the primes' product above it; each prime is small
    enough that no sum of ``q`` residues overflows), so every step is a NumPy operation on
    ``k x q`` machine integers. Forward states are checkpointed every ``sqrt(n)`` players and
    recomputed per block instead of divided out. Counts are rebuilt exactly by the Chinese
    remainder theorem (Garner 1959). ``O(n q k)`` word operations with ``k = O(n / 40)``
    moduli and ``O(sqrt(n) k q)`` memory.
    """
    n = len(weights)
    order = _descending(weights)
    ws = [weights[i] for i in order]
    # sums of n windows of q residues stay below 2^62: no reduction inside the sweep
    mods = _moduli(n + n.bit_length() + 2, (quota + 1) * (n + 1))
    p = np.array(mods, dtype=np.int64)[:, None]
    p_flat = p[:, 0]
    k = len(mods)

    p_unsigned = p.astype(np.uint64)
    scratch = np.empty((k, quota), dtype=np.uint64)

    def apply(f: np.ndarray, w: int) -> np.ndarray:
        if w >= quota:
            return f
        out = f.copy()
        if w == 0:
            out += f
        else:
            out[:, w:] += f[:, : quota - w]
        # residues below 2p: subtract p where needed (as uint64, x - p wraps above x if x < p)
        u = out.view(np.uint64)
        np.subtract(u, p_unsigned, out=scratch)
        np.minimum(u, scratch, out=u)
        return out

    seg = max(1, math.isqrt(n))
    checkpoints: dict[int, np.ndarray] = {}
    state = np.zeros((k, quota), dtype=np.int64)
    state[:, 0] = 1
    for j in range(n):
        if j % seg == 0:
            checkpoints[j] = state
        state = apply(state, ws[j])
    del state
    acc = np.zeros((k, quota), dtype=np.int64)  # sum of windows: < n q p, no overflow
    buffer = np.empty((k, quota), dtype=np.int64)
    counts = [0] * n
    total = np.zeros(k, dtype=np.int64)
    for start in range(((n - 1) // seg) * seg, -1, -seg):
        stop = min(n, start + seg)
        states = [checkpoints.pop(start)]
        for j in range(start, stop - 1):
            states.append(apply(states[-1], ws[j]))
        for pos in range(stop - 1, start - 1, -1):
            w = ws[pos]
            forward = states.pop()  # subsets of the players before pos
            if w == 0:
                continue
            cum = np.cumsum(forward, axis=1, out=buffer)
            last = cum[:, quota - 1].copy()
            if w < quota:
                last -= cum[:, quota - 1 - w]
            last %= p_flat
            alt = np.zeros(k, dtype=np.int64)
            if w < quota:
                rows = acc[:, quota - 1 - w :: -w] % p
                alt = rows[:, 0::2].sum(axis=1) % p_flat - rows[:, 1::2].sum(axis=1) % p_flat
            counts[order[pos]] = _crt(((last + alt) % p_flat).tolist(), mods)
            total = (total + last) % p_flat
            acc += cum  # acc += window sums (t - w, t] of the forward state
            if w < quota:
                acc[:, w:] -= cum[:, : quota - w]
    return counts, _crt(total.tolist(), mods)


# --------------------------------------------------------------------------- Johnston


def _apply_plain(poly: np.ndarray, w: int) -> None:
    """Multiply in place by ``1 + x^w`` (mod ``x^len``)."""
    length = len(poly)
    if w >= length:
        return
    if w == 0:
        poly += poly
        return
    poly[w:] = poly[w:] + poly[: length - w]


def _johnston_by_count(weights: Sequence[int], quota: int) -> list[list[int]]:
    """``J[i][c]`` = number of coalitions in which ``i`` is critical and ``c`` members are.

    Players in descending weight. In a winning ``S`` with excess ``e = w(S) - q`` the critical
    members are those with ``w_j > e``: the heaviest ones. Split at the position ``m`` with
    ``w_{m+1} <= e < w_m`` (``w_{n+1} = 0``): the players up to ``m`` are heavy (critical if
    in ``S``), the rest light. With ``E_m(x; y) = prod_{j <= m} (1 + y x^{w_j})
    prod_{j > m} (1 + x^{w_j})`` (``y`` marks heavy members), its prefix sums ``CE_m``, and
    ``A_i(t) = sum_{m >= i} CE_m(t + w_m) - CE_m(t + w_{m+1})``, player ``i`` is critical in
    ``y sum_j (-y)^j A_i(q - 1 - (j + 1) w_i)`` coalitions (by number of critical members),
    after dividing ``i`` out of ``E_m`` as in Uno (2012). Johnston (1978).
    ``O(n (q + w_max))`` additions of packed integers, ``O(min(n, q / w_i))`` look-ups per
    player; no products.
    """
    n = len(weights)
    bits = _slot_bits(n)
    mask = (1 << ((n + 1) * bits)) - 1
    order = _descending(weights)
    ws = [weights[i] for i in order]
    offset = ws[0]  # arrays over t in [-w_max, q)
    span = quota + offset
    poly = _forward_size_poly(ws, quota, bits)  # E_{n}: every player marked heavy
    acc = np.zeros(span, dtype=object)

    def add_shifted(cum: np.ndarray, off: int, sign: int) -> None:
        # acc[u] += sign * CE(u - offset + off) for 0 <= u - offset + off < q
        lo = max(0, offset - off)
        hi = min(span, quota + offset - off)
        if lo < hi:
            seg = cum[lo - offset + off : hi - offset + off]
            if sign > 0:
                acc[lo:hi] += seg
            else:
                acc[lo:hi] -= seg

    result: list[list[int]] = [[0] * (n + 1) for _ in range(n)]
    for pos in range(n - 1, -1, -1):
        w = ws[pos]
        lo_w = ws[pos + 1] if pos + 1 < n else 0
        if w > lo_w:
            cum = np.cumsum(poly)
            add_shifted(cum, w, 1)
            add_shifted(cum, lo_w, -1)
        if w > 0:
            val = 0
            j, t = 0, quota - 1 - w
            while t >= -offset and j <= n:
                term = int(acc[t + offset]) << ((j + 1) * bits)
                val = val - term if j % 2 else val + term
                j += 1
                t -= w
            result[order[pos]] = _unpack(val & mask, bits, n + 1)
        if pos:
            poly = _remove_player(poly, w, bits)
            _apply_plain(poly, w)
    return result


# --------------------------------------------------------------------------- all indices


def _names(names: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if names is None:
        return tuple(f"P{i + 1}" for i in range(n))
    if len(names) != n:
        raise GameError(f"{len(names)} names were given for {n} weights; give one name per weight")
    if len(set(names)) != len(names):
        dup = sorted({x for x in names if list(names).count(x) > 1})
        raise GameError(f"duplicate player names: {', '.join(dup)}")
    return tuple(str(x) for x in names)


def _wanted(indices: Iterable[str] | None) -> tuple[str, ...]:
    if indices is None:
        return INDEX_NAMES
    wanted = tuple(dict.fromkeys(indices))
    unknown = [x for x in wanted if x not in INDEX_NAMES]
    if unknown:
        raise GameError(f"unknown index {unknown[0]!r}; known: {', '.join(INDEX_NAMES)}")
    return wanted


def _ratio(num: Sequence[int | Fraction], den: int | Fraction) -> tuple[Fraction, ...]:
    if den == 0:
        return tuple(Fraction(0) for _ in num)
    return tuple(Fraction(x) / den for x in num)


def power_indices(
    weights: Sequence[int],
    quota: int,
    names: Sequence[str] | None = None,
    indices: Iterable[str] | None = None,
) -> PowerIndices:
    """Every requested index (default: all of :data:`INDEX_NAMES`) of ``[quota; weights]``.

    Shares work between indices: swings feed Banzhaf and Coleman; minimal-winning counts feed
    Deegan-Packel and Holler. Coleman (1971): power to prevent action ``eta_i / |W|``, to
    initiate action ``eta_i / |L|`` (``W``, ``L`` the winning and losing coalitions).
    Deegan & Packel (1978): ``(1/|M|) sum_{S in M, i in S} 1/|S|`` over minimal winning
    ``M``. Holler (1982): ``|{S in M : i in S}|`` normalised. Johnston (1978): each
    vulnerable coalition gives ``1/c`` to each of its ``c`` critical members, normalised.

    Parameters
    ----------
    weights : sequence of int
        Non-negative whole-number weights, one per player.
    quota : int
        Weight a coalition needs to win (``1 <= quota <= sum(weights)``).
    names : sequence of str, optional
        Player names (default ``"0"``, ``"1"``, ...).
    indices : iterable of str, optional
        Index names from :data:`INDEX_NAMES` (default all).

    Returns
    -------
    PowerIndices
        Exact fractions, with ``to_dict()`` (docs/results.md).

    Raises
    ------
    GameError
        Negative or non-integer weights, a quota outside ``1..sum(weights)``, an unknown index.

    References
    ----------
    Banzhaf (1965); Shapley & Shubik (1954); Deegan & Packel (1978); Holler (1982); Johnston
    (1978); Coleman (1971); Bilbao, J. M., Fernandez, J. R., Jimenez Losada, A. & Lopez, J.
    J. (2000), "Generating functions for computing power indices efficiently", TOP 8(2);
    Uno, T. (2003).

    Examples
    --------
    >>> r = power_indices([4, 4, 4, 2, 2, 1], 12, indices=["shapley_shubik"])
    >>> str(r.shapley_shubik[0])
    '7/30'
    """
    ws, q = validate_game(weights, quota)
    players = _names(names, len(ws))
    wanted = _wanted(indices)
    n = len(ws)
    out: dict[str, object] = {}
    if {
        "raw_swings",
        "banzhaf_normalised",
        "banzhaf_absolute",
        "coleman_initiate",
        "coleman_prevent",
    } & set(wanted):
        swings, losing = _swings_and_losing(ws, q)
        winning = 2**n - losing
        out["raw_swings"] = tuple(swings)
        out["banzhaf_normalised"] = _ratio(swings, sum(swings))
        out["banzhaf_absolute"] = _ratio(swings, 2 ** (n - 1))
        out["coleman_prevent"] = _ratio(swings, winning)
        out["coleman_initiate"] = _ratio(swings, losing)
        out["n_winning"] = winning
    if "shapley_shubik" in wanted:
        out["shapley_shubik"] = tuple(_shapley_from_counts(ws, _size_swings(ws, q)))
    if "holler_pgi" in wanted and "deegan_packel" not in wanted:
        pgi, n_mwc_int = _mwc_counts_residue(ws, q)
        out["holler_pgi"] = _ratio(pgi, sum(pgi))
        out["n_minimal_winning"] = n_mwc_int
    elif {"deegan_packel", "holler_pgi"} & set(wanted):
        counts = _mwc_by_size(ws, q)
        dp_num = [
            sum((Fraction(c, k) for k, c in enumerate(row) if k), Fraction(0)) for row in counts
        ]
        n_mwc = sum(dp_num, Fraction(0))
        assert n_mwc.denominator == 1
        pgi = [sum(row) for row in counts]
        out["deegan_packel"] = _ratio(dp_num, n_mwc)
        out["holler_pgi"] = _ratio(pgi, sum(pgi))
        out["n_minimal_winning"] = int(n_mwc)
    if "johnston" in wanted:
        counts = _johnston_by_count(ws, q)
        raw = [sum((Fraction(c, k) for k, c in enumerate(row) if k), Fraction(0)) for row in counts]
        out["johnston"] = _ratio(raw, sum(raw, Fraction(0)))
    kept = {k: v for k, v in out.items() if k in wanted or k.startswith("n_")}
    return PowerIndices(players=players, computed=wanted, **kept)  # type: ignore[arg-type]


def deegan_packel(weights: Sequence[int], quota: int) -> list[Fraction]:
    """Deegan & Packel (1978) index; ``O(n q)`` packed operations. See :func:`power_indices`.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose Deegan-Packel index to find.

    Returns
    -------
    list of Fraction

    References
    ----------
    Deegan, J. & Packel, E. W. (1978), "A new index of power for simple n-person games",
    International Journal of Game Theory 7(2).
    """
    res = power_indices(weights, quota, indices=["deegan_packel"])
    return list(res.deegan_packel or ())


def holler_pgi(weights: Sequence[int], quota: int) -> list[Fraction]:
    """Holler (1982) public good index: ``O(n q k)`` int64 operations over ``k ~ n / 40``
    residues (see :func:`_mwc_counts_residue`).

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose public good index to find.

    Returns
    -------
    list of Fraction

    References
    ----------
    Holler, M. J. (1982), "Forming coalitions and measuring voting power", Political
    Studies 30(2).
    """
    res = power_indices(weights, quota, indices=["holler_pgi"])
    return list(res.holler_pgi or ())


def johnston(weights: Sequence[int], quota: int) -> list[Fraction]:
    """Johnston (1978) index; ``O(n (q + w_max))`` packed operations.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose Johnston index to find.

    Returns
    -------
    list of Fraction

    References
    ----------
    Johnston, R. J. (1978), "On the measurement of power: some reactions to Laver",
    Environment and Planning A 10(8).
    """
    res = power_indices(weights, quota, indices=["johnston"])
    return list(res.johnston or ())


def coleman(weights: Sequence[int], quota: int) -> tuple[list[Fraction], list[Fraction]]:
    """Coleman (1971) powers ``(to initiate, to prevent)`` action; ``O(n q)``.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose Coleman powers to find.

    Returns
    -------
    (list of Fraction, list of Fraction)
        Power to initiate and to prevent action.

    References
    ----------
    Coleman, J. S. (1971), "Control of collectivities and the power of a collectivity to
    act", in Lieberman (ed.), *Social Choice*.
    """
    res = power_indices(weights, quota, indices=["coleman_initiate", "coleman_prevent"])
    return list(res.coleman_initiate or ()), list(res.coleman_prevent or ())


def n_minimal_winning(weights: Sequence[int], quota: int) -> int:
    """Number of minimal winning coalitions, counted (not listed): ``O(n q k)`` int64
    operations over ``k ~ n / 40`` residues.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose minimal winning coalitions to find.

    Returns
    -------
    int

    References
    ----------
    Matsui, T. & Matsui, Y. (2000), Journal of the Operations Research Society of Japan
    43(1).
    """
    res = power_indices(weights, quota, indices=["holler_pgi"])
    assert res.n_minimal_winning is not None
    return res.n_minimal_winning


# --------------------------------------------------------------------------- structure


def veto_players(weights: Sequence[int], quota: int) -> list[int]:
    """Positions of veto players: those without whom nobody wins (``W - w_i < q``). ``O(n)``.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose veto players to find.

    Returns
    -------
    list of int
        Positions of the players every winning coalition needs.

    References
    ----------
    Banzhaf, J. F. (1965).

    Examples
    --------
    >>> veto_players([3, 1, 1], 4)
    [0]
    """
    ws, q = validate_game(weights, quota)
    total = sum(ws)
    return [i for i, w in enumerate(ws) if total - w < q]


def dummy_players(weights: Sequence[int], quota: int) -> list[int]:
    """Positions of players with no swing at all (null players). ``O(n q)``.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose null players to find.

    Returns
    -------
    list of int
        Positions of the players with no swing.

    References
    ----------
    Banzhaf, J. F. (1965).
    """
    return [i for i, s in enumerate(raw_swings(weights, quota)) if s == 0]


def dual_quota(weights: Sequence[int], quota: int) -> int:
    """Quota of the dual game: ``S`` wins in the dual iff ``N - S`` loses, i.e.
    ``w(S) >= W - q + 1``. Banzhaf and Shapley-Shubik are invariant under duality; minimal
    winning coalitions (Deegan-Packel, Holler) are not. ``O(n)``.

    Parameters
    ----------
    weights, quota : sequence of int, int
        The game ``[quota; weights]`` (whole-number weights) whose dual to find.

    Returns
    -------
    int

    Examples
    --------
    >>> dual_quota([2, 1, 1], 3)
    2
    """
    ws, q = validate_game(weights, quota)
    return sum(ws) - q + 1


# --------------------------------------------------------------------------- vector games


def _vector_dp(
    players: Sequence[tuple[int, ...]], quotas: tuple[int, ...], bits: int
) -> dict[tuple[int, ...], int]:
    """Coalitions of ``players`` by weight vector capped at the quotas, packed by size."""
    states: dict[tuple[int, ...], int] = {tuple(0 for _ in quotas): 1}
    for vec in players:
        nxt = dict(states)
        for st, val in states.items():
            key = tuple(min(a + b, qk) for a, b, qk in zip(st, vec, quotas, strict=True))
            nxt[key] = nxt.get(key, 0) + (val << bits)
        states = nxt
    return states


def vector_power_indices(
    weights: Sequence[Sequence[int]],
    quotas: Sequence[int],
    names: Sequence[str] | None = None,
    indices: Iterable[str] | None = None,
) -> PowerIndices:
    """Exact indices of a vector-weighted (multi-criteria) game: ``S`` wins iff
    ``w_k(S) >= q_k`` for every criterion ``k`` (a double majority is ``k = 2``).

    Swings by size come from a dynamic programme over weight vectors capped at the quotas
    (Algaba, Bilbao, Fernandez Garcia & Lopez 2003), run once per player:
    ``O(n^2 prod_k (q_k + 1))`` packed operations. Deegan-Packel and Holler come from the
    minimal winning coalitions, listed with pruning (output-sensitive, see
    :func:`factions.analysis.coalitions.minimal_winning_coalitions`). Johnston is not
    available for vector games (its critical-member counts need the exact excess on every
    criterion) and raises :class:`GameError` if asked for.

    Parameters
    ----------
    weights : sequence of sequences of int
        One weight vector per player.
    quotas : sequence of int
        One quota per criterion.
    names : sequence of str, optional
        Player names.
    indices : iterable of str, optional
        Index names (Johnston is not available).

    Returns
    -------
    PowerIndices

    References
    ----------
    Algaba, E., Bilbao, J. M., Fernandez Garcia, J. R. & Lopez, J. J. (2003), "Computing power
    indices in weighted multiple majority games", Mathematical Social Sciences 46(1).
    """
    ws, qs = validate_vector_game(weights, quotas)
    players = _names(names, len(ws))
    wanted = _wanted(indices)
    if "johnston" in wanted:
        if indices is not None:
            raise GameError("the Johnston index is only available for single-weight games")
        wanted = tuple(x for x in wanted if x != "johnston")
    n = len(ws)
    bits = _slot_bits(n)
    full = _vector_dp(ws, qs, bits)
    win_key = qs
    winning = sum(_unpack(full.get(win_key, 0), bits, n + 1))
    losing = 2**n - winning
    fact = [math.factorial(k) for k in range(n + 1)]
    swings: list[int] = []
    ss: list[Fraction] = []
    for i in range(n):
        others = _vector_dp(ws[:i] + ws[i + 1 :], qs, bits)
        by_size = [0] * n
        for st, val in others.items():
            if st == win_key:
                continue
            after = tuple(min(a + b, qk) for a, b, qk in zip(st, ws[i], qs, strict=True))
            if after == win_key:
                for s, c in enumerate(_unpack(val, bits, n)):
                    by_size[s] += c
        swings.append(sum(by_size))
        ss.append(
            Fraction(sum(fact[s] * fact[n - 1 - s] * c for s, c in enumerate(by_size)), fact[n])
        )
    out: dict[str, object] = {
        "raw_swings": tuple(swings),
        "banzhaf_normalised": _ratio(swings, sum(swings)),
        "banzhaf_absolute": _ratio(swings, 2 ** (n - 1)),
        "coleman_prevent": _ratio(swings, winning),
        "coleman_initiate": _ratio(swings, losing),
        "shapley_shubik": tuple(ss),
        "n_winning": winning,
    }
    if {"deegan_packel", "holler_pgi"} & set(wanted):
        from factions.analysis.coalitions import minimal_winning_coalitions

        mwcs = minimal_winning_coalitions(
            [list(v) for v in ws], list(qs), names=list(range(n)), limit=None
        )
        dp = [Fraction(0)] * n
        pgi = [0] * n
        for coal in mwcs:
            for i in coal.members_idx:
                dp[i] += Fraction(1, len(coal.members_idx))
                pgi[i] += 1
        out["deegan_packel"] = _ratio(dp, len(mwcs))
        out["holler_pgi"] = _ratio(pgi, sum(pgi))
        out["n_minimal_winning"] = len(mwcs)
    kept = {k: v for k, v in out.items() if k in wanted or k.startswith("n_")}
    return PowerIndices(players=players, computed=wanted, **kept)  # type: ignore[arg-type]
