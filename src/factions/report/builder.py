"""Build the self-contained HTML report of a System (and, optionally, a scenario's diff).

The report is one HTML file: the data as embedded JSON, the graph libraries inlined (see
:mod:`factions.report.assets`), charts as inline SVG, and a Content-Security-Policy that
forbids every network request. Usage::

    from factions.report import build_report
    html = build_report(system, scenario=scenario)   # scenario: factions.sim.scenario.Scenario
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from factions.model import System
from factions.report import assets
from factions.report import scenario as scen
from factions.report import sections as S

__all__ = [
    "BLOC_COLOURS",
    "MAX_EVIDENCE_ROWS",
    "TEMPLATES",
    "build_report",
    "write_report",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_EVIDENCE_ROWS = 5000  # rows of the evidence table in the HTML (all stay in the graph's data)
BLOC_COLOURS = [
    "#9e9e9e",
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
]


def _fmt(x: Any) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:.3f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
    return str(x)


def _sign(x: Any) -> str:
    return {1: "+", -1: "−"}.get(x, "–")


def _environment(system: System) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    names = {a.id: a.name for a in system.actors}

    def name(actor_id: str) -> str:
        return names.get(actor_id, actor_id)

    def tie_label(tie: str | list[str]) -> str:
        """``a|b`` or ``[a, b]`` as "A – B", the pair in sorted order."""
        a, b = sorted(tie.split("|", 1) if isinstance(tie, str) else tie)
        return f"{name(a)} – {name(b)}"

    env.filters.update(fmt=_fmt, sign=_sign, name=name)
    env.globals.update(
        tie_label=tie_label,
        colour=lambda i: BLOC_COLOURS[i % len(BLOC_COLOURS)],
        max_blocs=S.MAX_BLOCS,
        max_evidence=MAX_EVIDENCE_ROWS,
    )
    return env


def _json_script(data: Any) -> str:
    """JSON safe to embed in a <script> element: ``<``, ``>`` and ``&`` as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _charts(sections: dict[str, Any]) -> dict[str, str]:
    from factions.report import figures

    charts: dict[str, str] = {}
    if sections["motions"].get("available"):
        for m in sections["motions"]["motions"]:
            charts[m["motion"]] = figures.svg_text(figures.motion_figure(m))
    if sections["trajectories"].get("available"):
        charts["__trajectories"] = figures.svg_text(
            figures.trajectory_figure(sections["trajectories"])
        )
    return charts


def build_report(
    system: System,
    *,
    scenario: Any | None = None,
    sections: dict[str, Any] | None = None,
) -> str:
    """The report of ``system`` as one HTML string (``scenario``: a parsed Scenario or None).

    Raises :class:`factions.report.assets.FrontendMissing` when the vendored graph libraries
    are not installed (run ``scripts/setup-frontend.sh``).

    Parameters
    ----------
    system : System
    scenario : Scenario or None
    sections : dict or None
        Sections already collected (:func:`factions.report.sections.collect`).

    Returns
    -------
    str
        The HTML.

    Raises
    ------
    FrontendMissing
        The vendored graph libraries are not installed.
    """
    scripts = assets.script_texts()
    s = sections or S.collect(system)
    scenario_section = None
    if scenario is not None:
        scenario_section, _ = scen.scenario_section(system, scenario)
    blocs_legend = []
    if s["blocs"].get("available"):
        blocs_legend = [
            {"label": i + 1, "colour": BLOC_COLOURS[(i + 1) % len(BLOC_COLOURS)]}
            for i in range(len(s["blocs"]["blocs"]))
        ]
    data = {k: s[k] for k in ("summary", "network", "evidence")}
    env = _environment(system)
    from factions import __version__ as version

    return env.get_template("report.html.j2").render(
        s=s,
        scenario=scenario_section,
        blocs_legend=blocs_legend,
        charts=_charts(s),
        scripts=scripts,
        data_json=_json_script(data),
        vendor=assets.vendor_versions(),
        version=version,
        generated=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_report(
    system: System,
    out: str | Path,
    *,
    scenario: Any | None = None,
    figures_dir: str | Path | None = None,
    trajectories: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write the report to ``out`` (and PNG/SVG figures to ``figures_dir``); what was written.

    ``trajectories`` replaces the relation-span timeline (see
    :func:`factions.report.sections.store_trajectories` for a corpus store's windows).

    Parameters
    ----------
    system : System
    out : str or Path
        The HTML file.
    scenario : Scenario or None
    figures_dir : str, Path or None
        Also write PNG and SVG figures here.
    trajectories : dict or None
        A trajectories section replacing the relation-span timeline.

    Returns
    -------
    dict
        ``report``, ``bytes``, ``figures``.
    """
    sections = S.collect(system, trajectories=trajectories)
    html = build_report(system, scenario=scenario, sections=sections)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    written: dict[str, Any] = {
        "report": str(out),
        "bytes": len(html.encode("utf-8")),
        "figures": [],
    }
    if figures_dir is not None:
        from factions.report import figures

        written["figures"] = [str(p) for p in figures.write_figures(sections, Path(figures_dir))]
    return written
