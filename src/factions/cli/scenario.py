"""``factions scenario`` (what-if diff), ``factions simulate`` (Monte Carlo) and the scenario demo."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from factions.cli.app import DemoContext, app, demo_step
from factions.cli.common import console, fail, load_system_file, print_json
from factions.sim.diff import SystemDiff

__all__ = [
    "DEMO_SCENARIO",
    "demo_scenario",
    "render_diff",
    "render_simulation",
    "scenario",
    "simulate",
]

DEMO_SCENARIO = "iraq-2012/scenarios/opposition-majority.yaml"


def _load_scenario(path: Path) -> Any:
    from factions.io import load_scenario
    from factions.sim.scenario import ScenarioError

    try:
        return load_scenario(path)
    except ScenarioError as exc:
        fail(str(exc).splitlines()[0])


def _apply(system: Any, scenario: Any) -> Any:
    from factions.sim.scenario import ScenarioError, apply_scenario

    try:
        return apply_scenario(system, scenario)
    except ScenarioError as exc:
        fail(str(exc).splitlines()[0])


@app.command()
def scenario(
    system: Path = typer.Argument(..., help="System file (.yaml/.json)."),
    scenario_file: Path = typer.Argument(..., metavar="SCENARIO", help="Scenario file (.yaml)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Also write the system after."),
    time_limit: float = typer.Option(30.0, "--time-limit", help="Seconds per exact solve."),
) -> None:
    """Play a scenario's steps on a system and print the before/after of every analysis:
    blocs, frustration index and frustrated ties, brokers, voting power per chamber and each
    motion's outcome (passes or not, seats short, decisive actors)."""
    from factions.sim.diff import diff_systems

    before = load_system_file(system)
    sc = _load_scenario(scenario_file)
    after = _apply(before, sc)
    d = diff_systems(before, after, name=sc.name, description=sc.description, time_limit=time_limit)
    if out is not None:
        from factions.model import save_system

        try:
            save_system(after, out)
        except OSError as exc:
            fail(f"{out}: cannot write: {exc.strerror or exc}")
    if json_out:
        print_json(d.to_dict())
    else:
        render_diff(d)


def render_diff(d: SystemDiff) -> None:
    """Print a scenario's diff (:class:`factions.sim.diff.SystemDiff`) as Rich tables."""
    b, a = d.before, d.after
    console.print(
        "[bold]Scenario[/] " + escape(d.name + (f": {d.description}" if d.description else "")),
        markup=True,
        highlight=False,
    )
    for kind, rows in d.edits.items():
        if rows:
            console.print(
                f"  {kind.replace('_', ' ')}: " + "; ".join(map(_edit_text, rows)),
                highlight=False,
            )
    t = Table(title="Structure", show_header=True)
    t.add_column("measure")
    t.add_column("before", justify="right")
    t.add_column("after", justify="right")
    t.add_row("actors / ties", f"{b.actors} / {b.ties}", f"{a.actors} / {a.ties}")
    t.add_row(
        "frustration index",
        _fmt(b.frustration_index) + ("" if b.optimal else " (bound)"),
        _fmt(a.frustration_index) + ("" if a.optimal else " (bound)"),
    )
    t.add_row("frustrated ties", _ties(b.frustrated_ties), _ties(a.frustrated_ties))
    for k in range(max(len(b.blocs), len(a.blocs))):
        t.add_row(
            f"bloc {k + 1}",
            ", ".join(b.blocs[k]) if k < len(b.blocs) else "",
            ", ".join(a.blocs[k]) if k < len(a.blocs) else "",
        )
    t.add_row(
        "top brokers",
        ", ".join(x.actor for x in b.brokers[:4]),
        ", ".join(x.actor for x in a.brokers[:4]),
    )
    console.print(t)
    mc = d.motion_changes()
    if mc:
        t = Table(title="Motions", show_header=True)
        for col in ("motion", "before", "after", "decisive after"):
            t.add_column(col)
        for mid, ch in mc.items():
            t.add_row(
                Text.assemble(mid, (" *" if ch["outcome_changed"] else "", "bold red")),
                _motion_text(ch["before"]),
                _motion_text(ch["after"]),
                _names((ch["after"] or {}).get("decisive", ())),
            )
        console.print(t)
    for key, rows in d.power_changes().items():
        if not rows:
            continue
        rows = sorted(rows, key=lambda r: -abs(r.get("banzhaf", {}).get("change", 0.0)))
        more = f" ({len(rows) - 8} smaller moves in --json)" if len(rows) > 8 else ""
        t = Table(title=f"Voting power moved: {key}{more}", show_header=True)
        t.add_column("actor")
        idxs = sorted({k for r in rows for k in r if k != "actor"})
        for idx in idxs:
            t.add_column(f"{idx} before", justify="right")
            t.add_column(f"{idx} after", justify="right")
        for r in rows[:8]:
            cells = [r["actor"]]
            for idx in idxs:
                v = r.get(idx, {"before": 0.0, "after": 0.0})
                cells += [f"{v['before']:.3f}", f"{v['after']:.3f}"]
            t.add_row(*cells)
        console.print(t)


def _names(xs: Iterable[str], limit: int = 6) -> str:
    xs = list(xs)
    more = f" (+{len(xs) - limit})" if len(xs) > limit else ""
    return ", ".join(xs[:limit]) + more


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3f}"


def _ties(ts: Iterable[tuple[str, str]], limit: int = 6) -> str:
    ts = list(ts)
    s = "; ".join(f"{x}-{y}" for x, y in ts[:limit])
    return s + (f" (+{len(ts) - limit})" if len(ts) > limit else "") if ts else "none"


def _motion_text(m: dict[str, Any] | None) -> Text:
    if m is None:
        return Text("(absent)")
    verdict = Text("passes", style="green") if m["passes"] else Text("fails", style="red")
    extra = f", {m['seats_short']} short" if m["seats_short"] else ""
    gate = "" if m["route_open"] else ", every route blocked"
    doubtful = [k for k, v in (m.get("routes") or {}).items() if v == "uncertain"]
    if doubtful:
        gate += f" ({', '.join(doubtful)} uncertain)"
    return Text.assemble(verdict, f" {m['seats_for']}/{m['seats_needed']}{extra}{gate}")


def _edit_text(row: Any) -> str:
    if isinstance(row, dict):
        return ", ".join(f"{k} {v}" for k, v in row.items())
    if isinstance(row, list | tuple):
        return " ".join(map(str, row))
    return str(row)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render_simulation(result: Any, names: dict[str, str] | None = None) -> None:
    """Rich tables of a :class:`factions.sim.montecarlo.SimulationResult`."""
    title = f"{result.samples:,} samples, seed {result.seed}" + (
        f", scenario {result.scenario}" if result.scenario else ""
    )
    lvl = f"{100 * result.level:.0f}% {result.interval}"
    t = Table(title=f"Motions ({title})")
    for col in ("motion", "needed", "seats for (5% / 50% / 95%)", "route open", "passes", lvl):
        t.add_column(col, justify="left" if col == "motion" else "right")
    for m in result.motions:
        q = m.seats_for_quantiles
        t.add_row(
            m.motion,
            str(m.seats_needed),
            f"{q['5%']:.0f} / {q['50%']:.0f} / {q['95%']:.0f}",
            _pct(m.route_open.p),
            _pct(m.passes.p),
            f"[{_pct(m.passes.low)}, {_pct(m.passes.high)}]",
        )
    console.print(t)
    for m in result.motions:
        top = list(m.critical.items())[:8]
        if top:
            console.print(
                f"[bold]{escape(m.motion)}[/]: P(seats decide the count): "
                + escape(", ".join(f"{a} {_pct(p)}" for a, p in top)),
                markup=True,
                highlight=False,
                soft_wrap=True,
            )
    console.print(
        f"Balanced samples: {_pct(result.balanced.p)} "
        f"[{_pct(result.balanced.low)}, {_pct(result.balanced.high)}]; "
        f"{result.uncertain_relations} uncertain ties; "
        f"{result.distinct_structures} distinct bloc structures.",
        highlight=False,
    )
    if result.alignment:
        tied = [(a, e) for a, e in result.alignment.items() if a in result.tied_actors]
        tied.sort(key=lambda x: (-x[1].p, x[0]))
        console.print(
            f"[bold]P(same bloc as {escape(result.reference)})[/]: "
            + escape(", ".join(f"{a} {_pct(e.p)}" for a, e in tied)),
            markup=True,
            highlight=False,
            soft_wrap=True,
        )
    t = Table(title="Most probable bloc structures (singletons left out)")
    t.add_column("p", justify="right")
    t.add_column(lvl, justify="right")
    t.add_column("method")
    t.add_column("blocs")
    for s in result.structures:
        big = [b for b in s.blocs if len(b) > 1]
        t.add_row(
            _pct(s.probability.p),
            f"[{_pct(s.probability.low)}, {_pct(s.probability.high)}]",
            s.method,
            " | ".join(", ".join(b) for b in big) or "(no ties)",
        )
    console.print(t)


@app.command()
def simulate(
    system: Path = typer.Argument(..., help="System file (.yaml/.json)."),
    scenario_file: Path | None = typer.Option(
        None, "--scenario", help="Scenario file: its steps are applied, its uncertainty read."
    ),
    samples: int = typer.Option(..., "--samples", "-n", help="Number of Monte Carlo samples."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same result)."),
    interval: str = typer.Option("wilson", "--interval", help="wilson or clopper-pearson."),
    top: int = typer.Option(5, "--top", min=1, help="Bloc structures to list."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Monte Carlo: the probability that each motion passes and of each bloc structure, with
    confidence intervals, from relation confidences and the scenario's uncertainty block."""
    from factions.sim.montecarlo import simulate as run
    from factions.sim.scenario import ScenarioError

    if samples < 1:
        fail(f"--samples: expected a positive number of samples, got {samples}")
    if interval not in ("wilson", "clopper-pearson"):
        fail(f"--interval: expected 'wilson' or 'clopper-pearson', got {interval!r}")
    if top < 1:
        fail(f"--top: expected a positive number, got {top}")
    sys_ = load_system_file(system)
    sc = _load_scenario(scenario_file) if scenario_file is not None else None
    try:
        result = run(sys_, samples, seed, sc, interval=interval, top=top)  # type: ignore[arg-type]
    except ScenarioError as exc:
        fail(str(exc).splitlines()[0])
    if json_out:
        print_json(result.to_dict())
    else:
        render_simulation(result)


@demo_step(order=50, title="Scenario")
def demo_scenario(ctx: DemoContext) -> None:
    """Play an Iraq scenario on the reference system and print its diff, then simulate it."""
    try:
        path = Path(ctx.examples) / DEMO_SCENARIO
        system_path = Path(ctx.examples) / "iraq-2012" / "system.yaml"
        if not path.is_file() or not system_path.is_file():
            console.print(f"{path} or {system_path} not found; scenario step skipped.")
            return
        from factions.io import load_scenario
        from factions.model import load_system
        from factions.sim.diff import diff_systems
        from factions.sim.montecarlo import simulate as run
        from factions.sim.scenario import apply_scenario

        system = load_system(system_path)
        sc = load_scenario(path)
        console.print(f"factions scenario {system_path} {path}", highlight=False)
        after = apply_scenario(system, sc)
        d = diff_systems(system, after, name=sc.name, description=sc.description)
        render_diff(d)
        out = Path(ctx.out) / "scenario.diff.json"
        import json

        out.write_text(json.dumps(d.to_dict(), indent=2, default=str), encoding="utf-8")
        console.print(
            f"factions simulate {system_path} --scenario {path} --samples 20000", highlight=False
        )
        render_simulation(run(system, 20_000, 0, sc, top=3))
        console.print(f"Diff written to {out}", highlight=False)
    except Exception as exc:  # the demo must go on
        console.print(f"Scenario step skipped: {type(exc).__name__}: {exc}", highlight=False)
