"""The scorer of ANNOTATION.md ("Scoring"), for extractor output against gold files.

1. Each predicted actor is matched to the gold actor whose aliases (case-insensitive,
   whitespace-normalised, a leading "the", "a" or "an" dropped) share the most of the
   predicted actor's mention texts and name; ties and no overlap leave it unmatched.
2. A predicted relation becomes a gold pair through its matched actors (order ignored): a
   true positive when the gold pair exists with the same sign, ignored when the gold sign
   is 0, a false positive otherwise. Duplicates of one pair count once.
3. Gold pairs with sign +1 or -1 that no prediction hits are false negatives.
4. Precision, recall and F1 are micro-averaged over documents, with counts.
Affiliations are scored the same way on (member, group) pairs, separately.

Actors are scored through the same matching: a gold actor is *found* when some predicted
actor is matched to it (recall = found / gold actors); a predicted actor is *matched* when
step 1 gives it a gold actor (precision = matched / predicted actors). Both are
micro-averaged and counted per kind (gold kind for recall, predicted kind for precision).

:func:`score_by_rule` scores the relations each rule unit supported (evidence ``rule``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ActorCounts",
    "Counts",
    "DocScore",
    "EvalReport",
    "RuleScore",
    "UNKNOWN_RULE",
    "GoldFileError",
    "load_gold",
    "match_actors",
    "score",
    "score_actors",
    "score_by_rule",
    "score_document",
]

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def _norm(text: str) -> str:
    """An alias as ANNOTATION.md compares it: case-folded, whitespace-normalised, a leading
    "the", "a" or "an" dropped."""
    return _ARTICLE.sub("", re.sub(r"\s+", " ", text).strip().casefold())


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class ActorCounts:
    """Gold actors found and predicted actors matched (ANNOTATION.md step 1), per kind.

    ``gold``/``found`` count gold actors by their gold kind; ``predicted``/``matched``
    count predicted actors by their predicted kind; ``split`` counts gold actors that two or
    more predicted actors were matched to (one actor output as several).
    """

    gold: int = 0
    found: int = 0
    predicted: int = 0
    matched: int = 0
    split: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def _kind(self, kind: str) -> dict[str, int]:
        return self.by_kind.setdefault(kind, {"gold": 0, "found": 0, "predicted": 0, "matched": 0})

    def __iadd__(self, other: ActorCounts) -> ActorCounts:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.matched += other.matched
        self.split += other.split
        for kind, c in other.by_kind.items():
            mine = self._kind(kind)
            for k, v in c.items():
                mine[k] += v
        return self

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "matched": self.matched,
            "split": self.split,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
            "by_kind": {k: dict(v) for k, v in sorted(self.by_kind.items())},
        }


def score_actors(
    pred_actors: list[dict], gold_actors: list[dict], matched: dict[str, str | None] | None = None
) -> tuple[ActorCounts, list[dict], list[dict]]:
    """Actor counts of one document, the gold actors missed and the predicted ones unmatched."""
    if matched is None:
        matched = match_actors(pred_actors, gold_actors)
    c = ActorCounts()
    hits: dict[str, int] = {}
    for p in pred_actors:
        g = matched.get(p["id"])
        k = c._kind(str(p.get("kind", "other")))
        c.predicted += 1
        k["predicted"] += 1
        if g is not None:
            c.matched += 1
            k["matched"] += 1
            hits[g] = hits.get(g, 0) + 1
    missed = []
    for g in gold_actors:
        k = c._kind(str(g.get("kind", "other")))
        c.gold += 1
        k["gold"] += 1
        if g["id"] in hits:
            c.found += 1
            k["found"] += 1
            c.split += hits[g["id"]] > 1
        else:
            missed.append(g)
    unmatched = [p for p in pred_actors if matched.get(p["id"]) is None]
    return c, missed, unmatched


@dataclass
class DocScore:
    """Scores of one document, with the pairs behind them (gold ids) for error analysis."""

    doc_id: str
    relations: Counts
    affiliations: Counts
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    matched: dict[str, str | None] = field(default_factory=dict)
    actors: ActorCounts = field(default_factory=ActorCounts)
    missed_actors: list[dict[str, Any]] = field(default_factory=list)
    unmatched_actors: list[dict[str, Any]] = field(default_factory=list)


def match_actors(pred_actors: list[dict], gold_actors: list[dict]) -> dict[str, str | None]:
    """Predicted actor id -> gold actor id (or None), by shared normalised names (step 1)."""
    gold_alias = [(g["id"], {_norm(a) for a in g.get("aliases", [])}) for g in gold_actors]
    out: dict[str, str | None] = {}
    for p in pred_actors:
        names = {_norm(m["text"]) for m in p.get("mentions", [])}
        names.add(_norm(p.get("name", "")))
        names.discard("")
        best, best_n, tie = None, 0, False
        for gid, aliases in gold_alias:
            n = len(names & aliases)
            if n > best_n:
                best, best_n, tie = gid, n, False
            elif n == best_n and n > 0:
                tie = True
        out[p["id"]] = best if best_n > 0 and not tie else None
    return out


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _verdict(r: dict, matched: dict[str, str | None], gold_rel: dict) -> tuple[str, tuple, str]:
    """How one predicted relation scores (step 2): ``(outcome, pair, why)`` with outcome
    ``"tp"``, ``"fp"`` or ``"ignored"`` (gold sign 0), and the gold pair it becomes (or
    ``("?", a, b)`` when an actor is unmatched or both are one gold actor)."""
    ga, gb = matched.get(r["a"]), matched.get(r["b"])
    if ga is None or gb is None or ga == gb:
        why = "unmatched actor" if ga is None or gb is None else "same actor"
        return "fp", ("?", r["a"], r["b"]), why
    k = _key(ga, gb)
    g = gold_rel.get(k)
    if g is None:
        return "fp", k, "pair not in gold"
    if g["sign"] == 0:
        return "ignored", k, ""
    if g["sign"] == r["sign"]:
        return "tp", k, ""
    return "fp", k, f"wrong sign (gold {g['sign']})"


def score_document(pred: dict, gold: dict) -> DocScore:
    """Score one extractor document object against one gold document."""
    matched = match_actors(pred.get("actors", []), gold.get("actors", []))
    gold_rel = {_key(r["a"], r["b"]): r for r in gold.get("relations", [])}
    rel = Counts()
    fps: list[dict[str, Any]] = []
    hit: set[tuple] = set()
    seen: set[tuple] = set()
    for r in pred.get("relations", []):
        outcome, k, why = _verdict(r, matched, gold_rel)
        if k in seen:
            continue
        seen.add(k)
        if outcome == "tp":
            rel.tp += 1
            hit.add(k)
        elif outcome == "fp":
            rel.fp += 1
            unmatched = len(k) == 3  # ("?", a, b): no gold pair to name
            fps.append({**r, "why": why} if unmatched else {**r, "gold_pair": k, "why": why})
    fns = [g for k, g in gold_rel.items() if g["sign"] != 0 and k not in hit]
    rel.fn += len(fns)
    aff = Counts()
    gold_aff = {(f["member"], f["group"]) for f in gold.get("affiliations", [])}
    pred_aff = set()
    for f in pred.get("affiliations", []):
        m, g = matched.get(f["member"]), matched.get(f["group"])
        pred_aff.add((m, g) if m and g else ("?", f["member"], f["group"]))
    aff.tp = len(pred_aff & gold_aff)
    aff.fp = len(pred_aff - gold_aff)
    aff.fn = len(gold_aff - pred_aff)
    actors, missed, unmatched = score_actors(
        pred.get("actors", []), gold.get("actors", []), matched
    )
    return DocScore(
        doc_id=gold.get("doc_id", ""),
        relations=rel,
        affiliations=aff,
        false_positives=fps,
        false_negatives=fns,
        matched=matched,
        actors=actors,
        missed_actors=missed,
        unmatched_actors=unmatched,
    )


@dataclass
class EvalReport:
    """Per-document scores and their micro-average."""

    documents: list[DocScore]

    @property
    def relations(self) -> Counts:
        c = Counts()
        for d in self.documents:
            c += d.relations
        return c

    @property
    def affiliations(self) -> Counts:
        c = Counts()
        for d in self.documents:
            c += d.affiliations
        return c

    @property
    def actors(self) -> ActorCounts:
        c = ActorCounts()
        for d in self.documents:
            c += d.actors
        return c

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": [
                {
                    "doc_id": d.doc_id,
                    "relations": d.relations.as_dict(),
                    "affiliations": d.affiliations.as_dict(),
                    "actors": d.actors.as_dict(),
                }
                for d in self.documents
            ],
            "micro": {
                "relations": self.relations.as_dict(),
                "affiliations": self.affiliations.as_dict(),
                "actors": self.actors.as_dict(),
            },
        }


class GoldFileError(ValueError):
    """A gold file that cannot be read: names the file and what was expected."""


GOLD_SIGNS = (-1, 0, 1)
GOLD_ROLES = ("leader", "member")


def gold_problem(data: dict) -> str | None:
    """The first way a gold document breaks ANNOTATION.md's format that would change its
    scores silently, or None: an actor without a string ``id`` or with a list of
    ``aliases`` that is not a list of strings, two actors with one id, a relation or
    affiliation naming an actor the file does not list, a sign other than -1, 0 or 1, a role
    other than leader or member, one pair labelled with two signs (which one the scorer
    kept would depend on their order).

    >>> gold_problem({"text": "", "actors": [{"id": "a"}, {"id": "b"}],
    ...               "relations": [{"a": "a", "b": "c", "sign": 1}]})
    "relation 1: b 'c' is not an actor id of the file"
    >>> gold_problem({"text": "", "actors": [{"id": "a"}, {"id": "b"}],
    ...               "relations": [{"a": "a", "b": "b", "sign": "+1"}]})
    "relation 1: sign '+1' (expected -1, 0 or 1)"
    """
    if not isinstance(data.get("text"), str):
        return "field 'text' is not a string"
    for fld in ("actors", "relations", "affiliations"):
        if not isinstance(data.get(fld, []), list):
            return f"field {fld!r} is not a list"
    ids: set[str] = set()
    labelled: dict[tuple[str, str], tuple[int, int]] = {}  # pair -> (relation, sign)
    for k, a in enumerate(data["actors"], 1):
        aid = a.get("id") if isinstance(a, dict) else None
        if not isinstance(aid, str) or not aid:
            return f"actor {k}: no string 'id'"
        if aid in ids:
            return f"actor {k}: id {aid!r} used twice"
        aliases = a.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(x, str) for x in aliases):
            return f"actor {k} ({aid}): 'aliases' is not a list of strings"
        ids.add(aid)
    for k, r in enumerate(data["relations"], 1):
        if not isinstance(r, dict):
            return f"relation {k}: not an object"
        for end in ("a", "b"):
            if r.get(end) not in ids:
                return f"relation {k}: {end} {r.get(end)!r} is not an actor id of the file"
        sign = r.get("sign")
        if isinstance(sign, bool) or sign not in GOLD_SIGNS:
            return f"relation {k}: sign {sign!r} (expected -1, 0 or 1)"
        pair = _key(r["a"], r["b"])
        first = labelled.setdefault(pair, (k, sign))
        if first[1] != sign:
            return (
                f"relation {k}: pair {pair} labelled {sign:+d} after {first[1]:+d} "
                f"(relation {first[0]}): one label per pair"
            )
    for k, f in enumerate(data.get("affiliations", []), 1):
        if not isinstance(f, dict):
            return f"affiliation {k}: not an object"
        for end in ("member", "group"):
            if f.get(end) not in ids:
                return f"affiliation {k}: {end} {f.get(end)!r} is not an actor id of the file"
        if f.get("role") not in GOLD_ROLES:
            return f"affiliation {k}: role {f.get('role')!r} (expected leader or member)"
    return None


def load_gold(folder: str | Path) -> list[dict]:
    """Every gold document (``*.json``) in ``folder``, sorted by file name.

    Raises :class:`GoldFileError` (naming the file) for a file that is not UTF-8 JSON,
    lacks a field of ANNOTATION.md's gold format (``text``, ``actors``, ``relations``) or
    breaks it in a way that would change its scores (:func:`gold_problem`).
    """
    out = []
    for p in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(p.read_text("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise GoldFileError(f"{p}: not a UTF-8 JSON gold file ({exc})") from None
        if not isinstance(data, dict):
            raise GoldFileError(f"{p}: expected a JSON object (ANNOTATION.md gold format)")
        for fld in ("text", "actors", "relations"):
            if fld not in data:
                raise GoldFileError(f"{p}: field {fld!r} missing (ANNOTATION.md gold format)")
        problem = gold_problem(data)
        if problem:
            raise GoldFileError(f"{p}: {problem} (ANNOTATION.md gold format)")
        data.setdefault("doc_id", p.stem)
        out.append(data)
    return out


@dataclass
class RuleScore:
    """What one rule unit contributed: the relations (gold pairs) its findings supported,
    true and false positives, precision, and recall as the share of all gold pairs it found."""

    rule: str
    tp: int = 0
    fp: int = 0
    gold: int = 0  # gold pairs with sign +1 or -1, in every document

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "tp": self.tp,
            "fp": self.fp,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "gold": self.gold,
        }


UNKNOWN_RULE = "?"
"""The rule of evidence that names none (extractor output written before rules were named)."""


def score_by_rule(predictions: dict[str, dict], gold_docs: list[dict]) -> list[RuleScore]:
    """Per rule unit, the predicted relations whose evidence it read, scored as in
    :func:`score_document` (a pair counts once per document and rule), sorted by name. A
    relation supported by several rules counts for each. Cost: O(relations x evidence)."""
    out: dict[str, RuleScore] = {}
    total = 0
    for g in gold_docs:
        pred = predictions.get(g["doc_id"], {"actors": [], "relations": []})
        matched = match_actors(pred.get("actors", []), g.get("actors", []))
        gold_rel = {_key(r["a"], r["b"]): r for r in g.get("relations", [])}
        total += sum(1 for r in gold_rel.values() if r["sign"] != 0)
        seen: set[tuple[str, tuple]] = set()
        for r in pred.get("relations", []):
            outcome, k, _ = _verdict(r, matched, gold_rel)
            rules = dict.fromkeys(e.get("rule") or UNKNOWN_RULE for e in r.get("evidence", []))
            for rule in rules:
                if (rule, k) in seen:
                    continue
                seen.add((rule, k))
                sc = out.setdefault(rule, RuleScore(rule))
                if outcome == "tp":
                    sc.tp += 1
                elif outcome == "fp":
                    sc.fp += 1
    for sc in out.values():
        sc.gold = total
    return [out[k] for k in sorted(out)]


def score(predictions: dict[str, dict], gold_docs: list[dict]) -> EvalReport:
    """Score extractor documents (by doc_id) against gold documents; a missing one scores empty."""
    docs = []
    for g in gold_docs:
        pred = predictions.get(g["doc_id"], {"actors": [], "relations": []})
        docs.append(score_document(pred, g))
    return EvalReport(documents=docs)
