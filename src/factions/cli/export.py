"""``factions export``: a system to GraphML, GEXF, JSON or CSV; a corpus store to Parquet."""

from __future__ import annotations

from pathlib import Path

import typer

from factions.cli.app import app
from factions.cli.common import console, fail, load_system_file, print_json

__all__ = [
    "export",
]


@app.command()
def export(
    system: Path | None = typer.Argument(None, help="System file (.yaml or .json) to export."),
    to: str | None = typer.Option(
        None, "--to", help="graphml | gexf | json | csv (csv: OUT is a folder)."
    ),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="File (or folder, for csv) to write."
    ),
    db: Path | None = typer.Option(None, "--db", help="Corpus store (DuckDB) to export."),
    parquet: Path | None = typer.Option(
        None, "--parquet", help="With --db: folder for Parquet files."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the files written as JSON."),
) -> None:
    """Export a system for NetworkX, pandas and Gephi, or a corpus store as Parquet."""
    if db is not None or parquet is not None:
        written = _export_store(db, parquet, system)
    else:
        written = _export_system(system, to, out)
    if json_out:
        print_json({"written": [str(p) for p in written]})
    else:
        for p in written:
            console.print(f"wrote {p}")


def _export_system(system: Path | None, to: str | None, out: Path | None) -> list[Path]:
    from factions.report.export import FORMATS, write_export

    if system is None:
        fail("give a SYSTEM file to export (or --db DB --parquet DIR for a corpus store)")
    if to is None or to not in FORMATS:
        fail(f"--to: expected one of {', '.join(FORMATS)}, got {to!r}")
    if out is None:
        fail("-o/--out: give the file (or, for csv, the folder) to write")
    s = load_system_file(system)
    if to != "csv" and out.is_dir():
        fail(f"{out}: is a folder; give a file name for --to {to}")
    return write_export(s, to, out)


def _export_store(db: Path | None, parquet: Path | None, system: Path | None) -> list[Path]:
    if system is not None:
        fail("give either a SYSTEM file or --db DB --parquet DIR, not both")
    if db is None or parquet is None:
        fail("a store export needs both --db DB and --parquet DIR")
    if not db.is_file():
        fail(f"{db}: no such corpus store (expected a .duckdb file written by `factions ingest`)")
    from factions.store import export_parquet

    try:
        result = export_parquet(db, parquet)
    except (ValueError, OSError) as exc:
        fail(f"{db}: {exc}")
    if isinstance(result, list | tuple):
        return [Path(p) for p in result]
    return sorted(Path(parquet).glob("*.parquet"))
