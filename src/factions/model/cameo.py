"""CAMEO, the event ontology that coded event data and the relation features share.

CAMEO (Conflict and Mediation Event Observations; Gerner, Schrodt, Yilmaz & Abu-Jabr 2002,
ISA; Schrodt 2012, *CAMEO Event and Actor Codebook*, version 1.1b3) codes an event by a
root (01-20) and finer codes below it; each root belongs to one of four quad classes,
verbal and material cooperation (+1) and verbal and material conflict (-1). One table here
serves the importers of coded events (``factions.store.events``) and the pair classifier's
event-verb features (``factions.text.features``).

>>> quad_class(19), QUAD_LABEL[quad_class(19)], QUAD_SIGN[quad_class(19)]
(4, 'material conflict', -1)
"""

from __future__ import annotations

__all__ = ["CAMEO_ROOTS", "QUAD_LABEL", "QUAD_SIGN", "quad_class"]

QUAD_SIGN = {1: 1, 2: 1, 3: -1, 4: -1}
QUAD_LABEL = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

CAMEO_ROOTS: dict[str, tuple[str, int]] = {
    "01": ("make public statement", 1),
    "02": ("appeal", 1),
    "03": ("express intent to cooperate", 1),
    "04": ("consult", 1),
    "05": ("engage in diplomatic cooperation", 1),
    "06": ("engage in material cooperation", 2),
    "07": ("provide aid", 2),
    "08": ("yield", 2),
    "09": ("investigate", 3),
    "10": ("demand", 3),
    "11": ("disapprove", 3),
    "12": ("reject", 3),
    "13": ("threaten", 3),
    "14": ("protest", 4),
    "15": ("exhibit force posture", 4),
    "16": ("reduce relations", 4),
    "17": ("coerce", 4),
    "18": ("assault", 4),
    "19": ("fight", 4),
    "20": ("use unconventional mass violence", 4),
}
"""CAMEO root code -> (label, quad class) (Gerner, Schrodt et al., CAMEO codebook 2012)."""


def quad_class(root: int) -> int:
    """The quad class of a CAMEO root.

    Parameters
    ----------
    root : int
        A CAMEO root code as a number, 1-20.

    Returns
    -------
    int
        1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
        (:data:`QUAD_LABEL`, :data:`QUAD_SIGN`).
    """
    return CAMEO_ROOTS[f"{root:02d}"][1]
