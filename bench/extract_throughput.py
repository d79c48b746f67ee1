"""Throughput of `factions extract` against the raw spaCy parse of the same texts.

Runs, in one process and on the same texts (the seed documents repeated to >= 50k tokens,
or examples/articles when ../shared is absent):

1. raw ``nlp.pipe(texts, batch_size=B)`` with the very pipeline the extractor uses;
2. ``Extractor().extract_many(docs, batch_size=B)`` (parse + mentions + coref + rules +
   candidates + features + the relation model + aggregation + JSON), i.e. what
   ``factions extract`` does per document (the default, ``--extractor model``);
3. the same with ``--extractor rules`` (no relation model);
4. each extractor's own work (``Extractor.read_parsed`` + JSON) on documents parsed
   beforehand, which gives a bound on the ratio that does not depend on the noise of a
   shared machine;
5. the model extractor's own work with the world gazetteer switched off
   (``Extractor(world=False)``), so the gazetteer's share is measured in the same run;
6. the world gazetteer's load time from its files, place table included (target: under
   one second).

Each is timed ``--repeat`` times and the best time kept; prints the times, the ratios to the
raw parse (target for the model: <= 1.5) and the process's peak memory.
Usage: ``.venv/bin/python bench/extract_throughput.py [--tokens N]``.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(min_tokens: int, tokenizer) -> list[tuple[str, str]]:
    seeds = ROOT.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt")) or sorted((ROOT / "examples" / "articles").glob("*.txt"))
    texts = [(f.stem, f.read_text("utf-8")) for f in files]
    out, tokens, k = [], 0, 0
    while tokens < min_tokens:
        doc_id, text = texts[k % len(texts)]
        out.append((f"{doc_id}-{k}", text))
        tokens += len(tokenizer(text))
        k += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=50_000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from factions.text.documents import Document
    from factions.text.gazetteer import load_places, load_world
    from factions.text.pipeline import Extractor

    load_world.cache_clear()
    load_places.cache_clear()
    t0 = time.perf_counter()
    world = load_world()
    places = load_places()
    load_s = time.perf_counter() - t0
    extractor = Extractor()
    rules = Extractor(extractor="rules")
    plain = Extractor(world=False)
    nlp = extractor.nlp
    texts = corpus(args.tokens, nlp.tokenizer)
    docs = [Document(doc_id=d, text=t) for d, t in texts]
    for _ in nlp.pipe([t for _, t in texts[:4]]):  # warm-up
        pass
    ntok = 0
    best = {"raw": float("inf"), "model": float("inf"), "rules": float("inf")}
    found = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        ntok = sum(len(d) for d in nlp.pipe((t for _, t in texts), batch_size=args.batch_size))
        best["raw"] = min(best["raw"], time.perf_counter() - t0)
        for name, ex in (("model", extractor), ("rules", rules)):
            t0 = time.perf_counter()
            n_rel = 0
            for r in ex.extract_many(docs, batch_size=args.batch_size):
                r.to_json()
                n_rel += len(r.relations)
            best[name] = min(best[name], time.perf_counter() - t0)
            found[name] = n_rel
    # each extractor's own work on already parsed documents: what factions adds to the parse
    parsed = list(nlp.pipe((t for _, t in texts), batch_size=args.batch_size))
    own = {"model": float("inf"), "rules": float("inf"), "no world": float("inf")}
    for _ in range(args.repeat):
        for name, ex in (("model", extractor), ("rules", rules), ("no world", plain)):
            t0 = time.perf_counter()
            for d, sdoc in zip(docs, parsed, strict=True):
                ex.read_parsed(d, sdoc).to_json()
            own[name] = min(own[name], time.perf_counter() - t0)
    raw = best["raw"]
    print(f"documents: {len(texts)}  tokens: {ntok}  relations found: model {found['model']}, "
          f"rules {found['rules']}")  # fmt: skip
    print(f"raw nlp.pipe:             {raw:8.3f} s  ({ntok / raw:,.0f} tokens/s)")
    for name in ("model", "rules"):
        print(f"extract --extractor {name:5} {best[name]:8.3f} s  ({ntok / best[name]:,.0f} tokens/s)"
              f"  own work on parsed docs {own[name]:.3f} s")  # fmt: skip
    print(f"ratio model extract/raw: {best['model'] / raw:.3f}  (target <= 1.5)")
    print(f"ratio rules extract/raw: {best['rules'] / raw:.3f}")
    print(
        f"ratio (raw + model's own work)/raw: {(raw + own['model']) / raw:.3f}  (noise-free bound)"
    )
    print(
        f"ratio (raw + rules' own work)/raw: {(raw + own['rules']) / raw:.3f}  (noise-free bound)"
    )
    print(
        f"world gazetteer: {own['model'] - own['no world']:.3f} s of the model's own work "
        f"({(raw + own['model']) / (raw + own['no world']):.3f}x extraction without it); "
        f"loads in {load_s:.3f} s ({len(world.entries)} actors and {len(places)} place "
        "names; target < 1 s)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
