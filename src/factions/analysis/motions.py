"""Can a motion pass, with whom, and who decides? The one motion verdict of factions.

:func:`motion_report` is the only place factions judges a motion; ``factions vote``, the
HTML report, the web API, the scenario diff and ``make demo`` all call it. Its terms
(docs/power.md, "Motions"; worked example in docs/iraq-2012.md):

* **stances**: each listed opponent, then each listed supporter, marks the seat holders it
  stands for (itself when it holds seats, else the seat-holding groups it belongs to);
  the target's groups oppose unless marked; everyone else is *undeclared*
  (:func:`holder_stances`).
* **feasible coalition**: seat holders that are not opponents and contain no pair that will
  not vote together (a negative tie of strength ``>= forbid_at``, persons standing for
  their groups; :func:`~factions.analysis.coalitions.constraints_from_signed_graph`).
* **pivotal** (a member of a winning coalition): its leaving alone makes the coalition
  lose (a Banzhaf swing).
* **needed**: in every feasible minimal winning coalition: without it the motion cannot
  pass at all.
* **decisive**: the actors on whom the outcome turns as the system stands. When the
  supporters win, the supporters pivotal in their coalition (each one's defection alone
  sinks the motion). When they fall short, the undeclared blocs of the smallest feasible
  additions that carry them over every quota (*completions*), the bloc in most such
  additions first. When no addition can, but a feasible coalition without the supporters'
  camp wins, the actors pivotal in the most feasible minimal winning coalitions. When no
  feasible coalition wins, nobody: the motion fails whatever one bloc does.
* **passes**: the supporters meet every criterion of the rule (and every veto player is
  among them) and some route to the vote is not blocked (:func:`judge_route`).

:func:`chamber_game` turns a chamber and one of its vote rules into a (vector-)weighted game:
the seat holders are the players, the rule's threshold is the quota on seats, each further
criterion of a multi-criteria rule (``members``: one vote per seat holder; or a numeric
actor attribute) adds a weight and a quota, and veto players add a criterion that only they
carry (so every winning coalition must hold all of them). :func:`chamber_power` gives the
exact power indices of every chamber and rule on that game (Banzhaf 1965; Shapley & Shubik
1954). It knows nothing about any particular country: everything comes from the system.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from factions.analysis.coalitions import (
    Coalition,
    CoalitionReport,
    coalition_report,
    constraints_from_signed_graph,
    make_game,
    minimal_winning_coalitions,
)
from factions.analysis.power import GameError, PowerIndices, power_indices, vector_power_indices
from factions.model import Chamber, Motion, Route, System, VoteRule

__all__ = [
    "DEFAULT_LIMIT",
    "ChamberGame",
    "MotionReport",
    "RouteStatus",
    "actor_names",
    "chamber_game",
    "chamber_power",
    "game_power",
    "holder_stances",
    "judge_route",
    "motion_report",
    "seat_holders_of",
]

DEFAULT_LIMIT = 10
"""Coalitions listed per list in a motion's JSON (``factions vote --limit``)."""


@dataclass(frozen=True)
class ChamberGame:
    """A chamber under one rule as a game: players, weights per criterion, quotas."""

    chamber: str
    rule: str
    players: tuple[str, ...]
    seats: tuple[int, ...]
    weights: tuple[tuple[int, ...], ...]
    quotas: tuple[int, ...]
    criteria: tuple[str, ...]
    outside_vetoes: tuple[str, ...] = ()

    @property
    def is_vector(self) -> bool:
        return len(self.quotas) > 1

    @property
    def quota(self) -> int:
        """The quota on seats (the first criterion)."""
        return self.quotas[0]

    @property
    def winnable(self) -> bool:
        """Whether all seat holders together meet every quota (a chamber filled short of its
        rule, or emptied by a scenario, is not)."""
        return bool(self.players) and all(
            q <= sum(w[k] for w in self.weights) for k, q in enumerate(self.quotas)
        )


def _seat_holders(chamber: Chamber) -> list[tuple[str, int]]:
    return [(h.actor, h.seats) for h in chamber.seats if h.seats > 0]


def chamber_game(system: System, chamber_id: str, rule_id: str | None = None) -> ChamberGame:
    """The weighted game of a chamber under one of its vote rules.

    Parameters
    ----------
    system : System
        The system holding the chamber.
    chamber_id : str
        The chamber's id.
    rule_id : str or None
        The vote rule's id; default its first rule, or an absolute majority when it has none.

    Returns
    -------
    ChamberGame
        Seat holders as players, one weight column and quota per criterion.

    Raises
    ------
    GameError
        An unknown chamber or rule, a chamber without seats, or an attribute criterion an
        actor lacks.

    Notes
    -----
    ``O(n c)`` for ``n`` seat holders and ``c`` criteria.
    """
    game = _game(system, chamber_id, rule_id)
    if not game.players:
        raise GameError(f"chamber {chamber_id!r} lists no seats")
    return game


def _game(system: System, chamber_id: str, rule_id: str | None) -> ChamberGame:
    """:func:`chamber_game`, but a chamber without seats is a game without players."""
    try:
        chamber = system.chamber(chamber_id)
    except KeyError:
        known = ", ".join(c.id for c in system.chambers) or "none"
        raise GameError(f"no chamber {chamber_id!r} in the system (chambers: {known})") from None
    if rule_id is not None:
        try:
            rule = chamber.rule(rule_id)
        except KeyError:
            known = ", ".join(r.id for r in chamber.rules) or "none"
            raise GameError(
                f"chamber {chamber_id!r} has no vote rule {rule_id!r} (rules: {known})"
            ) from None
    elif chamber.rules:
        rule = chamber.rules[0]
    else:
        rule = VoteRule(id="absolute")
    holders = _seat_holders(chamber)
    players = [a for a, _ in holders]
    seats = [s for _, s in holders]
    columns: list[list[int]] = [seats]
    quotas = [rule.seats_needed(chamber.size)]
    names = [f"seats ({rule.threshold})"]
    for crit in rule.criteria:
        if crit.weight == "members":
            col = [1] * len(players)
        else:
            col = []
            for a in players:
                value = system.actor(a).attributes.get(crit.weight)
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise GameError(
                        f"rule {rule.id!r} counts {crit.weight!r}, but actor {a!r} has no "
                        f"numeric attribute {crit.weight!r}"
                    )
                if not float(value).is_integer() or value < 0:
                    raise GameError(
                        f"attribute {crit.weight!r} of actor {a!r} must be a non-negative "
                        f"whole number, got {value!r}"
                    )
                col.append(int(value))
        columns.append(col)
        quotas.append(crit.threshold(sum(col)))
        names.append(crit.weight)
    vetoes = [v for v in rule.veto_players if v in players]
    outside = tuple(v for v in rule.veto_players if v not in players)
    if vetoes:
        columns.append([1 if a in vetoes else 0 for a in players])
        quotas.append(len(vetoes))
        names.append("veto players")
    weights = tuple(tuple(col[i] for col in columns) for i in range(len(players)))
    return ChamberGame(
        chamber=chamber.id,
        rule=rule.id,
        players=tuple(players),
        seats=tuple(seats),
        weights=weights,
        quotas=tuple(quotas),
        criteria=tuple(names),
        outside_vetoes=outside,
    )


def seat_holders_of(system: System, actor: str, holders: set[str]) -> list[str]:
    """The seat holders an actor stands for: itself, or the holding groups it belongs to.

    Parameters
    ----------
    system : System
    actor : str
    holders : set of str
        The chamber's seat holders.

    Returns
    -------
    list of str
    """
    if actor in holders:
        return [actor]
    return [f.group for f in system.groups_of(actor) if f.group in holders]


def _person_mapping(system: System, holders: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in system.affiliations:
        if f.group in holders and f.member not in holders:
            out.setdefault(f.member, []).append(f.group)
    return out


@dataclass(frozen=True)
class RouteStatus:
    """One route to the vote: ``open``, ``uncertain`` or ``blocked``, and why."""

    route: str
    name: str
    status: str
    signatures: int
    supporters_reach_signatures: bool
    gatekeepers: tuple[tuple[str, str, bool], ...]
    """``(actor, stance, required)`` for each gatekeeper."""
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``route``, ``name``, ``status``, ``signatures``,
        ``supporters_reach_signatures``, ``gatekeepers`` (``actor``, ``stance``,
        ``required``), ``reasons`` (docs/results.md)."""
        return {
            "route": self.route,
            "name": self.name,
            "status": self.status,
            "signatures": self.signatures,
            "supporters_reach_signatures": self.supporters_reach_signatures,
            "gatekeepers": [
                {"actor": a, "stance": s, "required": req} for a, s, req in self.gatekeepers
            ],
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class MotionReport:
    """Everything ``factions vote`` reports about one motion (seat counts at working figures;
    ``*_low``/``*_high`` at the ends of uncertain ranges)."""

    motion: str
    chamber: str
    rule: str
    target: str | None
    seats_needed: int
    quorum: int | None
    supporters: tuple[str, ...]
    opponents: tuple[str, ...]
    undeclared: tuple[str, ...]
    seats_for: int
    seats_against: int
    seats_abstaining: int
    seats_for_low: int
    seats_for_high: int
    supporters_win: bool
    supporters_feasible: Coalition | None
    can_pass: bool
    passes: bool
    routes: tuple[RouteStatus, ...]
    open_routes: tuple[str, ...]
    blocking_gatekeepers: tuple[str, ...]
    decisive: tuple[str, ...]
    needed: tuple[str, ...]
    report: CoalitionReport
    forbidden: tuple[tuple[str, str], ...]
    bound: tuple[tuple[str, str], ...]
    criteria: tuple[str, ...] = field(default=())
    completions: tuple[Coalition, ...] = field(default=())
    """Smallest sets of further blocs (neither supporters nor opponents, compatible with the
    supporters) that would carry the supporters over the threshold, fewest members first."""

    @property
    def seats_short(self) -> int:
        """Seats the supporters lack (0 when they reach the threshold)."""
        return max(0, self.seats_needed - self.seats_for)

    @property
    def route_open(self) -> bool:
        """Whether some route to the vote is not blocked (or the motion needs no route)."""
        return bool(self.open_routes) or not self.routes

    def to_dict(self, limit: int | None = DEFAULT_LIMIT) -> dict[str, Any]:
        """JSON-ready, with the stable keys of docs/results.md; coalition lists cut to
        ``limit`` (their full lengths in ``n_completions`` and ``n_feasible_winning``).

        This is what ``factions vote --json`` prints, what the report embeds for each motion
        and what ``GET /api/votes`` returns.
        """
        rep = self.report
        return {
            "motion": self.motion,
            "chamber": self.chamber,
            "rule": self.rule,
            "criteria": list(self.criteria),
            "target": self.target,
            "seats_needed": self.seats_needed,
            "quorum": self.quorum,
            "supporters": list(self.supporters),
            "opponents": list(self.opponents),
            "undeclared": list(self.undeclared),
            "seats_for": self.seats_for,
            "seats_for_range": [self.seats_for_low, self.seats_for_high],
            "seats_against": self.seats_against,
            "seats_undeclared": self.seats_abstaining,
            "seats_short": self.seats_short,
            "supporters_win": self.supporters_win,
            "supporters_feasible": None
            if self.supporters_feasible is None
            else self.supporters_feasible.to_dict(),
            "can_pass": self.can_pass,
            "passes": self.passes,
            "routes": [x.to_dict() for x in self.routes],
            "open_routes": list(self.open_routes),
            "route_open": self.route_open,
            "gatekeepers": list(self.blocking_gatekeepers),
            "needed": list(self.needed),
            "decisive": list(self.decisive),
            "pivotal_counts": dict(rep.pivotal_counts),
            "completions": [c.to_dict() for c in self.completions[:limit]],
            "n_completions": len(self.completions),
            "feasible_winning": [c.to_dict() for c in rep.winning[:limit]],
            "n_feasible_winning": len(rep.winning),
            "feasible_winning_truncated": rep.truncated,
            "closest": [c.to_dict() for c in rep.closest],
            "forbidden_pairs": [list(p) for p in self.forbidden],
            "bound_pairs": [list(p) for p in self.bound],
        }


def holder_stances(system: System, motion: Motion) -> dict[str, str]:
    """The stance (``for``/``against``/``abstain``) of every seat holder of the motion's chamber.

    Each listed opponent, then each listed supporter (supporters win a conflict), marks the
    seat holders it stands for (:func:`seat_holders_of`: itself when it holds seats, else the
    seat-holding groups it belongs to); the holders the motion's target stands for oppose
    unless already marked; everyone else abstains. Holders in chamber order. O(h + a).

    Parameters
    ----------
    system : System
    motion : Motion

    Returns
    -------
    dict
        Seat holder -> ``"for"``, ``"against"`` or ``"abstain"``.
    """
    holders = {h.actor for h in system.chamber(motion.chamber).seats if h.seats > 0}
    side: dict[str, str] = {}
    for name in motion.opponents:
        for h in seat_holders_of(system, name, holders):
            side[h] = "against"
    for name in motion.supporters:
        for h in seat_holders_of(system, name, holders):
            side[h] = "for"
    if motion.target is not None:
        for h in seat_holders_of(system, motion.target, holders):
            side.setdefault(h, "against")
    return {
        h.actor: side.get(h.actor, "abstain")
        for h in system.chamber(motion.chamber).seats
        if h.seats > 0
    }


def judge_route(route: Route, seats_for: int, not_opposed: int) -> RouteStatus:
    """Whether ``route`` can bring the motion to the vote.

    ``blocked`` when a required gatekeeper is against it or the seats not opposed cannot
    reach its signature demand (the largest of the route's and its gatekeepers' demands);
    ``open`` when its prerequisites are met, every required gatekeeper is for and the
    supporters (``seats_for``) reach the demand; ``uncertain`` otherwise.

    Parameters
    ----------
    route : Route
    seats_for : int
        Seats of the supporters.
    not_opposed : int
        Seats of everyone but the opponents.

    Returns
    -------
    RouteStatus
    """
    demand = max([route.signatures or 0, *(g.signatures or 0 for g in route.gatekeepers)])
    reasons: list[str] = []
    status = "open"
    if demand and not_opposed < demand:
        status = "blocked"
        reasons.append(f"only {not_opposed} seats are not opposed; {demand} signatures needed")
    elif demand and seats_for < demand:
        status = "uncertain"
        reasons.append(f"supporters hold {seats_for} seats; {demand} signatures needed")
    if route.unmet:
        if status == "open":
            status = "uncertain"
        reasons.append("not yet taken: " + ", ".join(route.unmet))
    for g in route.gatekeepers:
        if not g.required:
            continue
        if g.stance == "against":
            status = "blocked"
            reasons.append(f"{g.actor} ({g.role}) is against")
        elif g.stance == "undecided" and status != "blocked":
            status = "uncertain"
            reasons.append(f"{g.actor} ({g.role}) is undecided")
    return RouteStatus(
        route=route.id,
        name=route.name or route.id,
        status=status,
        signatures=demand,
        supporters_reach_signatures=seats_for >= demand,
        gatekeepers=tuple((g.actor, g.stance, g.required) for g in route.gatekeepers),
        reasons=tuple(reasons),
    )


def motion_report(
    system: System,
    motion_id: str,
    forbid_at: float = 0.5,
    bind_at: float | None = None,
) -> MotionReport:
    """The verdict on one motion: seats, coalitions, needed and decisive actors, routes.

    The terms (stances, feasible, pivotal, needed, decisive, passes) are defined in the
    module docstring; docs/power.md gives the definition and docs/iraq-2012.md a worked
    example.

    Parameters
    ----------
    system : System
        The system; the motion is read in it as of the motion's date when it has one.
    motion_id : str
        The motion's id.
    forbid_at : float
        Negative ties at least this strong keep two blocs out of one coalition.
    bind_at : float or None
        Positive ties at least this strong bind two blocs (off by default).

    Returns
    -------
    MotionReport
        Seats for / against / undeclared (with the ends of uncertain ranges),
        ``supporters_win``, ``can_pass`` (some feasible coalition of non-opponents wins),
        ``passes``, each route's status, the blocs ``needed`` in every feasible winning
        coalition, the ``decisive`` actors and the smallest ``completions``.

    Raises
    ------
    GameError
        An unknown motion, or a rule criterion an actor lacks.

    Notes
    -----
    Coalition listing is output-sensitive (:mod:`factions.analysis.coalitions`): the
    minimal winning coalitions are listed in ``O(k n)`` for ``k`` of them.

    Examples
    --------
    >>> from factions.model import loads_system
    >>> s = loads_system('''
    ... actors: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
    ... chambers: [{id: h, name: House, size: 100, seats: [{actor: a, seats: 45}, {actor: b, seats: 40},
    ...            {actor: c, seats: 15}], rules: [{id: maj, threshold: absolute}]}]
    ... motions: [{id: m, chamber: h, rule: maj, supporters: [b], opponents: [a]}]
    ... ''')
    >>> r = motion_report(s, "m")
    >>> (r.seats_for, r.seats_short, r.passes, r.decisive)
    (40, 11, False, ('c',))
    """
    try:
        motion: Motion = system.motion(motion_id)
    except KeyError:
        known = ", ".join(m.id for m in system.motions) or "none"
        raise GameError(f"no motion {motion_id!r} in the system (motions: {known})") from None
    view = system.at(motion.date) if motion.date else system
    game = _game(view, motion.chamber, motion.rule)
    holders = set(game.players)
    seats = dict(zip(game.players, game.seats, strict=True))
    chamber = view.chamber(motion.chamber)
    ranges = {h.actor: h for h in chamber.seats}
    side = holder_stances(view, motion)
    sup = tuple(a for a in game.players if side.get(a) == "for")
    opp = tuple(a for a in game.players if side.get(a) == "against")
    und = tuple(a for a in game.players if side.get(a) not in ("for", "against"))
    graph = view.to_networkx()
    forbidden, bound = constraints_from_signed_graph(
        graph,
        game.players,
        forbid_at=forbid_at,
        bind_at=bind_at,
        mapping=_person_mapping(view, holders),
    )
    weights = [list(w) for w in game.weights]
    if not game.winnable:
        # fewer seats are held than the rule needs (a part-filled or empty chamber, or parties
        # removed by a scenario): no coalition can win, which is an answer, not an input error
        sup_coal = _plain_coalition(game, sup)
        report = CoalitionReport(
            quota=game.quotas,
            can_win=False,
            winning=(),
            needed=(),
            pivotal_counts={},
            closest=(_plain_coalition(game, tuple(a for a in game.players if a not in opp)),),
            camp=sup_coal,
            excluded=opp,
        )
    else:
        report = coalition_report(
            weights,
            list(game.quotas),
            names=game.players,
            forbidden=forbidden,
            bound=bound,
            camp=sup,
            excluded=opp,
        )
        full = make_game(weights, list(game.quotas), names=game.players)
        sup_coal = full.coalition(game.players.index(a) for a in sup)
    supporters_win = sup_coal.winning and not game.outside_vetoes

    def low(a: str) -> int:
        h = ranges[a]
        return h.low if h.low is not None else h.seats

    def high(a: str) -> int:
        h = ranges[a]
        return h.high if h.high is not None else h.seats

    seats_for = sum(seats[a] for a in sup)
    non_opp_seats = sum(seats[a] for a in game.players if a not in opp)
    routes = [judge_route(route, seats_for, non_opp_seats) for route in motion.routes]
    open_routes = tuple(r.route for r in routes if r.status != "blocked")
    blocking = tuple(
        dict.fromkeys(
            g.actor
            for route in motion.routes
            for g in route.gatekeepers
            if g.required and g.stance != "for"
        )
    )
    passes = supporters_win and (bool(open_routes) or not motion.routes)
    completions = _completions(game, sup, opp, forbidden, bound)
    if supporters_win:
        decisive = sup_coal.pivotal
    elif completions:
        smallest = min(c.size for c in completions)
        core = {x for c in completions if c.size == smallest for x in c.members}
        freq = {x: sum(x in c.members for c in completions) for x in core}
        decisive = tuple(sorted(core, key=lambda x: (-freq[x], game.players.index(x))))
    else:
        decisive = tuple(report.pivotal_counts)
    return MotionReport(
        motion=motion.id,
        chamber=game.chamber,
        rule=game.rule,
        target=motion.target,
        seats_needed=game.quota,
        quorum=view.chamber(motion.chamber).rule(motion.rule).quorum_seats(chamber.size),
        supporters=sup,
        opponents=opp,
        undeclared=und,
        seats_for=seats_for,
        seats_against=sum(seats[a] for a in opp),
        seats_abstaining=sum(seats[a] for a in und),
        seats_for_low=sum(low(a) for a in sup),
        seats_for_high=sum(high(a) for a in sup),
        supporters_win=supporters_win,
        supporters_feasible=report.camp,
        can_pass=report.can_win and not game.outside_vetoes,
        passes=passes,
        routes=tuple(routes),
        open_routes=open_routes,
        blocking_gatekeepers=blocking,
        decisive=decisive,
        needed=report.needed,
        report=report,
        forbidden=tuple(forbidden),
        bound=tuple(bound),
        criteria=game.criteria,
        completions=completions,
    )


def _plain_coalition(game: ChamberGame, members: tuple[str, ...]) -> Coalition:
    """``members`` as a losing coalition of an unwinnable game (weights and shortfalls)."""
    idx = [game.players.index(a) for a in members]
    weights = tuple(sum(game.weights[i][k] for i in idx) for k in range(len(game.quotas)))
    short = tuple(max(0, q - w) for q, w in zip(game.quotas, weights, strict=True))
    return Coalition(
        members=members, members_idx=tuple(idx), weights=weights, short=short, winning=False
    )


def _completions(
    game: ChamberGame,
    camp: tuple[str, ...],
    excluded: tuple[str, ...],
    forbidden: list[tuple[str, str]],
    bound: list[tuple[str, str]],
    limit: int = 5000,
) -> tuple[Coalition, ...]:
    """Minimal sets of further players that make ``camp`` win: the minimal winning
    coalitions of the residual game (quotas less the camp's weights) among the players not
    excluded, not in the camp and not forbidden to sit with any camp member."""
    if not camp:
        return ()
    idx = {a: i for i, a in enumerate(game.players)}
    have = [sum(game.weights[idx[a]][k] for a in camp) for k in range(len(game.quotas))]
    rest = [q - h for q, h in zip(game.quotas, have, strict=True)]
    if all(r <= 0 for r in rest):
        return ()
    enemies = {b for a, b in forbidden if a in camp} | {a for a, b in forbidden if b in camp}
    pool = [a for a in game.players if a not in camp and a not in excluded and a not in enemies]
    if not pool:
        return ()
    totals = [sum(game.weights[idx[a]][k] for a in pool) for k in range(len(rest))]
    if any(r > t for r, t in zip(rest, totals, strict=True)):
        return ()
    # criteria already met by the camp need nothing more: a quota of 0 is met by anyone
    quotas = [max(r, 0) for r in rest]
    keep = [k for k, r in enumerate(quotas) if r > 0]
    vectors = [[game.weights[idx[a]][k] for k in keep] for a in pool]
    inside = set(pool)
    found = minimal_winning_coalitions(
        vectors if len(keep) > 1 else [v[0] for v in vectors],
        [quotas[k] for k in keep] if len(keep) > 1 else quotas[keep[0]],
        names=pool,
        forbidden=[(a, b) for a, b in forbidden if a in inside and b in inside],
        bound=[(a, b) for a, b in bound if a in inside and b in inside],
        limit=limit,
    )
    return tuple(sorted(found, key=lambda c: (c.size, -c.seats, c.members)))


def actor_names(system: System) -> Mapping[str, str]:
    """Display names by actor id.

    Parameters
    ----------
    system : System
        Whose actors to name.

    Returns
    -------
    mapping of str to str
    """
    return {a.id: a.name for a in system.actors}


def game_power(game: ChamberGame, indices: Iterable[str] | None = None) -> PowerIndices:
    """Exact power indices of a chamber's game (vector-weighted when it has several criteria).

    Parameters
    ----------
    game : ChamberGame
        From :func:`chamber_game`.
    indices : iterable of str or None
        Index names (:data:`factions.analysis.power.INDEX_NAMES`); default all available.

    Returns
    -------
    PowerIndices

    Raises
    ------
    GameError
        The quota exceeds the total weight on some criterion, or an index is not available
        for a vector-weighted game (Johnston).
    """
    if game.is_vector:
        return vector_power_indices(
            [list(w) for w in game.weights], list(game.quotas), names=game.players, indices=indices
        )
    return power_indices(list(game.seats), game.quota, names=game.players, indices=indices)


def chamber_power(system: System) -> dict[str, dict[str, dict[str, float]]]:
    """Normalised Banzhaf and Shapley-Shubik indices of every chamber under every rule.

    Parameters
    ----------
    system : System

    Returns
    -------
    dict
        ``{"chamber/rule": {actor: {"banzhaf": b, "shapley_shubik": s}}}``; exact fractions
        given as floats. A rule no coalition can meet gives everyone 0; a chamber without
        seats is left out.

    References
    ----------
    Banzhaf (1965); Shapley & Shubik (1954); see :mod:`factions.analysis.power`.
    """
    out: dict[str, dict[str, dict[str, float]]] = {}
    wanted = ("banzhaf_normalised", "shapley_shubik")
    for c in system.chambers:
        for r in c.rules:
            try:
                game = chamber_game(system, c.id, r.id)
            except GameError:
                continue
            key = f"{c.id}/{r.id}"
            names = list(game.players)
            if not game.winnable:
                out[key] = {a: {"banzhaf": 0.0, "shapley_shubik": 0.0} for a in names}
                continue
            p = game_power(game, wanted)
            out[key] = {
                a: {
                    "banzhaf": float(p.banzhaf_normalised[i]),  # type: ignore[index]
                    "shapley_shubik": float(p.shapley_shubik[i]),  # type: ignore[index]
                }
                for i, a in enumerate(names)
            }
    return out
