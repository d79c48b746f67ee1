"""Static figures (PNG and SVG) of a report: the signed network, motions, relation spans.

Drawn with matplotlib's Agg backend; the network uses NetworkX's spring layout
(Fruchterman & Reingold 1991) with a fixed seed, so figures are reproducible. Each function
returns a matplotlib Figure; :func:`write_figures` saves them all.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

__all__ = [
    "BLOC_COLOURS",
    "all_figures",
    "motion_figure",
    "network_figure",
    "svg_text",
    "trajectories_figure",
    "trajectory_figure",
    "windows_figure",
    "write_figures",
]

BLOC_COLOURS = ["#9e9e9e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
plt.rcParams["svg.fonttype"] = "none"
plt.rcParams["text.parse_math"] = False  # a name with "$" is text, not TeX ("$ Party")


def _tight(fig: Figure) -> None:
    """``tight_layout`` without warnings for glyphs the font lacks (names in any script)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.tight_layout()


def network_figure(network: dict[str, Any]) -> Figure:
    """The signed network: blocs coloured, negative ties dashed red, frustrated ties amber.

    Parameters
    ----------
    network : dict
        The network section.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import networkx as nx

    g = nx.Graph()
    for n in network["nodes"]:
        g.add_node(n["data"]["id"], **n["data"])
    for e in network["edges"]:
        d = e["data"]
        g.add_edge(d["source"], d["target"], **d)
    fig, ax = plt.subplots(figsize=(9, 7))
    pos = nx.spring_layout(g, seed=7, k=1.6 / max(1, g.number_of_nodes()) ** 0.5)
    for sign, colour, style in ((1, "#2e7d32", "solid"), (-1, "#c62828", "dashed")):
        es = [(u, v) for u, v, d in g.edges(data=True) if d["sign"] == sign]
        nx.draw_networkx_edges(
            g, pos, edgelist=es, edge_color=colour, style=style, width=1.8, ax=ax
        )
    fr = [(u, v) for u, v, d in g.edges(data=True) if d.get("frustrated")]
    if fr:
        nx.draw_networkx_edges(
            g, pos, edgelist=fr, edge_color="#ffb300", width=7, alpha=0.45, ax=ax
        )
    colours = [BLOC_COLOURS[g.nodes[n]["bloc"] % len(BLOC_COLOURS)] for n in g.nodes]
    sizes = [8 * g.nodes[n]["size"] for n in g.nodes]
    nx.draw_networkx_nodes(g, pos, node_color=colours, node_size=sizes, edgecolors="#333", ax=ax)
    nx.draw_networkx_labels(
        g, pos, labels={n: g.nodes[n]["name"] for n in g.nodes}, font_size=8, ax=ax
    )
    ax.set_title("Signed network (green +, red dashed -, amber = frustrated)")
    ax.axis("off")
    _tight(fig)
    return fig


def motion_figure(m: dict[str, Any]) -> Figure:
    """One motion (a report motion: :meth:`MotionReport.to_dict` and its ``display``):
    stacked seats for / undeclared / against, with the threshold line.

    Parameters
    ----------
    m : dict
        One entry of the motions section.

    Returns
    -------
    matplotlib.figure.Figure
    """
    d = m["display"]
    fig, ax = plt.subplots(figsize=(8, 2.3))
    left = 0
    for label, value, colour in (
        ("for", m["seats_for"], "#2e7d32"),
        ("undeclared", m["seats_undeclared"], "#bdbdbd"),
        ("against", m["seats_against"], "#c62828"),
    ):
        if value:
            ax.barh([0], [value], left=left, color=colour, label=f"{label} {value}")
            left += value
    ax.axvline(m["seats_needed"], color="#000", linewidth=2)
    ax.text(m["seats_needed"], 0.42, f" needed {m['seats_needed']}", va="bottom", fontsize=9)
    ax.set_xlim(0, d["size"])
    ax.set_yticks([])
    ax.set_xlabel(f"seats of {d['size']} ({d['chamber_name']}, rule {m['rule']})")
    ax.set_ylim(-0.5, 0.8)
    ax.set_title(f"{d['name']}: {'passes' if m['passes'] else 'fails'}", fontsize=10)
    ax.legend(loc="upper right", ncol=3, fontsize=8, frameon=False)
    _tight(fig)
    return fig


def _date_num(d: str, end: bool = False) -> float:
    y = int(d[:4])
    m = int(d[5:7]) if len(d) >= 7 else (12 if end else 1)
    return y + (m - 1) / 12 + (1 / 12 if end else 0)


def trajectories_figure(rows: list[dict[str, Any]]) -> Figure:
    """Each dated tie as a bar over its span (green +, red -), evidence dates as ticks.

    Parameters
    ----------
    rows : list of dict
        Rows of a trajectories section.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(rows) + 1.4))
    lo = min(_date_num(r["start"] or r["end"]) for r in rows)
    hi = max(_date_num(r["end"] or r["start"], end=True) for r in rows)
    for i, r in enumerate(rows):
        s = _date_num(r["start"]) if r["start"] else lo
        e = _date_num(r["end"], end=True) if r["end"] else hi
        ax.barh(
            i,
            max(e - s, 1 / 12),
            left=s,
            color="#2e7d32" if r["sign"] > 0 else "#c62828",
            alpha=0.7,
        )
        for d in r["evidence_dates"]:
            ax.plot([_date_num(d)], [i], "k|", markersize=12)
    ax.set_yticks(range(len(rows)), [r["label"] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("year")
    ax.set_title("Relations over time (bars: span; ticks: dated evidence)", fontsize=10)
    _tight(fig)
    return fig


def windows_figure(section: dict[str, Any], max_rows: int = 40) -> Figure:
    """Ties by time window: a cell per (tie, window), green +/red -, darker = more confident.

    Parameters
    ----------
    section : dict
        A store-windows trajectories section.
    max_rows : int

    Returns
    -------
    matplotlib.figure.Figure
    """
    windows = section["windows"]
    rows = section["rows"][:max_rows]
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(windows) + 3), 0.35 * len(rows) + 1.6))
    for i, r in enumerate(rows):
        for j, w in enumerate(windows):
            p = r["points"].get(w)
            if p is None:
                continue
            colour = "#2e7d32" if p["sign"] > 0 else "#c62828"
            ax.add_patch(
                plt.Rectangle((j, i), 0.92, 0.85, color=colour, alpha=0.25 + 0.75 * p["confidence"])
            )
    ax.set_xlim(0, len(windows))
    ax.set_ylim(len(rows), 0)
    ax.set_xticks(
        [j + 0.46 for j in range(len(windows))], windows, rotation=45, ha="right", fontsize=8
    )
    ax.set_yticks([i + 0.42 for i in range(len(rows))], [r["label"] for r in rows], fontsize=8)
    ax.set_title(
        f"Ties by {section['window']} (green +, red -; darker = more confident)", fontsize=10
    )
    _tight(fig)
    return fig


def trajectory_figure(section: dict[str, Any]) -> Figure:
    """The timeline figure for a trajectories section (relation spans or store windows).

    Parameters
    ----------
    section : dict
        A trajectories section.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if section.get("kind") == "windows":
        return windows_figure(section)
    return trajectories_figure(section["rows"])


def svg_text(fig: Figure) -> str:
    """The figure as an inline SVG string (no XML prolog), then closed.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    str
    """
    import io

    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def all_figures(sections: dict[str, Any]) -> dict[str, Figure]:
    """name -> Figure for every figure the sections allow.

    Parameters
    ----------
    sections : dict
        From :func:`factions.report.sections.collect`.

    Returns
    -------
    dict of str to Figure
    """
    figs: dict[str, Figure] = {}
    if sections["network"]["nodes"]:
        figs["network"] = network_figure(sections["network"])
    if sections["motions"].get("available"):
        for m in sections["motions"]["motions"]:
            figs[f"motion-{m['motion']}"] = motion_figure(m)
    if sections["trajectories"].get("available"):
        figs["trajectories"] = trajectory_figure(sections["trajectories"])
    return figs


def write_figures(sections: dict[str, Any], out_dir: Path) -> list[Path]:
    """Save every figure as PNG and SVG under ``out_dir``; returns the files written.

    Parameters
    ----------
    sections : dict
    out_dir : Path
        Folder of the PNG and SVG files (created).

    Returns
    -------
    list of Path
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in all_figures(sections).items():
        for ext in ("png", "svg"):
            p = out_dir / f"{name}.{ext}"
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Glyph .* missing from font")
                fig.savefig(p, format=ext, dpi=150 if ext == "png" else None)
            written.append(p)
        plt.close(fig)
    return written
