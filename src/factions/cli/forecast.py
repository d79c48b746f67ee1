"""``factions forecast`` (bargaining models) and ``factions dynamics`` (balance dynamics)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import typer
from rich.markup import escape
from rich.table import Table

from factions.cli.app import DemoContext, app, demo_step
from factions.cli.common import console, fail, load_system_file, print_json, warn
from factions.io import read_bargaining
from factions.sim.bargaining import MODELS, BargainingResult, forecast
from factions.sim.dynamics import (
    complete_signed_graph,
    constrained_triad_dynamics,
    ltd_rho_infinity,
    realign,
    triad_dynamics,
)
from factions.sim.inputs import (
    BargainingInput,
    BargainingInputError,
    BargainingInputWarning,
    from_issue,
)

__all__ = [
    "dynamics_cmd",
    "forecast_cmd",
]

_SYSTEM_SUFFIXES = {".yaml", ".yml", ".json"}


def _read_input(path: Path, issue: str | None) -> BargainingInput:
    if path.suffix.lower() in _SYSTEM_SUFFIXES:
        system = load_system_file(path)
        issues = list(getattr(system, "issues", ()) or ())
        if not issues:
            fail(f"{path}: field 'issues': the system has no issue to forecast")
        if issue is None:
            if len(issues) > 1:
                ids = ", ".join(i.id for i in issues)
                fail(f"{path}: field 'issues': several issues ({ids}); choose one with --issue")
            chosen = issues[0]
        else:
            match = [i for i in issues if i.id == issue]
            if not match:
                fail(f"{path}: field 'issues': no issue {issue!r}")
            chosen = match[0]
        if len(chosen.positions) < 2:
            fail(f"{path}: field 'issues/{chosen.id}/positions': need at least 2 actors")
        return from_issue(chosen)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BargainingInputWarning)
        try:
            inp = read_bargaining(path)
        except BargainingInputError as exc:
            fail(str(exc))
    for msg in inp.warnings:
        warn(msg)
    return inp


def _fmt(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".") if abs(v - round(v)) < 1e-9 else f"{v:.4f}"


def _baselines(inp: BargainingInput) -> dict[str, Any]:
    mean = forecast(inp, "mean").forecast
    median = forecast(inp, "median").forecast
    one = inp.n_dims == 1
    return {
        "mean": float(mean[0]) if one else mean.tolist(),
        "median": float(median[0]) if one else median.tolist(),
    }


def _print_result(inp: BargainingInput, res: BargainingResult, base: dict[str, Any]) -> None:
    title = f"{res.model.upper()} forecast: {inp.name or inp.source}"
    table = Table(title=title, title_justify="left")
    table.add_column("round", justify="right")
    for d in res.dimensions:
        table.add_column(
            f"predicted {d}" if len(res.dimensions) > 1 else "predicted", justify="right"
        )
    if res.model == "eu" and "mean" in res.details:
        table.add_column("weighted mean", justify="right")
    for t, row in enumerate(res.rounds):
        cells = [str(t)] + [_fmt(float(v)) for v in row]
        if res.model == "eu" and "mean" in res.details:
            cells.append(_fmt(res.details["mean"][t]))
        table.add_row(*cells)
    console.print(table)
    fc = ", ".join(_fmt(float(v)) for v in res.forecast)
    note = (
        "" if res.converged or res.model in ("mean", "median") else " (stopped at the round limit)"
    )
    console.print(f"[bold]forecast[/]: {escape(fc + note)}", markup=True)

    def show(v: Any) -> str:
        return ", ".join(
            f"{x:.5f}".rstrip("0").rstrip(".") for x in (v if isinstance(v, list) else [v])
        )

    console.print(
        f"baselines (round 0): capability-and-salience weighted mean {show(base['mean'])}; "
        f"weighted median {show(base['median'])}",
        highlight=False,
        soft_wrap=True,
    )


@app.command("forecast")
def forecast_cmd(
    input: Path = typer.Argument(
        ..., help="Actor CSV (Actor,Capability,Position,Salience), KTAB CSV/XML, or a system file."
    ),
    model: str = typer.Option("eu", "--model", "-m", help="eu | smp | mean | median"),
    issue: str | None = typer.Option(
        None, help="Issue id, when INPUT is a system file with several issues."
    ),
    rounds: int | None = typer.Option(
        None, help="Maximum rounds (EU default 10, SMP default 100)."
    ),
    offer_choice: str = typer.Option(
        "closest", help="EU: which offer an actor takes: closest | strongest."
    ),
    seed: int | None = typer.Option(None, help="SMP: seed for stochastic state transitions."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Forecast a bargaining outcome round by round (Bueno de Mesquita EU model, KTAB-style SMP, baselines)."""
    if model not in MODELS:
        fail(f"--model: expected one of {', '.join(MODELS)}, got {model!r}")
    if offer_choice not in ("closest", "strongest"):
        fail(f"--offer-choice: expected closest or strongest, got {offer_choice!r}")
    if rounds is not None and rounds < 0:
        fail("--rounds: expected a number >= 0")
    inp = _read_input(input, issue)
    kwargs: dict[str, Any] = {}
    if rounds is not None and model in ("eu", "smp"):
        kwargs["max_rounds"] = rounds
    if model == "eu":
        kwargs["offer_choice"] = offer_choice
    if model == "smp" and seed is not None:
        kwargs["seed"] = seed
    try:
        res = forecast(inp, model, **kwargs)
        base = _baselines(inp)
    except ValueError as exc:
        fail(f"{input}: {exc}")
    if as_json:
        out = {"input": str(input), "actors": list(inp.actors), "warnings": list(inp.warnings)}
        out.update(res.to_dict())
        out["baselines"] = base
        print_json(out)
        return
    _print_result(inp, res, base)


@app.command("dynamics")
def dynamics_cmd(
    system: Path | None = typer.Argument(
        None, help="System file (YAML/JSON); omit with --complete."
    ),
    complete: int | None = typer.Option(
        None, help="Run on a random complete graph with this many nodes."
    ),
    rule: str = typer.Option(
        "ltd", help="ltd: local triad dynamics (parameter --p); ctd: constrained triad dynamics."
    ),
    p: float = typer.Option(
        0.0,
        help="ATR local triad dynamics: probability of fixing the unfriendly link of a ++- triangle.",
    ),
    time: float = typer.Option(20.0, help="Simulated time, in updates per link."),
    runs: int = typer.Option(1, help="Independent runs advanced together."),
    rho0: float = typer.Option(0.5, help="--complete: initial fraction of friendly links."),
    seed: int = typer.Option(0, help="Random seed."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Balance dynamics (Antal-Krapivsky-Redner local triad dynamics) and landscape realignment."""
    if not 0.0 <= p <= 1.0:
        fail(f"--p: expected a probability in [0, 1], got {p}")
    if runs < 1 or time < 0:
        fail("--runs must be >= 1 and --time >= 0")
    out: dict[str, Any] = {}
    if complete is not None:
        if complete < 3:
            fail("--complete: expected at least 3 nodes")
        if not 0.0 <= rho0 <= 1.0:
            fail("--rho0: expected a fraction in [0, 1]")
        start: Any = complete_signed_graph(complete, rho0, seed)
        label = f"complete graph K{complete}"
        graph = None
    else:
        if system is None:
            fail("give a SYSTEM file or --complete N")
        graph = load_system_file(system).to_networkx()
        if graph.number_of_edges() == 0:
            fail(f"{system}: field 'relations': no signed relations to run dynamics on")
        start = graph
        label = str(system)
    links = int(complete * (complete - 1) // 2) if complete else graph.number_of_edges()
    if rule not in ("ltd", "ctd"):
        fail(f"--rule: expected ltd or ctd, got {rule!r}")
    if rule == "ctd":
        res: Any = constrained_triad_dynamics(start, updates=int(time * links), seed=seed)
    else:
        res = triad_dynamics(start, p, updates=int(time * links), runs=runs, seed=seed)
    out["triad_dynamics"] = res.to_dict()
    land = None
    if graph is not None:
        land = realign(graph)
        out["realignment"] = land.to_dict()
    if as_json:
        print_json({"input": label, **out})
        return
    name = f"Local triad dynamics (p = {p})" if rule == "ltd" else "Constrained triad dynamics"
    table = Table(title=f"{name} on {label}", title_justify="left")
    table.add_column("time (updates/link)", justify="right")
    table.add_column("friendly fraction", justify="right")
    table.add_column("imbalanced triangles", justify="right")
    step = max(1, len(res.times) // 10)
    idx = list(range(0, len(res.times), step))
    if idx[-1] != len(res.times) - 1:
        idx.append(len(res.times) - 1)
    for k in idx:
        table.add_row(
            f"{res.times[k] / max(links, 1):.2f}",
            f"{np.mean(res.rho[k]):.4f}",
            f"{np.mean(res.imbalanced[k]):.1f}",
        )
    console.print(table)
    if rule == "ltd":
        bal = int(res.balanced.sum())
        mean_field = (
            f" (complete-graph mean field 1/(sqrt(3(1-2p))+1) = {ltd_rho_infinity(p):.4f})"
            if complete is not None
            else ""
        )
        end = f"balanced (absorbed) in {bal} of {runs} run(s)"
    else:
        mean_field = ""
        end = (
            "balanced"
            if res.balanced
            else "jammed: imbalanced, and every single flip would add imbalance"
            if res.jammed
            else "still imbalanced at the time limit"
            + (" (no single flip lowers the imbalance)" if res.local_minimum else "")
        ) + f" after {res.flips} flip(s)"
    console.print(
        f"end: friendly fraction {np.mean(res.rho[-1]):.4f}{mean_field}; {end}",
        highlight=False,
        soft_wrap=True,
    )
    if land is None:
        return
    moves = Table(
        title="Landscape realignment (Axelrod & Bennett): switch sides while frustration falls",
        title_justify="left",
    )
    moves.add_column("move", justify="right")
    moves.add_column("actor")
    moves.add_column("to side", justify="right")
    moves.add_column("frustration", justify="right")
    moves.add_row("0", "(start: everyone on side 0)", "", f"{land.initial_frustration:g}")
    for k, (actor, side, fr) in enumerate(land.path, start=1):
        moves.add_row(str(k), str(actor), str(side), f"{fr:g}")
    console.print(moves)
    verdict = {
        True: "jammed: a local minimum, but a better split exists",
        False: "a global minimum",
        None: "global minimum not established",
    }[land.jammed]
    console.print(
        f"end state: frustration {land.frustration:g}, {verdict}"
        + (f" (global minimum {land.global_minimum:g})" if land.global_minimum is not None else ""),
        highlight=False,
        soft_wrap=True,
    )
    for i, bloc in enumerate(land.blocs()):
        console.print(
            f"  side {i}: {', '.join(map(str, bloc)) or '-'}", highlight=False, soft_wrap=True
        )


@demo_step(order=60, title="Bargaining forecast")
def _demo_forecast(ctx: DemoContext) -> None:
    folder = ctx.examples / "bargaining"
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        console.print(f"(no bargaining example in {folder}; skipped)")
        return
    for path in files[:1]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", BargainingInputWarning)
                inp = read_bargaining(path)
            res = forecast(inp, "eu")
            _print_result(inp, res, _baselines(inp))
        except Exception as exc:  # the demo never fails on this step
            warn(f"bargaining demo on {path} skipped: {exc}")
