"""Analyses of a signed political system: pure functions over plain inputs.

Every function takes a NetworkX graph with a ``sign`` edge attribute (optional ``weight``),
a :class:`~factions.analysis.signed_graph.SignedGraph`, a ``System`` or a file path, and
returns plain dataclasses. Modules: :mod:`.balance` (triads, balance degrees),
:mod:`.frustration` (exact frustration index), :mod:`.blocs` (k-bloc partitions),
:mod:`.landscape` (Axelrod-Bennett landscape theory), :mod:`.brokers` (brokers, gateways);
:mod:`.power` and :mod:`.coalitions` (voting power, coalitions) live beside them.
"""

from __future__ import annotations

from factions.analysis.balance import (
    BalanceReport,
    TriadCensus,
    algebraic_conflict,
    balance_report,
    is_balanced,
    triad_census,
    triangle_balance,
    unbalanced_triangles,
    walk_balance,
)
from factions.analysis.blocs import BlocPartition, bloc_error, k_bloc_partition
from factions.analysis.brokers import (
    BrokerReport,
    BrokerScore,
    TieFlip,
    brokers,
    pn_centrality,
    positive_betweenness,
    removal_effects,
    tie_flip_effects,
)
from factions.analysis.frustration import (
    FrustrationResult,
    frustration_brute_force,
    frustration_index,
    frustration_of_partition,
    next_best_partition,
    textbook_frustration_milp,
)
from factions.analysis.landscape import (
    Landscape,
    LandscapeInput,
    StableAlignment,
    energy,
    global_minimum,
    landscape,
)
from factions.analysis.signed_graph import SignedGraph, SignedInputError, as_signed_graph

__all__ = [
    "BalanceReport",
    "BlocPartition",
    "BrokerReport",
    "BrokerScore",
    "FrustrationResult",
    "Landscape",
    "LandscapeInput",
    "SignedGraph",
    "SignedInputError",
    "StableAlignment",
    "TieFlip",
    "TriadCensus",
    "algebraic_conflict",
    "as_signed_graph",
    "balance_report",
    "bloc_error",
    "brokers",
    "energy",
    "frustration_brute_force",
    "frustration_index",
    "frustration_of_partition",
    "global_minimum",
    "is_balanced",
    "k_bloc_partition",
    "landscape",
    "next_best_partition",
    "pn_centrality",
    "positive_betweenness",
    "removal_effects",
    "textbook_frustration_milp",
    "tie_flip_effects",
    "triad_census",
    "triangle_balance",
    "unbalanced_triangles",
    "walk_balance",
]
