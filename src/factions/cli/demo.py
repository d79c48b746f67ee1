"""``factions demo``: the main job on the seed documents (or examples/ without ../shared)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from factions.cli.app import DemoContext, app, demo_steps
from factions.cli.common import console, fail

__all__ = [
    "demo",
]


@app.command()
def demo(
    seeds: Path = typer.Option(Path("examples/articles"), help="Folder of seed documents."),
    out: Path = typer.Option(Path("out"), help="Where outputs are written."),
    examples: Path = typer.Option(Path("examples"), help="Folder of reference systems."),
) -> None:
    """Run every registered demo step: extract, analyse, vote, scenario, report."""
    if not seeds.is_dir():
        fail(f"{seeds}: not a folder of documents")
    out.mkdir(parents=True, exist_ok=True)
    ctx = DemoContext(seeds=seeds, out=out, examples=examples)
    for _, title, step in demo_steps():
        console.rule(Text(title, style="bold"))
        step(ctx)
