"""Throughput of `factions extract` against the raw spaCy parse of the same texts.

Runs, in one process and on the same texts (the seed documents repeated to >= 50k tokens,
or examples/articles when ../shared is absent):

1. raw ``nlp.pipe(texts, batch_size=B)`` with the very pipeline the extractor uses;
2. ``Extractor().extract_many(docs, batch_size=B)`` (parse + mentions + coref + relations +
   aggregation + JSON), i.e. what ``factions extract`` does per document;
3. the rules alone (``Extractor.read_parsed`` + JSON) on documents parsed beforehand, which
   gives a bound on the ratio that does not depend on the noise of a shared machine;
4. the same rules with the world gazetteer switched off (``Extractor(world=False)``), so the
   gazetteer's share of the time is measured in the same run;
5. the world gazetteer's load time from its files (target: under one second).

Each is timed ``--repeat`` times and the best time kept; prints both and the ratio
(target: <= 1.25). Usage: ``.venv/bin/python bench/extract_throughput.py [--tokens N]``.
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from factions.text.documents import Document
    from factions.text.gazetteer import load_world
    from factions.text.pipeline import Extractor

    load_world.cache_clear()
    t0 = time.perf_counter()
    world = load_world()
    load_s = time.perf_counter() - t0
    extractor = Extractor()
    plain = Extractor(world=False)
    nlp = extractor.nlp
    texts = corpus(args.tokens, nlp.tokenizer)
    docs = [Document(doc_id=d, text=t) for d, t in texts]
    for _ in nlp.pipe([t for _, t in texts[:4]]):  # warm-up
        pass
    ntok = 0
    best_raw = best_ext = float("inf")
    n_rel = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        ntok = sum(len(d) for d in nlp.pipe((t for _, t in texts), batch_size=args.batch_size))
        best_raw = min(best_raw, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_rel = 0
        for r in extractor.extract_many(docs, batch_size=args.batch_size):
            r.to_json()
            n_rel += len(r.relations)
        best_ext = min(best_ext, time.perf_counter() - t0)
    # the rules alone on already parsed documents: the part factions adds to the parse
    parsed = list(nlp.pipe((t for _, t in texts), batch_size=args.batch_size))
    best_rules = best_plain = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for d, sdoc in zip(docs, parsed, strict=True):
            extractor.read_parsed(d, sdoc).to_json()
        best_rules = min(best_rules, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for d, sdoc in zip(docs, parsed, strict=True):
            plain.read_parsed(d, sdoc).to_json()
        best_plain = min(best_plain, time.perf_counter() - t0)
    print(f"documents: {len(texts)}  tokens: {ntok}  relations found: {n_rel}")
    print(f"raw nlp.pipe:      {best_raw:8.3f} s  ({ntok / best_raw:,.0f} tokens/s)")
    print(f"factions extract:  {best_ext:8.3f} s  ({ntok / best_ext:,.0f} tokens/s)")
    print(f"rules only:        {best_rules:8.3f} s  (on the parsed docs above)")
    print(f"rules, no world gazetteer: {best_plain:8.3f} s")
    print(
        f"world gazetteer:   {best_rules - best_plain:8.3f} s of matching "
        f"({(best_raw + best_rules) / (best_raw + best_plain):.3f}x extraction without it)"
    )
    print(f"gazetteer load:    {load_s:8.3f} s  ({len(world.entries)} actors; target < 1 s)")
    print(f"ratio extract/raw: {best_ext / best_raw:.3f}  (target <= 1.25)")
    print(f"ratio (raw + rules)/raw: {(best_raw + best_rules) / best_raw:.3f}  (noise-free bound)")


if __name__ == "__main__":
    main()
