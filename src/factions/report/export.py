"""Exports of a System to the tools analysts use: GraphML, GEXF (Gephi), node-link JSON, CSV.

The graph is :meth:`System.to_networkx` with, on every node, the actor's ``bloc`` (1..k from
the best k-bloc partition, 0 when unknown or isolated) and ``seats``, and on every edge its
``sign`` (+1/-1), ``kind``, ``weight``, ``confidence``, ``evidence_count`` and ``frustrated``
(whether the tie is frustrated under an optimal two-bloc partition). ``None`` values are
dropped (GraphML and GEXF cannot store them), and so are characters XML cannot hold. O(n + m) plus the analyses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import networkx as nx

from factions.model import System
from factions.report import sections as S

__all__ = [
    "FORMATS",
    "Format",
    "export_graph",
    "write_csv",
    "write_export",
    "write_graph",
]

Format = Literal["graphml", "gexf", "json", "csv"]
FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "csv")
# Characters XML 1.0 cannot hold (GraphML and GEXF are XML): C0 controls but tab/newline/CR,
# surrogates and U+FFFE/U+FFFF. They are dropped from exported strings.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(d: dict) -> None:
    """Drop ``None`` values and XML-illegal characters from an attribute dict, in place."""
    for k in list(d):
        if d[k] is None:
            del d[k]
        elif isinstance(d[k], str):
            d[k] = _XML_ILLEGAL.sub("", d[k])


def export_graph(system: System, *, analyses: bool = True) -> nx.Graph:
    """The system's graph with bloc, seats and frustration attributes added (see module doc).

    Parameters
    ----------
    system : System
    analyses : bool
        Add blocs and frustrated ties.

    Returns
    -------
    networkx.Graph
    """
    g = system.to_networkx()
    seats = S.seats_by_actor(system)
    blocs = S.blocs_section(system) if analyses else S.unavailable("skipped")
    balance = S.balance_section(system) if analyses else S.unavailable("skipped")
    assignment = S.bloc_assignment(blocs)
    frustrated = S.frustrated_ids(balance)
    for node, d in g.nodes(data=True):
        d["bloc"] = int(assignment.get(node, 0))
        d["seats"] = int(seats.get(node, 0))
        d["label"] = d.get("name", node)
    for a, b, d in g.edges(data=True):
        d["sign"] = int(d["sign"])
        d["evidence_count"] = int(d["evidence_count"])
        d["frustrated"] = S.edge_id(a, b) in frustrated
        r = system.relation(a, b)
        if r is not None:
            if r.start:
                d["start"] = r.start
            if r.end:
                d["end"] = r.end
    _clean(g.graph)
    g.graph["blocs"] = "k-bloc partition (Doreian & Mrvar 1996)" if assignment else "not available"
    for _, d in g.nodes(data=True):
        _clean(d)
    for _, _, d in g.edges(data=True):
        _clean(d)
    return g


def write_export(system: System, fmt: str, out: str | Path) -> list[Path]:
    """Write ``system`` as ``fmt`` to ``out`` (a directory for ``csv``); the files written.

    Parameters
    ----------
    system : System
    fmt : {'graphml', 'gexf', 'json', 'csv'}
    out : str or Path

    Returns
    -------
    list of Path

    Raises
    ------
    ValueError
        An unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "csv":
        return write_csv(system, out)
    return write_graph(export_graph(system), fmt, out)


def write_graph(g: nx.Graph, fmt: str, out: str | Path) -> list[Path]:
    """Write an exported graph (see :func:`export_graph`) as ``graphml``, ``gexf`` or ``json``.

    Parameters
    ----------
    g : networkx.Graph
        From :func:`export_graph`.
    fmt : {'graphml', 'gexf', 'json'}
    out : str or Path

    Returns
    -------
    list of Path
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(g, out)
    elif fmt == "gexf":
        nx.write_gexf(g, out)
    elif fmt == "json":
        data = nx.node_link_data(g, edges="edges")
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; expected graphml, gexf or json")
    return [out]


def write_csv(system: System, out_dir: Path) -> list[Path]:
    """One CSV per table of :meth:`System.to_pandas` (actors gain ``bloc`` and ``seats``).

    Parameters
    ----------
    system : System
    out_dir : Path
        Folder of the CSV files (created).

    Returns
    -------
    list of Path
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = system.to_pandas()
    g = export_graph(system)
    actors = tables["actors"]
    if len(actors):
        actors["aliases"] = actors["aliases"].map(lambda xs: "; ".join(xs))
        actors["bloc"] = actors["id"].map(lambda x: g.nodes[x]["bloc"])
        actors["seats"] = actors["id"].map(lambda x: g.nodes[x]["seats"])
    rel = tables["relations"]
    if len(rel):
        rel["frustrated"] = [
            g.edges[a, b]["frustrated"] for a, b in zip(rel["a"], rel["b"], strict=True)
        ]
    written = []
    for name, df in tables.items():
        p = out_dir / f"{name}.csv"
        df.to_csv(p, index=False)
        written.append(p)
    return written
