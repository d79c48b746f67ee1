"""The model: the hub every layer reads and writes. Imports nothing else of factions.

>>> from factions.model import System, Actor, Relation
>>> s = System(actors=[Actor(id="a", name="A"), Actor(id="b", name="B")],
...            relations=[Relation(a="b", b="a", sign=-1, kind="rivalry")])
>>> s.relation("a", "b").sign
-1
"""

from factions.model.actors import Actor, ActorKind, normalise_alias
from factions.model.affiliations import Affiliation
from factions.model.base import ActorId, PartialDate, slugify
from factions.model.fusion import (
    Fusion,
    FusionPolicy,
    Observation,
    fuse,
    merge_relations,
)
from factions.model.institutions import (
    Chamber,
    Criterion,
    Gatekeeper,
    Motion,
    Route,
    SeatHolding,
    VoteRule,
)
from factions.model.io import (
    SystemFileError,
    dumps_system,
    load_system,
    loads_system,
    parse_system,
    save_system,
    system_schema,
)
from factions.model.issues import Issue, Position
from factions.model.relations import Evidence, Relation, Sign, pair_key
from factions.model.system import System, aggregate_relations, reference_problems

__all__ = [
    "Actor",
    "ActorId",
    "ActorKind",
    "Affiliation",
    "Chamber",
    "Criterion",
    "Evidence",
    "Fusion",
    "FusionPolicy",
    "Gatekeeper",
    "Issue",
    "Motion",
    "Observation",
    "PartialDate",
    "Position",
    "Relation",
    "Route",
    "SeatHolding",
    "Sign",
    "System",
    "SystemFileError",
    "VoteRule",
    "aggregate_relations",
    "dumps_system",
    "fuse",
    "load_system",
    "loads_system",
    "merge_relations",
    "normalise_alias",
    "pair_key",
    "parse_system",
    "reference_problems",
    "save_system",
    "slugify",
    "system_schema",
]
