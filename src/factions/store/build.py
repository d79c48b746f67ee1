"""From the store to Systems through time: windows, weighting, timelines and sign flips.

One *finding* is one relation stated in one document, or one imported event: a
:class:`factions.model.fusion.Observation`. The findings of a pair inside a window are
fused by the model's one fusion policy with its time-window parameters
(:data:`factions.model.fusion.WINDOW`): recency-weighted sign (``half_life`` defaults to
180 days, ages counted to the window's end), a strength that grows with agreeing evidence
and saturates, a noisy-or confidence. The formulas are in :mod:`factions.model.fusion`.

Every finding's evidence (sentence, document, date) is kept on the relation, both signs,
so a reader sees what was weighed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from factions.model import (
    Actor,
    Affiliation,
    Evidence,
    System,
    normalise_alias,
    save_system,
)
from factions.model.actors import ActorKind
from factions.model.base import date_key, slugify
from factions.model.fusion import HALF_LIFE_DAYS, WINDOW, Fusion, Observation, fuse
from factions.store.schema import StoreError, connect
from factions.store.windows import Window, window_of, windows_between

__all__ = [
    "CHANGE_TOLERANCE",
    "BuiltWindow",
    "build",
    "load_findings",
    "resolve_actor",
    "sign_flips",
    "system_from_findings",
    "timeline",
    "write_built",
]

CHANGE_TOLERANCE = 0.05
"""Strength changes smaller than this between windows are reported as ``same``."""


def _fuse_window(
    findings: list[Observation],
    ref: str | None,
    half_life: float,
    start: str | None = None,
    end: str | None = None,
) -> Fusion:
    """One pair's relation in one window (the model's fusion policy, window parameters)."""
    fused = fuse(findings, WINDOW.with_half_life(half_life), ref=ref, start=start, end=end)
    if fused is None:  # unreachable: store findings never state the past only
        raise StoreError(f"no present finding for {findings[0].a}-{findings[0].b}")
    return fused


# --- reading findings from the store ------------------------------------------------------


def _date_clause(
    col: str, date_from: str | None, date_to: str | None, undated: bool
) -> tuple[str, list]:
    parts: list[str] = []
    params: list[Any] = []
    if date_from:
        parts.append(f"{col} IS NOT NULL AND {col} || substr('0000-01-01', length({col}) + 1) >= ?")
        params.append(date_key(date_from))
    if date_to:
        parts.append(f"{col} IS NOT NULL AND {col} || substr('0000-01-01', length({col}) + 1) <= ?")
        params.append(date_key(date_to, end=True))
    if not undated and not parts:
        parts.append(f"{col} IS NOT NULL")
    return (" AND ".join(parts) or "true"), params


def external_ids(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[str, str]]:
    """The join on external ids: (actor id -> the one id its external id goes by, that id ->
    its external id). Actors that documents (or pipeline versions) stored under different
    ids but one external id (``partyfacts:5619``) are one actor; the id most documents
    used wins (then the smallest)."""
    rows = con.execute(
        "SELECT external_id, actor_id, count(*) AS n FROM actors "
        "WHERE external_id IS NOT NULL GROUP BY ALL ORDER BY external_id, n DESC, actor_id"
    ).fetchall()
    remap: dict[str, str] = {}
    ext_of: dict[str, str] = {}
    for ext, aid, _n in rows:
        canon = ext_of.setdefault(ext, aid)
        remap.setdefault(aid, canon)
    return remap, {canon: ext for ext, canon in ext_of.items()}


def load_findings(
    con: duckdb.DuckDBPyConnection,
    date_from: str | None = None,
    date_to: str | None = None,
    *,
    undated: bool = True,
    pair: tuple[str, str] | None = None,
) -> list[Observation]:
    """Findings of current documents and imported events between two dates (inclusive).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    date_from, date_to : str or None
        Partial dates bounding the findings (inclusive).
    undated : bool
        Include undated documents.
    pair : (str, str) or None
        Only this pair's findings.

    Returns
    -------
    list of Observation
        One per relation stated in a document, and per imported event.
    """
    where, params = _date_clause("d.date", date_from, date_to, undated)
    pair_sql = ""
    if pair:
        a, b = sorted(pair)
        pair_sql = " AND ((r.a = ? AND r.b = ?) OR (r.a = ? AND r.b = ?))"
        params = [*params, a, b, b, a]
    rows = con.execute(
        "SELECT r.doc_key, r.rel_idx, r.a, r.b, r.sign, r.kind, r.strength, r.confidence, "
        "d.date, d.doc_id, d.source FROM relations r JOIN documents d USING (doc_key) "
        f"WHERE NOT d.superseded AND {where}{pair_sql} ORDER BY d.seq, r.rel_idx",
        params,
    ).fetchall()
    ev_rows = con.execute(
        "SELECT e.doc_key, e.rel_idx, e.start_char, e.end_char, e.sentence, e.quote "
        "FROM evidence e JOIN documents d USING (doc_key) JOIN relations r USING (doc_key, rel_idx) "
        f"WHERE NOT d.superseded AND {where}{pair_sql} ORDER BY d.seq, e.rel_idx, e.start_char",
        params,
    ).fetchall()
    ev: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for k, i, s, e, sent, quote in ev_rows:
        ev[(k, i)].append((s, e, sent, quote))
    out = []
    remap, _ = external_ids(con)
    for key, idx, a, b, sign, kind, strength, conf, date, doc_id, source in rows:
        a, b = remap.get(a, a), remap.get(b, b)
        if a == b:
            continue
        a, b = sorted((a, b))
        evidence = [
            Evidence(
                doc_id=doc_id, start=s, end=e, sentence=sent, quote=quote, date=date, source=source
            )
            for s, e, sent, quote in ev[(key, idx)]
        ]
        out.append(_finding(a, b, sign, kind, strength, conf, date, doc_id, evidence))
    where_e, params_e = _date_clause("date", date_from, date_to, undated)
    pair_e = ""
    if pair:
        a, b = sorted(pair)
        pair_e = " AND ((a = ? AND b = ?) OR (a = ? AND b = ?))"
        params_e = [*params_e, a, b, b, a]
    for row in con.execute(
        "SELECT dataset, event_id, date, a, b, a_name, b_name, code, label, sign, strength, "
        f"confidence, url FROM events WHERE {where_e}{pair_e} ORDER BY date, dataset, event_id",
        params_e,
    ).fetchall():
        dataset, eid, date, a, b, an, bn, code, label, sign, strength, conf, url = row
        a, b = sorted((a, b))
        doc_id = f"{dataset}:{eid}"
        sentence = f"{an or a} -> {bn or b}: {label or code} ({dataset} event {eid}, code {code})"
        evidence = [
            Evidence(doc_id=doc_id, start=0, end=0, sentence=sentence, date=date, source=url)
        ]
        out.append(_finding(a, b, sign, label or "event", strength, conf, date, doc_id, evidence))
    return out


def _finding(
    a: str, b: str, sign: int, kind: str, strength: float, confidence: float, date: str | None,
    doc_id: str, evidence: list[Evidence],
) -> Observation:  # fmt: skip
    """One finding of the store (a document's relation or an event) as a fusion observation."""
    return Observation(
        a=a, b=b, sign=int(sign), kind=kind, strength=strength, confidence=confidence, date=date,
        doc_id=doc_id, evidence=tuple(evidence),
    )  # fmt: skip


_NOT_NAMES = {
    "he", "his", "him", "she", "her", "it", "its", "they", "their", "them", "the", "this",
    "that", "these", "those", "who", "which", "we", "our", "i",
}  # fmt: skip


def _name_like(text: str) -> bool:
    """Whether a mention reads as a name (capitalised, not a pronoun or a description)."""
    words = text.split()
    return bool(words) and text[:1].isupper() and words[0].lower() not in _NOT_NAMES


def _actors(con: duckdb.DuckDBPyConnection, ids: set[str]) -> list[Actor]:
    if not ids:
        return []
    remap, ext_of = external_ids(con)
    canon_ids = sorted(ids)
    id_list = sorted(ids | {a for a, c in remap.items() if c in ids})
    names: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    for aid, name, kind, n in con.execute(
        "SELECT actor_id, name, kind, count(*) FROM actors a JOIN documents d USING (doc_key) "
        "WHERE NOT d.superseded AND actor_id IN (SELECT unnest(?)) GROUP BY ALL",
        [id_list],
    ).fetchall():
        names[aid][name] += n
        kinds[aid][kind] += n
    for aid, name, n in con.execute(
        "SELECT a, a_name, count(*) FROM events WHERE a IN (SELECT unnest(?)) GROUP BY ALL "
        "UNION ALL SELECT b, b_name, count(*) FROM events WHERE b IN (SELECT unnest(?)) GROUP BY ALL",
        [id_list, id_list],
    ).fetchall():
        if name:
            names[aid][name] += n
    aliases: dict[str, list[str]] = defaultdict(list)
    for aid, text, _n in con.execute(
        "SELECT m.actor_id, m.text, count(*) AS n FROM mentions m JOIN documents d USING (doc_key) "
        "WHERE NOT d.superseded AND actor_id IN (SELECT unnest(?)) GROUP BY ALL "
        "ORDER BY m.actor_id, n DESC, m.text",
        [id_list],
    ).fetchall():
        if len(aliases[aid]) < 12 and _name_like(text):
            aliases[aid].append(text)
    for aid in id_list:  # fold the ids of one external id into the one it goes by
        canon = remap.get(aid, aid)
        if canon != aid:
            names[canon].update(names.pop(aid, Counter()))
            kinds[canon].update(kinds.pop(aid, Counter()))
            aliases[canon].extend(x for x in aliases.pop(aid, []) if x not in aliases[canon])
    valid = {k.value for k in ActorKind}
    out = []
    for aid in canon_ids:
        name = names[aid].most_common(1)[0][0] if names[aid] else aid
        kind = kinds[aid].most_common(1)[0][0] if kinds[aid] else "other"
        out.append(
            Actor(
                id=aid,
                name=name,
                kind=kind if kind in valid else "other",
                external_id=ext_of.get(aid),
                aliases=tuple(
                    a for a in aliases[aid] if normalise_alias(a) != normalise_alias(name)
                ),
            )
        )
    return out


def _affiliations(
    con: duckdb.DuckDBPyConnection,
    known: set[str],
    date_from: str | None,
    date_to: str | None,
    undated: bool,
) -> list[Affiliation]:
    where, params = _date_clause("d.date", date_from, date_to, undated)
    out: dict[tuple[str, str], Affiliation] = {}
    remap, _ = external_ids(con)
    for member, group, role in con.execute(
        'SELECT f.member, f."group", f.role FROM affiliations f JOIN documents d USING (doc_key) '
        f"WHERE NOT d.superseded AND {where} ORDER BY d.seq",
        params,
    ).fetchall():
        member, group = remap.get(member, member), remap.get(group, group)
        if member in known and group in known and member != group and (member, group) not in out:
            out[(member, group)] = Affiliation(member=member, group=group, role=role or "member")
    return list(out.values())


def system_from_findings(
    con: duckdb.DuckDBPyConnection,
    findings: list[Observation],
    *,
    name: str,
    ref: str | None,
    window: Window | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    undated: bool = True,
    half_life: float = HALF_LIFE_DAYS,
) -> tuple[System, dict[tuple[str, str], Fusion]]:
    """A System (and the per-pair numbers) from a set of findings.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    findings : list of Observation
    name : str
        The System's name.
    ref : str or None
        Reference date of the recency weights.
    window : Window or None
        Bounds of the relations' spans.
    date_from, date_to : str or None
        Partial dates bounding the findings (inclusive).
    undated : bool
        Include undated affiliations.
    half_life : float
        Recency half-life in days.

    Returns
    -------
    (System, dict)
        The System and each pair's :class:`~factions.model.fusion.Fusion`.
    """
    by_pair: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for f in findings:
        by_pair[(f.a, f.b)].append(f)
    states = {
        p: _fuse_window(
            fs, ref, half_life, window.start if window else None, window.end if window else None
        )
        for p, fs in sorted(by_pair.items())
    }
    ids = {x for p in states for x in p}
    actors = _actors(con, ids)
    affs = _affiliations(con, ids, date_from, date_to, undated)
    docs = sorted({f.doc_id for f in findings})
    system = System(
        name=name,
        date=(window.end if window else ref),
        actors=tuple(actors),
        relations=tuple(s.relation for s in states.values()),
        affiliations=tuple(affs),
        notes={
            "built_from": "factions store",
            "window": window.label if window else None,
            "from": date_from,
            "to": date_to,
            "documents": len(docs),
            "findings": len(findings),
            "half_life_days": half_life,
            "weights": {
                f"{a}|{b}": {
                    "net": s.net,
                    "mass": s.mass,
                    "findings": s.findings,
                    "documents": s.documents,
                }
                for (a, b), s in states.items()
            },
        },
    )
    return system, states


@dataclass
class BuiltWindow:
    """One window's System and what changed since the previous window."""

    window: Window | None
    system: System
    flips: list[dict] = field(default_factory=list)


def build(
    db_path: str | Path,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    window: str | None = None,
    half_life: float = HALF_LIFE_DAYS,
) -> list[BuiltWindow]:
    """One System per window (or one for the whole span when ``window`` is None).

    Each window's relations come only from findings dated inside it, weighted by
    evidence, recency (relative to the window's end) and confidence (module docstring).
    ``flips`` lists pairs whose sign differs from the last window in which the pair appeared.

    Parameters
    ----------
    db_path : str or Path
        The store's DuckDB file.
    date_from, date_to : str or None
        Partial dates bounding the findings (inclusive).
    window : {'month', 'quarter', 'year'} or None
        Window size; ``None``: one System for the whole span.
    half_life : float
        Recency half-life in days (the fusion policy's :data:`~factions.model.fusion.WINDOW`).

    Returns
    -------
    list of BuiltWindow

    Raises
    ------
    StoreError
    """
    con = connect(db_path, read_only=True)
    try:
        if window is None:
            undated = date_from is None and date_to is None
            findings = load_findings(con, date_from, date_to, undated=undated)
            dated = [f.date for f in findings if f.date]
            ref = max(dated, key=date_key) if dated else None
            label = f"{date_from or (min(dated, key=date_key) if dated else '')}..{date_to or ref or ''}"
            system, _ = system_from_findings(
                con, findings, name=f"corpus {label}".strip(), ref=ref, date_from=date_from,
                date_to=date_to, undated=undated, half_life=half_life,
            )  # fmt: skip
            return [BuiltWindow(None, system)]
        span = _span(con, date_from, date_to)
        if span is None:
            return []
        out: list[BuiltWindow] = []
        last_sign: dict[tuple[str, str], tuple[int, str]] = {}
        for w in windows_between(span[0], span[1], window):
            findings = load_findings(con, w.start, w.end, undated=False)
            if not findings:
                continue
            system, states = system_from_findings(
                con, findings, name=f"corpus {w.label}", ref=w.end, window=w,
                date_from=w.start, date_to=w.end, undated=False, half_life=half_life,
            )  # fmt: skip
            flips = []
            for p, s in states.items():
                prev = last_sign.get(p)
                if prev and prev[0] != s.relation.sign:
                    flips.append(
                        {
                            "a": p[0],
                            "b": p[1],
                            "from": prev[0],
                            "to": s.relation.sign,
                            "since": prev[1],
                        }
                    )
                last_sign[p] = (s.relation.sign, w.label)
            if flips:
                system = system.model_copy(update={"notes": {**system.notes, "sign_flips": flips}})
            out.append(BuiltWindow(w, system, flips))
        return out
    finally:
        con.close()


def _span(
    con: duckdb.DuckDBPyConnection, date_from: str | None, date_to: str | None
) -> tuple[str, str] | None:
    row = con.execute(
        "SELECT min(k), max(k) FROM ("
        " SELECT date || substr('0000-01-01', length(date) + 1) AS k FROM documents"
        "  WHERE NOT superseded AND date IS NOT NULL"
        " UNION ALL SELECT date || substr('0000-01-01', length(date) + 1) FROM events WHERE date IS NOT NULL)"
    ).fetchall()[0]
    if row is None or row[0] is None:
        return None
    lo = max(row[0], date_key(date_from)) if date_from else row[0]
    hi = min(row[1], date_key(date_to, end=True)) if date_to else row[1]
    return (lo, hi) if lo <= hi else None


def write_built(built: list[BuiltWindow], out: str | Path) -> list[Path]:
    """Write each window's System as YAML under ``out`` (a directory), plus ``index.json``.

    With a single span system and ``out`` ending in .yaml/.yml/.json, ``out`` is that file.

    Parameters
    ----------
    built : list of BuiltWindow
    out : str or Path
        A directory, or a .yaml/.json file for a single span system.

    Returns
    -------
    list of Path
        The files written.
    """
    import json

    out = Path(out)
    if (
        len(built) == 1
        and built[0].window is None
        and out.suffix.lower() in {".yaml", ".yml", ".json"}
    ):
        out.parent.mkdir(parents=True, exist_ok=True)
        save_system(built[0].system, out)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    index = []
    for b in built:
        label = b.window.label if b.window else "span"
        p = out / f"{label}.yaml"
        save_system(b.system, p)
        paths.append(p)
        index.append(
            {
                "window": label,
                "start": b.window.start if b.window else None,
                "end": b.window.end if b.window else None,
                "file": p.name,
                "actors": len(b.system.actors),
                "relations": len(b.system.relations),
                "documents": b.system.notes.get("documents"),
                "sign_flips": b.flips,
            }
        )
    (out / "index.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    return paths


# --- timeline --------------------------------------------------------------------------------


def resolve_actor(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The actor id in the store for ``name`` (an id, a name or a mention), else StoreError.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    name : str
        An actor id, name or mention.

    Returns
    -------
    str
        The actor id.

    Raises
    ------
    StoreError
        No such actor.
    """
    if con.execute(
        "SELECT 1 FROM actors WHERE actor_id = ? UNION SELECT 1 FROM events WHERE a = ? OR b = ? LIMIT 1",
        [name, name, name],
    ).fetchall():
        return name
    key = normalise_alias(name)
    counts: Counter = Counter()
    for aid, text, n in con.execute(
        "SELECT actor_id, name, count(*) FROM actors GROUP BY ALL UNION ALL "
        "SELECT actor_id, text, count(*) FROM mentions GROUP BY ALL UNION ALL "
        "SELECT a, a_name, count(*) FROM events GROUP BY ALL UNION ALL "
        "SELECT b, b_name, count(*) FROM events GROUP BY ALL"
    ).fetchall():
        if text and normalise_alias(text) == key:
            counts[aid] += n
    if counts:
        return counts.most_common(1)[0][0]
    slug = slugify(name)
    if (
        slug != name
        and con.execute("SELECT 1 FROM actors WHERE actor_id = ? LIMIT 1", [slug]).fetchall()
    ):
        return slug
    raise StoreError(f"no actor {name!r} in the store (give an actor id, name or mention)")


def timeline(
    db_path: str | Path,
    a: str,
    b: str,
    *,
    window: str = "month",
    date_from: str | None = None,
    date_to: str | None = None,
    half_life: float = HALF_LIFE_DAYS,
) -> dict:
    """A pair's relation window by window, with the evidence behind each window.

    Returns ``{"a", "b", "window", "points": [...], "flips": [...]}``; each point has the
    window, sign, strength, confidence, net, mass, findings, documents, ``change``
    (``new``, ``same``, ``strengthened``, ``weakened`` or ``flip``) and its ``evidence``
    (document, date, sign of that finding, sentence). Windows without evidence are left out.

    Parameters
    ----------
    db_path : str or Path
        The store's DuckDB file.
    a, b : str
        The pair (ids, names or mentions).
    window : {'month', 'quarter', 'year'}
    date_from, date_to : str or None
        Partial dates bounding the findings (inclusive).
    half_life : float
        Recency half-life in days.

    Raises
    ------
    StoreError
        An unknown actor, or the same actor twice.

    Returns
    -------
    dict
        ``a``, ``b``, ``window``, ``points``, ``flips``.
    """
    con = connect(db_path, read_only=True)
    try:
        ida, idb = resolve_actor(con, a), resolve_actor(con, b)
        if ida == idb:
            raise StoreError(f"{a!r} and {b!r} are the same actor ({ida})")
        findings = load_findings(con, date_from, date_to, undated=False, pair=(ida, idb))
    finally:
        con.close()
    pa_, pb_ = sorted((ida, idb))
    by_window: dict[Window, list[Observation]] = defaultdict(list)
    for f in findings:
        by_window[window_of(f.date, window)].append(f)  # type: ignore[arg-type]
    points: list[dict] = []
    flips: list[dict] = []
    prev: dict | None = None
    for w in sorted(by_window):
        fs = by_window[w]
        st = _fuse_window(fs, w.end, half_life, w.start, w.end)
        r = st.relation
        if prev is None:
            change = "new"
        elif prev["sign"] != r.sign:
            change = "flip"
            flips.append(
                {
                    "from_window": prev["window"],
                    "to_window": w.label,
                    "from": prev["sign"],
                    "to": r.sign,
                }
            )
        elif r.strength > prev["strength"] + CHANGE_TOLERANCE:
            change = "strengthened"
        elif r.strength < prev["strength"] - CHANGE_TOLERANCE:
            change = "weakened"
        else:
            change = "same"
        point = {
            "window": w.label,
            "start": w.start,
            "end": w.end,
            "sign": r.sign,
            "kind": r.kind,
            "strength": r.strength,
            "confidence": r.confidence,
            "net": st.net,
            "mass": st.mass,
            "findings": st.findings,
            "documents": st.documents,
            "change": change,
            "evidence": [
                {
                    "doc_id": f.doc_id,
                    "date": f.date,
                    "sign": f.sign,
                    "kind": f.kind,
                    "confidence": f.confidence,
                    "sentence": e.sentence,
                    "start": e.start,
                    "end": e.end,
                    "source": e.source,
                }
                for f in sorted(fs, key=lambda f: (date_key(f.date) if f.date else "", f.doc_id))
                for e in (f.evidence or [Evidence(doc_id=f.doc_id, start=0, end=0, sentence="")])
            ],
        }
        points.append(point)
        prev = point
    return {"a": pa_, "b": pb_, "window": window, "points": points, "flips": flips}


def sign_flips(built: Iterable[BuiltWindow]) -> list[dict]:
    """Every sign flip across a sequence of built windows (``{a, b, from, to, since, window}``).

    Parameters
    ----------
    built : iterable of BuiltWindow

    Returns
    -------
    list of dict
    """
    return [{**f, "window": b.window.label if b.window else None} for b in built for f in b.flips]
