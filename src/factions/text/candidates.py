"""Candidate pairs: every two distinct actors mentioned in one sentence.

After mentions and coreference, each sentence of a document lists the actors it mentions
(a pronoun or description resolved by coreference counts, and so does a plural reference
such as "the two parties" for each actor it stands for). Every unordered pair of distinct
actors in a sentence is a *candidate*: the relation model decides whether the sentence
states a relation between them, so no pair is lost because no rule fired.

Non-actors never pair: the caller passes the entities that are not output as actors
(no named mention, or judged a place or community by the actor steps) as ``excluded``.

Cost: O(mentions + sum over sentences of k^2) for k actors in a sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Candidate", "candidate_pairs", "mention_heads"]


@dataclass(frozen=True)
class Candidate:
    """Two actors (entity indices, ``a < b``) co-mentioned in sentence ``sent``.

    ``heads_a`` / ``heads_b`` are the head tokens of their mentions in that sentence, in
    text order; ``sent_start`` / ``sent_end`` are the sentence's token bounds.
    """

    a: int
    b: int
    sent: int
    sent_start: int
    sent_end: int
    heads_a: tuple[int, ...]
    heads_b: tuple[int, ...]


def mention_heads(
    doc: Doc, spans: Iterable[tuple[int, int, int]], pairs: dict[int, tuple[int, ...]]
) -> dict[int, list[int]]:
    """Token index of each mention's syntactic head -> the entities it stands for.

    ``spans`` are ``(start, end, entity)`` token spans; ``pairs`` maps a token standing for
    several entities ("the two men") to them.
    """
    out: dict[int, list[int]] = defaultdict(list)
    for start, end, ent in spans:
        if ent < 0 or end <= start:
            continue
        head = doc[start:end].root.i
        if ent not in out[head]:
            out[head].append(ent)
    for tok, ents in pairs.items():
        for ent in ents:
            if ent >= 0 and ent not in out[tok]:
                out[tok].append(ent)
    return dict(out)


def candidate_pairs(
    doc: Doc, heads: dict[int, list[int]], excluded: frozenset[int] = frozenset()
) -> list[Candidate]:
    """Every pair of distinct entities mentioned in one sentence of ``doc``.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed document.
    heads : dict
        Head token -> entities it stands for (:func:`mention_heads`).
    excluded : frozenset of int
        Entities that never pair (non-actors).

    Returns
    -------
    list of Candidate
        In sentence order, then by entity index.
    """
    by_sent: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    bounds: dict[int, tuple[int, int]] = {}
    sent_of: dict[int, int] = {}
    for si, s in enumerate(doc.sents):
        bounds[si] = (s.start, s.end)
        for i in range(s.start, s.end):
            sent_of[i] = si
    for tok, ents in sorted(heads.items()):
        si = sent_of.get(tok)
        if si is None:
            continue
        for ent in ents:
            if ent not in excluded:
                by_sent[si][ent].append(tok)
    out: list[Candidate] = []
    for si in sorted(by_sent):
        ents = sorted(by_sent[si])
        start, end = bounds[si]
        for x in range(len(ents)):
            for y in range(x + 1, len(ents)):
                a, b = ents[x], ents[y]
                out.append(
                    Candidate(
                        a=a,
                        b=b,
                        sent=si,
                        sent_start=start,
                        sent_end=end,
                        heads_a=tuple(by_sent[si][a]),
                        heads_b=tuple(by_sent[si][b]),
                    )
                )
    return out
