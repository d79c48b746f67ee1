"""Named, registered rule units that read relations and affiliations off a parse.

One family a module: :mod:`~factions.text.rules.verbs`, :mod:`~factions.text.rules.nouns`,
:mod:`~factions.text.rules.adjectives`, :mod:`~factions.text.rules.frames`,
:mod:`~factions.text.rules.affiliations`, :mod:`~factions.text.rules.stances`,
:mod:`~factions.text.rules.tables`; the argument machinery they share is
:mod:`~factions.text.rules.arguments`, the registry and the readers
:mod:`~factions.text.rules.registry`. Every finding names its unit (``Finding.rule``);
``disabled`` switches units off. ``docs/rules.md`` lists every unit.
"""

from factions.text.rules import (  # noqa: F401
    adjectives,
    affiliations,
    frames,
    nouns,
    stances,
    tables,
    verbs,
)
from factions.text.rules.arguments import CONFIDENCE, AffiliationFinding, Finding, Reader
from factions.text.rules.registry import (
    READS,
    RULES,
    RuleUnit,
    UnknownRuleError,
    check_rule_names,
    fingerprint,
    read_affiliations,
    read_relations,
    read_table_findings,
    register,
    rules_markdown,
    units,
)

__all__ = [
    "CONFIDENCE",
    "READS",
    "RULES",
    "AffiliationFinding",
    "Finding",
    "Reader",
    "RuleUnit",
    "UnknownRuleError",
    "check_rule_names",
    "fingerprint",
    "read_affiliations",
    "read_relations",
    "read_table_findings",
    "register",
    "rules_markdown",
    "units",
]
