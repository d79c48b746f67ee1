"""A synthetic news corpus about a fictional country, for benchmarks and tests.

Documents are built from sentence templates and invented actors (no real people or
parties), so a corpus of any size can be written without copying anyone's text. Each
document has a date, a few sentences stating signed relations ("X accused Y of ..."), and
filler. The generator is seeded, so the same arguments always write the same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "FILLER",
    "GROUPS",
    "NEGATIVE",
    "PARTIES",
    "PERSONS",
    "POSITIVE",
    "STATES",
    "generate",
    "write_corpus",
]

PERSONS = [
    "Arlen Voss", "Mira Calloway", "Tobias Renner", "Selin Dorsey", "Halvard Brun",
    "Ines Marlow", "Oskar Thale", "Nadia Orlen", "Bram Keller", "Lucia Ferrant",
]  # fmt: skip
PARTIES = [
    "the Northern Unity Party", "the Coastal Labour League", "the Free Valley Movement",
    "the National Renewal Front", "the Green Hills Alliance", "the Democratic Reform Bloc",
]  # fmt: skip
GROUPS = ["the Red River Brigades", "the Highland Guard", "the Eastern Council of Elders"]
STATES = ["Carnova", "Westmark", "Ostrelia", "the Republic of Palandra"]

POSITIVE = [
    "{a} allied with {b} ahead of the budget vote.",
    "{a} praised {b} for its role in the talks.",
    "{a} signed a cooperation agreement with {b}.",
    "{a} backed {b} in the dispute over the port concession.",
    "{a} and {b} agreed to form a joint list for the provincial elections.",
]
NEGATIVE = [
    "{a} accused {b} of corruption.",
    "{a} condemned {b} after the clashes in the capital.",
    "{a} demanded the resignation of {b}.",
    "{a} attacked {b} over the delayed reforms.",
    "{a} broke with {b} over the electoral law.",
]
FILLER = [
    "Parliament met again on Tuesday to discuss the electricity crisis.",
    "Analysts expect the coalition talks to continue for several weeks.",
    "The central bank left interest rates unchanged.",
    "Protesters gathered in the main square despite the rain.",
    "The ministry published new figures on unemployment.",
]


def _actors() -> list[str]:
    return PERSONS + PARTIES + GROUPS + STATES


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def generate(
    n_docs: int, *, seed: int = 7, start_year: int = 2019, months: int = 24
) -> Iterator[dict]:
    """Yield ``n_docs`` documents as dicts (``id``, ``date``, ``title``, ``text``).

    Parameters
    ----------
    n_docs : int
    seed : int
    start_year : int
    months : int
        Span of the dates.

    Returns
    -------
    iterator of dict
    """
    rng = random.Random(seed)
    actors = _actors()
    for i in range(n_docs):
        m = i * months // max(1, n_docs)
        year, month = start_year + m // 12, m % 12 + 1
        day = rng.randint(1, 28)
        sents = []
        for _ in range(rng.randint(2, 3)):
            a, b = rng.sample(actors, 2)
            tpl = rng.choice(POSITIVE if rng.random() < 0.5 else NEGATIVE)
            sents.append(_cap(tpl.format(a=a, b=b)))
        sents.insert(rng.randint(0, len(sents)), rng.choice(FILLER))
        yield {
            "id": f"d{i:06d}",
            "date": f"{year}-{month:02d}-{day:02d}",
            "title": f"Report {i}",
            "text": " ".join(sents),
        }


def write_corpus(
    out_dir: str | Path, n_docs: int, *, seed: int = 7, per_file: int = 500, text_files: int = 0
) -> list[Path]:
    """Write ``n_docs`` documents under ``out_dir``: JSON-lines files of ``per_file``
    documents, plus the first ``text_files`` documents as ``YYYY-MM-DD_ID.txt`` files.

    Parameters
    ----------
    out_dir : str or Path
    n_docs : int
    seed : int
    per_file : int
        Documents per JSON-lines file.
    text_files : int
        Documents written as .txt files instead.

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    fh = None
    try:
        for i, doc in enumerate(generate(n_docs, seed=seed)):
            if i < text_files:
                p = out / f"{doc['date']}_{doc['id']}.txt"
                p.write_text(doc["text"] + "\n", encoding="utf-8")
                paths.append(p)
                continue
            if fh is None or (i - text_files) % per_file == 0:
                if fh is not None:
                    fh.close()
                p = out / f"part-{(i - text_files) // per_file:05d}.jsonl"
                fh = p.open("w", encoding="utf-8")
                paths.append(p)
            fh.write(json.dumps(doc) + "\n")
    finally:
        if fh is not None:
            fh.close()
    return paths
