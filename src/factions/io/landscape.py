"""Reading landscape-theory inputs (Axelrod & Bennett 1993) from files.

:func:`read_landscape_csv` reads sizes and a propensity matrix in the layout of Furnas's
replication of the Syria 2016 example: ratings 1..5 with 3 neutral, converted to
p = r - 3 (so 1 -> -2, 5 -> +2); a blank diagonal. The result is a
:class:`factions.analysis.landscape.LandscapeInput`.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from factions.analysis.landscape import NEUTRAL_RATING, LandscapeInput
from factions.analysis.signed_graph import SignedInputError

__all__ = ["read_landscape_csv"]


def read_landscape_csv(
    sizes_csv: str | Path, propensities_csv: str | Path, *, neutral: float = NEUTRAL_RATING
) -> LandscapeInput:
    """Read sizes (``id,actor,strength``) and a rating matrix (labelled rows and columns).

    The matrix's labels may be abbreviations (``Rus`` for ``Russia``); rows and columns are
    matched to actors by position, so both files must list actors in the same order. Ratings
    r become propensities p = r - ``neutral`` (Furnas's 1..5 scale, 3 neutral). Errors
    name the file, line and field.

    Parameters
    ----------
    sizes_csv : str or Path
        ``id,actor,strength`` (or ``size``).
    propensities_csv : str or Path
        The rating matrix.
    neutral : float
        The neutral rating.

    Returns
    -------
    LandscapeInput

    Raises
    ------
    SignedInputError
        The message names the file, the line and the field.

    References
    ----------
    Axelrod, R. & Bennett, D. S. (1993); Furnas's replication files of the Syria 2016
    example.
    """
    sizes_csv, propensities_csv = Path(sizes_csv), Path(propensities_csv)
    rows = _read_rows(sizes_csv)
    header = [h.strip().lower() for h in rows[0]]
    size_col = next((header.index(c) for c in ("strength", "size", "sizes") if c in header), None)
    name_col = next((header.index(c) for c in ("actor", "name") if c in header), None)
    if size_col is None or name_col is None:
        raise SignedInputError(f"{sizes_csv}:1: expected columns actor and strength (or size)")
    actors, sizes = [], []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not any(c.strip() for c in row):
            continue
        try:
            v = float(row[size_col])
        except (ValueError, IndexError):
            raise SignedInputError(
                f"{sizes_csv}:{lineno}: field 'strength' must be a number"
            ) from None
        if not math.isfinite(v) or v < 0:
            raise SignedInputError(f"{sizes_csv}:{lineno}: field 'strength' must be >= 0")
        actors.append(row[name_col].strip())
        sizes.append(v)
    prow = [r for r in _read_rows(propensities_csv) if r and any(c.strip() for c in r)]
    n = len(actors)
    if len(prow) != n + 1:
        raise SignedInputError(
            f"{propensities_csv}: {len(prow) - 1} rows of ratings but {n} actors in {sizes_csv}"
        )
    p = np.zeros((n, n))
    for i, row in enumerate(prow[1:]):
        vals = row[1:]
        if len(vals) != n:
            raise SignedInputError(
                f"{propensities_csv}:{i + 2}: expected {n} ratings, got {len(vals)}"
            )
        for j, cell in enumerate(vals):
            if i == j:
                continue
            try:
                p[i, j] = float(cell) - neutral
            except ValueError:
                raise SignedInputError(
                    f"{propensities_csv}:{i + 2}: rating for column {j + 2} must be a number, got {cell!r}"
                ) from None
    return LandscapeInput(tuple(actors), np.array(sizes), p)


def _read_rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as exc:
        raise SignedInputError(f"{path}: cannot read ({exc.strerror})") from None
    if not rows:
        raise SignedInputError(f"{path}:1: empty file")
    return rows
