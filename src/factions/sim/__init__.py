"""Counterfactuals and forecasts: bargaining models, balance dynamics, landscape realignment."""

from factions.sim.bargaining import (
    BargainingResult,
    expected_utility_model,
    forecast,
    spatial_model,
    weighted_mean,
    weighted_median,
)
from factions.sim.dynamics import (
    RealignmentResult,
    TriadDynamicsResult,
    complete_signed_graph,
    ltd_rho_infinity,
    ltd_steady_state,
    realign,
    signed_matrix,
    triad_dynamics,
)
from factions.sim.issues_io import (
    BargainingInput,
    BargainingInputError,
    BargainingInputWarning,
    from_arrays,
    from_issue,
    read_actor_csv,
    read_bargaining,
    read_ktab_csv,
    read_ktab_xml,
)

__all__ = [
    "BargainingInput",
    "BargainingInputError",
    "BargainingInputWarning",
    "BargainingResult",
    "RealignmentResult",
    "TriadDynamicsResult",
    "complete_signed_graph",
    "expected_utility_model",
    "forecast",
    "from_arrays",
    "from_issue",
    "ltd_rho_infinity",
    "ltd_steady_state",
    "read_actor_csv",
    "read_bargaining",
    "read_ktab_csv",
    "read_ktab_xml",
    "realign",
    "signed_matrix",
    "spatial_model",
    "triad_dynamics",
    "weighted_mean",
    "weighted_median",
]
