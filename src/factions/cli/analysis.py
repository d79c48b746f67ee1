"""``factions balance``, ``factions landscape``, ``factions brokers`` and the balance demo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from factions.analysis import (
    as_signed_graph,
    balance_report,
    brokers,
    global_minimum,
    k_bloc_partition,
    landscape,
)
from factions.analysis.serial import json_number
from factions.analysis.signed_graph import SignedGraph, SignedInputError
from factions.cli.app import DemoContext, app, demo_step
from factions.cli.common import (
    EXIT_PROBLEMS,
    console,
    fail,
    load_system_file,
    print_json,
    warn,
)
from factions.io import read_landscape_csv, read_signed_graph

__all__ = [
    "balance",
    "brokers_cmd",
    "demo_balance",
    "landscape_cmd",
]


def _load(path: Path, weighted: bool = True) -> SignedGraph:
    """Read INPUT (system file, CSV edge list or adjacency CSV); bad input exits 2."""
    weight = "weight" if weighted else None
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        return as_signed_graph(load_system_file(path), weight=weight)
    if not path.exists():
        fail(f"{path}: no such file")
    if path.is_dir():
        fail(f"{path}: is a folder; expected a CSV edge list or a system file")
    try:
        return read_signed_graph(path, weight=weight)
    except SignedInputError as exc:
        fail(str(exc))
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 text (byte {exc.start})")


def _num(x: float | None) -> float | int | None:
    return json_number(x)


@app.command()
def balance(
    input: Path = typer.Argument(
        ..., help="System file (.yaml/.json) or CSV source,target,sign[,weight]."
    ),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help="Seconds for the exact solve."
    ),
    unweighted: bool = typer.Option(False, "--unweighted", help="Count ties, ignoring weights."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Structural balance: triad census, balance degrees, exact frustration index and blocs.

    Exits 1 when the time limit stopped the optimality proof (the bound and gap are shown).
    """
    if time_limit is not None and time_limit <= 0:
        fail("--time-limit: expected a positive number of seconds")
    sg = _load(input, weighted=not unweighted)
    report = balance_report(sg, time_limit=time_limit)
    data = report.to_dict()
    if json_out:
        print_json(data)
    else:
        fr = report.frustration
        t = Table(title=f"Balance of {input.name}", show_header=False)
        t.add_column("measure")
        t.add_column("value", justify="right")
        t.add_row("actors / ties / negative ties", f"{sg.n} / {sg.m} / {report.negative_edges}")
        t.add_row("frustration index L", f"{data['frustration_index']}")
        t.add_row(
            "proven optimal",
            "yes" if fr.optimal else f"no (bound {data['lower_bound']}, gap {fr.gap:.1%})",
        )
        t.add_row("normalised (1 - 2L/m)", f"{fr.normalised:.3f}")
        tri = report.triads
        t.add_row("triads +++ / ++- / +-- / ---", f"{tri.ppp} / {tri.ppn} / {tri.pnn} / {tri.nnn}")
        t.add_row(
            "triangle balance",
            "n/a" if data["triangle_balance"] is None else f"{report.triangle_balance:.3f}",
        )
        if report.walk_balance is not None:
            t.add_row("walk balance (Estrada-Benzi)", f"{report.walk_balance:.3f}")
            t.add_row("algebraic conflict", f"{report.algebraic_conflict:.3f}")
        t.add_row("seconds", f"{fr.seconds:.3f}")
        console.print(t)
        _print_blocs(data["partition"], fr.frustrated_edges)
        if data["isolates"]:
            console.print(
                f"[bold]Without ties[/] ({len(data['isolates'])}): "
                + escape(", ".join(data["isolates"])),
                markup=True,
            )
    if not report.frustration.optimal:
        raise typer.Exit(EXIT_PROBLEMS)


def _print_blocs(partition: Any, frustrated: Any, limit: int = 40) -> None:
    for k, bloc in enumerate(partition, start=1):
        console.print(
            f"[bold]Bloc {k}[/] ({len(bloc)}): " + escape(", ".join(map(str, bloc))),
            markup=True,
            highlight=False,
        )
    shown = list(frustrated)[:limit]
    more = f" (+{len(frustrated) - limit} more)" if len(frustrated) > limit else ""
    console.print(
        f"[bold]Frustrated ties[/] ({len(frustrated)}){more}: "
        + escape("; ".join(f"{a}-{b}" for a, b in shown) or "none"),
        markup=True,
        highlight=False,
    )


@app.command("landscape")
def landscape_cmd(
    sizes: Path = typer.Option(..., "--sizes", help="CSV id,actor,strength."),
    propensities: Path = typer.Option(
        ..., "--propensities", help="CSV matrix of ratings 1..5 (3 neutral)."
    ),
    all_: bool = typer.Option(False, "--all", help="List every alignment with its energy."),
    neutral: float = typer.Option(
        3.0, "--neutral", help="The neutral rating (p = rating - neutral)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Axelrod-Bennett landscape: energies, stable alignments and their basins."""
    for p in (sizes, propensities):
        if not p.is_file():
            fail(f"{p}: no such file")
    try:
        inp = read_landscape_csv(sizes, propensities, neutral=neutral)
    except SignedInputError as exc:
        fail(str(exc))
    n = len(inp.actors)
    if n > 20:
        if all_:
            fail(f"--all: {n} actors make 2^{n - 1} alignments; at most 20 actors can be listed")
        blocs, e, proven = global_minimum(inp)
        data = {
            "actors": list(inp.actors),
            "global_minimum": {
                "blocs": [list(b) for b in blocs],
                "energy": _num(e),
                "optimal": proven,
            },
        }
        if json_out:
            print_json(data)
        else:
            console.print(f"Global minimum (energy {e:g}{'' if proven else ', not proven'}):")
            _print_blocs(blocs, [])
        return
    land = landscape(inp)
    data: dict[str, Any] = {
        "sizes": [_num(x) for x in inp.sizes],
        "propensity": f"rating - {neutral:g}",
        **land.to_dict(include_all=all_),
    }
    if json_out:
        print_json(data)
        return
    t = Table(title=f"Stable alignments ({land.energies.size} alignments of {n} actors)")
    for col in ("energy", "basin", "bloc 1", "bloc 2"):
        t.add_column(col)
    for m in land.minima:
        t.add_row(
            f"{m.energy:g}" + (" *" if m.is_global else ""),
            f"{m.basin_share:.1%}",
            ", ".join(m.blocs[0]),
            ", ".join(m.blocs[1]),
        )
    console.print(t)
    if all_:
        t = Table(title="Every alignment, lowest energy first")
        for col in ("energy", "bloc 1", "bloc 2"):
            t.add_column(col)
        for c in sorted(range(land.energies.size), key=lambda c: (land.energies[c], c)):
            b = land.blocs(c)
            t.add_row(f"{land.energies[c]:g}", ", ".join(b[0]), ", ".join(b[1]))
        console.print(t)


@app.command("brokers")
def brokers_cmd(
    input: Path = typer.Argument(
        ..., help="System file (.yaml/.json) or CSV source,target,sign[,weight]."
    ),
    time_limit: float | None = typer.Option(None, "--time-limit", help="Seconds per exact solve."),
    top: int = typer.Option(15, "--top", min=1, help="Rows to show."),
    unweighted: bool = typer.Option(False, "--unweighted", help="Count ties, ignoring weights."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Brokers: actors whose exit or tie changes most move frustration; bridges; gateways."""
    sg = _load(input, weighted=not unweighted)
    rep = brokers(sg, time_limit=time_limit)
    if json_out:
        print_json(rep.to_dict())
        return
    for note in rep.notes:
        warn(note)
    _brokers_table(rep, top)


def _brokers_table(rep: Any, top: int, names: dict | None = None) -> None:
    names = names or {}
    t = Table(title=f"Brokers (frustration index {_num(rep.frustration.frustration_index)})")
    for col in (
        "actor",
        "bloc",
        "exit lowers L by",
        "frustrated ties",
        "friends across",
        "positive betweenness",
    ):
        t.add_column(col, justify="left" if col == "actor" else "right")
    for a in rep.actors[:top]:
        t.add_row(
            str(names.get(a.actor, a.actor)),
            str(a.bloc + 1),
            "-" if a.removal_effect is None else f"{_num(a.removal_effect)}",
            f"{_num(a.frustrated_ties)}",
            f"{_num(a.positive_across)}",
            f"{a.positive_betweenness:.3f}",
        )
    console.print(t)


def _find_seed_system(ctx: DemoContext) -> Path | None:
    cand = ctx.out / "seeds.system.yaml"
    if cand.is_file():
        return cand
    found = sorted(Path(ctx.examples).glob("*/system.yaml")) if Path(ctx.examples).is_dir() else []
    return found[0] if found else None


@demo_step(order=30, title="Balance of the seeds' network")
def demo_balance(ctx: DemoContext) -> None:
    """Frustration index, blocs, frustrated ties and brokers of the seeds' system."""
    try:
        path = _find_seed_system(ctx)
        if path is None:
            console.print(
                "No system found (out/seeds.system.yaml or examples/*/system.yaml); balance step skipped.",
                soft_wrap=True,
            )
            return
        from factions.model import load_system

        system = load_system(path)
        g = system.to_networkx(include_isolates=False)
        names = {a.id: a.name for a in system.actors}
        sg = as_signed_graph(g, weight=None)
        if sg.m == 0:
            console.print(f"{path}: no signed relations; balance step skipped.")
            return
        rep = brokers(sg, time_limit=30)
        fr = rep.frustration
        console.print(
            f"{path}: {sg.n} actors, {sg.m} ties ({int((sg.sign < 0).sum())} negative). "
            f"Frustration index L = {_num(fr.frustration_index)}"
            f"{' (proven optimal)' if fr.optimal else f' (not proven; bound {_num(fr.lower_bound)})'}, "
            f"normalised {fr.normalised:.3f}.",
            highlight=False,
        )
        blocs3 = k_bloc_partition(sg, 3, time_limit=20)
        part = [[names.get(x, x) for x in b] for b in fr.partition]
        frus = [(names.get(a, a), names.get(b, b)) for a, b in fr.frustrated_edges]
        _print_blocs(part, frus)
        console.print(
            f"Best 3-bloc split (error {_num(blocs3.error)}{'' if blocs3.optimal else ', heuristic'}): "
            + " | ".join(", ".join(names.get(x, x) for x in b) for b in blocs3.blocs),
            highlight=False,
        )
        _brokers_table(rep, 8, names)
    except Exception as exc:  # the demo must go on
        console.print(f"Balance step skipped: {type(exc).__name__}: {exc}", highlight=False)
