"""Training the pair classifier: ``factions train`` / ``make model``.

Learner: scikit-learn's multinomial ``LogisticRegression`` (L2, lbfgs) over the sparse named
features of :mod:`factions.text.features`, with per-example weights by source. Why a linear
model: the features are sparse and many (dependency paths, lemmas, rule findings), the
training set is thousands of examples, the probabilities of a logistic model are close to
calibrated, it trains in seconds and its artifact is a small table of weights that loads
without pickle; spaCy's trainable components would need the sentence-level pair framing
and a second model in the pipeline for no gain at this data size.

Protocol (fixed seed; nothing chosen on the gold documents under ``../shared/gold`` or on
the measuring paragraphs): the external sets train on their train splits and report their
valid and test splits (the test splits once, in the model card); the regularisation, the
weight of each source and the document-level threshold are chosen by cross-validation over
our own annotated in-domain documents (``annotations/training``), holding out whole
polities (four folds), scored at document level exactly as ``factions eval`` scores (of
the settings within 0.005 F1 of the best, the most precise: :func:`choose`); the final model is fitted on the external train splits and all our in-domain documents.
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

from factions.text.evaluate import Counts, load_gold
from factions.text.relation_model.classifier import CLASSES, RelationModel
from factions.text.relation_model.datasets import (
    Example,
    PreparedDocument,
    conflibert_cameo,
    directed_sentiment,
    prepare_documents,
)

__all__ = [
    "TrainConfig",
    "load_examples",
    "fit",
    "macro_f1",
    "polity_folds",
    "document_counts",
    "cross_validate",
    "choose",
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
    rule_threshold: float | None = None

    def weight(self, source: str) -> float:
        return dict(self.weights).get(source, 1.0)


def polity(doc_id: str) -> str:
    """The polity of one of our annotated documents: the second ``_`` field of its id."""
    parts = doc_id.split("_")
    return parts[1] if len(parts) > 1 else doc_id


def polity_folds(docs: Sequence[PreparedDocument], k: int, repeat: int = 0) -> list[list[int]]:
    """``k`` folds of document indices, a whole polity in one fold (hash-assigned, fixed;
    ``repeat`` > 0 salts the hash for another assignment of the same documents)."""
    folds: list[list[int]] = [[] for _ in range(k)]
    for i, d in enumerate(docs):
        name = polity(d.gold["doc_id"]).encode()
        if repeat == 0:
            h = zlib.crc32(name)
        else:  # not CRC: salting a linear hash only permutes its folds
            salted = hashlib.blake2b(name, digest_size=8, salt=repeat.to_bytes(16, "big"))
            h = int.from_bytes(salted.digest(), "big")
        folds[h % k].append(i)
    return [f for f in folds if f]


def load_examples(
    shared: Path,
    indomain: Path | None,
    extractor,
    cache: Path | None = None,
    log: Callable[[str], None] = print,
) -> tuple[dict[str, list[Example]], list[PreparedDocument]]:
    """Every external example set (keyed ``source/split``) and our prepared in-domain
    documents; cached by a digest of the inputs and of the code that reads them."""
    inputs = sorted((shared / "data" / "training").rglob("*.t*"))
    if indomain is not None:
        inputs += sorted(indomain.glob("*.json"))
    h = hashlib.sha256()
    for p in inputs:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    src = Path(__file__).parent.parent  # every module and data file of text/ (actorhood
    # decides which entities pair, tables and coref which mentions there are)
    code = sorted(p for p in src.rglob("*") if p.suffix in (".py", ".yaml", ".tsv"))
    for p in code:
        if p.is_file():
            h.update(p.read_bytes())
    key = h.hexdigest()[:16]
    f = cache / f"examples-{key}.pickle" if cache is not None else None
    if f is not None and f.exists():
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
    docs: list[PreparedDocument] = []
    if indomain is not None:
        gold = load_gold(indomain)
        log(f"examples: in-domain ({len(gold)} documents)")
        docs = prepare_documents(gold, extractor)
    if f is not None:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(pickle.dumps((sets, docs)))
    return sets, docs


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
        rule_threshold=config.rule_threshold,
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


Gates = tuple[float, float]  # (threshold, rule_threshold)


def document_counts(
    docs: Sequence[PreparedDocument], model: RelationModel, thresholds: Sequence[Gates]
) -> dict[Gates, Counts]:
    """Document-level relation counts (ANNOTATION.md scoring) at each pair of thresholds
    (for pairs no rule read, and for pairs a rule read)."""
    from factions.text.documents import Document
    from factions.text.evaluate import score_document
    from factions.text.relation_model.inference import (
        model_relations,
        score_instances,
        unaffiliated,
        with_implied,
    )

    out = {t: Counts() for t in thresholds}
    for d in docs:
        scored = score_instances(d.instances, model)
        doc = Document(d.gold["doc_id"], d.gold["text"])
        for t in thresholds:
            rels = model_relations(scored, d.ids, doc, d.known, *t)
            rels = unaffiliated(with_implied(rels, d.implied), d.affiliated)
            pred = {"actors": d.actors,
                    "relations": [{"a": r.a, "b": r.b, "sign": r.sign} for r in rels]}  # fmt: skip
            out[t] += score_document(pred, d.gold).relations
    return out


_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
THRESHOLDS: tuple[Gates, ...] = tuple((t, r) for t in _GRID for r in _GRID if r <= t)


CV_REPEATS = 3


def cross_validate(
    external: Sequence[Example],
    docs: Sequence[PreparedDocument],
    config: TrainConfig,
    k: int = 4,
    repeats: int = CV_REPEATS,
) -> dict[Gates, Counts]:
    """Document-level counts at each pair of thresholds, each fold of our documents (a whole
    polity at a time) scored by a model trained on the external sets and the other folds;
    summed over ``repeats`` different assignments of polities to folds (repeated grouped
    k-fold cross-validation: one assignment's estimate varies by about as much as the
    settings differ, so the choice between them would be left to chance; Kohavi 1995,
    "A study of cross-validation and bootstrap for accuracy estimation and model
    selection", IJCAI)."""
    total = {t: Counts() for t in THRESHOLDS}
    for r in range(repeats):
        for fold in polity_folds(docs, k, r):
            held = set(fold)
            train_docs = [d for i, d in enumerate(docs) if i not in held]
            train = [*external, *(e for d in train_docs for e in d.examples("indomain"))]
            model = fit(train, config)
            for t, c in document_counts([docs[i] for i in fold], model, THRESHOLDS).items():
                total[t] += c
    return total


F1_TOLERANCE = 0.005


def choose(
    scored: Sequence[tuple[Any, Counts]], tolerance: float = F1_TOLERANCE
) -> tuple[Any, Counts]:
    """The setting to keep among cross-validated ones: of those whose document F1 is within
    ``tolerance`` of the best (differences the cross-validation cannot tell apart: with
    about 1,400 gold pairs the standard error of F1 is about 0.01), the most precise; then
    the higher recall. Users act on what is reported, so among equals the model that reports
    fewer false relations wins.

    >>> from factions.text.evaluate import Counts
    >>> best_f1, nearly, far = Counts(40, 80, 60), Counts(35, 60, 65), Counts(10, 5, 80)
    >>> choose([("a", best_f1), ("b", nearly), ("c", far)])[0]  # F1 .364 / .359 / .190
    'b'
    """
    top = max(round(n.f1, 4) for _, n in scored)
    near = [(k, n) for k, n in scored if round(n.f1, 4) >= top - tolerance]
    return max(near, key=lambda kn: (round(kn[1].precision, 4), kn[1].recall, round(kn[1].f1, 4)))


def train(
    shared: Path,
    indomain: Path | None,
    out: Path,
    cache: Path | None = None,
    grid: dict[str, Sequence[Any]] | None = None,
    log: Callable[[str], None] = print,
) -> RelationModel:
    """Build the examples, choose hyperparameters by cross-validation over our in-domain
    documents (whole polities held out), fit on all training data, write ``out``."""
    from factions.text.pipeline import Extractor

    random.seed(SEED)
    np.random.seed(SEED)
    extractor = Extractor(extractor="rules")
    sets, docs = load_examples(shared, indomain, extractor, cache, log)
    grid = grid or {"C": (0.02, 0.05, 0.1), "indomain": (3.0, 10.0), "external": (0.3, 1.0)}
    best: tuple[tuple[float, float], TrainConfig, Counts | None] | None = None
    tried: list[tuple[TrainConfig, Counts]] = []
    for c, wi, we in itertools.product(grid["C"], grid["indomain"], grid["external"]):
        weights = (("directed_sentiment", we), ("conflibert_cameo", we), ("indomain", wi))
        cfg = TrainConfig(C=c, weights=weights)
        external = [e for k, v in sets.items() if k.endswith("/train") for e in v]
        if docs:
            counts = cross_validate(external, docs, cfg)
            tried += [
                (TrainConfig(C=c, weights=weights, threshold=t, rule_threshold=rt), n)
                for (t, rt), n in counts.items()
            ]
            (t, rt), s = choose(list(counts.items()))
            log(f"C={c} indomain={wi} external={we}: cross-validated document F1 {s.f1:.3f} "
                f"(P {s.precision:.3f} R {s.recall:.3f}) at thresholds {t} / {rt} (rules)")  # fmt: skip
        else:
            model = fit(external, cfg)
            valid = sets["directed_sentiment/valid"] + sets["conflibert_cameo/valid"]
            key = (macro_f1([e.label for e in valid], sentence_predictions(model, valid)), 0.0)
            log(f"C={c} external={we}: valid macro-F1 {key[0]:.3f}")
            if best is None or key > best[0]:
                best = (key, cfg, None)
    if tried:
        cfg, cv = choose(tried)
        log(f"chosen: C={cfg.C} weights={dict(cfg.weights)} thresholds {cfg.threshold} / "
            f"{cfg.rule_threshold}: F1 {cv.f1:.3f} (P {cv.precision:.3f} R {cv.recall:.3f})")  # fmt: skip
    else:
        assert best is not None
        _, cfg, cv = best
    train_set = [e for k, v in sets.items() if k.endswith("/train") for e in v]
    train_set += [e for d in docs for e in d.examples("indomain")]
    meta: dict[str, Any] = {
        "seed": SEED,
        "learner": "sklearn.linear_model.LogisticRegression (multinomial, L2, lbfgs)",
        "config": {
            "C": cfg.C,
            "weights": dict(cfg.weights),
            "min_count": cfg.min_count,
            "threshold": cfg.threshold,
            "rule_threshold": cfg.rule_threshold,
        },
        "sizes": {k: len(v) for k, v in sets.items()}
        | {
            "indomain/documents": len(docs),
            "indomain/examples": sum(len(d.examples("indomain")) for d in docs),
        },  # fmt: skip
    }
    model = fit(train_set, cfg, meta)
    metrics: dict[str, Any] = {}
    for k in sorted(sets):
        if not k.endswith("/train"):
            metrics[k] = sentence_scores(model, sets[k])
    if cv is not None:
        metrics["indomain/cross-validated documents"] = cv.as_dict()
    meta["metrics"] = metrics
    model = RelationModel(
        features=model.features, coef=model.coef, intercept=model.intercept,
        classes=model.classes, threshold=cfg.threshold, rule_threshold=cfg.rule_threshold,
        meta=meta,
    )  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(json.dumps(metrics, indent=1))
    return model
