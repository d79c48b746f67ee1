"""Training and evaluation examples for the pair classifier.

An *example* is one candidate pair in one sentence: its features
(:func:`factions.text.features.pair_features`, the same function extraction uses), its
label (0 none, +1, -1; direction dropped) and the set it comes from. Sources:

* Park, Pan & Joo (2021), "Who Blames or Endorses Whom? Entity-to-Entity Directed Sentiment
  Extraction in News Text", Findings of ACL: sentences with two bracketed entities and a
  five-way label (0 neutral, 1/2 positive, 3/4 negative) -> none / +1 / -1.
* Parolin et al. (2022), "Multi-CoPED", AIES (the ConfliBERT CAMEO sentences): source,
  target and reciprocal spans joined with the sentence's class (0 neutral, 1-2
  cooperation, 3-4 conflict) -> none / +1 / -1 for every source-target pair.
* Documents in the gold format of ANNOTATION.md (our own annotated paragraphs): the
  extraction pipeline's own candidates; a candidate whose actors match a gold pair is
  labelled with its sign in the sentences its evidence quotes (other sentences of that pair
  are left out, as they may not state it), and every other candidate is labelled none.

Reading ``../shared/data/training`` is a training-time concern: nothing here runs when a
user extracts.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factions.model import ActorKind
from factions.text.features import pair_features
from factions.text.lexicon import Lexicon

__all__ = [
    "Example",
    "DatasetError",
    "directed_sentiment",
    "conflibert_cameo",
    "gold_documents",
    "prepare_documents",
    "PreparedDocument",
]

_ENT_KIND = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANIZATION,
    "GPE": ActorKind.STATE,
    "NORP": ActorKind.STATE,
}
_DS_LABEL = {0: 0, 1: 1, 2: 1, 3: -1, 4: -1}
_CAMEO_LABEL = {0: 0, 1: 1, 2: 1, 3: -1, 4: -1}


class DatasetError(ValueError):
    """A training file that cannot be read: names the file, the line and what was expected."""


@dataclass(frozen=True)
class Example:
    """One labelled candidate: features, label (0, +1, -1), source set and document."""

    features: dict[str, float]
    label: int
    source: str
    doc: str
    rule_sign: int  # the rules' verdict on this candidate (0: no rule fired)


def _span_tokens(doc, start: int, end: int) -> list[int]:
    return [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _kind(doc, toks: list[int]) -> str:
    for i in toks:
        k = _ENT_KIND.get(doc[i].ent_type_)
        if k is not None:
            return str(k)
    return str(ActorKind.OTHER)


def _rule_sign(findings: list[Any]) -> int:
    present = [f for f in findings if not f.past]
    score = sum(f.sign * f.confidence for f in present)
    return 0 if not present else (1 if score > 0 else -1 if score < 0 else present[-1].sign)


def _span_examples(
    nlp,
    lex: Lexicon,
    items: Iterable[tuple[str, list[tuple[int, int]], list[tuple[int, int]], int, str]],
    source: str,
) -> Iterator[Example]:
    """Examples from sentences with given entity character spans.

    ``items``: (text, spans of side A, spans of side B, label, doc id); every A span is
    paired with every B span.
    """
    from factions.text.rules import read_relations

    items = list(items)
    for (_text, spans_a, spans_b, label, doc_id), doc in zip(
        items, nlp.pipe((t for t, *_ in items), batch_size=64), strict=True
    ):
        for sa in spans_a:
            for sb in spans_b:
                ta, tb = _span_tokens(doc, *sa), _span_tokens(doc, *sb)
                if not ta or not tb or set(ta) & set(tb):
                    continue
                te = {i: 0 for i in ta} | {i: 1 for i in tb}
                findings = [f for f in read_relations(doc, te, lex, {}) if {f.a, f.b} == {0, 1}]
                ha, hb = doc[ta[0] : ta[-1] + 1].root.i, doc[tb[0] : tb[-1] + 1].root.i
                s = doc[ha].sent
                feats = pair_features(
                    doc, [ha], [hb], lex, kind_a=_kind(doc, ta), kind_b=_kind(doc, tb),
                    findings=findings, sent=(s.start, s.end),
                )  # fmt: skip
                yield Example(feats, label, source, doc_id, _rule_sign(findings))


def _bracketed(line: str, p: str, q: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """The sentence without its two ``[...]`` marks, and the character spans they marked."""
    out, spans, k = [], [], 0
    for m in re.finditer(r"\[([^\[\]]*)\]", line):
        out.append(line[k : m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1)), m.group(1)))
        k = m.end()
    out.append(line[k:])
    text = "".join(out)
    if len(spans) != 2:
        return None
    (s1, e1, t1), (s2, e2, t2) = spans
    if t1.strip() == p.strip() or t2.strip() == q.strip():
        return text, (s1, e1), (s2, e2)
    return text, (s2, e2), (s1, e1)


def directed_sentiment(path: str | Path, nlp, lex: Lexicon) -> list[Example]:
    """Examples of one split of Park, Pan & Joo's directed-sentiment set (a ``.tsv`` file)."""
    path = Path(path)
    items = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not cols[3].strip().isdigit() or int(cols[3]) not in _DS_LABEL:
            raise DatasetError(f"{path}:{n}: expected 'sentence<TAB>p<TAB>q<TAB>label 0-4'")
        got = _bracketed(cols[0], cols[1], cols[2])
        if got is None:
            continue  # a sentence whose two entities are not both bracketed
        text, sa, sb = got
        items.append((text, [sa], [sb], _DS_LABEL[int(cols[3])], f"{path.stem}:{n}"))
    return list(_span_examples(nlp, lex, items, "directed_sentiment"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _conll(path: Path) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    sent: list[tuple[str, str]] = []
    start = 1
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            if sent:
                yield start, sent
            sent, start = [], n + 1
            continue
        parts = line.rsplit(" ", 1)
        if len(parts) != 2 or not re.fullmatch(r"O|[BI]-[STR]", parts[1]):
            raise DatasetError(f"{path}:{n}: expected 'token TAG' with TAG O or B/I-S/T/R")
        sent.append((parts[0], parts[1]))
    if sent:
        yield start, sent


def conflibert_cameo(
    folder: str | Path,
    split: str,
    nlp,
    lex: Lexicon,
    part: str | None = None,
    valid_share: float = 0.15,
) -> list[Example]:
    """Examples of the ConfliBERT CAMEO sentences (``split``: ``train`` or ``test``).

    The ``ner`` file gives source (S), target (T) and reciprocal (R) spans, the ``class``
    file the sentence's class; they are joined on the sentence with whitespace removed.
    ``part``: ``"train"`` or ``"valid"`` splits ``train`` by a hash of the sentence
    (``valid_share`` of it to valid), as the set has no validation split of its own.
    """
    folder = Path(folder)
    classes: dict[str, tuple[str, int]] = {}
    cpath = folder / f"class_{split}.tsv"
    for n, line in enumerate(cpath.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        sent, _, label = line.rpartition("\t")
        if not label.strip().isdigit() or int(label) not in _CAMEO_LABEL:
            raise DatasetError(f"{cpath}:{n}: expected 'sentence<TAB>class 0-4'")
        classes[_squash(sent)] = (sent, _CAMEO_LABEL[int(label)])
    items = []
    for n, toks in _conll(folder / f"ner_{split}.txt"):
        key = _squash("".join(t for t, _ in toks))
        if key not in classes:
            continue
        if part is not None:
            in_valid = zlib.crc32(key.encode()) % 1000 < valid_share * 1000
            if in_valid != (part == "valid"):
                continue
        text, label = classes[key]
        # character offset of every token in the raw sentence
        offsets, k = [], 0
        for tok, _ in toks:
            j = text.find(tok, k)
            if j < 0:
                break
            offsets.append((j, j + len(tok)))
            k = j + len(tok)
        if len(offsets) != len(toks):
            continue
        spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": [], "R": []}
        for (_tok, tag), (s, e) in zip(toks, offsets, strict=True):
            if tag.startswith("B-"):
                spans[tag[2]].append((s, e))
            elif tag.startswith("I-") and spans[tag[2]]:
                spans[tag[2]][-1] = (spans[tag[2]][-1][0], e)
        sources = spans["S"] + spans["R"]
        targets = spans["T"] + (spans["R"] if len(spans["R"]) > 1 else [])
        if sources and targets:
            items.append((text, sources, targets, label, f"cameo-{split}:{n}"))
    return list(_span_examples(nlp, lex, items, "conflibert_cameo"))


def _evidence_sentences(doc, text: str, quote: str) -> set[int]:
    starts = [s.start_char for s in doc.sents]
    ends = [s.end_char for s in doc.sents]
    out = set()
    for frag in quote.split(" ... "):
        frag = frag.strip()
        if not frag:
            continue
        k = text.find(frag)
        while k >= 0:
            for si, (s, e) in enumerate(zip(starts, ends, strict=True)):
                if s < k + len(frag) and e > k:
                    out.add(si)
            k = text.find(frag, k + 1)
    return out


@dataclass
class PreparedDocument:
    """A gold-format document read by the pipeline up to the classifier: its pair instances
    (with labels where the gold decides one), entity ids and predicted actors, so that any
    model can be scored on it at document level without parsing it again."""

    gold: dict
    instances: list[Any]
    labels: list[int | None]  # None: left out of training (a gold pair not quoted there)
    ids: dict[int, str]
    known: set[str]
    actors: list[dict]
    affiliated: frozenset = frozenset()  # pairs an affiliation links (never relations)
    implied: tuple = ()  # relations the rules read that no candidate carries (tables, ...)

    def examples(self, source: str) -> list[Example]:
        return [
            Example(i.features, y, source, self.gold["doc_id"], _rule_sign(list(i.findings)))
            for i, y in zip(self.instances, self.labels, strict=True)
            if y is not None
        ]


def prepare_documents(docs: list[dict], extractor) -> list[PreparedDocument]:
    """Gold-format documents through the extraction pipeline's own candidates.

    ``extractor``: a :class:`~factions.text.pipeline.Extractor` (its parse, mentions,
    coreference and rules are used; its classifier is not). A candidate whose actors match a
    gold pair is labelled with the pair's sign in the sentences its evidence quotes (left out
    elsewhere, and when the gold sign is 0); every other candidate is labelled none.
    """
    from factions.text.documents import Document
    from factions.text.evaluate import match_actors
    from factions.text.relation_model.inference import candidate_keys, pair_instances

    out: list[PreparedDocument] = []
    texts = [d["text"] for d in docs]
    for g, sdoc in zip(docs, extractor.nlp.pipe(texts, batch_size=8), strict=True):
        st = extractor.read_state(sdoc, g.get("date"))
        pred = [
            {"id": am.actor.id, "name": am.actor.name,
             "mentions": [{"text": m.text} for m in am.mentions]}
            for am in st.actors
        ]  # fmt: skip
        matched = match_actors(pred, g["actors"])
        gold = {}
        for r in g["relations"]:
            key = (r["a"], r["b"]) if r["a"] <= r["b"] else (r["b"], r["a"])
            gold[key] = (
                int(r["sign"]),
                _evidence_sentences(sdoc, g["text"], r.get("evidence", "")),
            )
        insts = pair_instances(sdoc, st, extractor.lex)
        labels: list[int | None] = []
        for inst in insts:
            c = inst.cand
            ga, gb = matched.get(st.ids[c.a]), matched.get(st.ids[c.b])
            label: int | None = 0
            if ga and gb and ga != gb:
                key = (ga, gb) if ga <= gb else (gb, ga)
                if key in gold:
                    sign, sents = gold[key]
                    label = sign if sign != 0 and c.sent in sents else None
            labels.append(label)
        implied = st.implied_relations(Document(g["doc_id"], g["text"]), candidate_keys(insts))
        out.append(
            PreparedDocument(
                g, insts, labels, st.ids, st.known, pred, st.affiliated, tuple(implied)
            )
        )
    return out


def gold_documents(docs: list[dict], extractor, source: str) -> list[Example]:
    """Labelled examples of gold-format documents (:func:`prepare_documents`)."""
    return [e for d in prepare_documents(docs, extractor) for e in d.examples(source)]
