"""The relation model and the rules on labelled test sentences, in one run.

Scores three-way macro-F1 (none / +1 / -1, direction dropped) of the packaged relation
model and of today's rules (a rule finding's sign, else none) on the same candidate pairs
of each test split under ``../shared/data/training``: Park, Pan & Joo's directed-sentiment
test split and the ConfliBERT CAMEO test sentences. Each example is the one labelled pair
of a sentence; both extractors see the same parse and the same entity spans.

Usage: ``.venv/bin/python bench/relation_sentences.py [--shared ../shared] [--model PATH]``
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
    ap.add_argument("--model", type=Path, default=None)
    args = ap.parse_args()
    data = args.shared / "data" / "training"
    if not data.is_dir():
        print(f"{data}: not found (the labelled sets live in ../shared)", file=sys.stderr)
        return 2

    from factions.text.lexicon import load_lexicon
    from factions.text.nlp import load_nlp
    from factions.text.relation_model import RelationModel
    from factions.text.relation_model.datasets import conflibert_cameo, directed_sentiment
    from factions.text.relation_model.train import sentence_scores

    model = RelationModel.load(args.model)
    nlp, lex = load_nlp(), load_lexicon()
    sets = {
        "directed_sentiment/test": lambda: directed_sentiment(
            data / "directed_sentiment" / "test.tsv", nlp, lex
        ),
        "conflibert_cameo/test": lambda: conflibert_cameo(
            data / "conflibert_cameo", "test", nlp, lex
        ),
    }
    print(f"model: {args.model or 'packaged'} ({model.digest}), {len(model.features)} features")
    print(f"{'split':26} {'n':>6} {'model macro-F1':>15} {'rules macro-F1':>15}  seconds")
    for name, build in sets.items():
        t0 = time.perf_counter()
        s = sentence_scores(model, build())
        dt = time.perf_counter() - t0
        print(
            f"{name:26} {s['n']:>6} {s['model_macro_f1']:>15.4f} {s['rules_macro_f1']:>15.4f}  {dt:.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
