"""Play a scenario on a System for the report and the web UI.

The diff is the scenario diff of :mod:`factions.sim.diff` (:meth:`SystemDiff.to_dict`,
what ``factions scenario --json`` prints), with the scenario's steps written out; the
sections after the scenario come from :func:`factions.report.sections.collect`.
O(cost of the analyses run twice).
"""

from __future__ import annotations

from typing import Any

from factions.model import System
from factions.report import sections as S
from factions.sim.diff import diff_systems
from factions.sim.scenario import Scenario, apply_scenario

__all__ = ["run", "scenario_section"]


def scenario_section(system: System, scenario: Scenario) -> tuple[dict[str, Any], System]:
    """The report's scenario section (``available``, the diff's keys, ``steps``) and the
    system after the scenario.

    Parameters
    ----------
    system : System
        The system before.
    scenario : Scenario
        The scenario to play and diff.

    Returns
    -------
    (dict, System)

    Raises
    ------
    ScenarioError
        A step that cannot be played.
    """
    after = apply_scenario(system, scenario)
    diff = diff_systems(system, after, name=scenario.name, description=scenario.description)
    section = {
        "available": True,
        **diff.to_dict(),
        "steps": [_step_text(s) for s in scenario.steps],
    }
    return section, after


def run(system: System, scenario: Scenario) -> dict[str, Any]:
    """Play ``scenario`` on ``system``: ``diff`` (:func:`scenario_section`), ``after`` (the
    report's sections of the system after it) and ``system`` (that system).

    Parameters
    ----------
    system : System
        The served system.
    scenario : Scenario
        The scenario the web UI posted.

    Returns
    -------
    dict

    Raises
    ------
    ScenarioError
        A step that cannot be played.
    """
    section, after = scenario_section(system, scenario)
    return {"diff": section, "after": S.collect(after), "system": after}


def _step_text(step: Any) -> str:
    data = step.model_dump(exclude_none=True) if hasattr(step, "model_dump") else dict(step)
    op = data.pop("op", "?")
    note = data.pop("note", None)
    args = ", ".join(f"{k}={v}" for k, v in data.items())
    return f"{op}({args})" + (f"  # {note}" if note else "")
