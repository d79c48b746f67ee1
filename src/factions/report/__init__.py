"""The HTML report, static figures and the notebook summary of a System.

>>> from factions.report import build_report, write_report

``build_report`` and ``write_report`` are imported on first use, so the notebook
formatter (:mod:`factions.report.notebook`) loads without the report's dependencies.
"""

from typing import Any

__all__ = ["build_report", "write_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from factions.report import builder

        return getattr(builder, name)
    raise AttributeError(f"module 'factions.report' has no attribute {name!r}")
