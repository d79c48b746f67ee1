"""Bargaining inputs: actors with capability, position and salience on one or more issues.

:class:`BargainingInput` (NumPy arrays) is what the models in :mod:`factions.sim.bargaining`
take; it converts to :class:`factions.model.issues.Issue` objects (one per dimension) with
:meth:`BargainingInput.to_issues`. Build one from arrays (:func:`from_arrays`) or from an
issue of a system (:func:`from_issue`); the file readers (actor CSV, KTAB SMP CSV and XML)
are in :mod:`factions.io.bargaining`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "BargainingInput",
    "BargainingInputError",
    "BargainingInputWarning",
    "from_arrays",
    "from_issue",
]


class BargainingInputError(ValueError):
    """A bargaining input that cannot be read; the message names file, line and field."""


class BargainingInputWarning(UserWarning):
    """A recoverable problem in a bargaining input (e.g. an actor left out)."""


@dataclass(frozen=True, eq=False)
class BargainingInput:
    """Actors' capability, positions and saliences on ``D`` issue dimensions (plain arrays).

    ``position`` and ``salience`` have shape ``(n, D)``; ``capability`` has shape ``(n,)``.
    Salience is on 0..1. ``scale`` gives each dimension's ``(low, high)`` range, used to
    normalise distances (models work on ``[0, 1]``).
    """

    actors: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    dimensions: tuple[str, ...] = ("issue",)
    scale: tuple[tuple[float, float], ...] = ((0.0, 1.0),)
    name: str = ""
    description: str = ""
    descriptions: tuple[str, ...] = ()
    source: str = ""
    fmt: str = "arrays"
    seed: int | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    accommodation: np.ndarray | None = None
    warnings: tuple[str, ...] = ()

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actors)

    @property
    def n_dims(self) -> int:
        """Number of issue dimensions."""
        return int(self.position.shape[1])

    def dimension(self, k: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(position, capability, salience)`` arrays of dimension ``k`` (1-D each)."""
        return self.position[:, k].copy(), self.capability.copy(), self.salience[:, k].copy()

    def to_issues(self) -> list[Any]:
        """One :class:`factions.model.issues.Issue` per dimension (actor ids are slugs)."""
        from factions.model.base import slugify
        from factions.model.issues import Issue, Position

        ids = _unique_slugs(self.actors, slugify)
        issues = []
        for k, dim in enumerate(self.dimensions):
            lo, hi = self.scale[k]
            positions = tuple(
                Position(
                    actor=ids[i],
                    position=float(self.position[i, k]),
                    salience=float(self.salience[i, k]),
                    capability=float(self.capability[i]),
                )
                for i in range(self.n_actors)
            )
            issues.append(
                Issue(
                    id=slugify(dim),
                    name=dim,
                    scale_min=lo,
                    scale_max=hi,
                    positions=positions,
                    description=self.description or None,
                    sources=(self.source,) if self.source else (),
                )
            )
        return issues


def _unique_slugs(names: tuple[str, ...], slugify: Any) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = slugify(name)
        s, n = base, 2
        while s in seen:
            s, n = f"{base}_{n}", n + 1
        seen.add(s)
        out.append(s)
    return out


def from_arrays(
    actors: list[str] | tuple[str, ...],
    capability: Any,
    position: Any,
    salience: Any,
    *,
    scale: tuple[float, float] | None = None,
    name: str = "",
) -> BargainingInput:
    """Build a one-dimensional :class:`BargainingInput` from plain sequences (salience 0..1).

    Parameters
    ----------
    actors : sequence of str
    capability, position, salience : array_like
        One value per actor; salience in [0, 1].
    scale : (float, float), optional
        The issue's range (default that of ``position``).
    name : str

    Returns
    -------
    BargainingInput

    Examples
    --------
    >>> from_arrays(["a", "b"], [1, 2], [0, 10], [1, 1]).scale
    ((0.0, 10.0),)
    """
    c = np.asarray(capability, dtype=float).reshape(-1)
    x = np.asarray(position, dtype=float).reshape(-1, 1)
    s = np.asarray(salience, dtype=float).reshape(-1, 1)
    if not (len(actors) == len(c) == len(x) == len(s)):
        raise BargainingInputError("actors, capability, position and salience differ in length")
    if scale is None:
        scale = (float(x.min()), float(x.max())) if len(x) else (0.0, 1.0)
    return BargainingInput(
        actors=tuple(actors), capability=c, position=x, salience=s, scale=(scale,), name=name
    )


def from_issue(issue: Any) -> BargainingInput:
    """Convert a :class:`factions.model.issues.Issue` (salience 0..1 or 0..100) to arrays.

    Parameters
    ----------
    issue : factions.model.Issue

    Returns
    -------
    BargainingInput
    """
    ps = issue.positions
    sal = np.array([p.salience for p in ps], dtype=float)
    if sal.size and sal.max() > 1.0:
        sal = sal / 100.0
    return BargainingInput(
        actors=tuple(p.actor for p in ps),
        capability=np.array([p.capability for p in ps], dtype=float),
        position=np.array([[p.position] for p in ps], dtype=float).reshape(-1, 1),
        salience=sal.reshape(-1, 1),
        dimensions=(issue.name or issue.id,),
        scale=((float(issue.scale_min), float(issue.scale_max)),),
        name=issue.name or issue.id,
        fmt="issue",
    )
