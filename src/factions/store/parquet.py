"""Export the store to Parquet, one file per table, so Spark, Polars, pandas or a DuckDB on
another machine can read it."""

from __future__ import annotations

from pathlib import Path

from factions.store.schema import TABLES, connect

__all__ = [
    "export_parquet",
]


def export_parquet(db_path: str | Path, out_dir: str | Path) -> dict[str, Path]:
    """Write every table of the store at ``db_path`` to ``out_dir/<table>.parquet``.

    Tables: runs, documents, actors, mentions, relations, evidence, affiliations, events
    (schema in :mod:`factions.store.schema`). Rows keep the store's order. Returns
    ``{table: path}``. The store is opened read-only.

    Parameters
    ----------
    db_path : str or Path
        The store's DuckDB file.
    out_dir : str or Path

    Returns
    -------
    dict of str to Path
        Table -> file written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(db_path, read_only=True)
    try:
        have = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        paths: dict[str, Path] = {}
        for table in TABLES:
            if table not in have:
                continue
            p = out / f"{table}.parquet"
            order = {
                "documents": " ORDER BY seq",
                "runs": " ORDER BY run_id",
                "events": " ORDER BY dataset, event_id",
            }.get(table, "")
            target = str(p).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {table}{order}) TO '{target}' (FORMAT PARQUET)")
            paths[table] = p
        return paths
    finally:
        con.close()
