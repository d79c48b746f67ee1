"""factions: turn descriptions of a political system into a computable, evidence-linked model.

Layers (data flows one way): ``text`` -> ``model`` <- ``analysis`` / ``sim`` <- ``report`` /
``web`` / ``cli``. See docs/ARCHITECTURE.md.
"""

import sys as _sys

__version__ = "0.1.0"
__all__ = ["__version__"]

if "IPython" in _sys.modules:  # in a notebook: show Systems as HTML (factions.report.notebook)
    from factions.report.notebook import register as _register

    _register()
