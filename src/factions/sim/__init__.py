"""Counterfactuals and forecasts: bargaining models, balance dynamics, landscape realignment."""

from factions.sim.bargaining import (
    BargainingResult,
    expected_utility_model,
    forecast,
    spatial_model,
    weighted_mean,
    weighted_median,
)
from factions.sim.diff import SystemDiff, diff_systems, snapshot
from factions.sim.dynamics import (
    ConstrainedDynamicsResult,
    RealignmentResult,
    TriadDynamicsResult,
    complete_signed_graph,
    constrained_triad_dynamics,
    flip_changes,
    ltd_rho_infinity,
    ltd_steady_state,
    realign,
    signed_matrix,
    triad_dynamics,
)
from factions.sim.inputs import (
    BargainingInput,
    BargainingInputError,
    BargainingInputWarning,
    from_arrays,
    from_issue,
)
from factions.sim.montecarlo import SimulationResult, simulate
from factions.sim.scenario import (
    Scenario,
    ScenarioError,
    apply_scenario,
    loads_scenario,
    parse_scenario,
)

__all__ = [
    "Scenario",
    "ScenarioError",
    "SimulationResult",
    "SystemDiff",
    "apply_scenario",
    "diff_systems",
    "loads_scenario",
    "parse_scenario",
    "simulate",
    "snapshot",
    "BargainingInput",
    "BargainingInputError",
    "BargainingInputWarning",
    "BargainingResult",
    "ConstrainedDynamicsResult",
    "RealignmentResult",
    "TriadDynamicsResult",
    "complete_signed_graph",
    "constrained_triad_dynamics",
    "expected_utility_model",
    "flip_changes",
    "forecast",
    "from_arrays",
    "from_issue",
    "ltd_rho_infinity",
    "ltd_steady_state",
    "realign",
    "signed_matrix",
    "spatial_model",
    "triad_dynamics",
    "weighted_mean",
    "weighted_median",
]
