"""Shared base for model types: immutable pydantic models that reject unknown fields."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

__all__ = [
    "ActorId",
    "ModelBase",
    "PartialDate",
    "check_date",
    "date_key",
    "days_between",
    "slugify",
    "span_holds",
]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", re.ASCII)


class ModelBase(BaseModel):
    """Frozen, strict-about-unknown-fields base for every model object.

    Frozen objects make a System safe to share between analyses; use ``model_copy(update=...)``
    or the helpers on :class:`factions.model.System` to derive changed versions.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(
            "an id is lower-case letters, digits, '_', '-' or '.', starting with a letter or digit"
        )
    return value


def check_date(value: str) -> str:
    """Check a partial ISO date: the date check of the model's ``PartialDate`` (a full date
    must be a calendar date: ``2012-02-30`` is an error). Dates read from records in other
    forms (``2012/1/5``, ``20120105``) are normalised by ``store.readers.normalise_date``.

    Parameters
    ----------
    value : str
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Returns
    -------
    str
        ``value`` unchanged.

    Raises
    ------
    ValueError
        When ``value`` is no partial ISO date.

    Examples
    --------
    >>> check_date("2012-05")
    '2012-05'
    """
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise ValueError("a date is YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("a date YYYY-MM-DD must be a calendar date") from None
    return value


def _date_to_str(value: object) -> object:
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


ActorId = Annotated[str, AfterValidator(_check_id)]
"""An actor's identifier: a lower-case slug such as ``maliki`` or ``state_of_law``."""

PartialDate = Annotated[str, BeforeValidator(_date_to_str), AfterValidator(check_date)]
"""An ISO date that may be partial: ``2012``, ``2012-01`` or ``2012-01-15``."""


def slugify(name: str) -> str:
    """Make an :data:`ActorId` from a display name (``"Nouri al-Maliki"`` -> ``nouri_al-maliki``).

    Parameters
    ----------
    name : str

    Returns
    -------
    str

    Examples
    --------
    >>> slugify("Nouri al-Maliki")
    'nouri_al-maliki'
    """
    s = re.sub(r"[^\w\-.]+", "_", name.strip().lower(), flags=re.UNICODE)
    s = re.sub(r"[^a-z0-9_.\-]", "", s)
    s = re.sub(r"_+", "_", s).strip("_.-")
    return s or "actor"


def date_key(value: str | None, *, end: bool = False) -> str:
    """Sortable key for a partial date; open ends sort before (start) or after (end) all dates.

    Parameters
    ----------
    value : str or None
        A partial ISO date (``2012``, ``2012-06``, ``2012-06-01``) or ``None`` (open).
    end : bool
        Key of the end of the period (last day) rather than its start.

    Returns
    -------
    str

    Examples
    --------
    >>> date_key("2012-06"), date_key("2012", end=True), date_key(None)
    ('2012-06-01', '2012-12-31', '0000-01-01')
    """
    if value is None:
        return "9999-12-31" if end else "0000-01-01"
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-31" if end else "-01")
    return value


def span_holds(start: str | None, end: str | None, date: str) -> bool:
    """Whether the time span [start, end] (open ends allowed) contains the partial ``date``.

    Parameters
    ----------
    start, end : str or None
        The span's partial dates (``None``: open).
    date : str
        A partial date.

    Returns
    -------
    bool
    """
    return date_key(start) <= date_key(date, end=True) and date_key(date) <= date_key(end, end=True)


def days_between(earlier: str, later: str) -> int:
    """Days from the (partial) date ``earlier`` to ``later`` (first days of each), >= 0.

    Parameters
    ----------
    earlier, later : str
        Partial ISO dates.

    Returns
    -------
    int

    Examples
    --------
    >>> days_between("2012-01", "2012-02-15")
    45
    """
    a = _dt.date.fromisoformat(date_key(earlier))
    b = _dt.date.fromisoformat(date_key(later))
    return max(0, (b - a).days)
