"""The plain seat verdict of a motion, and chamber voting power, on the shared primitives.

:func:`analyse_motion` says whether a motion passes as the system stands: the seats for,
against and undeclared, the seats the rule needs and how many are short, which procedural
routes are open and who is decisive. It reads stances exactly as
:func:`factions.analysis.motions.motion_report` does (:func:`holder_stances`: a listed actor
stands for itself when it holds seats, else for the seat-holding groups it belongs to; the
motion's target's groups oppose unless listed) and judges routes with the same function,
:func:`factions.analysis.motions.judge_route` (a route is
blocked by a required gatekeeper against it, or when the seats not opposed cannot reach its
signature demand), so the two verdicts agree; ``motion_report`` adds the constrained
coalition game. :func:`chamber_power` gives each chamber's exact normalised Banzhaf and
Shapley-Shubik indices per vote rule from :func:`factions.analysis.motions.chamber_game`
and :mod:`factions.analysis.power` (Banzhaf 1965; Shapley & Shubik 1954).

Decisive actors: when the motion passes, the supporters whose seats exceed the margin (the
Banzhaf-critical members of the supporting coalition: without any one of them it fails);
when it fails on seats, the actors not for it whose seats alone would cover the shortfall.

Complexity: ``analyse_motion`` is O(h + a) for h seat holders and a affiliations;
``chamber_power`` is that of the power indices, O(n q) packed-integer operations per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from factions.analysis.motions import chamber_game, holder_stances, judge_route
from factions.analysis.power import GameError, power_indices, vector_power_indices
from factions.model import System

__all__ = ["MotionAnalysis", "analyse_motion", "chamber_power", "holder_stances"]


@dataclass(frozen=True)
class MotionAnalysis:
    """A motion's outcome in one system."""

    motion: str
    chamber: str
    rule: str
    passes: bool
    seats_for: int
    seats_against: int
    seats_abstaining: int
    seats_needed: int
    seats_short: int
    rule_met: bool
    route_open: bool
    open_routes: tuple[str, ...]
    blocking_gatekeepers: tuple[str, ...]
    decisive: tuple[str, ...]
    stances: dict[str, str]


def analyse_motion(
    system: System, motion_id: str, stances: dict[str, str] | None = None
) -> MotionAnalysis:
    """Whether ``motion_id`` passes in ``system`` (see the module docstring).

    ``stances`` overrides the resolved stance of seat holders (``for``/``against``/``abstain``).
    Raises ``KeyError`` for an unknown motion.
    """
    motion = system.motion(motion_id)
    chamber = system.chamber(motion.chamber)
    rule = chamber.rule(motion.rule)
    st = {**holder_stances(system, motion), **(stances or {})}
    seats = chamber.seat_map()
    seats_for = sum(n for a, n in seats.items() if st.get(a) == "for")
    against = sum(n for a, n in seats.items() if st.get(a) == "against")
    needed = rule.seats_needed(chamber.size)
    vetoes_ok = all(st.get(v) == "for" or v in motion.supporters for v in rule.veto_players)
    rule_met = seats_for >= needed and vetoes_ok
    not_opposed = sum(n for a, n in seats.items() if st.get(a) != "against")
    judged = [judge_route(route, seats_for, not_opposed) for route in motion.routes]
    open_routes = [r.route for r in judged if r.status != "blocked"]
    blocking = list(
        dict.fromkeys(
            g.actor
            for route in motion.routes
            for g in route.gatekeepers
            if g.required and g.stance != "for"
        )
    )
    route_open = bool(open_routes) or not motion.routes
    passes = rule_met and route_open
    decisive: list[str] = []
    if rule_met:
        margin = seats_for - needed
        decisive = [a for a, n in seats.items() if st.get(a) == "for" and n > margin]
        decisive += [v for v in rule.veto_players if v not in decisive]
    else:
        short = needed - seats_for
        decisive = sorted(
            (a for a, n in seats.items() if st.get(a) != "for" and n >= short),
            key=lambda a: (-seats[a], a),
        )
    return MotionAnalysis(
        motion=motion.id,
        chamber=chamber.id,
        rule=rule.id,
        passes=passes,
        seats_for=seats_for,
        seats_against=against,
        seats_abstaining=sum(seats.values()) - seats_for - against,
        seats_needed=needed,
        seats_short=max(0, needed - seats_for),
        rule_met=rule_met,
        route_open=route_open,
        open_routes=tuple(open_routes),
        blocking_gatekeepers=tuple(blocking),
        decisive=tuple(decisive),
        stances=st,
    )


def chamber_power(system: System) -> dict[str, dict[str, dict[str, float]]]:
    """``{"chamber/rule": {actor: {"banzhaf": b, "shapley_shubik": s}}}`` for every rule.

    The game is :func:`factions.analysis.motions.chamber_game` (seat holders as players, the
    rule's quota, further criteria and veto players as extra weight columns); indices are
    exact fractions given as floats. A rule no coalition can meet gives everyone 0.
    """
    out: dict[str, dict[str, dict[str, float]]] = {}
    wanted = ("banzhaf_normalized", "shapley_shubik")
    for c in system.chambers:
        for r in c.rules:
            try:
                game = chamber_game(system, c.id, r.id)
            except GameError:
                continue
            key = f"{c.id}/{r.id}"
            names = list(game.players)
            cols = list(zip(*game.weights, strict=True))
            if any(sum(col) < q for col, q in zip(cols, game.quotas, strict=True)):
                out[key] = {a: {"banzhaf": 0.0, "shapley_shubik": 0.0} for a in names}
                continue
            if game.is_vector:
                p = vector_power_indices(
                    [list(w) for w in game.weights], list(game.quotas), names, wanted
                )
            else:
                p = power_indices(list(game.seats), game.quota, names, wanted)
            out[key] = {
                a: {
                    "banzhaf": float(p.banzhaf_normalized[i]),  # type: ignore[index]
                    "shapley_shubik": float(p.shapley_shubik[i]),  # type: ignore[index]
                }
                for i, a in enumerate(names)
            }
    return out
