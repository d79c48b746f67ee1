"""The trained pair classifier: a multinomial logistic regression over sparse features.

The learner is scikit-learn's ``LogisticRegression`` (training: :mod:`.train`); what is
shipped is its fitted parameters in a small, versioned JSON file (feature names,
coefficients, intercepts, classes, the decision threshold chosen on validation data, and
the data it was trained on), so that loading needs neither pickle nor a particular
scikit-learn release, and is offline. Prediction is the logistic model itself,
``softmax(X W^T + b)`` (Hastie, Tibshirani & Friedman 2009, *The Elements of Statistical
Learning*, section 4.4), computed with NumPy/SciPy on the sparse feature matrix.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

__all__ = ["ARTIFACT", "CLASSES", "ModelFileError", "RelationModel", "load_relation_model"]

ARTIFACT = "relation-model.json.gz"
CLASSES: tuple[int, ...] = (0, 1, -1)  # none, positive, negative
FORMAT = 1


class ModelFileError(ValueError):
    """A relation-model file that cannot be read (names the file and what is wrong)."""


@dataclass(frozen=True)
class RelationModel:
    """Fitted parameters of the pair classifier, and how its output is turned into relations.

    ``coef`` has one row per class of ``classes`` and one column per feature of
    ``features``; ``threshold`` is the document-level probability above which a pair is
    reported, and ``rule_threshold`` the one for a pair that a rule unit also read in a
    present statement (both chosen on validation data; ``None``: the same as
    ``threshold``); ``meta`` records data, sizes and metrics.
    """

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[int, ...] = CLASSES
    threshold: float = 0.5
    rule_threshold: float | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    digest: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {f: k for k, f in enumerate(self.features)})

    def matrix(self, rows: Sequence[Mapping[str, float]]) -> sparse.csr_matrix:
        """Feature dicts -> a sparse matrix over this model's features (unknown ones dropped)."""
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        data: list[float] = []
        cols: list[int] = []
        ptr = [0]
        for row in rows:
            for name, value in row.items():
                k = index.get(name)
                if k is not None:
                    cols.append(k)
                    data.append(value)
            ptr.append(len(cols))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float64), np.asarray(cols, dtype=np.int64), ptr),
            shape=(len(rows), len(self.features)),
        )

    def predict_proba(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Class probabilities, one row per feature dict, columns in ``classes`` order."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        z = self.matrix(rows) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def to_json(self) -> dict[str, Any]:
        """The artifact's content (weights rounded to 6 decimals)."""
        return {
            "format": FORMAT,
            "classes": list(self.classes),
            "threshold": self.threshold,
            "rule_threshold": self.rule_threshold,
            "features": list(self.features),
            "intercept": [round(float(x), 6) for x in self.intercept],
            "coef": [[round(float(x), 6) for x in row] for row in self.coef],
            "meta": dict(self.meta),
        }

    def save(self, path: str | Path) -> None:
        """Write the artifact (gzip-compressed JSON, reproducible bytes)."""
        raw = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()
        with (
            open(path, "wb") as fh,
            gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz,
        ):
            gz.write(raw)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], digest: str = "") -> RelationModel:
        if data.get("format") != FORMAT:
            raise ModelFileError(f"relation model format {data.get('format')!r}, expected {FORMAT}")
        coef = np.asarray(data["coef"], dtype=np.float64)
        features = tuple(data["features"])
        if coef.shape != (len(data["classes"]), len(features)):
            raise ModelFileError(f"coefficients of shape {coef.shape} do not fit the features")
        return cls(
            features=features,
            coef=coef,
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            classes=tuple(int(c) for c in data["classes"]),
            threshold=float(data["threshold"]),
            rule_threshold=(
                None if data.get("rule_threshold") is None else float(data["rule_threshold"])
            ),
            meta=data.get("meta", {}),
            digest=digest,
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> RelationModel:
        """Read an artifact; by default the one shipped in the package."""
        if path is None:
            raw = resources.files(__package__).joinpath(ARTIFACT).read_bytes()
            where = f"factions/text/relation_model/{ARTIFACT}"
        else:
            where = str(path)
            try:
                raw = Path(path).read_bytes()
            except OSError as exc:
                raise ModelFileError(f"{where}: cannot read ({exc.strerror})") from None
        try:
            data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
        except (OSError, ValueError) as exc:
            raise ModelFileError(f"{where}: not a relation model file ({exc})") from None
        try:
            return cls.from_json(data, digest=hashlib.sha256(raw).hexdigest()[:16])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"{where}: {exc}") from None


@lru_cache(maxsize=4)
def load_relation_model(path: str | None = None) -> RelationModel:
    """The relation model (cached): the packaged one unless ``path`` is given."""
    return RelationModel.load(path)
