"""Winning coalitions of a vote, constrained by who will (not) vote with whom.

Plain inputs: player names, seats (or one weight vector per player for multi-criteria rules),
the quota (or one quota per criterion), *forbidden* pairs (actors who will not vote
together, e.g. a strong negative tie) and *bound* pairs (actors who vote together or not at
all, e.g. a strong positive tie). Bound pairs are merged into blocs first (union-find); a
bloc that contains a forbidden pair can never join a coalition. Plain results: dataclasses.

* :func:`minimal_winning_coalitions` lists the coalitions that win and lose as soon as any
  bloc leaves, among the feasible ones (depth-first over blocs in descending weight, pruned
  by the weight still available; stops extending at the first winning set, so the work is
  proportional to the output times ``n``, Matsui & Matsui 2000).
* :func:`minimum_winning_coalition`: fewest members or least weight (Riker 1962's "minimum
  winning"), by greedy / subset-sum DP when unconstrained and by an exact MILP (HiGHS via
  :func:`scipy.optimize.milp`) under constraints.
* :func:`maximal_feasible_coalitions`: the largest coalitions the constraints allow (maximal
  cliques of the compatibility graph, Bron & Kerbosch 1973) and how many seats short each is.
* :func:`coalition_report` gathers these for one vote: can it pass, with whom, which blocs
  are needed in every winning coalition, how often each bloc is pivotal, and the shortfall
  of a camp.
* :func:`constraints_from_signed_graph` derives forbidden / bound pairs from a NetworkX
  graph with ``sign`` and ``weight`` (strength) edge attributes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from factions.analysis.power import GameError, validate_game, validate_vector_game

__all__ = [
    "Coalition",
    "CoalitionReport",
    "Game",
    "Pair",
    "coalition_report",
    "constraints_from_signed_graph",
    "make_game",
    "maximal_feasible_coalitions",
    "minimal_winning_coalitions",
    "minimum_winning_coalition",
    "pivotal_members",
]

Pair = tuple[str, str]


@dataclass(frozen=True)
class Coalition:
    """A set of players with its weight on each criterion and its shortfall.

    ``seats`` is the weight on the first criterion, ``short`` what is missing on each
    criterion (0 when met), ``seats_short`` the first of these; ``pivotal`` lists the
    members whose departure would make a winning coalition lose.
    """

    members: tuple[str, ...]
    members_idx: tuple[int, ...]
    weights: tuple[int, ...]
    short: tuple[int, ...]
    winning: bool
    pivotal: tuple[str, ...] = ()

    @property
    def seats(self) -> int:
        return self.weights[0]

    @property
    def seats_short(self) -> int:
        return self.short[0]

    @property
    def size(self) -> int:
        return len(self.members)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``members``, ``seats``, ``weights``, ``seats_short``, ``short``,
        ``winning``, ``pivotal`` (docs/results.md)."""
        return {
            "members": list(self.members),
            "seats": self.seats,
            "weights": list(self.weights),
            "seats_short": self.seats_short,
            "short": list(self.short),
            "winning": self.winning,
            "pivotal": list(self.pivotal),
        }


@dataclass(frozen=True)
class Game:
    """A validated (vector-)weighted game with names and feasibility constraints."""

    names: tuple[str, ...]
    weights: tuple[tuple[int, ...], ...]
    quotas: tuple[int, ...]
    blocs: tuple[tuple[int, ...], ...]
    """Groups of players bound to vote together (singletons for unbound players)."""
    conflicts: frozenset[tuple[int, int]]
    """Pairs of bloc indices that cannot be in one coalition."""
    dead_blocs: frozenset[int]
    """Blocs that contain a forbidden pair, so cannot join any coalition."""

    def weight_of(self, idx: Iterable[int]) -> tuple[int, ...]:
        members = list(idx)
        return tuple(sum(self.weights[i][k] for i in members) for k in range(len(self.quotas)))

    def wins(self, idx: Iterable[int]) -> bool:
        return all(w >= q for w, q in zip(self.weight_of(idx), self.quotas, strict=True))

    def coalition(self, idx: Iterable[int]) -> Coalition:
        members = tuple(sorted(set(idx)))
        w = self.weight_of(members)
        winning = all(a >= q for a, q in zip(w, self.quotas, strict=True))
        pivotal: tuple[str, ...] = ()
        if winning:
            pivotal = tuple(
                self.names[i] for i in members if not self.wins(j for j in members if j != i)
            )
        return Coalition(
            members=tuple(self.names[i] for i in members),
            members_idx=members,
            weights=w,
            short=tuple(max(0, q - a) for a, q in zip(w, self.quotas, strict=True)),
            winning=winning,
            pivotal=pivotal,
        )


def make_game(
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    bound: Iterable[tuple[Hashable, Hashable]] = (),
) -> Game:
    """Validate the inputs and merge bound pairs into blocs. ``O(n + pairs)``.

    Raises :class:`~factions.analysis.power.GameError` for bad weights or quotas, a names /
    weights length mismatch, duplicate names, and pairs naming unknown players.

    Parameters
    ----------
    weights : sequence of int, or sequence of sequences of int
        Each player's weight, or its weight vector (one entry per criterion).
    quota : int or sequence of int
        Weight a coalition needs (one quota per criterion).
    names : sequence, optional
        Player names (default ``"0"``, ``"1"``, ...).
    forbidden : iterable of pairs
        Players who will not vote together.
    bound : iterable of pairs
        Players who vote together or not at all.

    Returns
    -------
    Game
    """
    if isinstance(quota, int) or np.ndim(quota) == 0:
        ws1, q1 = validate_game(list(weights), quota)  # type: ignore[arg-type]
        vecs = [(w,) for w in ws1]
        quotas: tuple[int, ...] = (q1,)
    else:
        vecs, quotas = validate_vector_game(weights, quota)  # type: ignore[arg-type]
    n = len(vecs)
    if names is None:
        names = [f"P{i + 1}" for i in range(n)]
    if len(names) != n:
        raise GameError(f"{len(names)} names were given for {n} weights; give one name per weight")
    labels = tuple(str(x) for x in names)
    if len(set(labels)) != n:
        dup = sorted({x for x in labels if labels.count(x) > 1})
        raise GameError(f"duplicate player names: {', '.join(dup)}")
    index = {x: i for i, x in enumerate(labels)}

    def look(pair: tuple[Hashable, Hashable], what: str) -> tuple[int, int]:
        a, b = (str(x) for x in pair)
        for x in (a, b):
            if x not in index:
                raise GameError(f"{what} pair ({a}, {b}) names {x!r}, which is not a player")
        return index[a], index[b]

    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in bound:
        a, b = look(pair, "bound")
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    blocs = sorted(groups.values(), key=lambda g: min(g))
    bloc_of = {i: k for k, g in enumerate(blocs) for i in g}
    conflicts: set[tuple[int, int]] = set()
    dead: set[int] = set()
    for pair in forbidden:
        a, b = look(pair, "forbidden")
        ka, kb = bloc_of[a], bloc_of[b]
        if ka == kb:
            dead.add(ka)
        else:
            conflicts.add((min(ka, kb), max(ka, kb)))
    return Game(
        names=labels,
        weights=tuple(vecs),
        quotas=quotas,
        blocs=tuple(tuple(g) for g in blocs),
        conflicts=frozenset(conflicts),
        dead_blocs=frozenset(dead),
    )


# --------------------------------------------------------------------------- enumeration


def minimal_winning_coalitions(
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    bound: Iterable[tuple[Hashable, Hashable]] = (),
    limit: int | None = 10_000,
    allowed: Iterable[Hashable] | None = None,
) -> list[Coalition]:
    """Feasible winning coalitions that lose when any one bloc leaves.

    Without constraints these are the minimal winning coalitions of the game. ``allowed``
    restricts the players that may take part (e.g. all but a motion's opponents). Listing
    stops after ``limit`` coalitions (``None``: no limit). Depth-first search over blocs in
    descending weight with an upper-bound prune; ``O(n * output)`` steps plus pruned
    branches. Sorted by seats, descending, then by size.

    Parameters
    ----------
    weights, quota, names, forbidden, bound
        The game and its constraints, as :func:`make_game` takes them.
    limit : int or None
        Coalitions listed at most.
    allowed : iterable, optional
        The players that may take part.

    Returns
    -------
    list of Coalition
        Most seats first, then fewest members.

    References
    ----------
    Matsui, T. & Matsui, Y. (2000), "A survey of algorithms for calculating power indices of
    weighted majority games", Journal of the Operations Research Society of Japan 43(1).

    Examples
    --------
    >>> [c.members for c in minimal_winning_coalitions([3, 2, 2], 4, names="xyz")]
    [('x', 'y'), ('x', 'z'), ('y', 'z')]
    """
    game = make_game(weights, quota, names, forbidden, bound)
    return _minimal_winning(game, limit, _allowed_blocs(game, allowed))


def _allowed_blocs(game: Game, allowed: Iterable[Hashable] | None) -> list[int]:
    keep = None if allowed is None else {str(x) for x in allowed}
    if keep is not None:
        unknown = sorted(keep - set(game.names))
        if unknown:
            raise GameError(f"unknown player {unknown[0]!r}")
    out = []
    for k, bloc in enumerate(game.blocs):
        if k in game.dead_blocs:
            continue
        if keep is not None and not all(game.names[i] in keep for i in bloc):
            continue
        out.append(k)
    return out


def _minimal_winning(game: Game, limit: int | None, blocs: list[int]) -> list[Coalition]:
    m = len(game.quotas)
    bw = {k: game.weight_of(game.blocs[k]) for k in blocs}
    order = sorted(blocs, key=lambda k: (tuple(-x for x in bw[k]), k))
    suffix = [tuple(0 for _ in range(m))] * (len(order) + 1)
    for pos in range(len(order) - 1, -1, -1):
        suffix[pos] = tuple(a + b for a, b in zip(suffix[pos + 1], bw[order[pos]], strict=True))
    clash: dict[int, set[int]] = {k: set() for k in blocs}
    for a, b in game.conflicts:
        if a in clash and b in clash:
            clash[a].add(b)
            clash[b].add(a)
    found: list[tuple[int, ...]] = []
    chosen: list[int] = []

    def wins(w: tuple[int, ...]) -> bool:
        return all(a >= q for a, q in zip(w, game.quotas, strict=True))

    def minimal(w: tuple[int, ...]) -> bool:
        return all(not wins(tuple(a - b for a, b in zip(w, bw[k], strict=True))) for k in chosen)

    def dfs(pos: int, w: tuple[int, ...]) -> None:
        if limit is not None and len(found) >= limit:
            return
        if pos == len(order):
            return
        if not wins(tuple(a + b for a, b in zip(w, suffix[pos], strict=True))):
            return
        k = order[pos]
        if not (clash[k] & set(chosen)):
            nw = tuple(a + b for a, b in zip(w, bw[k], strict=True))
            chosen.append(k)
            if wins(nw):
                if minimal(nw):
                    found.append(tuple(i for b in chosen for i in game.blocs[b]))
            else:
                dfs(pos + 1, nw)
            chosen.pop()
        dfs(pos + 1, w)

    dfs(0, tuple(0 for _ in range(m)))
    out = [game.coalition(c) for c in found]
    return sorted(out, key=lambda c: (-c.seats, c.size, c.members))


def maximal_feasible_coalitions(
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    bound: Iterable[tuple[Hashable, Hashable]] = (),
    allowed: Iterable[Hashable] | None = None,
) -> list[Coalition]:
    """The largest coalitions the constraints allow, each with its seats short of the quota.

    Maximal cliques of the compatibility graph of blocs (Bron & Kerbosch 1973, as in
    :func:`networkx.find_cliques`; exponential in the worst case, instant for chambers of
    tens of parties). Sorted by seats, descending.

    Parameters
    ----------
    weights, quota, names, forbidden, bound
        The game and the constraints that limit coalitions (:func:`make_game`).
    allowed : iterable, optional
        The players that may take part (default all).

    Returns
    -------
    list of Coalition
        Largest first, each with its seats short.

    References
    ----------
    Bron, C. & Kerbosch, J. (1973), "Algorithm 457: finding all cliques of an undirected
    graph", Communications of the ACM 16(9).
    """
    game = make_game(weights, quota, names, forbidden, bound)
    return _maximal_feasible(game, _allowed_blocs(game, allowed))


def _maximal_feasible(game: Game, blocs: list[int]) -> list[Coalition]:
    if not blocs:
        return []
    g = nx.complete_graph(blocs)
    g.remove_edges_from((a, b) for a, b in game.conflicts if a in g and b in g)
    out = [
        game.coalition(i for k in clique for i in game.blocs[k]) for clique in nx.find_cliques(g)
    ]
    return sorted(out, key=lambda c: (-c.seats, c.members))


# --------------------------------------------------------------------------- optimisation


def minimum_winning_coalition(
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    bound: Iterable[tuple[Hashable, Hashable]] = (),
    objective: str = "size",
    allowed: Iterable[Hashable] | None = None,
) -> Coalition | None:
    """A feasible winning coalition with the fewest members (``objective="size"``) or the
    least weight on the first criterion (``"weight"``: Riker's minimum winning coalition).

    Unconstrained single-criterion games: greedy heaviest-first for size (``O(n log n)``) and
    a subset-sum bitset DP for weight (``O(n W / 64)``). Otherwise an exact 0-1 MILP solved
    by HiGHS (:func:`scipy.optimize.milp`). ``None`` when no feasible coalition wins.

    Parameters
    ----------
    weights, quota, names, forbidden, bound
        The game and its constraints (see :func:`make_game`).
    objective : {"size", "weight"}
        Fewest members, or least weight on the first criterion.
    allowed : iterable, optional
        The players that may take part.

    Returns
    -------
    Coalition or None

    References
    ----------
    Riker, W. H. (1962), *The Theory of Political Coalitions*, Yale University Press.
    """
    if objective not in ("size", "weight"):
        raise GameError(f"objective must be 'size' or 'weight', got {objective!r}")
    game = make_game(weights, quota, names, forbidden, bound)
    blocs = _allowed_blocs(game, allowed)
    simple = (
        len(game.quotas) == 1
        and all(len(b) == 1 for b in game.blocs)
        and not game.conflicts
        and len(blocs) == len(game.blocs)
    )
    if simple:
        return _minimum_simple(game, objective)
    return _minimum_milp(game, blocs, objective)


def _minimum_simple(game: Game, objective: str) -> Coalition | None:
    ws = [v[0] for v in game.weights]
    q = game.quotas[0]
    if objective == "size":
        chosen: list[int] = []
        total = 0
        for i in sorted(range(len(ws)), key=lambda i: (-ws[i], i)):
            if total >= q:
                break
            chosen.append(i)
            total += ws[i]
        return game.coalition(chosen) if total >= q else None
    # least weight >= q: reachable sums as bits of one integer, remembering who set each bit
    reach = 1
    setter: dict[int, int] = {}
    for i, w in enumerate(ws):
        new = (reach << w) & ~reach
        s = new
        while s:
            low = s & -s
            setter[low.bit_length() - 1] = i
            s ^= low
        reach |= new
    best = (reach >> q) << q
    if not best:
        return None
    total = (best & -best).bit_length() - 1
    chosen = []
    while total:
        i = setter[total]
        chosen.append(i)
        total -= ws[i]
    return game.coalition(chosen)


def _minimum_milp(game: Game, blocs: list[int], objective: str) -> Coalition | None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    if not blocs:
        return None
    pos = {k: j for j, k in enumerate(blocs)}
    bw = np.array([game.weight_of(game.blocs[k]) for k in blocs], dtype=float)
    rows = [bw[:, k] for k in range(len(game.quotas))]
    lows = [float(q) for q in game.quotas]
    highs = [np.inf] * len(game.quotas)
    for a, b in game.conflicts:
        if a in pos and b in pos:
            row = np.zeros(len(blocs))
            row[pos[a]] = row[pos[b]] = 1
            rows.append(row)
            lows.append(-np.inf)
            highs.append(1.0)
    if objective == "size":
        cost = np.array([len(game.blocs[k]) for k in blocs], dtype=float)
    else:
        cost = bw[:, 0].copy()
    res = milp(
        c=cost,
        constraints=LinearConstraint(np.array(rows), lows, highs),
        integrality=np.ones(len(blocs)),
        bounds=Bounds(0, 1),
    )
    if res.status != 0 or res.x is None:
        return None
    picked = [k for k, x in zip(blocs, res.x, strict=True) if x > 0.5]
    coal = game.coalition(i for k in picked for i in game.blocs[k])
    return coal if coal.winning else None


# --------------------------------------------------------------------------- pivots


def pivotal_members(
    members: Iterable[Hashable],
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
) -> tuple[str, ...]:
    """Members of a winning coalition whose departure alone makes it lose. ``O(n m)``.

    Parameters
    ----------
    members : iterable
        The coalition.
    weights, quota, names
        The game, as in :func:`make_game`.

    Returns
    -------
    tuple of str

    References
    ----------
    Banzhaf, J. F. (1965), "Weighted voting doesn't work", Rutgers Law Review 19.
    """
    game = make_game(weights, quota, names)
    index = {x: i for i, x in enumerate(game.names)}
    idx = []
    for x in members:
        if str(x) not in index:
            raise GameError(f"unknown player {x!r}")
        idx.append(index[str(x)])
    return game.coalition(idx).pivotal


# --------------------------------------------------------------------------- signed graphs


def constraints_from_signed_graph(
    graph: nx.Graph,
    players: Iterable[Hashable],
    forbid_at: float = 0.5,
    bind_at: float | None = None,
    mapping: Mapping[Hashable, Iterable[Hashable]] | None = None,
) -> tuple[list[Pair], list[Pair]]:
    """Forbidden and bound pairs from a signed graph.

    An edge with ``sign < 0`` and ``weight`` (strength, default 1) at least ``forbid_at``
    forbids its ends from voting together; with ``sign > 0`` and strength at least ``bind_at``
    it binds them (``bind_at=None``: positive ties bind nobody). ``mapping`` sends a node
    that holds no seat (a person) to the players it speaks for (its parties); nodes that are
    players map to themselves. Pairs are returned sorted, without duplicates or self-pairs.
    ``O(edges)``.

    Parameters
    ----------
    graph : networkx.Graph
        Signed graph (``sign``; ``weight`` as strength).
    players : iterable
        The players (seat holders).
    forbid_at : float
        Least strength of a negative tie that keeps its ends apart.
    bind_at : float or None
        Least strength of a positive tie that binds its ends (``None``: none).
    mapping : mapping, optional
        Non-player node -> the players it stands for.

    Returns
    -------
    forbidden, bound : list of (str, str)
    """
    playing = {str(p) for p in players}
    forbidden: set[Pair] = set()
    bound: set[Pair] = set()

    def targets(node: Hashable) -> set[str]:
        if str(node) in playing:
            return {str(node)}
        if mapping is not None and node in mapping:
            return {str(x) for x in mapping[node] if str(x) in playing}
        return set()

    for a, b, data in graph.edges(data=True):
        sign = data.get("sign", 0)
        strength = data.get("weight", 1.0)
        if sign < 0 and strength >= forbid_at:
            into = forbidden
        elif sign > 0 and bind_at is not None and strength >= bind_at:
            into = bound
        else:
            continue
        for x in targets(a):
            for y in targets(b):
                if x != y:
                    into.add((min(x, y), max(x, y)))
    return sorted(forbidden), sorted(bound)


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class CoalitionReport:
    """Who can make a vote pass.

    ``winning`` are the feasible minimal winning coalitions (``truncated`` when the listing
    hit its limit); ``needed`` the players in every one of them (the vote cannot pass without
    them); ``pivotal_counts`` how many of them each player is pivotal in, most first;
    ``closest`` the maximal
    feasible coalitions by seats, each with its shortfall; ``camp`` the given camp's own
    feasible coalition (its members that may vote together) and ``camp_short`` its seats
    short.
    """

    quota: tuple[int, ...]
    can_win: bool
    winning: tuple[Coalition, ...]
    needed: tuple[str, ...]
    pivotal_counts: dict[str, int]
    closest: tuple[Coalition, ...]
    camp: Coalition | None = None
    smallest: Coalition | None = None
    truncated: bool = False
    excluded: tuple[str, ...] = field(default=())

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """JSON-ready, coalition lists cut to ``limit`` (docs/results.md)."""

        def coalitions(cs: Sequence[Coalition]) -> list[dict[str, Any]]:
            return [c.to_dict() for c in cs[:limit]]

        return {
            "quota": list(self.quota),
            "can_win": self.can_win,
            "needed": list(self.needed),
            "pivotal_counts": dict(self.pivotal_counts),
            "winning": coalitions(self.winning),
            "n_winning": len(self.winning),
            "truncated": self.truncated,
            "closest": coalitions(self.closest),
            "camp": None if self.camp is None else self.camp.to_dict(),
            "smallest": None if self.smallest is None else self.smallest.to_dict(),
            "excluded": list(self.excluded),
        }


def coalition_report(
    weights: Sequence[int] | Sequence[Sequence[int]],
    quota: int | Sequence[int],
    names: Sequence[Hashable] | None = None,
    forbidden: Iterable[tuple[Hashable, Hashable]] = (),
    bound: Iterable[tuple[Hashable, Hashable]] = (),
    camp: Iterable[Hashable] | None = None,
    excluded: Iterable[Hashable] = (),
    limit: int | None = 1000,
) -> CoalitionReport:
    """Everything ``factions vote`` prints: feasibility, coalitions, needed and pivotal
    players, and how far a camp is from the quota. ``excluded`` players (e.g. a motion's
    opponents) take part in no coalition.

    Parameters
    ----------
    weights, quota, names, forbidden, bound
        The vote: weights, quotas, names and constraints as in :func:`make_game`.
    camp : iterable, optional
        A camp (e.g. a motion's supporters) whose own feasible coalition and shortfall to report.
    excluded : iterable
        Players in no coalition.
    limit : int or None
        Minimal winning coalitions listed at most.

    Returns
    -------
    CoalitionReport
        With ``to_dict()`` (docs/results.md).

    Raises
    ------
    GameError
        Bad weights or quotas, or unknown players.

    References
    ----------
    Riker, W. H. (1962), *The Theory of Political Coalitions*; Matsui, T. & Matsui, Y. (2000).

    Examples
    --------
    >>> r = coalition_report([40, 35, 25], 51, names=["a", "b", "c"], forbidden=[("a", "b")])
    >>> [c.members for c in r.winning], r.needed
    ([('a', 'c'), ('b', 'c')], ('c',))
    """
    forbidden = list(forbidden)
    bound = list(bound)
    game = make_game(weights, quota, names, forbidden, bound)
    out = {str(x) for x in excluded}
    unknown = sorted(out - set(game.names))
    if unknown:
        raise GameError(f"unknown player {unknown[0]!r}")
    allowed = [x for x in game.names if x not in out]
    blocs = _allowed_blocs(game, allowed)
    winning = _minimal_winning(game, limit, blocs)
    truncated = limit is not None and len(winning) >= limit
    needed: tuple[str, ...] = ()
    if winning:
        common = set(winning[0].members)
        for c in winning[1:]:
            common &= set(c.members)
        needed = tuple(x for x in game.names if x in common)
    counts: dict[str, int] = {}
    for c in winning:
        for x in c.pivotal:
            counts[x] = counts.get(x, 0) + 1
    pivotal_counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    closest = tuple(_maximal_feasible(game, blocs)[:10])
    camp_coal = None
    if camp is not None:
        members = {str(x) for x in camp}
        missing = sorted(members - set(game.names))
        if missing:
            raise GameError(f"unknown player {missing[0]!r} in the camp")
        camp_blocs = _allowed_blocs(game, [x for x in allowed if x in members])
        options = _maximal_feasible(game, camp_blocs)
        camp_coal = options[0] if options else game.coalition(())
    smallest = None
    if winning:
        smallest = min(winning, key=lambda c: (c.size, c.seats, c.members))
    return CoalitionReport(
        quota=game.quotas,
        can_win=bool(winning),
        winning=tuple(winning),
        needed=needed,
        pivotal_counts=pivotal_counts,
        closest=closest,
        camp=camp_coal,
        smallest=smallest,
        truncated=truncated,
        excluded=tuple(sorted(out)),
    )
