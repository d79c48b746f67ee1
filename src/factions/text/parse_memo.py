"""What a parse says of its tokens, computed once per document.

The units of extraction (mentions, coreference, the rule units, the pair features) read one
parse many times. A fact about the tokens that several of them ask for ("has this verb a
negation?", "what is each token's head?") is computed in one pass over the document and kept
in ``doc.user_data``: every later question is a lookup, not a walk over a token's children
(each of which spaCy builds anew as a Python object).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from spacy.tokens import Doc, Token

__all__ = ["has_negation", "head_ids", "memo", "negated_ids", "token_memo"]

T = TypeVar("T")


def memo(doc: Doc, key: Hashable, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once per document and kept in ``doc.user_data`` under
    ``("factions", key)``."""
    k = ("factions", key)
    out = doc.user_data.get(k)
    if out is None:
        out = compute(doc)
        doc.user_data[k] = out
    return out


def token_memo(doc: Doc, key: Hashable, compute: Callable[[Token], T]) -> Callable[[int], T]:
    """``compute`` of a token by its index, each computed once per document (kept under
    ``key`` by :func:`memo`): the candidate pairs of a sentence share the tokens of their
    paths and their mentions."""
    cache: dict[int, T] = memo(doc, key, lambda d: {})

    def get(i: int) -> T:
        if i not in cache:
            cache[i] = compute(doc[i])
        return cache[i]

    return get


def head_ids(doc: Doc) -> list[int]:
    """Each token's head index."""
    return memo(doc, "heads", lambda d: [t.head.i for t in d])


def negated_ids(doc: Doc) -> frozenset[int]:
    """The tokens that have a ``neg`` dependent ("did *not* back")."""
    return memo(doc, "negated", lambda d: frozenset(t.head.i for t in d if t.dep_ == "neg"))


def has_negation(tok: Token) -> bool:
    """Whether ``tok`` has a ``neg`` dependent: the verb of "X did not back Y"."""
    return tok.i in negated_ids(tok.doc)
