"""Reading signed networks from files: CSV edge lists, signed adjacency matrices, system files.

:func:`read_signed_graph` reads any of them into a
:class:`factions.analysis.signed_graph.SignedGraph`, the input every analysis takes:

* a CSV edge list with the header ``source,target,sign[,weight]`` (:func:`read_edge_csv`);
* a signed adjacency matrix CSV: a header of node names, then one row of -1/0/+1 (or signed
  weights) per node, optionally with row labels in the first column (UCINET style;
  :func:`read_adjacency_csv`);
* a system file (``.yaml``/``.yml``/``.json``, :func:`factions.model.load_system`).

Errors name the file, the line and the field (:class:`SignedInputError`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import numpy as np

from factions.analysis.signed_graph import (
    SignedGraph,
    SignedInputError,
    add_tie,
    check_sign,
    check_weight,
    from_networkx,
)
from factions.model import load_system

__all__ = ["read_adjacency_csv", "read_edge_csv", "read_signed_graph"]


def read_edge_csv(path: str | Path) -> SignedGraph:
    """Read a CSV edge list with header ``source,target,sign[,weight]``. O(m).

    Errors name the file, the line and the field (e.g. ``ties.csv:4: sign must be +1 or -1``).

    Parameters
    ----------
    path : str or Path
        The edge list: a header ``source,target,sign[,weight]``, one tie a row.

    Returns
    -------
    SignedGraph
        Ties listed twice (either direction) count once.

    Raises
    ------
    SignedInputError
        A bad row: the message names the file, the line and the field.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise SignedInputError(f"{path}: cannot read ({exc.strerror})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise SignedInputError(f"{path}:1: empty file; expected header source,target,sign[,weight]")
    header = [h.strip().lower() for h in rows[0]]
    for need in ("source", "target", "sign"):
        if need not in header:
            raise SignedInputError(
                f"{path}:1: missing column '{need}'; expected header source,target,sign[,weight]"
            )
    si, ti, gi = header.index("source"), header.index("target"), header.index("sign")
    wi = header.index("weight") if "weight" in header else None
    g = nx.Graph()
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < len(header):
            raise SignedInputError(
                f"{path}:{lineno}: expected {len(header)} fields ({','.join(header)}), got {len(row)}"
            )
        a, b = row[si].strip(), row[ti].strip()
        if not a or not b:
            raise SignedInputError(f"{path}:{lineno}: field 'source'/'target' is empty")
        w = row[wi].strip() if wi is not None and row[wi].strip() else 1.0
        try:
            s = check_sign(row[gi].strip(), "")
        except SignedInputError:
            raise SignedInputError(
                f"{path}:{lineno}: field 'sign' must be +1 or -1, got {row[gi].strip()!r}"
            ) from None
        try:
            ww = check_weight(w, "")
        except SignedInputError:
            raise SignedInputError(
                f"{path}:{lineno}: field 'weight' must be a positive number, got {w!r}"
            ) from None
        if a == b and s > 0:
            g.add_node(a)
            continue
        try:
            add_tie(g, a, b, s, ww, where="tie")
        except SignedInputError as exc:
            raise SignedInputError(f"{path}:{lineno}: {exc}") from None
    return from_networkx(g)


def read_adjacency_csv(path: str | Path) -> SignedGraph:
    """Read a signed adjacency matrix: a header of node names, then one row per node. O(n^2).

    Parameters
    ----------
    path : str or Path
        The matrix: a header of node names, one row per node.

    Returns
    -------
    SignedGraph
        The matrix's nonzero entries above the diagonal as ties.

    Raises
    ------
    SignedInputError
        A matrix that is not square or symmetric, or a value that is no number.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as exc:
        raise SignedInputError(f"{path}: cannot read ({exc.strerror})") from None
    names = [x.strip() for x in rows[0]]
    labelled = names[0] == ""  # UCINET-style: first column holds row labels
    if labelled:
        names = names[1:]
    body = [r for r in rows[1:] if r]
    n = len(names)
    if len(body) != n:
        raise SignedInputError(f"{path}: {n} names in the header but {len(body)} rows")
    mat = np.zeros((n, n))
    for i, row in enumerate(body):
        vals = row[1:] if labelled else row
        if len(vals) != n:
            raise SignedInputError(f"{path}:{i + 2}: expected {n} values, got {len(vals)}")
        try:
            mat[i] = [float(x) if x.strip() else 0.0 for x in vals]
        except ValueError:
            raise SignedInputError(f"{path}:{i + 2}: values must be numbers") from None
    if not np.allclose(mat, mat.T):
        raise SignedInputError(f"{path}: the matrix is not symmetric")
    iu, ju = np.nonzero(np.triu(mat, 1))
    g = nx.Graph()
    g.add_nodes_from(names)
    for i, j in zip(iu, ju, strict=True):
        x = mat[i, j]
        g.add_edge(names[i], names[j], sign=1 if x > 0 else -1, weight=abs(x))
    return from_networkx(g)


def _looks_like_adjacency(path: Path) -> bool:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    low = [h.strip().lower() for h in header]
    return not {"source", "target", "sign"} <= set(low)


def read_signed_graph(path: str | Path, weight: str | None = "weight") -> SignedGraph:
    """Read a signed network from a CSV edge list, an adjacency CSV or a system file.

    Parameters
    ----------
    path : str or Path
        ``.csv`` (an edge list when its header names ``source``, ``target`` and ``sign``,
        else an adjacency matrix) or ``.yaml``/``.yml``/``.json`` (a system file).
    weight : str or None
        ``"weight"`` keeps the ties' weights (a CSV's ``weight`` column or matrix values, a
        system file's tie strengths); ``None`` counts every tie as 1.

    Returns
    -------
    SignedGraph
        The network, whatever the file's format.

    Raises
    ------
    SignedInputError
        A missing file, an unknown suffix, or a bad row (naming file, line and field).
    factions.model.SystemFileError
        A system file that does not validate.
    """
    path = Path(path)
    if not path.is_file():
        raise SignedInputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sg = read_adjacency_csv(path) if _looks_like_adjacency(path) else read_edge_csv(path)
        return sg if weight is not None else from_networkx(sg.to_networkx(), weight=None)
    if suffix in (".yaml", ".yml", ".json"):
        return from_networkx(load_system(path).to_networkx(), weight=weight)
    raise SignedInputError(
        f"{path}: expected a .csv edge list (source,target,sign[,weight]) or a system .yaml"
    )
