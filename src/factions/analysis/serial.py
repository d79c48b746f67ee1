"""JSON-ready values for the ``to_dict()`` of every result (docs/results.md).

Numbers: ``None`` for a missing, NaN or infinite value; a whole number as an ``int``; any
other float rounded to six decimals. Actors as strings; ties as ``[a, b]`` lists.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np

__all__ = ["json_data", "json_number", "json_pairs"]


def json_number(x: Any, digits: int = 6) -> int | float | None:
    """A number as JSON shows it (see the module docstring).

    Parameters
    ----------
    x : number or None
    digits : int
        Decimals kept of a float that is not whole.

    Returns
    -------
    int, float or None

    Examples
    --------
    >>> json_number(3.0), json_number(0.1234567), json_number(float("nan")), json_number(None)
    (3, 0.123457, None, None)
    """
    if x is None:
        return None
    if isinstance(x, bool):
        return int(x)
    f = float(x)
    if math.isnan(f) or math.isinf(f):
        return None
    return int(f) if f.is_integer() else round(f, digits)


def json_data(x: Any) -> Any:
    """Plain data as JSON gives it back, recursively: tuples and NumPy arrays as lists,
    NumPy scalars as Python numbers.

    Parameters
    ----------
    x : object
        Dicts, lists, tuples, arrays and scalars.

    Returns
    -------
    object

    Examples
    --------
    >>> json_data({"a": (1, ("b", "c"))})
    {'a': [1, ['b', 'c']]}
    """
    if isinstance(x, dict):
        return {k: json_data(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [json_data(v) for v in x]
    if isinstance(x, np.ndarray):
        return json_data(x.tolist())
    if isinstance(x, np.generic):
        return x.item()
    return x


def json_pairs(pairs: Iterable[tuple[Hashable, Hashable]]) -> list[list[str]]:
    """Ties as ``[a, b]`` lists of strings.

    Parameters
    ----------
    pairs : iterable of (hashable, hashable)

    Returns
    -------
    list of [str, str]

    Examples
    --------
    >>> json_pairs([("a", "b")])
    [['a', 'b']]
    """
    return [[str(a), str(b)] for a, b in pairs]
