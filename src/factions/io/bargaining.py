"""Reading bargaining inputs from files: actors with capability, position and salience on one or more issues.

Three formats are read into one plain structure, :class:`BargainingInput` (NumPy arrays), which
the algorithms in :mod:`factions.sim.bargaining` take, and which converts to
:class:`factions.model.issues.Issue` objects (one per dimension) with :meth:`BargainingInput.to_issues`:

* **Actor CSV** (the format of the Bueno de Mesquita examples, e.g. ``ExampleActors.csv``):
  a header with the columns ``Actor, Capability, Position, Salience`` (case-insensitive; the
  aliases ``Stakeholder``/``Name`` for Actor and ``Resources``/``Power``/``Influence`` for
  Capability are accepted), one actor per row. Salience is read on 0..1, or on 0..100 when any
  value exceeds 1 (then divided by 100). An actor whose position or salience is empty is left out
  with a warning (recorded in :attr:`BargainingInput.warnings` and emitted as a
  :class:`BargainingInputWarning`).
* **KTAB SMP CSV** (``SMPModel::csvRead`` in KAPSARC's KTAB, ``examples/smp/libsrc/smpread.cpp``):
  row 1 ``scenario name, description, numActors, numDims[, ...]``; row 2 a header (ignored);
  then ``name, description, capability, pos_1, sal_1, ..., pos_D, sal_D``. As in KTAB:
  3 <= numActors <= 250, capability > 0, positions and saliences in [0, 100], an actor's saliences
  sum to at most 100; saliences are divided by 100, positions keep KTAB's 0..100 scale.
* **KTAB SMP XML** (``smpSchema.xsd``): ``<Scenario>`` with ``name``, ``desc``, ``prngSeed``,
  optional ``ModelParameters``, ``Dimensions/dName``, ``Actors/Actor`` (``name``, ``description``,
  ``capability``, ``Position/dCoord``..., ``Salience/dSal``...), optional ``IdealAdjustment/iaPair``
  (the accommodation matrix).

Bad input raises :class:`BargainingInputError`, whose message names the file, the line, the field
and what was expected.
"""

from __future__ import annotations

import csv
import math
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

import numpy as np

from factions.sim.inputs import BargainingInput, BargainingInputError, BargainingInputWarning

__all__ = ["read_actor_csv", "read_bargaining", "read_ktab_csv", "read_ktab_xml"]

KTAB_MIN_ACTORS = 3
KTAB_MAX_ACTORS = 250


# --------------------------------------------------------------------------- helpers


def _err(path: Path | str, line: int | None, fld: str, msg: str) -> BargainingInputError:
    where = f"{path}:{line}" if line is not None else f"{path}"
    return BargainingInputError(f"{where}: field {fld!r}: {msg}")


def _number(
    raw: str,
    path: Path | str,
    line: int | None,
    fld: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    positive: bool = False,
) -> float:
    text = (raw or "").strip()
    try:
        value = float(text)
    except ValueError:
        raise _err(path, line, fld, f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise _err(path, line, fld, f"expected a finite number, got {text!r}")
    if positive and value <= 0:
        raise _err(path, line, fld, f"expected a number > 0, got {text}")
    if lo is not None and value < lo:
        raise _err(path, line, fld, f"expected a number >= {lo:g}, got {text}")
    if hi is not None and value > hi:
        raise _err(path, line, fld, f"expected a number <= {hi:g}, got {text}")
    return value


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BargainingInputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise BargainingInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise BargainingInputError(f"{path}: cannot read ({exc.strerror})") from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """CSV rows with their 1-based line numbers, blank rows dropped."""
    out = []
    reader = csv.reader(text.splitlines())
    for row in reader:
        if any(cell.strip() for cell in row):
            out.append((reader.line_num, row))
    return out


# --------------------------------------------------------------------------- actor CSV

_ALIASES = {
    "actor": "actor",
    "stakeholder": "actor",
    "name": "actor",
    "capability": "capability",
    "resources": "capability",
    "power": "capability",
    "influence": "capability",
    "clout": "capability",
    "position": "position",
    "salience": "salience",
}


def read_actor_csv(
    path: str | Path, *, scale: tuple[float, float] | None = None
) -> BargainingInput:
    """Read an ``Actor, Capability, Position, Salience`` CSV (one issue).

    Actors with an empty Position or Salience are left out with a warning; an empty Capability
    is an error. ``scale`` defaults to the range of the positions read. O(n).

    Parameters
    ----------
    path : str or Path
        An ``Actor, Capability, Position, Salience`` file.
    scale : (float, float), optional
        The issue's range.

    Returns
    -------
    BargainingInput
        One dimension; actors with an empty position or salience left out.

    Raises
    ------
    BargainingInputError
        A bad row: the message names the file, the line and the field.

    References
    ----------
    Bueno de Mesquita, B. (1994); Scholz, Calbert & Smith (2011) (the ``ExampleActors.csv``
    layout).
    """
    path = Path(path)
    rows = _rows(_read_text(path))
    if not rows:
        raise BargainingInputError(
            f"{path}: empty file (expected a header Actor,Capability,Position,Salience)"
        )
    header_line, header = rows[0]
    cols: dict[str, int] = {}
    for idx, cell in enumerate(header):
        key = _ALIASES.get(cell.strip().lower())
        if key and key not in cols:
            cols[key] = idx
    missing = [k for k in ("actor", "capability", "position", "salience") if k not in cols]
    if missing:
        raise BargainingInputError(
            f"{path}:{header_line}: header lacks column(s) {', '.join(m.title() for m in missing)} "
            f"(expected Actor, Capability, Position, Salience; got {', '.join(h.strip() for h in header)})"
        )
    names: list[str] = []
    caps: list[float] = []
    pos: list[float] = []
    sal: list[float] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in cols.items()}
        name = cells["actor"]
        if not name:
            raise _err(path, line, "Actor", "expected an actor name, got an empty cell")
        if name in seen:
            raise _err(path, line, "Actor", f"{name!r} already given on line {seen[name]}")
        seen[name] = line
        empty = [f for f in ("position", "salience") if not cells[f]]
        if empty:
            msg = (
                f"{path}:{line}: actor {name!r} left out: empty "
                f"{' and '.join(f.title() for f in empty)}"
            )
            notes.append(msg)
            warnings.warn(msg, BargainingInputWarning, stacklevel=2)
            continue
        names.append(name)
        caps.append(_number(cells["capability"], path, line, "Capability", lo=0.0))
        pos.append(_number(cells["position"], path, line, "Position"))
        sal.append(_number(cells["salience"], path, line, "Salience", lo=0.0, hi=100.0))
    if not names:
        raise BargainingInputError(f"{path}: no actor with a position and a salience")
    s = np.array(sal, dtype=float)
    if s.max() > 1.0:
        s = s / 100.0
    x = np.array(pos, dtype=float)
    c = np.array(caps, dtype=float)
    if c.sum() <= 0:
        raise BargainingInputError(f"{path}: field 'Capability': all capabilities are 0")
    if scale is None:
        scale = (float(x.min()), float(x.max()))
    return BargainingInput(
        actors=tuple(names),
        capability=c,
        position=x.reshape(-1, 1),
        salience=s.reshape(-1, 1),
        dimensions=("Position",),
        scale=(scale,),
        name=path.stem,
        source=str(path),
        fmt="actor-csv",
        warnings=tuple(notes),
    )


# --------------------------------------------------------------------------- KTAB CSV


def _looks_like_ktab_csv(rows: list[tuple[int, list[str]]]) -> bool:
    if len(rows) < 2:
        return False
    first = rows[0][1]
    if len(first) < 4:
        return False
    try:
        int(first[2].strip())
        int(first[3].strip())
    except ValueError:
        return False
    return True


def read_ktab_csv(path: str | Path) -> BargainingInput:
    """Read a KTAB SMP scenario CSV (see the module docstring for the layout). O(n*D).

    Parameters
    ----------
    path : str or Path
        A KTAB SMP scenario CSV.

    Returns
    -------
    BargainingInput
        Saliences divided by 100, positions on KTAB's 0..100 scale.

    Raises
    ------
    BargainingInputError
        A bad scenario row or header: file, line and field are named.

    References
    ----------
    KAPSARC Toolkit for Behavioral Analysis (KTAB), ``SMPModel::csvRead``.
    """
    path = Path(path)
    rows = _rows(_read_text(path))
    if not rows:
        raise BargainingInputError(f"{path}: empty file")
    line0, first = rows[0]
    if len(first) < 4:
        raise BargainingInputError(
            f"{path}:{line0}: expected 'scenario name, description, numActors, numDims' on the first row"
        )
    n_act = int(_number(first[2], path, line0, "numActors"))
    n_dim = int(_number(first[3], path, line0, "numDims"))
    if not KTAB_MIN_ACTORS <= n_act <= KTAB_MAX_ACTORS:
        raise _err(
            path, line0, "numActors", f"expected {KTAB_MIN_ACTORS}..{KTAB_MAX_ACTORS}, got {n_act}"
        )
    if n_dim < 1:
        raise _err(path, line0, "numDims", f"expected at least 1, got {n_dim}")
    if len(rows) < 2:
        raise BargainingInputError(f"{path}: missing the header row")
    header = [h.strip() for h in rows[1][1]]
    body = rows[2:]
    if len(body) != n_act:
        raise _err(
            path, line0, "numActors", f"declares {n_act} actors but {len(body)} actor rows follow"
        )
    dims = []
    for k in range(n_dim):
        h = header[3 + 2 * k] if 3 + 2 * k < len(header) else ""
        for suffix in (" Position", " position", "Position"):
            if h.endswith(suffix) and len(h) > len(suffix):
                h = h[: -len(suffix)]
                break
        dims.append(h.strip() or f"dim{k}")
    names, descs, caps = [], [], []
    pos = np.zeros((n_act, n_dim))
    sal = np.zeros((n_act, n_dim))
    for a, (line, row) in enumerate(body):
        cells = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        need = 3 + 2 * n_dim
        if len(cells) < need:
            raise BargainingInputError(
                f"{path}:{line}: expected {need} fields (name, description, capability and "
                f"{n_dim} position/salience pairs), got {len(cells)}"
            )
        if not cells[0]:
            raise _err(path, line, "Actor", "expected an actor name, got an empty cell")
        names.append(cells[0])
        descs.append(cells[1])
        caps.append(_number(cells[2], path, line, header[2] or "capability", positive=True))
        for k in range(n_dim):
            pfield = header[3 + 2 * k] if 3 + 2 * k < len(header) else f"pos_{k + 1}"
            sfield = header[4 + 2 * k] if 4 + 2 * k < len(header) else f"sal_{k + 1}"
            pos[a, k] = _number(cells[3 + 2 * k], path, line, pfield, lo=0.0, hi=100.0)
            sal[a, k] = _number(cells[4 + 2 * k], path, line, sfield, lo=0.0, hi=100.0)
        if sal[a].sum() > 100.0 + 1e-9:
            raise _err(
                path, line, "salience", f"saliences sum to {sal[a].sum():g}; expected at most 100"
            )
    return BargainingInput(
        actors=tuple(names),
        capability=np.array(caps),
        position=pos,
        salience=sal / 100.0,
        dimensions=tuple(dims),
        scale=tuple((0.0, 100.0) for _ in range(n_dim)),
        name=first[0].strip(),
        description=first[1].strip(),
        descriptions=tuple(descs),
        source=str(path),
        fmt="ktab-csv",
    )


# --------------------------------------------------------------------------- KTAB XML


def _parse_xml_with_lines(data: bytes) -> ET.Element:
    """Parse XML with expat, recording each element's source line as the attribute ``_line``."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        attrs = dict(attrs)
        attrs["_line"] = str(parser.CurrentLineNumber)
        builder.start(tag, attrs)

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close()


def _line(elem: ET.Element | None) -> int | None:
    if elem is None:
        return None
    raw = elem.get("_line")
    return int(raw) if raw else None


_XML_PARAMS = (
    "VictoryProbModel",
    "PCEModel",
    "StateTransitions",
    "VotingRule",
    "BigRAdjust",
    "BigRRange",
    "ThirdPartyCommit",
    "InterVecBrgn",
    "BargnModel",
)


def read_ktab_xml(path: str | Path) -> BargainingInput:
    """Read a KTAB SMP scenario XML (``smpSchema.xsd``). O(n*D + size of IdealAdjustment).

    Parameters
    ----------
    path : str or Path
        A KTAB SMP scenario XML.

    Returns
    -------
    BargainingInput
        With the model parameters, the seed and the accommodation matrix.

    Raises
    ------
    BargainingInputError
        A bad element: the message names the file, the line and the element.

    References
    ----------
    KAPSARC Toolkit for Behavioral Analysis (KTAB), ``smpSchema.xsd``.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BargainingInputError(f"{path}: no such file") from None
    try:
        root = _parse_xml_with_lines(data)
    except expat.ExpatError as exc:
        raise BargainingInputError(
            f"{path}:{exc.lineno}: not well-formed XML ({expat.errors.messages[exc.code]})"
        ) from None
    if root.tag != "Scenario":
        raise _err(path, _line(root), root.tag, "expected the root element <Scenario>")

    def text(parent: ET.Element, tag: str, *, required: bool = True) -> str:
        el = parent.find(tag)
        if el is None:
            if required:
                raise _err(path, _line(parent), tag, f"missing <{tag}> in <{parent.tag}>")
            return ""
        return (el.text or "").strip()

    name = text(root, "name")
    desc = text(root, "desc", required=False)
    seed_txt = text(root, "prngSeed", required=False)
    seed = None
    if seed_txt:
        try:
            seed = int(seed_txt)
        except ValueError:
            raise _err(
                path,
                _line(root.find("prngSeed")),
                "prngSeed",
                f"expected an integer, got {seed_txt!r}",
            ) from None
    params: dict[str, str] = {}
    mp = root.find("ModelParameters")
    if mp is not None:
        for p in _XML_PARAMS:
            el = mp.find(p)
            if el is not None and (el.text or "").strip():
                params[p] = (el.text or "").strip()
    dnames = [(d.text or "").strip() for d in root.findall("Dimensions/dName")]
    actors_el = root.find("Actors")
    if actors_el is None:
        raise _err(path, _line(root), "Actors", "missing <Actors>")
    actor_els = actors_el.findall("Actor")
    if not KTAB_MIN_ACTORS <= len(actor_els) <= KTAB_MAX_ACTORS:
        raise _err(
            path,
            _line(actors_el),
            "Actors",
            f"expected {KTAB_MIN_ACTORS}..{KTAB_MAX_ACTORS} <Actor> elements, got {len(actor_els)}",
        )
    names, descs, caps, pos_rows, sal_rows = [], [], [], [], []
    n_dim = len(dnames) or None
    for a_el in actor_els:
        aname = text(a_el, "name")
        if not aname:
            raise _err(
                path, _line(a_el.find("name")), "name", "expected an actor name, got nothing"
            )
        descs.append(text(a_el, "description", required=False))
        cap_el = a_el.find("capability")
        if cap_el is None:
            raise _err(path, _line(a_el), "capability", f"actor {aname!r} has no <capability>")
        caps.append(
            _number(
                cap_el.text or "", path, _line(cap_el), f"{aname}/capability", lo=0.0, hi=1000.0
            )
        )
        coords = a_el.findall("Position/dCoord")
        sals = a_el.findall("Salience/dSal")
        if n_dim is None:
            n_dim = len(coords)
        if n_dim == 0:
            raise _err(
                path,
                _line(a_el),
                "Position",
                f"actor {aname!r} has no <Position><dCoord>: not a KTAB SMP scenario "
                "(expected smpSchema.xsd)",
            )
        for what, els in (("Position/dCoord", coords), ("Salience/dSal", sals)):
            if len(els) != n_dim:
                raise _err(
                    path,
                    _line(a_el),
                    what,
                    f"actor {aname!r} has {len(els)} values; expected {n_dim} (one per dimension)",
                )
        pos_rows.append(
            [
                _number(e.text or "", path, _line(e), f"{aname}/dCoord[{k + 1}]", lo=0.0, hi=100.0)
                for k, e in enumerate(coords)
            ]
        )
        srow = [
            _number(e.text or "", path, _line(e), f"{aname}/dSal[{k + 1}]", lo=0.0, hi=100.0)
            for k, e in enumerate(sals)
        ]
        if sum(srow) > 100.0 + 1e-9:
            raise _err(
                path,
                _line(a_el),
                f"{aname}/Salience",
                f"saliences sum to {sum(srow):g}; expected at most 100",
            )
        sal_rows.append(srow)
        names.append(aname)
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise _err(path, _line(actors_el), "name", f"actor {dup!r} appears twice")
    assert n_dim is not None
    index = {n: i for i, n in enumerate(names)}
    acc = None
    ia = root.find("IdealAdjustment")
    if ia is not None:
        acc = np.eye(len(names))
        for pair in ia.findall("iaPair"):
            who = text(pair, "adjustingIdeal")
            ref = text(pair, "referencePos")
            for fld, nm in (("adjustingIdeal", who), ("referencePos", ref)):
                if nm not in index:
                    raise _err(path, _line(pair.find(fld)), fld, f"unknown actor {nm!r}")
            adj_el = pair.find("adjust")
            if adj_el is None:
                raise _err(path, _line(pair), "adjust", "missing <adjust>")
            acc[index[who], index[ref]] = _number(
                adj_el.text or "", path, _line(adj_el), "adjust", lo=0.0, hi=1.0
            )
        over = np.where(acc.sum(axis=1) > 1.0 + 1e-9)[0]
        if over.size:
            raise _err(
                path,
                _line(ia),
                "IdealAdjustment",
                f"adjustments of {names[over[0]]!r} sum to {acc[over[0]].sum():g}; expected at most 1",
            )
    return BargainingInput(
        actors=tuple(names),
        capability=np.array(caps),
        position=np.array(pos_rows),
        salience=np.array(sal_rows) / 100.0,
        dimensions=tuple(dnames) if dnames else tuple(f"dim{k}" for k in range(n_dim)),
        scale=tuple((0.0, 100.0) for _ in range(n_dim)),
        name=name,
        description=desc,
        descriptions=tuple(descs),
        source=str(path),
        fmt="ktab-xml",
        seed=seed,
        parameters=params,
        accommodation=acc,
    )


# --------------------------------------------------------------------------- dispatch


def read_bargaining(path: str | Path) -> BargainingInput:
    """Read any supported bargaining input, choosing the format from the extension and content.

    Parameters
    ----------
    path : str or Path
        Any supported bargaining file (``.csv`` or ``.xml``).

    Returns
    -------
    BargainingInput
        Whatever the format, the same arrays.

    Raises
    ------
    BargainingInputError
        An unreadable or unknown file, or any error of the readers above.
    """
    path = Path(path)
    if path.suffix.lower() == ".xml":
        return read_ktab_xml(path)
    text = _read_text(path)
    if text.lstrip().startswith("<"):
        raise BargainingInputError(
            f"{path}:1: looks like XML/HTML but does not end in .xml (expected a CSV or a KTAB .xml)"
        )
    rows = _rows(text)
    if _looks_like_ktab_csv(rows):
        return read_ktab_csv(path)
    return read_actor_csv(path)
