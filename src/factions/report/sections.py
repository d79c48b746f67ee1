"""What the report and the web UI show, as plain JSON-ready dicts computed from a System.

Each section is a dict with ``available`` (bool) and, when it is false, ``reason``: a plain
sentence saying which module or which data is missing. Nothing is estimated or made up when
an analysis is unavailable; the section says so instead. The analyses themselves live in
``factions.analysis`` and ``factions.sim`` and are imported lazily here, so the report works
(with "not available" notes) while parts of the library are missing.

Complexity: dominated by the analyses called (the exact frustration index and the k-bloc
partition are NP-hard, solved exactly by HiGHS with a time limit); the rest is O(n + m + E)
for n actors, m relations and E evidence items.
"""

from __future__ import annotations

import importlib
import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from factions.model import System

Section = dict[str, Any]

# Time limits (seconds) for the NP-hard analyses, so a report always finishes.
TIME_LIMIT = 10.0
MAX_BLOCS = 4


def unavailable(reason: str) -> Section:
    """A section that could not be computed, with the reason shown to the reader."""
    return {"available": False, "reason": reason}


def _module(name: str) -> Any | None:
    """The module ``name`` if it is importable, else ``None``."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _missing(name: str) -> Section:
    return unavailable(f"not available: {name} has not landed in this installation")


def _guard(fn: Callable[[], Section], what: str) -> Section:
    """Run a section builder; a failing analysis becomes a "not available" note, not a crash."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - any analysis failure is reported, not raised
        return unavailable(f"not available: {what} failed ({type(exc).__name__}: {exc})")


def _num(x: Any) -> Any:
    """JSON-safe number: NaN and infinities become ``None``."""
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    return x


def edge_id(a: str, b: str) -> str:
    """Stable id of the tie between ``a`` and ``b`` (sorted pair joined by ``|``)."""
    x, y = sorted((a, b))
    return f"{x}|{y}"


# --------------------------------------------------------------------------- seats


def seats_by_actor(system: System) -> dict[str, int]:
    """Seats each actor holds, summed over chambers (0 when it holds none)."""
    total: Counter[str] = Counter()
    for c in system.chambers:
        for h in c.seats:
            total[h.actor] += h.seats
    return dict(total)


# --------------------------------------------------------------------------- analyses


def balance_section(system: System) -> Section:
    """Triad census, balance degrees and the exact frustration index (unweighted)."""
    if _module("factions.analysis.balance") is None:
        return _missing("factions.analysis.balance")

    def build() -> Section:
        from factions.analysis.balance import balance_report

        g = system.to_networkx()
        for _, _, d in g.edges(data=True):
            d["weight"] = 1.0
        rep = balance_report(g, time_limit=TIME_LIMIT)
        fr = rep.frustration
        return {
            "available": True,
            "nodes": rep.nodes,
            "edges": rep.edges,
            "negative_edges": rep.negative_edges,
            "triads": rep.triads.as_dict(),
            "triangle_balance": _num(rep.triangle_balance),
            "walk_balance": _num(rep.walk_balance),
            "algebraic_conflict": _num(rep.algebraic_conflict),
            "frustration_index": _num(fr.frustration_index),
            "optimal": fr.optimal,
            "lower_bound": _num(fr.lower_bound),
            "gap": _num(fr.gap),
            "normalised": _num(rep.normalised_frustration),
            "partition": [[str(x) for x in side] for side in fr.partition],
            "frustrated_edges": [edge_id(str(a), str(b)) for a, b in fr.frustrated_edges],
        }

    if not system.relations:
        return unavailable("not available: the system has no relations")
    return _guard(build, "the balance analysis")


def blocs_section(system: System) -> Section:
    """The best partition into at most ``MAX_BLOCS`` blocs (Doreian & Mrvar 1996 error)."""
    if _module("factions.analysis.blocs") is None:
        return _missing("factions.analysis.blocs")
    if not system.relations:
        return unavailable("not available: the system has no relations")

    def build() -> Section:
        from factions.analysis.blocs import k_bloc_partition

        g = system.to_networkx(include_isolates=False)
        part = k_bloc_partition(g, k=min(MAX_BLOCS, g.number_of_nodes()), time_limit=TIME_LIMIT)
        blocs = [[str(x) for x in b] for b in part.blocs]
        return {
            "available": True,
            "k": len(blocs),
            "blocs": blocs,
            "error": _num(part.error),
            "negative_within": _num(part.negative_within),
            "positive_between": _num(part.positive_between),
            "optimal": part.optimal,
            "method": part.method,
            "assignment": {x: i + 1 for i, b in enumerate(blocs) for x in b},
        }

    return _guard(build, "the bloc partition")


def brokers_section(system: System) -> Section:
    """Brokers ranked by how much their exit would lower frustration (factions.analysis.brokers)."""
    if _module("factions.analysis.brokers") is None:
        return _missing("factions.analysis.brokers")
    if not system.relations:
        return unavailable("not available: the system has no relations")

    def build() -> Section:
        from factions.analysis.brokers import brokers

        g = system.to_networkx(include_isolates=False)
        for _, _, d in g.edges(data=True):
            d["weight"] = 1.0
        rep = brokers(g, time_limit=TIME_LIMIT, tie_flips=False)
        cols = [
            "actor",
            "name",
            "bloc",
            "removal_effect",
            "frustrated_ties",
            "positive_across",
            "negative_within",
            "positive_betweenness",
            "pn",
        ]
        rows = [
            {
                "actor": str(b.actor),
                "name": _name(system, str(b.actor)),
                "bloc": b.bloc,
                "removal_effect": _num(b.removal_effect),
                "frustrated_ties": _num(b.frustrated_ties),
                "positive_across": _num(b.positive_across),
                "negative_within": _num(b.negative_within),
                "positive_betweenness": _num(round(b.positive_betweenness, 4)),
                "pn": _num(round(b.pn, 4)) if b.pn is not None else None,
            }
            for b in rep.actors
        ]
        return {"available": True, "rows": rows, "columns": cols, "notes": list(rep.notes)}

    return _guard(build, "the broker analysis")


# --------------------------------------------------------------------------- network


def network_section(
    system: System, balance: Section | None = None, blocs: Section | None = None
) -> Section:
    """Cytoscape.js elements: actors with bloc, seats and size; ties with sign and evidence."""
    seats = seats_by_actor(system)
    degree: Counter[str] = Counter()
    for r in system.relations:
        degree[r.a] += 1
        degree[r.b] += 1
    assignment = (blocs or {}).get("assignment", {}) if (blocs or {}).get("available") else {}
    frustrated = (
        set((balance or {}).get("frustrated_edges", []))
        if (balance or {}).get("available")
        else set()
    )
    size_by = "seats" if any(seats.values()) else "degree"
    scale = max((seats if size_by == "seats" else degree).values(), default=0) or 1
    nodes = []
    for a in system.actors:
        value = seats.get(a.id, 0) if size_by == "seats" else degree.get(a.id, 0)
        nodes.append(
            {
                "data": {
                    "id": a.id,
                    "name": a.name,
                    "kind": str(a.kind),
                    "external_id": a.external_id or "",
                    "aliases": list(a.aliases[:8]),
                    "bloc": assignment.get(a.id, 0),
                    "seats": seats.get(a.id, 0),
                    "degree": degree.get(a.id, 0),
                    "size": round(24 + 40 * math.sqrt(value / scale), 2),
                }
            }
        )
    edges = []
    for r in system.relations:
        eid = edge_id(r.a, r.b)
        dates = sorted(e.date for e in r.evidence if e.date)
        edges.append(
            {
                "data": {
                    "id": eid,
                    "source": r.a,
                    "target": r.b,
                    "sign": r.sign,
                    "kind": r.kind,
                    "strength": r.strength,
                    "confidence": r.confidence,
                    "evidence_count": len(r.evidence),
                    "frustrated": eid in frustrated,
                    "start": _span(r, dates)[0],
                    "end": _span(r, dates)[1],
                }
            }
        )
    return {
        "available": True,
        "size_by": size_by,
        "blocs_known": bool(assignment),
        "frustrated_known": bool((balance or {}).get("available")),
        "nodes": nodes,
        "edges": edges,
    }


def _span(r: Any, dates: list[str]) -> tuple[str | None, str | None]:
    """The tie's time span: its own start/end when it has one (open ends stay open), else
    the range of its dated evidence, else fully open."""
    if r.start or r.end:
        return r.start, r.end
    return (dates[0], dates[-1]) if dates else (None, None)


# --------------------------------------------------------------------------- votes


def seats_section(system: System) -> Section:
    """Seats per chamber (from the system file) and power indices when the module has landed."""
    if not system.chambers:
        return unavailable("not available: the system has no chambers")
    power = _module("factions.analysis.power")
    chambers = []
    for c in system.chambers:
        rows = [
            {
                "actor": h.actor,
                "name": _name(system, h.actor),
                "seats": h.seats,
                "share": round(h.seats / c.size, 4),
                "range": f"{h.low if h.low is not None else h.seats}-{h.high if h.high is not None else h.seats}"
                if h.uncertain
                else None,
            }
            for h in c.seats
        ]
        indices = power_indices(c, power)
        for t in indices.get("tables", []):
            for row in t["rows"]:
                row["name"] = _name(system, row["actor"])
            t["columns"] = ["name", *t["columns"][1:]]
        chambers.append(
            {
                "id": c.id,
                "name": c.name,
                "size": c.size,
                "unallocated": c.unallocated,
                "rules": [
                    {
                        "id": r.id,
                        "name": r.name or r.id,
                        "threshold": r.threshold,
                        "needed": r.seats_needed(c.size),
                    }
                    for r in c.rules
                ],
                "seats": rows,
                "power": indices,
            }
        )
    return {"available": True, "chambers": chambers}


POWER_INDICES = ("banzhaf_normalized", "shapley_shubik", "deegan_packel", "holler_pgi", "johnston")


def power_indices(chamber: Any, power: Any | None) -> Section:
    """Exact power indices of the chamber's seat holders under each of its vote rules.

    For each rule, the weighted game ``[quota; seats]`` with the quota the rule needs
    (:meth:`VoteRule.seats_needed`), computed by ``factions.analysis.power.power_indices``
    (exact fractions; shown as decimals with the fraction kept in ``fractions``). Rules with
    further criteria (vector games) or veto players are listed in ``skipped`` with the reason.
    """
    if power is None:
        return _missing("factions.analysis.power")
    if not chamber.rules:
        return unavailable("not available: the chamber has no vote rule")
    holders = [h for h in chamber.seats if h.seats > 0]
    if not holders:
        return unavailable("not available: no actor holds seats")

    def table(rule: Any) -> Section:
        quota = rule.seats_needed(chamber.size)
        res = power.power_indices(
            [h.seats for h in holders],
            quota,
            names=[h.actor for h in holders],
            indices=POWER_INDICES,
        )
        rows = []
        for i, h in enumerate(holders):
            row: dict[str, Any] = {"actor": h.actor, "seats": h.seats}
            fractions = {}
            for name in POWER_INDICES:
                v = res.index(name)[i]
                row[name] = round(float(v), 4)
                fractions[name] = f"{v.numerator}/{v.denominator}"
            row["fractions"] = fractions
            rows.append(row)
        return {
            "rule": rule.id,
            "quota": quota,
            "rows": rows,
            "columns": ["actor", "seats", *POWER_INDICES],
        }

    def build() -> Section:
        tables, skipped = [], []
        for rule in chamber.rules:
            if rule.criteria:
                skipped.append(f"{rule.id}: several criteria (a vector game)")
            elif rule.veto_players:
                skipped.append(f"{rule.id}: veto players")
            else:
                tables.append(table(rule))
        if not tables:
            return unavailable("not available: " + "; ".join(skipped))
        return {"available": True, **tables[0], "tables": tables, "skipped": skipped}

    return _guard(build, "the power indices")


def _name(system: System, actor_id: str) -> str:
    try:
        return system.actor(actor_id).name
    except KeyError:
        return actor_id


def motion_arithmetic(system: System, motion: Any) -> dict[str, Any]:
    """Seats for, against and undecided on a motion against the seats its rule needs.

    Seats come from the chamber's seat list: supporters' and opponents' seats as the system
    file states them; every other seat (including unallocated ones) counts as undecided.
    ``verdict`` is ``passes`` when the supporters alone reach the threshold, ``fails`` when
    the opponents alone make it unreachable, else ``open``. O(seats).
    """
    chamber = system.chamber(motion.chamber)
    rule = chamber.rule(motion.rule)
    seat_map = chamber.seat_map()
    needed = rule.seats_needed(chamber.size)
    sup = [(a, seat_map.get(a, 0)) for a in motion.supporters]
    opp = [(a, seat_map.get(a, 0)) for a in motion.opponents]
    n_for = sum(s for _, s in sup)
    n_against = sum(s for _, s in opp)
    undecided = chamber.size - n_for - n_against
    if n_for >= needed:
        verdict = "passes"
    elif n_for + undecided < needed:
        verdict = "fails"
    else:
        verdict = "open"
    return {
        "id": motion.id,
        "name": motion.name or motion.id,
        "chamber": chamber.id,
        "chamber_name": chamber.name,
        "rule": rule.id,
        "threshold": rule.threshold,
        "size": chamber.size,
        "needed": needed,
        "for": n_for,
        "against": n_against,
        "undecided": undecided,
        "supporters": [{"actor": a, "name": _name(system, a), "seats": s} for a, s in sup],
        "opponents": [{"actor": a, "name": _name(system, a), "seats": s} for a, s in opp],
        "short_by": max(0, needed - n_for),
        "verdict": verdict,
        "target": motion.target,
        "gatekeepers": [
            {
                "route": route.id,
                "actor": g.actor,
                "name": _name(system, g.actor),
                "role": g.role,
                "stance": g.stance,
                "required": g.required,
                "condition": g.condition,
                "signatures": g.signatures,
            }
            for route in motion.routes
            for g in route.gatekeepers
        ],
        "routes": [
            {
                "id": r.id,
                "name": r.name or r.id,
                "signatures": r.signatures,
                "prerequisites": list(r.prerequisites),
            }
            for r in motion.routes
        ],
    }


def motions_section(system: System) -> Section:
    """Each motion's vote arithmetic.

    With ``factions.analysis.votes`` installed, its :func:`analyse_motion` decides (stances
    resolved through affiliations, routes and gatekeepers); otherwise the seats of the
    motion's listed supporters and opponents are summed (:func:`motion_arithmetic`) and the
    section says that routes were not checked.
    """
    if not system.motions:
        return unavailable("not available: the system has no motions")
    votes = _module("factions.analysis.votes")
    out = []
    for m in system.motions:
        row = motion_arithmetic(system, m)
        if votes is not None:
            seat_map = system.chamber(m.chamber).seat_map()
            try:
                res = votes.analyse_motion(system, m.id)
            except Exception as exc:  # noqa: BLE001 - shown, not raised
                row["method"] = f"seats of listed supporters (analyse_motion failed: {exc})"
            else:
                row.update(
                    {
                        "for": res.seats_for,
                        "against": res.seats_against,
                        "undecided": row["size"] - res.seats_for - res.seats_against,
                        "needed": res.seats_needed,
                        "short_by": res.seats_short,
                        "verdict": "passes" if res.passes else "fails",
                        "rule_met": res.rule_met,
                        "route_open": res.route_open,
                        "open_routes": list(res.open_routes),
                        "blocking_gatekeepers": [
                            _name(system, x) for x in res.blocking_gatekeepers
                        ],
                        "decisive": [_name(system, x) for x in res.decisive],
                        "supporters": _by_stance(system, res.stances, "for", seat_map),
                        "opponents": _by_stance(system, res.stances, "against", seat_map),
                        "method": "factions.analysis.votes.analyse_motion",
                    }
                )
        else:
            row["method"] = (
                "seats of listed supporters (factions.analysis.votes not installed; routes not checked)"
            )
        out.append(row)
    return {"available": True, "motions": out}


def _by_stance(
    system: System, stances: dict[str, str], stance: str, seats: dict[str, int]
) -> list[dict[str, Any]]:
    return [
        {"actor": a, "name": _name(system, a), "seats": seats.get(a, 0)}
        for a, s in stances.items()
        if s == stance
    ]


# --------------------------------------------------------------------------- evidence, time


def evidence_section(system: System) -> Section:
    """One row per (tie, evidence): the sentence, its document and date."""
    rows = []
    for r in system.relations:
        for e in r.evidence:
            rows.append(
                {
                    "tie": edge_id(r.a, r.b),
                    "a": r.a,
                    "b": r.b,
                    "a_name": _name(system, r.a),
                    "b_name": _name(system, r.b),
                    "sign": r.sign,
                    "kind": r.kind,
                    "sentence": e.sentence,
                    "quote": e.quote,
                    "doc_id": e.doc_id,
                    "start": e.start,
                    "end": e.end,
                    "date": e.date,
                    "source": e.source,
                }
            )
        if not r.evidence and r.sources:
            rows.append(
                {
                    "tie": edge_id(r.a, r.b),
                    "a": r.a,
                    "b": r.b,
                    "a_name": _name(system, r.a),
                    "b_name": _name(system, r.b),
                    "sign": r.sign,
                    "kind": r.kind,
                    "sentence": None,
                    "quote": None,
                    "doc_id": None,
                    "start": None,
                    "end": None,
                    "date": None,
                    "source": "; ".join(r.sources),
                }
            )
    if not rows:
        return unavailable("not available: no relation in the system carries evidence or a source")
    return {"available": True, "rows": rows}


def trajectories_section(system: System) -> Section:
    """Relations with a time span (start/end, or dated evidence), for a timeline plot."""
    rows = []
    for r in system.relations:
        dates = sorted(e.date for e in r.evidence if e.date)
        start, end = _span(r, dates)
        if start or end:
            rows.append(
                {
                    "tie": edge_id(r.a, r.b),
                    "label": f"{_name(system, r.a)} - {_name(system, r.b)}",
                    "sign": r.sign,
                    "start": start,
                    "end": end,
                    "evidence_dates": dates,
                }
            )
    if not rows:
        return unavailable("not available: no relation has a time span or dated evidence")
    return {"available": True, "rows": rows}


def store_trajectories(db_path: Any, window: str = "quarter") -> Section:
    """Each tie window by window, from a corpus store (``factions.store.build``).

    One row per pair with, for every window in which the pair has evidence, its sign,
    strength and confidence as the store weighs them; ``flips`` lists sign changes.
    """
    if _module("factions.store") is None:
        return _missing("factions.store")

    def build_section() -> Section:
        from factions.store import build

        built = build(db_path, window=window)
        labels = [bw.window.label if bw.window is not None else "all" for bw in built]
        rows: dict[str, dict[str, Any]] = {}
        for label, bw in zip(labels, built, strict=True):
            names = {a.id: a.name for a in bw.system.actors}
            for r in bw.system.relations:
                tie = edge_id(r.a, r.b)
                row = rows.setdefault(
                    tie,
                    {
                        "tie": tie,
                        "label": f"{names.get(r.a, r.a)} - {names.get(r.b, r.b)}",
                        "points": {},
                    },
                )
                row["points"][label] = {
                    "sign": r.sign,
                    "strength": r.strength,
                    "confidence": r.confidence,
                }
        if not rows:
            return unavailable("not available: the store has no dated relation")
        ordered = sorted(rows.values(), key=lambda x: (-len(x["points"]), x["label"]))
        flips = [
            {"window": label, **f}
            for label, bw in zip(labels, built, strict=True)
            for f in bw.flips
            if isinstance(f, dict)
        ]
        return {
            "available": True,
            "kind": "windows",
            "window": window,
            "windows": labels,
            "rows": ordered,
            "flips": flips,
        }

    return _guard(build_section, "the store's time windows")


# --------------------------------------------------------------------------- everything


def summary_section(system: System) -> Section:
    signs = Counter(r.sign for r in system.relations)
    return {
        "available": True,
        "name": system.name,
        "description": system.description,
        "date": system.date,
        "actors": len(system.actors),
        "relations": len(system.relations),
        "positive": signs.get(1, 0),
        "negative": signs.get(-1, 0),
        "evidence": sum(len(r.evidence) for r in system.relations),
        "affiliations": len(system.affiliations),
        "chambers": len(system.chambers),
        "motions": len(system.motions),
        "issues": len(system.issues),
        "sources": list(system.sources),
    }


def collect(system: System, *, trajectories: Section | None = None) -> dict[str, Section]:
    """Every section of the report for one System (no scenario).

    ``trajectories`` replaces the relation-span timeline (e.g. by :func:`store_trajectories`).
    """
    balance = balance_section(system)
    blocs = blocs_section(system)
    return {
        "summary": summary_section(system),
        "network": network_section(system, balance, blocs),
        "balance": balance,
        "blocs": blocs,
        "brokers": brokers_section(system),
        "seats": seats_section(system),
        "motions": motions_section(system),
        "evidence": evidence_section(system),
        "trajectories": trajectories if trajectories is not None else trajectories_section(system),
    }
