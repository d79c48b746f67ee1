"""Play a scenario on a System and compare what the report shows before and after.

The scenario format and its verbs belong to :mod:`factions.sim.scenario`; this module only
plays a parsed scenario (``apply_scenario``) and diffs the report's sections: ties added,
removed or flipped, the frustration index and triangle balance, actors changing bloc, and
each motion's arithmetic and verdict. When :mod:`factions.sim.diff` is installed its own
diff is included as well. O(cost of the analyses run twice).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from factions.model import System
from factions.report import sections as S


class ScenarioUnavailable(RuntimeError):
    """The scenario module is not installed."""


def _sim() -> Any:
    try:
        return importlib.import_module("factions.sim.scenario")
    except ImportError as exc:
        raise ScenarioUnavailable(
            "not available: factions.sim.scenario has not landed in this installation"
        ) from exc


def load(path: str | Path) -> Any:
    """Read a scenario file (raises the scenario module's ScenarioError on bad input)."""
    return _sim().load_scenario(path)


def parse(data: Any) -> Any:
    """A scenario from plain data (dict) or YAML/JSON text; raises ScenarioError on bad input."""
    sim = _sim()
    if isinstance(data, str):
        return sim.loads_scenario(data)
    return sim.parse_scenario(data)


def scenario_error_types() -> tuple[type[BaseException], ...]:
    """Exception types that mean "this scenario is malformed or cannot be played"."""
    try:
        return (_sim().ScenarioError,)
    except ScenarioUnavailable:
        return ()


def run(system: System, scenario: Any, before: dict[str, Any] | None = None) -> dict[str, Any]:
    """Play ``scenario`` on ``system``; return the diff section and the sections after."""
    after_system = _sim().apply_scenario(system, scenario)
    before = before or S.collect(system)
    after = S.collect(after_system)
    section = diff_sections(system, after_system, before, after)
    section.update(
        name=scenario.name,
        description=getattr(scenario, "description", None),
        steps=[_step_text(s) for s in scenario.steps],
    )
    return {"diff": section, "after": after, "system": after_system}


def _step_text(step: Any) -> str:
    data = step.model_dump(exclude_none=True) if hasattr(step, "model_dump") else dict(step)
    op = data.pop("op", "?")
    note = data.pop("note", None)
    args = ", ".join(f"{k}={v}" for k, v in data.items())
    return f"{op}({args})" + (f"  # {note}" if note else "")


def diff_sections(
    before_system: System, after_system: System, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    """What changed between two systems, as shown by the report's sections."""
    rb = {S.edge_id(r.a, r.b): r for r in before_system.relations}
    ra = {S.edge_id(r.a, r.b): r for r in after_system.relations}
    ties = []
    for k in sorted(set(rb) | set(ra)):
        x, y = rb.get(k), ra.get(k)
        if x is None:
            ties.append({"tie": k, "change": "added", "before": None, "after": y.sign})
        elif y is None:
            ties.append({"tie": k, "change": "removed", "before": x.sign, "after": None})
        elif x.sign != y.sign:
            ties.append({"tie": k, "change": "flipped", "before": x.sign, "after": y.sign})
    actors_b = set(before_system.actor_ids)
    actors_a = set(after_system.actor_ids)
    out: dict[str, Any] = {
        "available": True,
        "ties": ties,
        "actors_added": sorted(actors_a - actors_b),
        "actors_removed": sorted(actors_b - actors_a),
    }
    bb, ba = before["balance"], after["balance"]
    if bb.get("available") and ba.get("available"):
        out["balance"] = [
            {"measure": m, "before": bb[m], "after": ba[m]}
            for m in ("frustration_index", "triangle_balance", "normalised", "negative_edges")
        ]
    else:
        out["balance_note"] = bb.get("reason") or ba.get("reason")
    kb, ka = before["blocs"], after["blocs"]
    if kb.get("available") and ka.get("available"):
        out["bloc_moves"] = _bloc_moves(kb["blocs"], ka["blocs"])
    mb = {m["id"]: m for m in before["motions"].get("motions", [])}
    ma = {m["id"]: m for m in after["motions"].get("motions", [])}
    out["motions"] = [
        {
            "id": k,
            "name": (ma.get(k) or mb.get(k))["name"],
            "needed": (ma.get(k) or mb.get(k))["needed"],
            "for_before": mb[k]["for"] if k in mb else None,
            "for_after": ma[k]["for"] if k in ma else None,
            "against_before": mb[k]["against"] if k in mb else None,
            "against_after": ma[k]["against"] if k in ma else None,
            "verdict_before": mb[k]["verdict"] if k in mb else None,
            "verdict_after": ma[k]["verdict"] if k in ma else None,
        }
        for k in sorted(set(mb) | set(ma))
    ]
    out["changed_outcomes"] = [
        m["id"] for m in out["motions"] if m["verdict_before"] != m["verdict_after"]
    ]
    return out


def _bloc_moves(before: list[list[str]], after: list[list[str]]) -> list[dict[str, Any]]:
    """Actors whose bloc-mates changed (bloc labels are arbitrary, so compare co-membership)."""
    mates_b = {x: frozenset(b) - {x} for b in before for x in b}
    mates_a = {x: frozenset(b) - {x} for b in after for x in b}
    moves = []
    for x in sorted(set(mates_b) & set(mates_a)):
        if mates_b[x] != mates_a[x]:
            moves.append(
                {
                    "actor": x,
                    "left": sorted(mates_b[x] - mates_a[x]),
                    "joined": sorted(mates_a[x] - mates_b[x]),
                }
            )
    return moves
