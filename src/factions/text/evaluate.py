"""The scorer of ANNOTATION.md ("Scoring"), for extractor output against gold files.

1. Each predicted actor is matched to the gold actor whose aliases (case-insensitive,
   whitespace-normalised, a leading "the", "a" or "an" dropped) share the most of the predicted actor's mention texts and name;
   ties and no overlap leave it unmatched.
2. A predicted relation becomes a gold pair through its matched actors (order ignored): a
   true positive when the gold pair exists with the same sign, ignored when the gold sign
   is 0, a false positive otherwise. Duplicates of one pair count once.
3. Gold pairs with sign +1 or -1 that no prediction hits are false negatives.
4. Precision, recall and F1 are micro-averaged over documents, with counts.
Affiliations are scored the same way on (member, group) pairs, separately.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
class DocScore:
    """Scores of one document, with the pairs behind them (gold ids) for error analysis."""

    doc_id: str
    relations: Counts
    affiliations: Counts
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    matched: dict[str, str | None] = field(default_factory=dict)


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


def score_document(pred: dict, gold: dict) -> DocScore:
    """Score one extractor document object against one gold document."""
    matched = match_actors(pred.get("actors", []), gold.get("actors", []))
    gold_rel = {_key(r["a"], r["b"]): r for r in gold.get("relations", [])}
    rel = Counts()
    fps: list[dict[str, Any]] = []
    hit: set[tuple[str, str]] = set()
    seen: set[tuple] = set()
    for r in pred.get("relations", []):
        ga, gb = matched.get(r["a"]), matched.get(r["b"])
        if ga is None or gb is None or ga == gb:
            key = ("?", r["a"], r["b"])
            if key not in seen:
                seen.add(key)
                rel.fp += 1
                fps.append(
                    {**r, "why": "unmatched actor" if ga is None or gb is None else "same actor"}
                )
            continue
        k = _key(ga, gb)
        if k in seen:
            continue
        seen.add(k)
        g = gold_rel.get(k)
        if g is None:
            rel.fp += 1
            fps.append({**r, "gold_pair": k, "why": "pair not in gold"})
        elif g["sign"] == 0:
            continue
        elif g["sign"] == r["sign"]:
            rel.tp += 1
            hit.add(k)
        else:
            rel.fp += 1
            fps.append({**r, "gold_pair": k, "why": f"wrong sign (gold {g['sign']})"})
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
    return DocScore(
        doc_id=gold.get("doc_id", ""),
        relations=rel,
        affiliations=aff,
        false_positives=fps,
        false_negatives=fns,
        matched=matched,
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": [
                {
                    "doc_id": d.doc_id,
                    "relations": d.relations.as_dict(),
                    "affiliations": d.affiliations.as_dict(),
                }
                for d in self.documents
            ],
            "micro": {
                "relations": self.relations.as_dict(),
                "affiliations": self.affiliations.as_dict(),
            },
        }


def load_gold(folder: str | Path) -> list[dict]:
    """Every gold document (``*.json``) in ``folder``, sorted by file name."""
    out = []
    for p in sorted(Path(folder).glob("*.json")):
        data = json.loads(p.read_text("utf-8"))
        data.setdefault("doc_id", p.stem)
        out.append(data)
    return out


def score(predictions: dict[str, dict], gold_docs: list[dict]) -> EvalReport:
    """Score extractor documents (by doc_id) against gold documents; a missing one scores empty."""
    docs = []
    for g in gold_docs:
        pred = predictions.get(g["doc_id"], {"actors": [], "relations": []})
        docs.append(score_document(pred, g))
    return EvalReport(documents=docs)
