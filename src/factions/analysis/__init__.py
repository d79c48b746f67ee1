"""Analyses of a signed political system: pure functions over plain inputs, no I/O.

Every function takes a NetworkX graph with a ``sign`` edge attribute (optional ``weight``),
a :class:`~factions.analysis.signed_graph.SignedGraph` or a ``System``
(:data:`~factions.analysis.signed_graph.GraphLike`), or plain weights and quotas, and
returns plain dataclasses, each with a ``to_dict()`` (docs/results.md). Files are read by
:mod:`factions.io`. The whole API is importable from here:

* :mod:`.balance`: triad census, balance degrees, :func:`balance_report`;
* :mod:`.frustration`: the exact frustration index (Aref, Mason & Wilson);
* :mod:`.blocs`: k-bloc partitions (Doreian & Mrvar);
* :mod:`.brokers`: brokers, removal effects, tie flips, positive betweenness;
* :mod:`.landscape`: Axelrod-Bennett landscape theory;
* :mod:`.power`: exact power indices of weighted and vector-weighted games;
* :mod:`.coalitions`: winning coalitions under "will not / will vote together" constraints;
* :mod:`.motions`: a chamber's game and the one motion verdict (:func:`motion_report`);
* :mod:`.signed_graph`, :mod:`.serial`: input normalisation and JSON values.

>>> import networkx as nx
>>> from factions.analysis import frustration_index
>>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}), ("a", "c", {"sign": -1})])
>>> frustration_index(g).frustration_index
1.0
"""

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
from factions.analysis.blocs import (
    BlocPartition,
    bloc_error,
    k_bloc_partition,
)
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
from factions.analysis.coalitions import (
    Coalition,
    CoalitionReport,
    Game,
    Pair,
    coalition_report,
    constraints_from_signed_graph,
    make_game,
    maximal_feasible_coalitions,
    minimal_winning_coalitions,
    minimum_winning_coalition,
    pivotal_members,
)
from factions.analysis.frustration import (
    FrustrationResult,
    frustration_brute_force,
    frustration_index,
    frustration_of_partition,
    next_best_partition,
    textbook_frustration_milp,
    two_colouring,
)
from factions.analysis.landscape import (
    Landscape,
    LandscapeInput,
    StableAlignment,
    energy,
    global_minimum,
    landscape,
)
from factions.analysis.motions import (
    DEFAULT_LIMIT,
    ChamberGame,
    MotionReport,
    RouteStatus,
    actor_names,
    chamber_game,
    chamber_power,
    game_power,
    holder_stances,
    judge_route,
    motion_report,
    seat_holders_of,
)
from factions.analysis.power import (
    INDEX_NAMES,
    GameError,
    PowerIndices,
    banzhaf,
    coleman,
    deegan_packel,
    dual_quota,
    dummy_players,
    holler_pgi,
    johnston,
    n_minimal_winning,
    power_indices,
    raw_swings,
    shapley_shubik,
    validate_game,
    validate_vector_game,
    vector_power_indices,
    veto_players,
)
from factions.analysis.serial import (
    json_data,
    json_number,
    json_pairs,
)
from factions.analysis.signed_graph import (
    GraphLike,
    SignedGraph,
    SignedInputError,
    add_tie,
    as_signed_graph,
    check_sign,
    check_weight,
    from_networkx,
    spectral_sides,
)

__all__ = [
    "DEFAULT_LIMIT",
    "INDEX_NAMES",
    "BalanceReport",
    "BlocPartition",
    "BrokerReport",
    "BrokerScore",
    "ChamberGame",
    "Coalition",
    "CoalitionReport",
    "FrustrationResult",
    "Game",
    "GameError",
    "GraphLike",
    "Landscape",
    "LandscapeInput",
    "MotionReport",
    "Pair",
    "PowerIndices",
    "RouteStatus",
    "SignedGraph",
    "SignedInputError",
    "StableAlignment",
    "TieFlip",
    "TriadCensus",
    "actor_names",
    "add_tie",
    "algebraic_conflict",
    "as_signed_graph",
    "balance_report",
    "banzhaf",
    "bloc_error",
    "brokers",
    "chamber_game",
    "chamber_power",
    "check_sign",
    "check_weight",
    "coalition_report",
    "coleman",
    "constraints_from_signed_graph",
    "deegan_packel",
    "dual_quota",
    "dummy_players",
    "energy",
    "from_networkx",
    "frustration_brute_force",
    "frustration_index",
    "frustration_of_partition",
    "game_power",
    "global_minimum",
    "holder_stances",
    "holler_pgi",
    "is_balanced",
    "johnston",
    "json_data",
    "json_number",
    "json_pairs",
    "judge_route",
    "k_bloc_partition",
    "landscape",
    "make_game",
    "maximal_feasible_coalitions",
    "minimal_winning_coalitions",
    "minimum_winning_coalition",
    "motion_report",
    "n_minimal_winning",
    "next_best_partition",
    "pivotal_members",
    "pn_centrality",
    "positive_betweenness",
    "power_indices",
    "raw_swings",
    "removal_effects",
    "seat_holders_of",
    "shapley_shubik",
    "spectral_sides",
    "textbook_frustration_milp",
    "tie_flip_effects",
    "triad_census",
    "triangle_balance",
    "two_colouring",
    "unbalanced_triangles",
    "validate_game",
    "validate_vector_game",
    "vector_power_indices",
    "veto_players",
    "walk_balance",
]
