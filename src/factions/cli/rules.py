"""``factions rules``: the rule units extraction runs, with family and what each reads."""

from __future__ import annotations

import typer
from rich.table import Table

from factions.cli.app import app

__all__ = ["rules_"]
from factions.cli.common import console, print_json


@app.command("rules")
def rules_(
    as_json: bool = typer.Option(False, "--json", help="Print the units as JSON."),
) -> None:
    """List the rule units (relations, affiliations, tables): name, family, what each reads.

    Switch one off with `factions extract/eval --disable-rule NAME`; docs/rules.md has an
    example sentence for each."""
    from factions.text.rules import READS, units

    listed = [u for reads in READS for u in units(reads)]
    if as_json:
        print_json(
            [
                {
                    "name": u.name,
                    "family": u.family,
                    "reads": u.reads,
                    "description": u.description,
                    "example": u.example,
                }
                for u in listed
            ]
        )
        return
    for reads in READS:
        table = Table(title=f"Rule units that read {reads} (in run order)")
        table.add_column("unit", no_wrap=True)
        table.add_column("family", no_wrap=True)
        table.add_column("what it reads", ratio=1)
        for u in units(reads):
            table.add_row(u.name, u.family, u.description)
        console.print(table)
