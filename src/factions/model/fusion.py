"""Evidence fusion: many observations of one pair's relation -> one signed relation.

One policy, used at three levels with three parameter sets:

* **document** (:data:`DOCUMENT`): a document's sentence-level findings about a pair
  (:mod:`factions.text.pipeline`);
* **corpus** (:data:`CORPUS`): relations of the same pair found in several documents or
  files (:func:`merge_relations`, used by ``System.merge`` and corpus extraction);
* **time window** (:data:`WINDOW`): a corpus store's findings inside one calendar window,
  weighted by recency (:mod:`factions.store.build`).

The unit is an :class:`Observation`: one statement of a pair's relation (a sentence's
finding, a document's relation, an imported event) with its sign, a confidence that is a
probability, its time and position, and its evidence. Whatever produced it (a rule, a
trained classifier's probability, an event coder) fuses the same way.

The policy, for the observations ``i`` of one pair::

    keep   observations that are not ``past``; if any is ``dominant`` (states the present
           outright), keep only those; nothing kept -> no relation
    r_i  = 0.5 ** (age_i / half_life)        recency (1 without a half-life, or undated);
                                             age_i = days from the observation's date to
                                             ``ref`` (a window's end)
    w_i  = confidence_i * strength_i * r_i   weight
    sign = the sign with the larger total weight (exactly rounded sums: the verdict does
           not depend on the order of the observations); on a tie, the sign of the latest
           observation (by date, then position in its document, then document id; +1 if
           still tied)
    confidence = 1 - prod_{i: sign_i = sign} (1 - confidence_i * r_i)   (noisy-or), clamped
                 to [confidence_floor, confidence_cap]
    strength   = max strength of the winning sign ("max"), or
                 (|net| / mass) * (1 - exp(-mass / saturation)) ("saturating": agreement
                 times an evidence-count term; one fresh certain observation gives 0.63,
                 three give 0.95), with net = sum sign_i w_i and mass = sum w_i
    kind       = the winning sign's most frequent kind ("count") or the kind with the
                 largest summed confidence ("confidence"); first seen on a tie

References: noisy-or combination of independent evidence, Pearl (1988), *Probabilistic
Reasoning in Intelligent Systems*, 4.3.2; exponential recency decay as in event-data
aggregation, e.g. Schrodt (2012), *CAMEO/Goldstein aggregation*. Cost: O(k log k) for k
observations of a pair.

>>> a = Observation(a="x", b="y", sign=-1, kind="rivalry", confidence=0.6)
>>> b = Observation(a="x", b="y", sign=-1, kind="rivalry", confidence=0.5)
>>> fuse([a, b]).relation.confidence
0.8
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from factions.model.base import date_key, days_between
from factions.model.relations import Evidence, Relation

__all__ = [
    "CORPUS",
    "DOCUMENT",
    "HALF_LIFE_DAYS",
    "WINDOW",
    "Fusion",
    "FusionPolicy",
    "Observation",
    "fuse",
    "merge_relations",
    "observation_of",
    "recency",
]

HALF_LIFE_DAYS = 180.0
"""Default recency half-life of the time-window level, in days."""


@dataclass(frozen=True)
class Observation:
    """One statement of the relation between ``a`` and ``b``.

    Parameters
    ----------
    a, b : str
        The actors (any order).
    sign : int
        +1 (positive tie) or -1 (negative tie).
    kind : str
        The kind of tie (``alliance``, ``rivalry``...).
    confidence : float
        Probability that the statement is right, in (0, 1]: a rule's confidence, a trained
        classifier's probability or an event coder's reliability.
    strength : float
        How strong the stated tie is, in (0, 1].
    date : str or None
        Partial ISO date of the statement (recency and the latest-wins tie-break).
    position : int
        Position in its document (character offset); breaks ties between same-date
        statements.
    doc_id : str or None
        The document (or event) it comes from.
    past : bool
        It states a past relation only ("had been allies"); past statements are not fused.
    dominant : bool
        It states the present outright ("has become his rival"); when a pair has dominant
        statements, only those are fused.
    evidence : tuple of Evidence
        Where it is stated.
    sources : tuple of str
        Cited sources (hand-written relations).
    start, end : str or None
        The time span the statement gives the relation.
    rule : str or None
        The rule (or model) that produced it, for provenance.
    """

    a: str
    b: str
    sign: int
    kind: str
    confidence: float
    strength: float = 1.0
    date: str | None = None
    position: int = 0
    doc_id: str | None = None
    past: bool = False
    dominant: bool = False
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    rule: str | None = None

    def order_key(self) -> tuple[str, int]:
        """Chronological key: date (undated first), then position in the document."""
        return (date_key(self.date) if self.date else "", self.position)


@dataclass(frozen=True)
class FusionPolicy:
    """The parameters of the fusion policy (formulas in the module docstring).

    Parameters
    ----------
    half_life : float or None
        Recency half-life in days; ``None`` weighs every observation alike.
    strength : {"max", "saturating"}
        How the relation's strength is computed.
    saturation : float
        Evidence mass at which the saturating strength reaches 1 - 1/e.
    confidence_floor, confidence_cap : float
        Bounds of the fused confidence.
    digits : int
        Decimal places of the computed confidence (and saturating strength).
    kind_weight : {"count", "confidence"}
        Whether the kind is the most frequent or the most confident of the winning sign.
    evidence : {"winners", "all"}
        Keep the evidence of the winning sign only, or of every observation (so a reader
        sees what was weighed).
    evidence_order : {"input", "time"}
        Evidence in input order, or by date, document and position.
    span : {"none", "winners", "dates"}
        The relation's time span: none; the winning statements' own spans (open if any is
        open); or the range of the observations' dates (a window's bounds when given).
    """

    half_life: float | None = None
    strength: Literal["max", "saturating"] = "max"
    saturation: float = 1.0
    confidence_floor: float = 0.0
    confidence_cap: float = 1.0
    digits: int = 6
    kind_weight: Literal["count", "confidence"] = "count"
    evidence: Literal["winners", "all"] = "all"
    evidence_order: Literal["input", "time"] = "input"
    span: Literal["none", "winners", "dates"] = "winners"

    def with_half_life(self, half_life: float | None) -> FusionPolicy:
        """This policy with another recency half-life."""
        return replace(self, half_life=half_life)


DOCUMENT = FusionPolicy(
    confidence_cap=0.99,
    digits=4,
    kind_weight="confidence",
    evidence="winners",
    evidence_order="time",
    span="none",
)
"""Sentence findings of one document: winning sign's evidence, confidence below 0.99."""

CORPUS = FusionPolicy()
"""Relations of one pair across documents or files: every piece of evidence kept."""

WINDOW = FusionPolicy(
    half_life=HALF_LIFE_DAYS,
    strength="saturating",
    confidence_floor=0.01,
    evidence_order="time",
    span="dates",
)
"""A corpus store's findings in a time window: recency-weighted, saturating strength."""


@dataclass(frozen=True)
class Fusion:
    """The fused relation of one pair and the numbers behind it.

    ``net`` is the signed evidence weight, ``mass`` the total weight, ``findings`` and
    ``documents`` how many observations and distinct documents were fused.
    """

    relation: Relation
    net: float
    mass: float
    findings: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the relation's pair, sign, kind, strength, confidence and the numbers."""
        keys = {"a", "b", "sign", "kind", "strength", "confidence"}
        return {
            **self.relation.model_dump(include=keys),
            "net": self.net,
            "mass": self.mass,
            "findings": self.findings,
            "documents": self.documents,
        }


def recency(date: str | None, ref: str | None, half_life: float | None = HALF_LIFE_DAYS) -> float:
    """``0.5 ** (age / half_life)``: 1 without a half-life, an undated statement or a reference.

    Parameters
    ----------
    date : str or None
        When the statement was made.
    ref : str or None
        The reference date (a window's end).
    half_life : float or None
        In days.

    Returns
    -------
    float

    Examples
    --------
    >>> recency("2020-01-01", "2020-06-29", 180.0)
    0.5
    """
    if half_life is None or date is None or ref is None:
        return 1.0
    return 0.5 ** (days_between(date, ref) / half_life)


def fuse(
    observations: Iterable[Observation],
    policy: FusionPolicy = CORPUS,
    *,
    ref: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Fusion | None:
    """Fuse the observations of one pair into one relation (see the module docstring).

    Parameters
    ----------
    observations : iterable of Observation
        Statements about one unordered pair.
    policy : FusionPolicy
        :data:`DOCUMENT`, :data:`CORPUS`, :data:`WINDOW` or another parameter set.
    ref : str or None
        Reference date of the recency weights (a window's end).
    start, end : str or None
        Bounds given to the relation's span under ``span="dates"`` (a window's bounds).

    Returns
    -------
    Fusion or None
        ``None`` when every observation states the past only.

    Raises
    ------
    ValueError
        No observation, or observations of several pairs.
    """
    obs = list(observations)
    if not obs:
        raise ValueError("fuse needs at least one observation")
    pairs = {(o.a, o.b) if o.a <= o.b else (o.b, o.a) for o in obs}
    if len(pairs) != 1:
        raise ValueError(f"fuse got several pairs: {sorted(pairs)}")
    kept = [o for o in obs if not o.past]
    if not kept:
        return None
    dominant = [o for o in kept if o.dominant]
    if dominant:
        kept = dominant
    rs = [recency(o.date, ref, policy.half_life) for o in kept]
    ws = [o.confidence * o.strength * r for o, r in zip(kept, rs, strict=True)]
    # exactly rounded sums (math.fsum), so that the verdict does not depend on input order
    pos = math.fsum(w for o, w in zip(kept, ws, strict=True) if o.sign > 0)
    neg = math.fsum(w for o, w in zip(kept, ws, strict=True) if o.sign <= 0)
    net = math.fsum(o.sign * w for o, w in zip(kept, ws, strict=True))
    mass = math.fsum(ws)
    if pos != neg:
        sign = 1 if pos > neg else -1
    else:  # the latest statement; same time and place: the document, then the sign decide
        sign = max(kept, key=lambda o: (*o.order_key(), o.doc_id or "", o.sign)).sign
    winners = [(o, r) for o, r in zip(kept, rs, strict=True) if o.sign == sign]
    miss = 1.0
    for o, r in winners:
        miss *= 1.0 - o.confidence * r
    noisy = max(1.0 - miss, min(o.confidence * r for o, r in winners))
    confidence = round(
        max(policy.confidence_floor, min(policy.confidence_cap, noisy)), policy.digits
    )
    if policy.strength == "saturating":
        agreement = abs(net) / mass if mass > 0 else 0.0
        sat = agreement * (1.0 - math.exp(-mass / policy.saturation))
        strength = round(max(0.01, min(1.0, sat)), policy.digits)
    else:
        strength = max(o.strength for o, _ in winners)
    kinds: dict[str, float] = {}
    for o, _ in winners:
        kinds[o.kind] = kinds.get(o.kind, 0.0) + (
            o.confidence if policy.kind_weight == "confidence" else 1.0
        )
    kind = max(kinds, key=lambda k: kinds[k])
    shown = [o for o, _ in winners] if policy.evidence == "winners" else kept
    if policy.evidence_order == "time":
        shown = sorted(shown, key=lambda o: (o.order_key()[0], o.doc_id or "", o.position))
    evidence = _unique(e for o in shown for e in o.evidence)
    span_start, span_end = _span(policy, [o for o, _ in winners], kept, start, end)
    first = obs[0]
    relation = Relation(
        a=first.a,
        b=first.b,
        sign=sign,
        kind=kind,
        strength=strength,
        confidence=confidence,
        start=span_start,
        end=span_end,
        evidence=tuple(evidence),
        sources=tuple(_unique(s for o in kept for s in o.sources)),
    )
    return Fusion(
        relation=relation,
        net=round(net, 6),
        mass=round(mass, 6),
        findings=len(obs),
        documents=len({o.doc_id for o in obs}),
    )


def _span(
    policy: FusionPolicy,
    winners: Sequence[Observation],
    kept: Sequence[Observation],
    start: str | None,
    end: str | None,
) -> tuple[str | None, str | None]:
    if policy.span == "winners":
        starts = [o.start for o in winners]
        ends = [o.end for o in winners]
        return (
            None if None in starts else min(starts, key=date_key),  # type: ignore[arg-type]
            None if None in ends else max(ends, key=lambda d: date_key(d, end=True)),
        )
    if policy.span == "dates":
        dates = sorted(date_key(o.date) for o in kept if o.date)
        return (start or (dates[0] if dates else None), end or (dates[-1] if dates else None))
    return (None, None)


def observation_of(relation: Relation) -> Observation:
    """A relation as one observation of its pair (its latest dated evidence as its date).

    Parameters
    ----------
    relation : Relation

    Returns
    -------
    Observation
    """
    dates = [e.date for e in relation.evidence if e.date] + (
        [relation.start] if relation.start else []
    )
    latest = max(dates, key=date_key) if dates else None
    return Observation(
        a=relation.a,
        b=relation.b,
        sign=relation.sign,
        kind=relation.kind,
        confidence=relation.confidence,
        strength=relation.strength,
        date=latest,
        evidence=relation.evidence,
        sources=relation.sources,
        start=relation.start,
        end=relation.end,
    )


def merge_relations(relations: Iterable[Relation]) -> Relation:
    """Fuse several relations of one pair into one, under the :data:`CORPUS` policy.

    The sign is the confidence-and-strength-weighted majority, the most recent evidence
    breaking ties (a later statement of the pair describes its present state); evidence
    and sources are unioned in order; confidence is the noisy-or of the winning sign;
    strength is its maximum; the kind its most frequent kind.

    Parameters
    ----------
    relations : iterable of Relation
        Relations of one pair.

    Returns
    -------
    Relation

    Raises
    ------
    ValueError
        No relation, or relations of several pairs.

    Examples
    --------
    >>> from factions.model import Relation
    >>> r = merge_relations([Relation(a="x", b="y", sign=1, confidence=0.5),
    ...                      Relation(a="x", b="y", sign=1, confidence=0.5)])
    >>> (r.sign, r.confidence)
    (1, 0.75)
    """
    rels = list(relations)
    if not rels:
        raise ValueError("merge_relations needs at least one relation")
    pairs = {r.pair for r in rels}
    if len(pairs) != 1:
        raise ValueError(f"merge_relations got several pairs: {sorted(pairs)}")
    fused = fuse([observation_of(r) for r in rels], CORPUS)
    if fused is None:  # unreachable: a relation never states the past only
        raise ValueError("merge_relations: nothing to merge")
    return fused.relation


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
