"""The HTML report, static figures and the notebook summary of a System.

>>> from factions.report import build_report, write_report   # doctest: +SKIP
"""

from factions.report.builder import build_report, write_report

__all__ = ["build_report", "write_report"]
