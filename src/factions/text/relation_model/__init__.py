"""The trained relation model: a pair classifier over every co-mentioned actor pair.

* :mod:`.classifier`: the fitted model (:class:`RelationModel`), its artifact and loader;
* :mod:`.inference`: candidates of a parsed document -> probabilities -> relations;
* :mod:`.datasets`: training examples from the labelled sets and gold-format documents;
* :mod:`.train`: fitting and model selection (``factions train``).

Model card: ``docs/model.md``.
"""

from factions.text.relation_model.classifier import (
    ARTIFACT,
    CLASSES,
    ModelFileError,
    RelationModel,
    load_relation_model,
)

__all__ = ["ARTIFACT", "CLASSES", "ModelFileError", "RelationModel", "load_relation_model"]
