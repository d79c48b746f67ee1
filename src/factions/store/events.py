"""Imports of dyadic event data: GDELT 2.0 events, ICEWS, POLECAT (PLOVER ontology).

Each event (source actor, target actor, event code, date) becomes one signed finding
between two factions actors, stored in the ``events`` table and weighed by ``build`` like a
relation stated in a document. The mappings:

**GDELT 2.0 events** (tab-separated, 61 columns, no header; or the same columns with a
header row, as BigQuery exports them). Sign from ``QuadClass``: 1 verbal cooperation and
2 material cooperation -> +1; 3 verbal conflict and 4 material conflict -> -1. Strength
``max(0.1, |GoldsteinScale| / 10)`` (Goldstein, 1992: -10 .. +10). Confidence
``min(0.99, 1 - 0.5 ** NumSources)`` (one source 0.5, two 0.75, ...). Evidence: the event,
its CAMEO code and ``SOURCEURL``. Actors: ``Actor1Code``/``Actor1Name`` and
``Actor2Code``/``Actor2Name``.

**ICEWS** (Dataverse event files, tab-separated with a header: ``Event ID``, ``Event Date``,
``Source Name``, ``Source Sectors``, ``Source Country``, ``Event Text``, ``CAMEO Code``,
``Intensity``, ``Target Name``, ``Target Sectors``, ``Target Country``, ``Story ID``, ...).
Sign from the CAMEO root code (first two digits) through its quad class
(:data:`CAMEO_ROOTS`): roots 01-05 verbal cooperation, 06-08 material cooperation
(+1); 09-13 verbal conflict, 14-20 material conflict (-1). Strength
``max(0.1, |Intensity| / 10)``; confidence 0.5 (one story per row).

**POLECAT** (PLOVER ontology; tab- or comma-separated with a header: ``Event ID``,
``Event Date``, ``Event Type``, ``Event Mode``, ``Actor Name``, ``Recipient Name``, optional
``Event Intensity``, ``Wikipedia Actor ID``, ``Wikipedia Recipient ID``, ``Source``...).
Sign and base strength from the PLOVER event category (:data:`PLOVER_CATEGORIES`):
AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT -> +1; ACCUSE, REJECT, THREATEN,
PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT -> -1; REQUEST (which merges CAMEO's
cooperative "appeal" and conflictual "demand") carries no sign and is skipped. The base
strength is multiplied by the mode factor (:data:`PLOVER_MODES`, default 1), or replaced by
``|Event Intensity| / 10`` when that column holds a number. Confidence 0.5.

Header names are matched case- and space-insensitively. Events whose two sides map to the
same actor, or whose side cannot be mapped, are skipped and counted.

**Actor mapping table** (``--mapping FILE``, CSV or YAML, user-editable). CSV columns
``code,actor_id`` and optional ``name``, ``kind``, ``dataset``; YAML either a list of
``{code, actor_id|actor, name, kind, dataset}`` or a plain ``{code: actor_id}`` mapping.
``code`` is matched against an event side's code (GDELT ``Actor1Code``, POLECAT Wikipedia
id), its name (``Actor1Name``, ICEWS ``Source Name``, POLECAT ``Actor Name``; normalised)
and, ending in ``*``, as a prefix (``IRQGOV*``; the longest prefix wins). Without a mapping,
every side becomes the actor ``slugify(name or code)``; with one, unmapped sides are
skipped (``keep_unmapped=True`` keeps them) and the most frequent unmapped ones are reported
so the table can be extended.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from factions.model.actors import normalise_alias
from factions.model.base import slugify
from factions.model.cameo import CAMEO_ROOTS, QUAD_LABEL, QUAD_SIGN
from factions.store.readers import BadRecord, normalise_date
from factions.store.schema import connect
from factions.store.write import finish_run, start_run

__all__ = [
    "CAMEO_ROOTS",
    "DATASETS",
    "GDELT2_COLUMNS",
    "ICEWS_COLUMNS",
    "PARSERS",
    "PLOVER_CATEGORIES",
    "PLOVER_MODES",
    "QUAD_LABEL",
    "QUAD_SIGN",
    "ActorMapping",
    "ImportFileError",
    "ImportSummary",
    "RawEvent",
    "import_events",
    "load_mapping",
    "parse_gdelt",
    "parse_icews",
    "parse_polecat",
]

DATASETS = ("gdelt", "icews", "polecat")

GDELT2_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
"""The 61 columns of a GDELT 2.0 event record, in file order (GDELT 2.0 Event Codebook)."""

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)  # fmt: skip
"""The columns of an ICEWS coded-event file (Dataverse), in file order."""

PLOVER_CATEGORIES: dict[str, tuple[int, float]] = {
    "AGREE": (1, 0.4),
    "CONSULT": (1, 0.3),
    "SUPPORT": (1, 0.5),
    "CONCEDE": (1, 0.5),
    "COOPERATE": (1, 0.6),
    "AID": (1, 0.7),
    "RETREAT": (1, 0.4),
    "REQUEST": (0, 0.0),
    "ACCUSE": (-1, 0.4),
    "REJECT": (-1, 0.4),
    "THREATEN": (-1, 0.6),
    "PROTEST": (-1, 0.5),
    "SANCTION": (-1, 0.7),
    "MOBILIZE": (-1, 0.6),
    "COERCE": (-1, 0.8),
    "ASSAULT": (-1, 1.0),
}
"""PLOVER event category -> (sign, base strength) (PLOVER ontology, Halterman et al.)."""

PLOVER_MODES: dict[tuple[str, str], float] = {
    ("AID", "military"): 1.3,
    ("AID", "humanitarian"): 0.8,
    ("COOPERATE", "military"): 1.3,
    ("SANCTION", "expel"): 1.2,
    ("SANCTION", "discontinue"): 0.9,
    ("COERCE", "arrest"): 1.1,
    ("COERCE", "seize"): 1.1,
    ("COERCE", "censor"): 0.8,
    ("ASSAULT", "primitive"): 0.8,
    ("THREATEN", "military"): 1.3,
    ("PROTEST", "demonstrate"): 0.9,
    ("MOBILIZE", "troops"): 1.2,
}
"""(category, mode) -> factor on the base strength (mode names lower-case; others 1.0)."""


class ImportFileError(ValueError):
    """An event file that cannot be read at all (one line naming file, line and field)."""


# --- mapping table --------------------------------------------------------------------------


@dataclass
class ActorMapping:
    """Event-data codes and names -> factions actor ids (see the module docstring)."""

    exact: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)
    prefixes: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def add(self, code: str, actor_id: str, name: str | None = None, dataset: str = "*") -> None:
        code = code.strip()
        dataset = (dataset or "*").strip().lower() or "*"
        if code.endswith("*"):
            self.prefixes.append((dataset, code[:-1].upper(), actor_id, name))
            self.prefixes.sort(key=lambda p: -len(p[1]))
        else:
            self.exact[(dataset, normalise_alias(code))] = (actor_id, name)

    def lookup(self, dataset: str, *keys: str | None) -> tuple[str, str | None] | None:
        for key in keys:
            if not key:
                continue
            for ds in (dataset, "*"):
                hit = self.exact.get((ds, normalise_alias(key)))
                if hit:
                    return hit
        for key in keys:
            if not key:
                continue
            up = key.upper()
            for ds, prefix, actor_id, name in self.prefixes:
                if ds in (dataset, "*") and up.startswith(prefix):
                    return actor_id, name
        return None


def load_mapping(path: str | Path) -> ActorMapping:
    """Read an actor mapping table (CSV or YAML) into an :class:`ActorMapping`.

    Parameters
    ----------
    path : str or Path
        A CSV or YAML mapping table.

    Returns
    -------
    ActorMapping

    Raises
    ------
    ImportFileError
        The message names the file, the line and the field.
    """
    from factions.model.base import _check_id

    p = Path(path)
    if not p.is_file():
        raise ImportFileError(f"{p}: no such mapping file")
    mapping = ActorMapping()
    entries: list[tuple[int | None, dict[str, Any]]] = []
    if p.suffix.lower() in {".yaml", ".yml"}:
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            raise ImportFileError(f"{p}:{(line or 0) + 1}: not valid YAML") from None
        if isinstance(data, dict) and "mappings" in data:
            data = data["mappings"]
        if isinstance(data, dict):
            entries = [(None, {"code": str(k), "actor_id": v}) for k, v in data.items()]
        elif isinstance(data, list):
            entries = [(None, e) for e in data]
        else:
            raise ImportFileError(
                f"{p}: expected a list of {{code, actor_id}} or a code: actor_id mapping"
            )
    else:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            cols = {c.strip().lower() for c in reader.fieldnames or []}
            if "code" not in cols or not ({"actor_id", "actor"} & cols):
                raise ImportFileError(
                    f"{p}:1: expected the columns code,actor_id (optional name,kind,dataset); "
                    f"got {', '.join(reader.fieldnames or [])}"
                )
            for row in reader:
                entries.append(
                    (reader.line_num, {k.strip().lower(): v for k, v in row.items() if k})
                )
    for line, e in entries:
        where = f"{p}:{line}" if line else str(p)
        if not isinstance(e, dict):
            raise ImportFileError(f"{where}: expected a mapping with code and actor_id")
        code = str(e.get("code") or "").strip()
        actor = str(e.get("actor_id") or e.get("actor") or "").strip()
        if not code or not actor:
            raise ImportFileError(f"{where}: code and actor_id are required")
        try:
            _check_id(actor)
        except ValueError as exc:
            raise ImportFileError(f"{where}: actor_id {actor!r}: {exc}") from None
        mapping.add(code, actor, (e.get("name") or None), str(e.get("dataset") or "*"))
    return mapping


# --- reading ---------------------------------------------------------------------------------


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if not n.endswith("/")]
        if not names:
            raise ImportFileError(f"{path}: empty zip archive")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8", errors="replace", newline="")
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8", errors="replace", newline="")
    return path.open(encoding="utf-8", errors="replace", newline="")


def _norm_col(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _rows(path: Path, dataset: str) -> Iterator[tuple[int, dict[str, str]] | BadRecord]:
    """Rows as {normalised column: value} with their 1-based line numbers."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_text(path) as fh:
        first = fh.readline()
        delimiter = "\t" if "\t" in first else ","
        head = next(csv.reader([first], delimiter=delimiter), [])
        norm = [_norm_col(h) for h in head]
        if dataset == "gdelt" and "globaleventid" not in norm:
            header = [_norm_col(c) for c in GDELT2_COLUMNS]
            if len(head) != len(header):
                yield BadRecord(
                    str(path), 1,
                    f"expected {len(header)} tab-separated GDELT 2.0 event columns, got {len(head)}",
                )  # fmt: skip
                return
            pending: list[str] | None = head
        else:
            header = norm
            pending = None
        reader = csv.reader(
            fh,
            delimiter=delimiter,
            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
        )
        if pending is not None:
            yield 1, dict(zip(header, pending, strict=True))
        consumed = 0  # lines the csv reader has consumed after the first line
        for row in reader:
            this = consumed + 2
            consumed = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                yield BadRecord(
                    str(path), this, f"row has {len(row)} fields, expected {len(header)}"
                )
                continue
            yield this, dict(zip(header, row, strict=True))


def _need(row: dict[str, str], *names: str) -> str:
    for n in names:
        v = row.get(_norm_col(n))
        if v is not None:
            return v.strip()
    return ""


def _float(value: str, what: str) -> float | None:
    if value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None


@dataclass
class RawEvent:
    event_id: str
    date: str | None
    a_code: str
    a_name: str
    b_code: str
    b_name: str
    code: str
    label: str
    sign: int
    strength: float
    confidence: float
    url: str | None


def parse_gdelt(row: dict[str, str]) -> RawEvent | None:
    """One GDELT 2.0 event row -> RawEvent (QuadClass sign, Goldstein strength).

    Parameters
    ----------
    row : dict of str
        One GDELT 2.0 row by column name.

    Returns
    -------
    RawEvent or None
        ``None`` for a neutral event (QuadClass without a sign).
    """
    quad = _need(row, "QuadClass")
    if quad not in {"1", "2", "3", "4"}:
        raise ValueError(f"QuadClass {quad!r} (expected 1, 2, 3 or 4)")
    gold = _float(_need(row, "GoldsteinScale"), "GoldsteinScale") or 0.0
    nsrc = _float(_need(row, "NumSources"), "NumSources") or 1.0
    q = int(quad)
    code = _need(row, "EventCode")
    root = _need(row, "EventRootCode").zfill(2)
    label = CAMEO_ROOTS.get(root, (QUAD_LABEL[q], q))[0]
    return RawEvent(
        event_id=_need(row, "GLOBALEVENTID"),
        date=normalise_date(_need(row, "SQLDATE")),
        a_code=_need(row, "Actor1Code"),
        a_name=_need(row, "Actor1Name"),
        b_code=_need(row, "Actor2Code"),
        b_name=_need(row, "Actor2Name"),
        code=code,
        label=label,
        sign=QUAD_SIGN[q],
        strength=min(1.0, max(0.1, abs(gold) / 10.0)),
        confidence=min(0.99, 1.0 - 0.5 ** max(1.0, nsrc)),
        url=_need(row, "SOURCEURL") or None,
    )


def parse_icews(row: dict[str, str]) -> RawEvent | None:
    """One ICEWS row -> RawEvent (CAMEO root quad-class sign, Intensity strength).

    Parameters
    ----------
    row : dict of str
        One ICEWS row by column name.

    Returns
    -------
    RawEvent or None
    """
    code = _need(row, "CAMEO Code")
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) < 2:
        raise ValueError(f"CAMEO Code {code!r} (expected a code such as 042 or 1823)")
    root = digits[:2]
    if root not in CAMEO_ROOTS:
        raise ValueError(f"CAMEO Code {code!r} has no root 01-20")
    label, quad = CAMEO_ROOTS[root]
    intensity = _float(_need(row, "Intensity"), "Intensity") or 0.0
    return RawEvent(
        event_id=_need(row, "Event ID"),
        date=normalise_date(_need(row, "Event Date")),
        a_code=_need(row, "Source Country"),
        a_name=_need(row, "Source Name"),
        b_code=_need(row, "Target Country"),
        b_name=_need(row, "Target Name"),
        code=code,
        label=_need(row, "Event Text") or label,
        sign=QUAD_SIGN[quad],
        strength=min(1.0, max(0.1, abs(intensity) / 10.0)),
        confidence=0.5,
        url=_need(row, "Publisher") or None,
    )


def parse_polecat(row: dict[str, str]) -> RawEvent | None:
    """One POLECAT row -> RawEvent (PLOVER category sign and strength, mode factor).

    Parameters
    ----------
    row : dict of str
        One POLECAT row by column name.

    Returns
    -------
    RawEvent or None
    """
    category = _need(row, "Event Type", "event_type", "Category").upper()
    if category not in PLOVER_CATEGORIES:
        raise ValueError(
            f"Event Type {category!r} is not a PLOVER category ({', '.join(PLOVER_CATEGORIES)})"
        )
    sign, base = PLOVER_CATEGORIES[category]
    if sign == 0:
        return None
    mode = _need(row, "Event Mode", "mode").lower()
    intensity = _float(_need(row, "Event Intensity", "intensity"), "Event Intensity")
    if intensity is not None and intensity != 0:
        strength = abs(intensity) / 10.0
    else:
        strength = base * PLOVER_MODES.get((category, mode), 1.0)
    return RawEvent(
        event_id=_need(row, "Event ID", "event_id", "id"),
        date=normalise_date(_need(row, "Event Date", "event_date", "date") or None),
        a_code=_need(row, "Wikipedia Actor ID", "Actor Country"),
        a_name=_need(row, "Actor Name", "actor"),
        b_code=_need(row, "Wikipedia Recipient ID", "Recipient Country"),
        b_name=_need(row, "Recipient Name", "recipient"),
        code=f"{category}/{mode}" if mode else category,
        label=category.lower(),
        sign=sign,
        strength=min(1.0, max(0.1, strength)),
        confidence=0.5,
        url=_need(row, "Source", "url") or None,
    )


PARSERS = {"gdelt": parse_gdelt, "icews": parse_icews, "polecat": parse_polecat}


@dataclass
class ImportSummary:
    """What an event import did: rows read, added, skipped (and why), bad records."""

    dataset: str
    run_id: int
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    skipped_neutral: int = 0
    skipped_self: int = 0
    skipped_unmapped: int = 0
    unmapped: Counter = field(default_factory=Counter)
    bad: list[BadRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: what ``factions import --json`` prints (docs/results.md)."""
        return {
            "dataset": self.dataset,
            "run_id": self.run_id,
            "rows": self.rows,
            "added": self.added,
            "duplicates": self.duplicates,
            "skipped_neutral": self.skipped_neutral,
            "skipped_self": self.skipped_self,
            "skipped_unmapped": self.skipped_unmapped,
            "top_unmapped": [{"actor": k, "events": v} for k, v in self.unmapped.most_common(10)],
            "bad": [str(b) for b in self.bad],
        }


_EVENT_COLS = [
    ("dataset", pa.string()), ("event_id", pa.string()), ("date", pa.string()), ("a", pa.string()),
    ("b", pa.string()), ("a_name", pa.string()), ("b_name", pa.string()), ("a_code", pa.string()),
    ("b_code", pa.string()), ("code", pa.string()), ("label", pa.string()), ("sign", pa.int8()),
    ("strength", pa.float64()), ("confidence", pa.float64()), ("url", pa.string()), ("run_id", pa.int32()),
]  # fmt: skip


def import_events(
    dataset: str,
    path: str | Path,
    db_path: str | Path,
    *,
    mapping: ActorMapping | str | Path | None = None,
    keep_unmapped: bool | None = None,
    batch_size: int = 5000,
) -> ImportSummary:
    """Import an event file of ``dataset`` (gdelt, icews, polecat) into the store.

    Idempotent: events are keyed by (dataset, event id); importing a file twice adds
    nothing. Rows that cannot be read are reported (file and line) and the rest imported.

    Parameters
    ----------
    dataset : {'gdelt', 'icews', 'polecat'}
    path : str or Path
        The event file.
    db_path : str or Path
        The store's DuckDB file.
    mapping : ActorMapping, str, Path or None
        Codes and names -> actor ids.
    keep_unmapped : bool or None
        Keep actors the mapping does not name (default: only without a mapping).
    batch_size : int
        Rows written per transaction.

    Returns
    -------
    ImportSummary
        With ``to_dict()`` (docs/results.md).

    Raises
    ------
    ImportFileError
        A file that is not of the dataset's layout.

    References
    ----------
    Leetaru, K. & Schrodt, P. A. (2013), GDELT; Boschee, E. et al. (2015), ICEWS Coded Event
    Data; Halterman, A. et al. (2023), POLECAT and PLOVER.
    """
    if dataset not in PARSERS:
        raise ImportFileError(
            f"unknown event data set {dataset!r} (expected one of: {', '.join(DATASETS)})"
        )
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    if isinstance(mapping, str | Path):
        mapping = load_mapping(mapping)
    keep = (mapping is None) if keep_unmapped is None else keep_unmapped
    parse = PARSERS[dataset]
    con = connect(db_path)
    try:
        run_id = start_run(con, f"import:{dataset}", inputs=[str(path)])
        summary = ImportSummary(dataset=dataset, run_id=run_id)
        batch: list[tuple] = []

        def side(code: str, name: str) -> tuple[str | None, str | None]:
            hit = mapping.lookup(dataset, code, name) if mapping is not None else None
            if hit:
                return hit[0], hit[1] or name or code
            label = name or code
            if not label:
                return None, None
            if keep:
                return slugify(label), label
            summary.unmapped[label] += 1
            return None, label

        def flush() -> None:
            if not batch:
                return
            cols = list(zip(*batch, strict=True))
            tbl = pa.table(
                [pa.array(list(c), type=t) for c, (_, t) in zip(cols, _EVENT_COLS, strict=True)],
                names=[n for n, _ in _EVENT_COLS],
            )
            con.execute("BEGIN TRANSACTION")
            try:
                before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
                con.register("_ev", tbl)
                con.execute("INSERT OR IGNORE INTO events SELECT * FROM _ev")
                con.unregister("_ev")
                after = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            summary.added += after - before
            summary.duplicates += len(batch) - (after - before)
            batch.clear()
            seen.clear()

        seen: set[str] = set()
        for item in _rows(path, dataset):
            if isinstance(item, BadRecord):
                summary.bad.append(item)
                continue
            line, row = item
            summary.rows += 1
            try:
                ev = parse(row)
            except ValueError as exc:
                summary.bad.append(BadRecord(str(path), line, str(exc)))
                continue
            if ev is None:
                summary.skipped_neutral += 1
                continue
            a, a_name = side(ev.a_code, ev.a_name)
            b, b_name = side(ev.b_code, ev.b_name)
            if a is None or b is None:
                summary.skipped_unmapped += 1
                continue
            if a == b:
                summary.skipped_self += 1
                continue
            eid = ev.event_id or hashlib.sha256("\x1f".join(row.values()).encode()).hexdigest()[:20]
            if eid in seen:
                summary.duplicates += 1
                continue
            seen.add(eid)
            batch.append(
                (dataset, eid, ev.date, a, b, a_name, b_name, ev.a_code or None, ev.b_code or None,
                 ev.code, ev.label, ev.sign, ev.strength, ev.confidence, ev.url, run_id)
            )  # fmt: skip
            if len(batch) >= batch_size:
                flush()
        flush()
        finish_run(con, run_id, summary.added)
        return summary
    finally:
        con.close()
