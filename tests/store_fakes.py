"""A tiny deterministic stand-in for the text pipeline, for store tests that need no spaCy.

It understands sentences of the form "Alpha allies with Beta." (+1) and "Alpha attacks
Beta." (-1) between capitalised one-word actors, and returns results with the text
pipeline's interface: ``to_json()`` (actors with mentions), ``relations`` (model
Relations with Evidence) and ``affiliations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factions.model import Affiliation, Evidence, Relation

_RX = re.compile(r"\b([A-Z][a-z]+) (allies with|attacks|leads) ([A-Z][a-z]+)\b")


@dataclass
class FakeResult:
    doc_id: str
    actors: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "actors": [
                {
                    "id": aid,
                    "name": ms[0][0],
                    "kind": "party",
                    "mentions": [{"text": t, "start": s, "end": e} for t, s, e in ms],
                }
                for aid, ms in self.actors.items()
            ],
        }


class FakeExtractor:
    calls = 0

    def extract(self, doc) -> FakeResult:
        if "EXPLODE" in doc.text:
            raise RuntimeError("the fake extractor refuses this document")
        res = FakeResult(doc.doc_id)
        for m in _RX.finditer(doc.text):
            a, verb, b = m.group(1), m.group(2), m.group(3)
            for name, start in ((a, m.start(1)), (b, m.start(3))):
                res.actors.setdefault(name.lower(), []).append((name, start, start + len(name)))
            if a == b:
                continue
            sent_start = doc.text.rfind(".", 0, m.start()) + 1
            sent_end = doc.text.find(".", m.end())
            sentence = doc.text[sent_start : sent_end + 1 if sent_end >= 0 else None].strip()
            if verb == "leads":
                res.affiliations.append(
                    Affiliation(member=a.lower(), group=b.lower(), role="leader")
                )
                continue
            ev = Evidence(
                doc_id=doc.doc_id, start=m.start(), end=m.end(), sentence=sentence,
                quote=m.group(0), date=doc.date,
            )  # fmt: skip
            res.relations.append(
                Relation(
                    a=a.lower(),
                    b=b.lower(),
                    sign=1 if verb == "allies with" else -1,
                    kind="alliance" if verb == "allies with" else "attack",
                    confidence=0.8,
                    evidence=(ev,),
                )  # fmt: skip
            )
        return res

    def extract_many(self, docs, batch_size: int = 32, n_process: int = 1):
        for d in docs:
            yield self.extract(d)


SPEC = "store_fakes:FakeExtractor"
