"""Training the pair classifier: ``factions train`` / ``make model``.

Learner: scikit-learn's multinomial ``LogisticRegression`` (L2, lbfgs) over the sparse named
features of :mod:`factions.text.features`, with per-example weights by source. Why a linear
model: the features are sparse and many (dependency paths, lemmas, rule findings), the
training set is thousands of examples, the probabilities of a logistic model are close to
calibrated, it trains in seconds and its artifact is a small table of weights that loads
without pickle; spaCy's trainable components would need the sentence-level pair framing
and a second model in the pipeline for no gain at this data size.

Protocol (fixed seed; nothing chosen on the gold documents under ``../shared/gold`` or on
the measuring paragraphs): train on the train splits; choose the regularisation, the weight
of each source and the document-level threshold on the validation data (the
directed-sentiment valid split, a hashed 15 % of the CAMEO train sentences, and our
in-domain validation documents: every annotated training document whose polity hashes into
the validation fifth); report each test split once.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factions.text.relation_model.classifier import CLASSES, RelationModel
from factions.text.relation_model.datasets import (
    Example,
    conflibert_cameo,
    directed_sentiment,
    gold_documents,
    read_gold_folder,
)

__all__ = [
    "TrainConfig",
    "load_examples",
    "fit",
    "macro_f1",
    "indomain_split",
    "document_scores",
    "train",
]

SEED = 2012


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters: inverse regularisation ``C``, per-source example weights, the
    minimum number of training examples a feature needs, and the document threshold."""

    C: float = 0.5
    weights: tuple[tuple[str, float], ...] = (
        ("directed_sentiment", 1.0),
        ("conflibert_cameo", 1.0),
        ("indomain", 4.0),
    )
    min_count: int = 2
    threshold: float = 0.5

    def weight(self, source: str) -> float:
        return dict(self.weights).get(source, 1.0)


def indomain_split(doc_id: str) -> str:
    """``"valid"`` for documents whose polity (second ``_`` field of the id) hashes into
    the validation fifth, else ``"train"``: a whole polity is on one side."""
    parts = doc_id.split("_")
    polity = parts[1] if len(parts) > 1 else doc_id
    return "valid" if zlib.crc32(polity.encode()) % 5 == 0 else "train"


def load_examples(
    shared: Path,
    indomain: Path | None,
    extractor,
    cache: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, list[Example]]:
    """Every example set, keyed ``source/split``; cached by the inputs' digest."""
    inputs = sorted((shared / "data" / "training").rglob("*.t*"))
    if indomain is not None:
        inputs += sorted(indomain.glob("*.json"))
    h = hashlib.sha256()
    for p in inputs:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    src = Path(__file__).parent.parent
    for name in ("features.py", "candidates.py", "relations.py", "mentions.py", "coref.py"):
        p = src / name
        if p.exists():
            h.update(p.read_bytes())
    for p in sorted((src / "lexicon").glob("*.yaml")) + sorted((src / "rules").glob("*.py")):
        h.update(p.read_bytes())
    key = h.hexdigest()[:16]
    if cache is not None:
        f = cache / f"examples-{key}.pickle"
        if f.exists():
            log(f"examples: cached {f}")
            return pickle.loads(f.read_bytes())
    nlp, lex = extractor.nlp, extractor.lex
    ds = shared / "data" / "training" / "directed_sentiment"
    cb = shared / "data" / "training" / "conflibert_cameo"
    sets: dict[str, list[Example]] = {}
    for split in ("train", "valid", "test"):
        log(f"examples: directed sentiment {split}")
        sets[f"directed_sentiment/{split}"] = directed_sentiment(ds / f"{split}.tsv", nlp, lex)
    for split, part in (("train", "train"), ("train", "valid"), ("test", None)):
        log(f"examples: CAMEO {part or split}")
        sets[f"conflibert_cameo/{part or split}"] = conflibert_cameo(cb, split, nlp, lex, part)
    if indomain is not None:
        docs = read_gold_folder(indomain)
        for split in ("train", "valid"):
            chosen = [d for d in docs if indomain_split(d["doc_id"]) == split]
            log(f"examples: in-domain {split} ({len(chosen)} documents)")
            sets[f"indomain/{split}"] = gold_documents(chosen, extractor, "indomain")
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"examples-{key}.pickle").write_bytes(pickle.dumps(sets))
    return sets


def fit(
    train: Sequence[Example], config: TrainConfig, meta: dict[str, Any] | None = None
) -> RelationModel:
    """Fit the logistic model on ``train`` (features seen fewer than ``min_count`` times
    dropped) and return it as a :class:`RelationModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter()
    for e in train:
        counts.update(e.features)
    keep = {f for f, n in counts.items() if n >= config.min_count}
    rows = [{k: v for k, v in e.features.items() if k in keep} for e in train]
    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform(rows)
    y = np.asarray([e.label for e in train])
    w = np.asarray([config.weight(e.source) for e in train])
    clf = LogisticRegression(C=config.C, max_iter=3000, random_state=SEED)
    clf.fit(x, y, sample_weight=w)
    order = [list(clf.classes_).index(c) for c in CLASSES]
    return RelationModel(
        features=tuple(vec.get_feature_names_out()),
        coef=clf.coef_[order],
        intercept=clf.intercept_[order],
        classes=CLASSES,
        threshold=config.threshold,
        meta=meta or {},
    )


def macro_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    """Macro-averaged F1 over the three classes none / +1 / -1."""
    f1s = []
    for c in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def sentence_predictions(model: RelationModel, examples: Sequence[Example]) -> list[int]:
    """The model's class for each example (highest probability)."""
    probs = model.predict_proba([e.features for e in examples])
    return [model.classes[k] for k in probs.argmax(axis=1)]


def sentence_scores(model: RelationModel, examples: Sequence[Example]) -> dict[str, float]:
    """Three-way macro-F1 of the model and of the rules alone on the same examples."""
    gold = [e.label for e in examples]
    return {
        "n": len(examples),
        "model_macro_f1": round(macro_f1(gold, sentence_predictions(model, examples)), 4),
        "rules_macro_f1": round(macro_f1(gold, [e.rule_sign for e in examples]), 4),
    }


def document_scores(extractor, docs: list[dict], model: RelationModel, thresholds: Sequence[float]):
    """Document-level relation P/R/F1 (ANNOTATION.md scoring) at each threshold."""
    from dataclasses import replace

    from factions.text.documents import Document
    from factions.text.evaluate import score

    parsed = list(extractor.nlp.pipe([d["text"] for d in docs], batch_size=8))
    out = {}
    for t in thresholds:
        extractor.model = replace(model, threshold=t)
        extractor.extractor = "model"
        preds = {
            d["doc_id"]: extractor.read_parsed(Document(d["doc_id"], d["text"]), sdoc).to_json()
            for d, sdoc in zip(docs, parsed, strict=True)
        }
        out[t] = score(preds, docs).relations
    return out


def train(
    shared: Path,
    indomain: Path | None,
    out: Path,
    cache: Path | None = None,
    grid: dict[str, Sequence[Any]] | None = None,
    log: Callable[[str], None] = print,
) -> RelationModel:
    """Build the examples, choose hyperparameters on validation data, fit, write ``out``."""
    from factions.text.pipeline import Extractor

    random.seed(SEED)
    np.random.seed(SEED)
    extractor = Extractor(extractor="rules")
    sets = load_examples(shared, indomain, extractor, cache, log)
    grid = grid or {
        "C": (0.1, 0.3, 1.0),
        "indomain": (2.0, 5.0),
        "external": (0.3, 1.0),
    }
    train_set = [e for k, v in sets.items() if k.endswith("/train") for e in v]
    valid_docs = (
        [d for d in read_gold_folder(indomain) if indomain_split(d["doc_id"]) == "valid"]
        if indomain is not None
        else []
    )
    thresholds = [round(x, 2) for x in np.arange(0.2, 0.91, 0.05)]
    best: tuple[float, TrainConfig] | None = None
    for c, wi, we in itertools.product(grid["C"], grid["indomain"], grid["external"]):
        cfg = TrainConfig(
            C=c,
            weights=(("directed_sentiment", we), ("conflibert_cameo", we), ("indomain", wi)),
        )
        model = fit(train_set, cfg)
        if valid_docs:
            scores = document_scores(extractor, valid_docs, model, thresholds)
            t, s = max(scores.items(), key=lambda kv: (round(kv[1].f1, 4), kv[1].recall))
            key = s.f1
            cfg = TrainConfig(C=c, weights=cfg.weights, threshold=t)
            log(f"C={c} indomain={wi} external={we}: valid docs F1 {s.f1:.3f} "
                f"(P {s.precision:.3f} R {s.recall:.3f}) at threshold {t}")  # fmt: skip
        else:
            valid = sets["directed_sentiment/valid"] + sets["conflibert_cameo/valid"]
            key = macro_f1([e.label for e in valid], sentence_predictions(model, valid))
            log(f"C={c} external={we}: valid macro-F1 {key:.3f}")
        if best is None or key > best[0]:
            best = (key, cfg)
    assert best is not None
    cfg = best[1]
    meta: dict[str, Any] = {
        "seed": SEED,
        "learner": "sklearn.linear_model.LogisticRegression (multinomial, L2, lbfgs)",
        "config": {
            "C": cfg.C,
            "weights": dict(cfg.weights),
            "min_count": cfg.min_count,
            "threshold": cfg.threshold,
        },  # fmt: skip
        "sizes": {k: len(v) for k, v in sets.items()},
        "labels": {k: dict(Counter(str(e.label) for e in v)) for k, v in sets.items()},
    }
    model = fit(train_set, cfg, meta)
    metrics = {}
    for k in sorted(sets):
        if not k.endswith("/train"):
            metrics[k] = sentence_scores(model, sets[k])
    if valid_docs:
        s = document_scores(extractor, valid_docs, model, [cfg.threshold])[cfg.threshold]
        metrics["indomain/valid documents"] = s.as_dict()
    meta["metrics"] = metrics
    model = RelationModel(
        features=model.features, coef=model.coef, intercept=model.intercept,
        classes=model.classes, threshold=cfg.threshold, meta=meta,
    )  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(json.dumps(metrics, indent=1))
    return model
