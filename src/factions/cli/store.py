"""Corpus commands: ingest, build, timeline, import (the store and the engines)."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from factions.cli.app import app
from factions.cli.common import EXIT_PROBLEMS, console, err_console, fail, print_json, warn

__all__ = [
    "build",
    "import_events_cmd",
    "ingest",
    "timeline",
]


def _check_date(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    from factions.store.readers import normalise_date

    try:
        return normalise_date(value)
    except ValueError as exc:
        fail(f"{flag}: {exc}")


def _estimate_records(paths: list[Path]) -> int:
    """About how many records the inputs hold (lines of JSON-lines/CSV files, 1 per other
    file), for the progress bar; a quick pass over the bytes, no parsing."""
    from factions.store.readers import CSV_SUFFIXES, JSONL_SUFFIXES, expand_paths

    n = 0
    for f in expand_paths(paths):
        suffix = f.suffix.lower()
        if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
            try:
                with f.open("rb") as fh:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            except OSError:
                continue
            n += max(0, lines - (suffix in CSV_SUFFIXES))
        else:
            n += 1
    return n


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl .csv")
    ],
    db: Annotated[Path, typer.Option("--db", help="The store (a DuckDB file; created if absent).")],
    date_from_filename: Annotated[
        str | None,
        typer.Option(
            help="Date pattern in file names: %Y-%m-%d style, or a regex with (?P<date>...)."
        ),
    ] = None,
    text_column: Annotated[
        str, typer.Option(help="JSON-lines/CSV field holding the text.")
    ] = "text",
    date_column: Annotated[
        str, typer.Option(help="JSON-lines/CSV field holding the date.")
    ] = "date",
    engine: Annotated[str, typer.Option(help="local | processes | dask")] = "local",
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (processes, dask LocalCluster).")
    ] = 2,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default a LocalCluster."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per batch (and per transaction).")
    ] = 128,
    extractor: Annotated[
        str | None,
        typer.Option(help="module:callable building the extractor (default: the text pipeline)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read documents into the store: extract, and write each batch in one transaction.

    Idempotent (the same content twice adds nothing) and resumable (a killed run re-run
    completes the rest). Bad records are reported with file and line; the rest is ingested.
    """
    from factions.run import ingest as run_ingest
    from factions.run.engines import ENGINES
    from factions.store.readers import ReadOptions, date_pattern
    from factions.store.schema import StoreError

    if engine not in ENGINES:
        fail(f"--engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    for p in paths:
        if not p.exists():
            fail(f"{p}: no such file or folder")
    if date_from_filename:
        try:
            date_pattern(date_from_filename)
        except ValueError as exc:
            fail(str(exc))
    opts = ReadOptions(
        text_column=text_column, date_column=date_column, date_from_filename=date_from_filename
    )
    bad_lines: list[str] = []

    def on_bad(b) -> None:
        bad_lines.append(str(b))
        warn(str(b))

    show = err_console.is_terminal and not as_json
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        TextColumn(
            "{task.fields[read]} read, {task.fields[added]} added, {task.fields[skipped]} already stored"
        ),
        TimeElapsedColumn(),
        console=err_console,
        disable=not show,
        transient=False,
    )
    try:
        with progress:
            total = _estimate_records(paths) if show else None
            task = progress.add_task("ingest", total=total, read=0, added=0, skipped=0)

            def on_progress(p) -> None:
                progress.update(
                    task, completed=p.added + p.skipped + p.bad, read=p.read, added=p.added,
                    skipped=p.skipped,
                )  # fmt: skip

            summary = run_ingest(
                [str(p) for p in paths], db, options=opts, engine=engine, workers=workers,
                scheduler=scheduler, batch_size=batch_size, extractor=extractor,
                progress=on_progress, on_bad=on_bad,
            )  # fmt: skip
    except StoreError as exc:
        fail(str(exc))
    except (OSError, BrokenProcessPool) as exc:
        fail(
            f"{engine} engine: {exc or type(exc).__name__}; committed documents are kept, re-run to resume"
        )
    except Exception as exc:
        if type(exc).__module__.startswith("distributed"):
            fail(
                f"dask engine: {type(exc).__name__}: {exc}; committed documents are kept, re-run to resume"
            )
        raise
    if as_json:
        print_json(summary.to_dict())
    else:
        t = Table(title=f"ingest into {db}", show_header=False)
        t.add_row("documents read", str(summary.read))
        t.add_row("added", str(summary.added))
        t.add_row("already stored (skipped)", str(summary.skipped))
        t.add_row("new versions (older superseded)", str(summary.superseded))
        for k, v in summary.rows.items():
            if k != "documents":
                t.add_row(f"{k} rows added", str(v))
        t.add_row("bad records", str(len(summary.bad)))
        rate = summary.read / summary.seconds if summary.seconds else 0.0
        t.add_row("time", f"{summary.seconds:.1f} s ({rate:.0f} documents/s, engine {engine})")
        console.print(t)
    if summary.bad:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def build(
    db: Annotated[Path, typer.Option("--db", help="The store.")],
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Output folder (or a .yaml file for one span).")
    ],
    date_from: Annotated[
        str | None, typer.Option("--from", help="First date (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (YYYY[-MM[-DD]]).")] = None,
    window: Annotated[
        str | None, typer.Option(help="month | quarter | year (default: one span).")
    ] = None,
    half_life: Annotated[float, typer.Option(min=1.0, help="Recency half-life in days.")] = 180.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the index as JSON.")] = False,
) -> None:
    """Write one system per time window from the store, with sign flips between windows."""
    from factions.store.build import build as run_build
    from factions.store.build import write_built
    from factions.store.schema import StoreError
    from factions.store.windows import WINDOWS

    if window is not None and window not in WINDOWS:
        fail(f"--window {window!r}: expected one of {', '.join(WINDOWS)}")
    d0, d1 = _check_date(date_from, "--from"), _check_date(date_to, "--to")
    try:
        built = run_build(db, date_from=d0, date_to=d1, window=window, half_life=half_life)
    except StoreError as exc:
        fail(str(exc))
    if not built:
        fail(
            f"{db}: no dated documents or events between {d0 or 'the start'} and {d1 or 'the end'}",
            EXIT_PROBLEMS,
        )
    paths = write_built(built, out)
    rows = [
        {
            "window": b.window.label if b.window else "span",
            "file": str(p),
            "actors": len(b.system.actors),
            "relations": len(b.system.relations),
            "documents": b.system.notes.get("documents"),
            "sign_flips": b.flips,
        }
        for b, p in zip(built, paths, strict=True)
    ]
    if as_json:
        print_json(rows)
        return
    t = Table(title=f"systems built from {db}")
    for col in ("window", "file", "actors", "relations", "documents", "sign flips"):
        t.add_column(col)
    for r in rows:
        flips = ", ".join(
            f"{f['a']}-{f['b']} {f['from']:+d}->{f['to']:+d}" for f in r["sign_flips"]
        )
        t.add_row(
            r["window"],
            r["file"],
            str(r["actors"]),
            str(r["relations"]),
            str(r["documents"]),
            flips,
        )
    console.print(t)


@app.command()
def timeline(
    db: Annotated[Path, typer.Option("--db", help="The store.")],
    pair: Annotated[tuple[str, str], typer.Option(help="Two actors (ids, names or mentions).")],
    window: Annotated[str, typer.Option(help="month | quarter | year")] = "month",
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    half_life: Annotated[float, typer.Option(min=1.0, help="Recency half-life in days.")] = 180.0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A relation's trajectory window by window, the evidence behind each change, and sign flips."""
    from factions.store.build import timeline as run_timeline
    from factions.store.schema import StoreError
    from factions.store.windows import WINDOWS

    if window not in WINDOWS:
        fail(f"--window {window!r}: expected one of {', '.join(WINDOWS)}")
    d0, d1 = _check_date(date_from, "--from"), _check_date(date_to, "--to")
    try:
        tl = run_timeline(
            db, pair[0], pair[1], window=window, date_from=d0, date_to=d1, half_life=half_life
        )
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        print_json(tl)
        return
    if not tl["points"]:
        console.print(f"no dated evidence for {tl['a']} - {tl['b']}")
        raise typer.Exit(EXIT_PROBLEMS)
    t = Table(title=f"{tl['a']} - {tl['b']} by {window}")
    for col in ("window", "sign", "strength", "conf.", "docs", "change", "evidence"):
        t.add_column(col, overflow="fold")
    for p in tl["points"]:
        ev = Text("\n").join(
            Text.assemble(
                (f"{e['sign']:+d}", "green" if e["sign"] > 0 else "red"),
                f" {e['doc_id']} ({e['date']}): {e['sentence'][:160]}",
            )
            for e in p["evidence"][:5]
        )
        if len(p["evidence"]) > 5:
            ev.append(f"\n... and {len(p['evidence']) - 5} more")
        change = Text("FLIP", style="bold yellow") if p["change"] == "flip" else p["change"]
        t.add_row(p["window"], f"{p['sign']:+d}", f"{p['strength']:.2f}", f"{p['confidence']:.2f}",
                  str(p["documents"]), change, ev)  # fmt: skip
    console.print(t)
    for f in tl["flips"]:
        console.print(
            "[bold yellow]sign flip[/]: "
            + escape(f"{f['from']:+d} in {f['from_window']} -> {f['to']:+d} in {f['to_window']}"),
            markup=True,
        )


@app.command("import")
def import_events_cmd(
    dataset: Annotated[str, typer.Argument(help="gdelt | icews | polecat")],
    file: Annotated[Path, typer.Argument(help="The event file (.csv/.tsv/.txt, .zip or .gz).")],
    db: Annotated[Path, typer.Option("--db", help="The store (created if absent).")],
    mapping: Annotated[Path | None, typer.Option(help="Actor mapping table (CSV or YAML).")] = None,
    keep_unmapped: Annotated[
        bool | None,
        typer.Option("--keep-unmapped/--drop-unmapped", help="Keep actors not in the mapping."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import dyadic events (GDELT 2.0, ICEWS, POLECAT) as signed findings, mapped to actors."""
    from factions.store.events import DATASETS, ImportFileError, import_events
    from factions.store.schema import StoreError

    if dataset not in DATASETS:
        fail(f"unknown event data set {dataset!r}: expected one of {', '.join(DATASETS)}")
    try:
        summary = import_events(dataset, file, db, mapping=mapping, keep_unmapped=keep_unmapped)
    except (ImportFileError, StoreError) as exc:
        fail(str(exc))
    for b in summary.bad[:50]:
        warn(str(b))
    if as_json:
        print_json(summary.to_dict())
    else:
        t = Table(title=f"{dataset} import into {db}", show_header=False)
        data = summary.to_dict()
        for k in (
            "rows",
            "added",
            "duplicates",
            "skipped_neutral",
            "skipped_self",
            "skipped_unmapped",
        ):
            t.add_row(k.replace("_", " "), str(data[k]))
        t.add_row("bad rows", str(len(summary.bad)))
        if data["top_unmapped"]:
            t.add_row(
                "most frequent unmapped",
                ", ".join(f"{u['actor']} ({u['events']})" for u in data["top_unmapped"]),
            )
        console.print(t)
    if summary.bad:
        raise typer.Exit(EXIT_PROBLEMS)
