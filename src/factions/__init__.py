"""factions: turn descriptions of a political system into a computable, evidence-linked model.

Layers (data flows one way): ``text`` -> ``model`` <- ``analysis`` / ``sim`` <- ``report`` /
``web`` / ``cli``. See docs/ARCHITECTURE.md.
"""

__version__ = "0.1.0"
