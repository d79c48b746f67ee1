"""Cross-validated document scores of one training setting on our in-domain documents.

The measure that decides an extraction change (docs/model.md, "Selection"): repeated
grouped cross-validation over ``annotations/training`` (whole polities held out, four folds,
three assignments, summed), each fold scored at document level exactly as ``factions eval``
scores, by a model trained on the external sets and the other folds. Prints the best pair of
thresholds, the pair ``factions train`` would keep (the most precise within the tolerance)
and the packaged model's own pair, with their counts. Examples are cached in ``--cache`` by a
digest of the inputs and of the code that reads them, so a second run on unchanged code takes
only the fitting (about a minute and a half on two cores); changed code rebuilds them (about
two minutes more).

Usage: ``.venv/bin/python bench/cv_indomain.py [--shared ../shared] [--C 0.02]
[--indomain-weight 3] [--external-weight 0.3]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--indomain", type=Path, default=ROOT / "annotations" / "training")
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache" / "relation-model")
    ap.add_argument("--C", type=float, default=0.02)
    ap.add_argument("--indomain-weight", type=float, default=3.0)
    ap.add_argument("--external-weight", type=float, default=0.3)
    args = ap.parse_args()
    if not (args.shared / "data" / "training").is_dir():
        print(f"{args.shared}/data/training: not found (the labelled sets live in ../shared)",
              file=sys.stderr)  # fmt: skip
        return 2

    from factions.text.pipeline import Extractor
    from factions.text.relation_model import RelationModel
    from factions.text.relation_model.train import (
        TrainConfig,
        choose,
        cross_validate,
        load_examples,
    )

    t0 = time.perf_counter()
    sets, docs = load_examples(args.shared, args.indomain, Extractor(extractor="rules"),
                               args.cache, log=lambda s: None)  # fmt: skip
    external = [e for k, v in sets.items() if k.endswith("/train") for e in v]
    we = args.external_weight
    cfg = TrainConfig(
        C=args.C,
        weights=(("directed_sentiment", we), ("conflibert_cameo", we),
                 ("indomain", args.indomain_weight)),
    )  # fmt: skip
    n = sum(len(d.examples("indomain")) for d in docs)
    print(f"{len(docs)} documents, {n} labelled candidates; C {args.C}, weights "
          f"{args.indomain_weight} / {we} ({time.perf_counter() - t0:.0f} s to load)")  # fmt: skip
    counts = cross_validate(external, docs, cfg)
    packaged = RelationModel.load(None)
    rows = [
        ("best", max(counts.items(), key=lambda kv: kv[1].f1)),
        ("kept", choose(list(counts.items()))),
        ("packaged's", ((packaged.threshold, packaged.rule_threshold),
                        counts.get((packaged.threshold, packaged.rule_threshold)))),
    ]  # fmt: skip
    for name, ((t, rt), c) in rows:
        if c is None:
            print(f"{name:11} thresholds {t} / {rt}: not on the grid")
            continue
        print(f"{name:11} thresholds {t} / {rt}: F1 {c.f1:.4f} P {c.precision:.4f} "
              f"R {c.recall:.4f} ({c.tp} / {c.fp} / {c.fn})")  # fmt: skip
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
