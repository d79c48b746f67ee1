"""Rule units over tables and lists of parties.

:mod:`factions.text.tables` marks each row's party and leader and, for a vote or
recommendation column, the row's stance (on the mentions' ``extra``); these units read the
marks into findings. They run once a document, on its mentions after coreference
(:func:`factions.text.rules.registry.read_table_findings`), under either extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factions.text.rules.arguments import Finding
from factions.text.rules.registry import register

__all__ = ["table_coalition", "table_stance"]

if TYPE_CHECKING:
    from factions.text.mentions import Mention


@register(
    "table-stance",
    order=10,
    reads="tables",
    scope="document",
    example="A motion of no confidence against Ana Ruiz failed.\n- Reform Bloc: for\n"
    "- Green Future: against\n",
)
def table_stance(mentions: list[Mention]) -> list[Finding]:
    """A table row's stance: its party's vote on the motion the table is about (for a
    no-confidence motion against X: -1 to X; for X's investiture: +1), or the candidate its
    stance cell names ("Recommended: X": +1)."""
    by_start = {m.start_char: m for m in mentions if m.entity >= 0}
    out = []
    for m in mentions:
        stance = m.extra.get("table_stance")
        if stance is None or m.entity < 0:
            continue
        sign, (ta, _), (ea, eb) = stance
        target = by_start.get(ta)
        if target is None or target.entity == m.entity:
            continue
        out.append(
            Finding(
                a=m.entity,
                b=target.entity,
                sign=sign,
                kind="support" if sign > 0 else "opposition",
                confidence=0.7,
                pattern="table-stance",
                rule="table-stance",
                start_char=ea,
                end_char=eb,
                sent_start=ea,
                sent_end=eb,
            )
        )
    return out


@register(
    "table-coalition",
    order=20,
    reads="tables",
    scope="document",
    example="The following parties formed the coalition:\n- Green Future: 67 seats\n"
    "- Reform Bloc: 52 seats\n",
)
def table_coalition(mentions: list[Mention]) -> list[Finding]:
    """+1 between the parties of a table or list headed as a coalition's members ("the
    following parties formed the coalition:")."""
    parties: dict[int, list[Mention]] = {}
    for m in mentions:
        t = m.extra.get("table")
        if t is not None and t[2] == "party" and m.entity >= 0 and m.extra.get("table_membership"):
            parties.setdefault(t[0], []).append(m)
    out = []
    for ms in parties.values():
        ents: dict[int, Mention] = {}
        for m in ms:
            ents.setdefault(m.entity, m)
        items = list(ents.items())
        if len(items) < 2:
            continue
        a0, _ = ms[0].extra["table_heading"]
        end = max(m.end_char for m in ms)
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (ea, ma), (eb, mb) = items[i], items[j]
                out.append(
                    Finding(
                        a=ea,
                        b=eb,
                        sign=1,
                        kind="coalition",
                        confidence=0.7,
                        pattern="table-coalition",
                        rule="table-coalition",
                        start_char=min(ma.start_char, mb.start_char),
                        end_char=max(ma.end_char, mb.end_char),
                        sent_start=a0,
                        sent_end=end,
                    )
                )
    return out
