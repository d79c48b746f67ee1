"""Reading political text: documents in, actors and signed relations with evidence out.

>>> from factions.text.pipeline import Extractor          # doctest: +SKIP
>>> result = Extractor().extract(Document("d1", "Iran backs Syria."))  # doctest: +SKIP

Modules: :mod:`documents` (reading files), :mod:`nlp` (the one place spaCy is loaded),
:mod:`gazetteer` (reference actors with external ids), :mod:`mentions` (NER + gazetteers
+ demonyms), :mod:`tables` (tables and lists of parties), :mod:`coref` (one entity per
actor), :mod:`actorhood` (which entities are actors),
:mod:`rules` (named, registered rule units), :mod:`candidates` (every co-mentioned pair),
:mod:`features` (a pair's features from the parse), :mod:`relation_model` (the trained
pair classifier), :mod:`pipeline` (the Extractor), :mod:`aggregate` (results -> System),
:mod:`evaluate` (the scorer of ANNOTATION.md).
"""

__all__: list[str] = []
