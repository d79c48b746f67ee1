"""Reading scenario files (the :mod:`factions.sim.scenario` format) from disk."""

from __future__ import annotations

from pathlib import Path

from factions.sim.scenario import Scenario, ScenarioError, loads_scenario

__all__ = ["load_scenario"]


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file.

    Parameters
    ----------
    path : str or Path
        A YAML scenario file; its ``system`` is resolved relative to the file's folder.

    Returns
    -------
    Scenario
        With its ``path``, for locating later errors.

    Raises
    ------
    ScenarioError
        A missing, unreadable or invalid file; the message names file, line and field.
    """
    p = Path(path)
    if not p.is_file():
        raise ScenarioError(p, [(None, "", "no such file" if not p.exists() else "not a file")])
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(p, [(None, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return loads_scenario(text, path=p)
