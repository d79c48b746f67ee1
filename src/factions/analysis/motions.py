"""Can a motion pass, with whom, and who decides? A System's motion as a constrained voting game.

(:mod:`factions.analysis.votes` gives the plain seat verdict of a motion; this module adds
the game: multi-criteria rules and veto players, coalitions constrained by the signed ties,
needed blocs and pivots.)

:func:`chamber_game` turns a chamber and one of its vote rules into a (vector-)weighted game:
the seat holders are the players, the rule's threshold is the quota on seats, each further
criterion of a multi-criteria rule (``members``: one vote per seat holder; or a numeric
actor attribute) adds a weight and a quota, and veto players add a criterion that only they
carry (so every winning coalition must hold all of them).

:func:`motion_report` then reads the motion's supporters and opponents (persons stand for
the seat-holding groups they belong to, through affiliations), derives who will not vote
with whom from the signed relations (:func:`~factions.analysis.coalitions.constraints_from_signed_graph`),
and returns the seats for, against and undeclared (with the ends of uncertain ranges), the
feasible winning coalitions among everyone but the opponents, the blocs every such
coalition needs, the decisive actors, and each route to the vote with its gatekeepers.
It knows nothing about any particular country: everything comes from the system.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from factions.analysis.coalitions import (
    Coalition,
    CoalitionReport,
    coalition_report,
    constraints_from_signed_graph,
    make_game,
    minimal_winning_coalitions,
)
from factions.analysis.power import GameError
from factions.model import Chamber, Motion, Route, System, VoteRule


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
        return self.quotas[0]


def _seat_holders(chamber: Chamber) -> list[tuple[str, int]]:
    return [(h.actor, h.seats) for h in chamber.seats if h.seats > 0]


def chamber_game(system: System, chamber_id: str, rule_id: str | None = None) -> ChamberGame:
    """The weighted game of ``chamber_id`` under ``rule_id`` (default: its first rule, or an
    absolute majority when it has none). Raises :class:`GameError` for an unknown chamber or
    rule, a chamber without seats, or an attribute criterion an actor lacks. ``O(n c)``."""
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
    if not holders:
        raise GameError(f"chamber {chamber_id!r} lists no seats")
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
    """The seat holders an actor stands for: itself, or the holding groups it belongs to."""
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
        return max(0, self.seats_needed - self.seats_for)


def holder_stances(system: System, motion: Motion) -> dict[str, str]:
    """The stance (``for``/``against``/``abstain``) of every seat holder of the motion's chamber.

    Each listed opponent, then each listed supporter (supporters win a conflict), marks the
    seat holders it stands for (:func:`seat_holders_of`: itself when it holds seats, else the
    seat-holding groups it belongs to); the holders the motion's target stands for oppose
    unless already marked; everyone else abstains. Holders in chamber order. O(h + a).
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
    """Analyse ``motion_id`` of ``system``.

    * seats for / against / undeclared from the motion's supporters and opponents;
    * ``supporters_win``: the supporters together meet every criterion of the rule;
    * ``can_pass``: some feasible coalition of non-opponents wins (forbidden pairs are negative
      ties of strength ``>= forbid_at``; bound pairs positive ties of strength ``>= bind_at``);
    * each route is ``blocked`` when a required gatekeeper is against or the non-opponents
      cannot reach its signatures, ``open`` when every prerequisite is met (``Route.met``), every
      required gatekeeper is for and the
      supporters reach the signatures, ``uncertain`` otherwise;
    * ``passes``: the supporters win and some route is not blocked;
    * ``decisive``: when the supporters win, those whose defection alone would sink them;
      when they fall short, the blocs of the smallest additions that would carry the motion
      (``completions``), most frequent across all minimal additions first; when no addition
      can, the actors pivotal in the most feasible winning coalitions;
      ``needed``: actors in every feasible winning coalition.

    The motion is read in the system as of its date when it has one. Coalition listing is
    output-sensitive (see :mod:`factions.analysis.coalitions`).
    """
    try:
        motion: Motion = system.motion(motion_id)
    except KeyError:
        known = ", ".join(m.id for m in system.motions) or "none"
        raise GameError(f"no motion {motion_id!r} in the system (motions: {known})") from None
    view = system.at(motion.date) if motion.date else system
    game = chamber_game(view, motion.chamber, motion.rule)
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
    if _unwinnable(game):
        # fewer seats are held than the rule needs (a part-filled chamber, or parties removed
        # by a scenario): no coalition can win, which is an answer, not an input error
        sup_coal = _plain_coalition(game, sup)
        report = CoalitionReport(
            quota=game.quotas,
            can_win=False,
            winning=(),
            needed=(),
            decisive={},
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
        decisive = tuple(report.decisive)
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


def _unwinnable(game: ChamberGame) -> bool:
    """Whether even all seat holders together miss some quota of the rule."""
    return any(q > sum(w[k] for w in game.weights) for k, q in enumerate(game.quotas))


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
    """Display names by actor id."""
    return {a.id: a.name for a in system.actors}
