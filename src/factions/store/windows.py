"""Calendar windows (month, quarter, year) over partial ISO dates."""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass

from factions.model.base import date_key, days_between

__all__ = ["WINDOWS", "Window", "days_between", "window_of", "windows_between"]

WINDOWS = ("month", "quarter", "year")


@dataclass(frozen=True, order=True)
class Window:
    """A closed date interval ``[start, end]`` (ISO days) with a label (``2012-01``, ``2012-Q1``...)."""

    start: str
    end: str
    label: str

    def holds(self, date: str | None) -> bool:
        """Whether the (partial) date falls in this window (by the date's first day)."""
        return date is not None and self.start <= date_key(date) <= self.end


def _month_end(y: int, m: int) -> _dt.date:
    """The last day of month ``m`` of year ``y`` (December 9999 included)."""
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def window_of(date: str, size: str) -> Window:
    """The window of kind ``size`` that holds the (partial) ``date``.

    Parameters
    ----------
    date : str
        A partial ISO date.
    size : {'month', 'quarter', 'year'}

    Returns
    -------
    Window

    Raises
    ------
    ValueError
        An unknown size.
    """
    d = _dt.date.fromisoformat(date_key(date))
    if size == "month":
        return Window(
            f"{d.year:04d}-{d.month:02d}-01",
            _month_end(d.year, d.month).isoformat(),
            f"{d.year:04d}-{d.month:02d}",
        )
    if size == "quarter":
        q = (d.month - 1) // 3
        return Window(
            f"{d.year:04d}-{3 * q + 1:02d}-01",
            _month_end(d.year, 3 * q + 3).isoformat(),
            f"{d.year:04d}-Q{q + 1}",
        )
    if size == "year":
        return Window(f"{d.year:04d}-01-01", f"{d.year:04d}-12-31", f"{d.year:04d}")
    raise ValueError(f"unknown window {size!r} (expected one of: {', '.join(WINDOWS)})")


def windows_between(first: str, last: str, size: str) -> list[Window]:
    """Every window of kind ``size`` from the one holding ``first`` to the one holding ``last``.

    Parameters
    ----------
    first, last : str
        Partial ISO dates.
    size : {'month', 'quarter', 'year'}

    Returns
    -------
    list of Window
    """
    out = [window_of(first, size)]
    stop = date_key(last)
    while out[-1].end < stop:
        nxt = (_dt.date.fromisoformat(out[-1].end) + _dt.timedelta(days=1)).isoformat()
        out.append(window_of(nxt, size))
    return out
