"""``factions train``: retrain the relation model from the labelled sets (``make model``)."""

from __future__ import annotations

from pathlib import Path

import typer

from factions.cli.app import app
from factions.cli.common import err_console, fail

__all__ = ["train"]

_PACKAGED = Path(__file__).resolve().parents[1] / "text" / "relation_model"


@app.command()
def train(
    shared: Path = typer.Option(
        Path("../shared"), "--shared", help="The shared folder holding data/training."
    ),
    indomain: Path = typer.Option(
        Path("annotations/training"),
        "--indomain",
        help="Our annotated in-domain documents (gold format); a missing folder is skipped.",
    ),
    out: Path = typer.Option(
        _PACKAGED / "relation-model.json.gz", "-o", "--out", help="Where to write the model."
    ),
    cache: Path | None = typer.Option(
        Path(".cache/relation-model"), "--cache", help="Cache of parsed examples."
    ),
    quick: bool = typer.Option(False, "--quick", help="One configuration, no search (tests)."),
) -> None:
    """Retrain the pair classifier with a fixed seed; choose on valid, report test once."""
    from factions.text.evaluate import GoldFileError
    from factions.text.relation_model.datasets import DatasetError
    from factions.text.relation_model.train import train as run

    if not (shared / "data" / "training").is_dir():
        fail(f"{shared}/data/training: not found (the labelled training sets; see docs/model.md)")
    grid = {"C": (0.3,), "indomain": (4.0,), "external": (1.0,)} if quick else None
    try:
        run(
            shared,
            indomain if indomain.is_dir() else None,
            out,
            cache=cache,
            grid=grid,
            log=lambda m: err_console.print(m, highlight=False),
        )
    except (DatasetError, GoldFileError) as exc:
        fail(str(exc))
    err_console.print(f"wrote {out}")
