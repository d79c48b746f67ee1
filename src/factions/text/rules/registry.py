"""The rule registry: named rule units, and the two readers that run every enabled unit.

A rule unit is one function that reads one construction off the parse (spaCy-component
style): ``@register("verb-passive", order=..., example=...)`` on ``fn(reader, token)`` (or
``fn(reader)`` with ``scope="document"``). Its family is the module it lives in (one family a
module: ``verbs``, ``nouns``, ``adjectives``, ``frames``, ``affiliations``); its description
is its docstring. Every finding names the unit that emitted it (``Finding.rule``).

Units run token by token in ``order``; the order matters only among units that read the same
token, and decides which finding comes first (which breaks ties at aggregation); a unit
is offered only tokens of the parts of speech it declares (``pos``). A unit
returning ``True`` takes its token: no later unit reads it. A switched-off unit still runs
but emits nothing, so switching it off removes exactly its findings (no other unit reads in
its place). Cost: O(units x tokens x dependency depth).
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factions.text.rules.arguments import AffiliationFinding, AffiliationReader, Finding, Reader

__all__ = [
    "READS",
    "RULES",
    "RuleUnit",
    "UnknownRuleError",
    "check_rule_names",
    "fingerprint",
    "lexicon_dir",
    "read_affiliations",
    "read_relations",
    "register",
    "rules_markdown",
    "units",
]

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factions.text.lexicon import Lexicon

_NAME = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class RuleUnit:
    """One named rule: what it reads, the function that reads it, and when it runs."""

    name: str
    family: str
    description: str
    fn: Callable[..., Any]
    order: int
    example: str
    reads: str = "relations"  # or "affiliations", or "tables" (run on a document's mentions)
    scope: str = "token"  # or "document": fn(reader) runs once over the whole document
    pos: tuple[str, ...] | None = None  # the only parts of speech it reads (None: any)


READS = ("relations", "affiliations", "tables")
"""What units read, in the order they are listed (``factions rules``, ``docs/rules.md``)."""

RULES: dict[str, RuleUnit] = {}
"""Every registered unit by name (filled when :mod:`factions.text.rules` is imported)."""


class UnknownRuleError(ValueError):
    """A rule name that no unit has."""


def register(
    name: str,
    *,
    order: int,
    example: str,
    reads: str = "relations",
    scope: str = "token",
    pos: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as rule unit ``name`` (kebab-case, unique). ``pos``:
    the parts of speech of the tokens it can read (the others are not offered to it)."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        if not _NAME.fullmatch(name):
            raise ValueError(f"rule name {name!r}: expected kebab-case (e.g. 'verb-passive')")
        if name in RULES:
            raise ValueError(f"rule {name!r} is registered twice")
        if reads not in READS:
            raise ValueError(f"rule {name!r}: reads {reads!r}, expected one of {READS}")
        doc = inspect.cleandoc(fn.__doc__ or "").split("\n\n")[0]
        RULES[name] = RuleUnit(
            name=name,
            family=fn.__module__.rsplit(".", 1)[-1],
            description=" ".join(doc.split()),
            fn=fn,
            order=order,
            example=example,
            reads=reads,
            scope=scope,
            pos=pos,
        )
        return fn

    return deco


def units(reads: str | None = None) -> list[RuleUnit]:
    """The registered units (those reading ``reads`` when given), in run order."""
    return sorted(
        (u for u in RULES.values() if reads is None or u.reads == reads),
        key=lambda u: (u.reads, u.order, u.name),
    )


def check_rule_names(names: Iterable[str]) -> frozenset[str]:
    """``names`` as a frozenset, or :class:`UnknownRuleError` naming the first unknown one and
    listing the valid names."""
    out = frozenset(names)
    for n in sorted(out):
        if n not in RULES:
            raise UnknownRuleError(f"unknown rule {n!r}; valid rules: {', '.join(sorted(RULES))}")
    return out


def _run(reader: Reader, todo: list[RuleUnit]) -> None:
    """Run ``todo`` (in order): document units alone, each run of token units in one pass."""
    i = 0
    while i < len(todo):
        if todo[i].scope == "document":
            reader.rule = todo[i].name
            todo[i].fn(reader)
            i += 1
            continue
        j = i
        while j < len(todo) and todo[j].scope == "token":
            j += 1
        block = todo[i:j]
        by_pos: dict[str, list[RuleUnit]] = {}
        for t in reader.doc:
            pos = t.pos_
            offered = by_pos.get(pos)
            if offered is None:
                offered = by_pos[pos] = [u for u in block if u.pos is None or pos in u.pos]
            for u in offered:
                reader.rule = u.name
                if u.fn(reader, t):
                    break
        i = j


def read_relations(
    doc: Doc,
    tok_entity: dict[int, int],
    lex: Lexicon,
    pairs: dict[int, tuple[int, ...]] | None = None,
    disabled: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every relation finding in ``doc`` (one per sentence, trigger, pair and unit), from the
    units not in ``disabled``."""
    reader = Reader(doc, tok_entity, lex, pairs, check_rule_names(disabled))
    _run(reader, units("relations"))
    return reader.found


def read_affiliations(
    doc: Doc,
    tok_entity: dict[int, int],
    entities: list,
    lex: Lexicon,
    disabled: frozenset[str] = frozenset(),
) -> list[AffiliationFinding]:
    """(member, group, role, rule) findings: "X, led by Y", "Y heads X", "Y, the leader of
    X", "X leader Y", "Y, a member of X", "X's President Y". ``member`` is a person, or a
    group inside a larger one ("X, the armed wing of Y")."""
    reader = AffiliationReader(doc, tok_entity, lex, entities, check_rule_names(disabled))
    _run(reader, units("affiliations"))
    return reader.affiliations


def read_table_findings(mentions: list, disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """The findings of the table units not in ``disabled`` (a coalition's listed parties, each
    row's stance), from the marks :mod:`factions.text.tables` left on ``mentions`` (after
    coreference)."""
    off = check_rule_names(disabled)
    return [f for u in units("tables") if u.name not in off for f in u.fn(mentions)]


def lexicon_dir() -> Path:
    """The folder of the shipped lexicon (``factions/text/lexicon``)."""
    return Path(__file__).resolve().parent.parent / "lexicon"


def fingerprint(extra: str = "", lexicon: Path | None = None) -> str:
    """A short hash of what extraction depends on here: the registered units (name, family,
    order), the source of the rule modules, every lexicon file (name and bytes), and
    ``extra`` (e.g. a model artifact's hash). It changes whenever a rule or the lexicon does."""
    h = hashlib.sha256()
    for u in units():
        h.update(f"{u.reads}:{u.family}:{u.order}:{u.name}\n".encode())
    for f in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    folder = lexicon or lexicon_dir()
    for f in sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".tsv")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    h.update(extra.encode())
    return h.hexdigest()[:12]


def rules_markdown() -> str:
    """The unit tables of ``docs/rules.md`` (relations, affiliations, tables), from the
    registry."""
    out: list[str] = []
    for reads in READS:
        out.append(f"## Units that read {reads}\n")
        out.append("| unit | family | what it reads | example (invented) |")
        out.append("|---|---|---|---|")
        for u in units(reads):
            desc = u.description.replace("|", "\\|")
            example = u.example.strip().replace("|", "\\|").replace("\n", "<br>")
            out.append(f"| `{u.name}` | {u.family} | {desc} | {example} |")
        out.append("")
    return "\n".join(out)
