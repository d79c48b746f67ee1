"""The Typer application object and the demo-step registry shared by all command modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer

__all__ = [
    "DemoContext",
    "DemoStep",
    "app",
    "demo_step",
    "demo_steps",
]

app = typer.Typer(
    name="factions",
    help="Read political text into a signed, evidence-linked system model, and analyse it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """factions: read political text into a signed, evidence-linked system model, and analyse it."""


@dataclass(frozen=True)
class DemoContext:
    """What every demo step gets: where the seed documents are and where to write."""

    seeds: Path
    out: Path
    examples: Path


DemoStep = Callable[[DemoContext], None]
_DEMO_STEPS: list[tuple[int, str, DemoStep]] = []


def demo_step(order: int, title: str) -> Callable[[DemoStep], DemoStep]:
    """Register a step of ``factions demo`` (run in ascending ``order``)."""

    def register(fn: DemoStep) -> DemoStep:
        _DEMO_STEPS.append((order, title, fn))
        return fn

    return register


def demo_steps() -> list[tuple[int, str, DemoStep]]:
    return sorted(_DEMO_STEPS, key=lambda s: s[0])
