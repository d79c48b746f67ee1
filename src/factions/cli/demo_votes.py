"""Demo step: the vote analysis of every motion in the reference systems under examples/.

For each ``examples/*/system.yaml`` that has motions, the step prints each motion's verdict
exactly as ``factions vote`` does: the same library function
(:func:`factions.analysis.motions.motion_report`, the one motion verdict) and the same
printer (:func:`factions.cli.power.print_vote`). It knows nothing about any particular
country: everything comes from the file. A system file it cannot read, or a motion whose
analysis fails, is reported on stderr with the error's message and the demo goes on.
"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape

from factions.analysis.motions import actor_names, motion_report
from factions.cli.app import DemoContext, demo_step
from factions.cli.common import console, warn
from factions.cli.power import print_vote
from factions.model import load_system

__all__ = ["demo_votes", "reference_systems"]


def reference_systems(examples: Path) -> list[Path]:
    """The reference system files under ``examples`` (``*/system.yaml``), sorted."""
    return sorted(examples.glob("*/system.yaml")) if examples.is_dir() else []


@demo_step(order=40, title="Vote analysis of the reference systems")
def demo_votes(ctx: DemoContext) -> None:
    """Analyse every motion of every reference system; report problems, never fail."""
    paths = reference_systems(ctx.examples)
    if not paths:
        console.print(f"No reference systems under {ctx.examples}; vote step skipped.")
        return
    for path in paths:
        try:
            system = load_system(path)
        except ValueError as exc:
            warn(str(exc).splitlines()[0])
            continue
        if not system.motions:
            continue
        console.print(
            f"[bold]{escape(str(path))}[/] ({escape(system.date or 'undated')})",
            markup=True,
            highlight=False,
        )
        names = dict(actor_names(system))
        for motion in system.motions:
            try:
                print_vote(motion_report(system, motion.id), names, limit=3)
            except Exception as exc:  # the demo goes on whatever one motion does; say what
                warn(f"{path}: motion {motion.id!r}: {type(exc).__name__}: {exc}")
