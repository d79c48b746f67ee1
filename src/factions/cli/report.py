"""``factions report``: the self-contained HTML report of a system (and a scenario's diff)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from factions.cli.app import DemoContext, app, demo_step
from factions.cli.common import console, fail, load_system_file, print_json, warn

__all__ = [
    "demo_report",
    "report",
]


def _load_store(db: Path, window: str):  # -> (System, trajectories section)
    if window not in ("month", "quarter", "year"):
        fail(f"--window: expected month, quarter or year, got {window!r}")
    if not db.is_file():
        fail(f"{db}: no such corpus store (expected a .duckdb file written by `factions ingest`)")
    from factions.report.sections import store_trajectories
    from factions.store import build

    try:
        built = build(db)
    except ValueError as exc:  # StoreError
        fail(str(exc))
    if not built:
        fail(f"{db}: the store holds no findings to report on")
    return built[-1].system, store_trajectories(db, window)


@app.command()
def report(
    system: Path = typer.Argument(
        ..., help="System file (.yaml or .json), or a corpus store (.duckdb)."
    ),
    out: Path = typer.Option(Path("report.html"), "-o", "--out", help="HTML file to write."),
    scenario: Path | None = typer.Option(
        None, "--scenario", help="Scenario file whose diff to include."
    ),
    figures: Path | None = typer.Option(
        None, "--figures", help="Also write PNG and SVG figures here."
    ),
    window: str = typer.Option("quarter", "--window", help="For a store: month, quarter or year."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write one self-contained, offline HTML report: network, balance, power, motions, evidence.

    Given a corpus store (.duckdb), the report shows the System built from the whole corpus
    and each tie window by window.
    """
    from factions.io import load_scenario
    from factions.report import assets, write_report

    trajectories = None
    if system.suffix == ".duckdb":
        s, trajectories = _load_store(system, window)
    else:
        s = load_system_file(system)
    parsed = None
    if scenario is not None:
        try:
            parsed = load_scenario(scenario)
        except ValueError as exc:  # ScenarioError is a ValueError naming file:line: field
            fail(str(exc).splitlines()[0])
    try:
        written = write_report(
            s, out, scenario=parsed, figures_dir=figures, trajectories=trajectories
        )
    except assets.FrontendMissing as exc:
        fail(str(exc))
    except ValueError as exc:  # a scenario that cannot be played on this system
        fail(str(exc).splitlines()[0])
    except OSError as exc:  # the report or figures folder cannot be written
        fail(f"{exc.filename or out}: cannot write: {exc.strerror or exc}")
    if json_out:
        print_json(written)
        return
    console.print(
        f"report: [bold]{escape(str(written['report']))}[/] ({written['bytes'] // 1024} KiB)",
        markup=True,
    )
    if written["figures"]:
        console.print(f"figures: {len(written['figures'])} files in {figures}")


@demo_step(order=90, title="Report")
def demo_report(ctx: DemoContext) -> None:
    """Write out/report.html for the seeds' system (or the Iraq 2012 example); never fails."""
    from factions.model import load_system
    from factions.report import write_report

    candidates = [ctx.out / "seeds.system.yaml", ctx.examples / "iraq-2012" / "system.yaml"]
    source = next((p for p in candidates if p.is_file()), None)
    if source is None:
        warn("report: no system to report on (neither " + " nor ".join(map(str, candidates)) + ")")
        return
    try:
        written = write_report(load_system(source), ctx.out / "report.html")
    except Exception as exc:  # noqa: BLE001 - the demo goes on; say what went wrong
        warn(f"report: could not write {ctx.out / 'report.html'} from {source}: {exc}")
        return
    console.print(f"report of {source}: {Path(written['report']).resolve()}")
