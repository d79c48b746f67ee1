"""Ingest throughput and peak memory: local vs a process pool vs a Dask LocalCluster.

Generates a synthetic corpus (factions.store.synthetic: templates over invented actors),
then ingests it into a fresh store with each engine, each run in its own subprocess so
peak memory is per run. Prints documents/s (whole run, and steady state after the first
committed batch, i.e. without worker start-up and spaCy loading), peak RSS of the writer
process and of its workers, the machine's load average, and ratios against the local run
measured in the same invocation. Memory flatness: the local engine also ingests half the
corpus, so the peak of N/2 and N documents can be compared (the corpus doubles).

    .venv/bin/python bench/ingest.py                 # 5,000 documents, 2 workers
    .venv/bin/python bench/ingest.py --docs 20000    # on a quiet, bigger machine
    .venv/bin/python bench/ingest.py --repeat 3      # three alternating rounds, medians
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(engine: str, corpus: str, db: str, workers: int, batch_size: int) -> None:
    """Run one ingest and print its measurements as JSON (runs in a fresh interpreter)."""
    from factions.run import ingest

    marks: list[tuple[float, int]] = []
    t0 = time.perf_counter()
    summary = ingest(
        [corpus], db, engine=engine, workers=workers, batch_size=batch_size,
        progress=lambda p: marks.append((time.perf_counter(), p.added)),
    )  # fmt: skip
    total = time.perf_counter() - t0
    steady = None
    if len(marks) >= 3:
        (t_first, n_first), (t_last, n_last) = marks[0], marks[-1]
        if t_last > t_first:
            steady = (n_last - n_first) / (t_last - t_first)
    self_ru = resource.getrusage(resource.RUSAGE_SELF)
    kids_ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = self_ru.ru_maxrss / 1024
    kids = kids_ru.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "engine": engine,
                "workers": workers if engine != "local" else 1,
                "docs": summary.added,
                "relations": summary.rows.get("relations", 0),
                "seconds": total,
                "docs_per_s": summary.added / total,
                "steady_docs_per_s": steady,
                "peak_writer_mb": me,
                "peak_worker_mb": kids,
                "writer_cpu_s": self_ru.ru_utime + self_ru.ru_stime,
                "worker_cpu_s": kids_ru.ru_utime + kids_ru.ru_stime,
            }
        )
    )


def _spin(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i % 7
    return time.perf_counter() - t


def machine_parallelism(workers: int, n: int = 6_000_000) -> float:
    """How much faster ``workers`` processes finish ``workers`` copies of a pure-CPU loop than
    one process finishes one copy, right now: the speed-up this machine can give at all
    (``workers`` on an idle machine with enough cores; less when others use the cores)."""
    import multiprocessing

    one = _spin(n)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        pool.map(_spin, [1000] * workers)  # start-up outside the timing
        t = time.perf_counter()
        pool.map(_spin, [n] * workers)
        many = time.perf_counter() - t
    return workers * one / many


def run(engine: str, corpus: Path, workdir: Path, workers: int, batch_size: int, src: Path) -> dict:
    db = workdir / f"{engine}-{corpus.name}.duckdb"
    if db.exists():
        db.unlink()
    load0 = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(corpus), str(db), str(workers), str(batch_size)],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["load_before"] = load0
    res["load_after"] = os.getloadavg()[0]
    res["corpus"] = corpus.name
    return res


def _label(r: dict, repeat: int) -> str:
    """The engine, and its round when engines are run more than once."""
    return f"{r['engine']}#{r['round']}" if repeat > 1 and "round" in r else r["engine"]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--docs", type=int, default=5000, help="documents in the corpus (>= 5000 for the record)"
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--engines", default="local,processes,dask")
    ap.add_argument(
        "--repeat", type=int, default=1,
        help="rounds of all engines, alternating; prints each round's ratios and the median",
    )  # fmt: skip
    ap.add_argument(
        "--no-memory-check", action="store_true", help="skip the local run on half the corpus"
    )
    ap.add_argument("--json", action="store_true", help="print the results as JSON too")
    ap.add_argument(
        "--live-source", action="store_true",
        help="run the working tree's code (default: a snapshot taken at start, so every run "
        "uses the same pipeline even while src/ is being edited)",
    )  # fmt: skip
    ap.add_argument(
        "--child",
        nargs=5,
        metavar=("ENGINE", "CORPUS", "DB", "WORKERS", "BATCH"),
        help=argparse.SUPPRESS,
    )
    args = ap.parse_args()
    if args.child:
        e, c, d, w, b = args.child
        child(e, c, d, int(w), int(b))
        return

    from factions.store.synthetic import write_corpus

    work = Path(tempfile.mkdtemp(prefix="factions-bench-"))
    try:
        full = work / f"corpus-{args.docs}"
        half = work / f"corpus-{args.docs // 2}"
        write_corpus(full, args.docs, per_file=500)
        print(
            f"corpus: {args.docs} synthetic documents in {full} ({sum(f.stat().st_size for f in full.iterdir()) / 1e6:.1f} MB)"
        )
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
        src = ROOT / "src"
        if not args.live_source:
            src = work / "src"
            shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
        cal_before = machine_parallelism(args.workers)
        print(
            f"machine parallelism before the runs: {args.workers} processes of a pure-CPU loop "
            f"run x{cal_before:.2f} faster than one"
        )
        results = []
        if not args.no_memory_check:
            write_corpus(half, args.docs // 2, per_file=500)
            results.append(run("local", half, work, 1, args.batch_size, src))
        engines = [e for e in args.engines.split(",") if e]
        if "local" not in engines:
            engines.insert(0, "local")  # the baseline every ratio is measured against
        for rnd in range(1, args.repeat + 1):  # rounds alternate engines: noise hits all alike
            for engine in engines:
                res = run(engine, full, work, args.workers, args.batch_size, src)
                res["round"] = rnd
                results.append(res)
        cal_after = machine_parallelism(args.workers)
        base = next(r for r in results if r["engine"] == "local" and r["corpus"] == full.name)
        print()
        hdr = f"{'engine':<10}{'workers':>8}{'docs':>8}{'docs/s':>9}{'steady/s':>10}{'x local':>9}{'x steady':>9}{'writer MB':>11}{'worker MB':>11}{'load':>12}"
        print(hdr)
        print("-" * len(hdr))
        for r in results:
            ratio = r["docs_per_s"] / base["docs_per_s"]
            sratio = (r["steady_docs_per_s"] or 0) / (base["steady_docs_per_s"] or 1)
            print(
                f"{_label(r, args.repeat):<12}{r['workers']:>8}{r['docs']:>8}{r['docs_per_s']:>9.1f}"
                f"{(r['steady_docs_per_s'] or 0):>10.1f}{ratio:>9.2f}{sratio:>9.2f}"
                f"{r['peak_writer_mb']:>11.0f}{r['peak_worker_mb']:>11.0f}"
                f"{r['load_before']:>6.2f}/{r['load_after']:<5.2f}"
            )
        if args.repeat > 1:
            print(f"\nspeed-up against the local run of the same round, {args.repeat} rounds:")
            for engine in engines:
                if engine == "local":
                    continue
                ratios = []
                for rnd in range(1, args.repeat + 1):
                    same = [r for r in results if r.get("round") == rnd]
                    loc = next(r for r in same if r["engine"] == "local")
                    eng = next(r for r in same if r["engine"] == engine)
                    ratios.append(eng["docs_per_s"] / loc["docs_per_s"])
                shown = ", ".join(f"x{x:.2f}" for x in ratios)
                print(f"  {engine:<10} {shown}  median x{statistics.median(ratios):.2f}")
        if not args.no_memory_check:
            h = results[0]
            print(
                f"\nmemory as the corpus doubles ({h['docs']} -> {base['docs']} documents, local): "
                f"peak {h['peak_writer_mb']:.0f} MB -> {base['peak_writer_mb']:.0f} MB "
                f"(x{base['peak_writer_mb'] / h['peak_writer_mb']:.2f})"
            )
        print(
            "\nCPU seconds per 1,000 documents (writer / workers) and the speed-up they imply on an "
            "idle machine with more cores than workers: min(workers / worker CPU, 1 / writer CPU) "
            "per document, against the local run's CPU per document"
        )
        local_cpu = (base["writer_cpu_s"] + base["worker_cpu_s"]) / base["docs"]
        for r in results:
            if r["corpus"] != full.name:
                continue
            w_cpu = r["writer_cpu_s"] / r["docs"]
            k_cpu = r["worker_cpu_s"] / r["docs"]
            if r["engine"] == "local":
                proj = 1.0
            else:
                proj = min(r["workers"] / k_cpu if k_cpu else float("inf"), 1 / w_cpu) * local_cpu
            print(
                f"  {_label(r, args.repeat):<12} writer {1000 * w_cpu:7.1f} s  workers {1000 * k_cpu:7.1f} s"
                f"  projected x{proj:.2f}"
            )
        print(
            f"\nmachine parallelism (pure-CPU loop, {args.workers} processes vs 1): "
            f"x{cal_before:.2f} before the runs, x{cal_after:.2f} after; an engine cannot beat it"
        )
        rel = {r["relations"] for r in results if r["corpus"] == full.name}
        print(
            f"relations written per engine on the full corpus: {sorted(rel)} (identical: {len(rel) == 1})"
        )
        if args.json:
            print(
                json.dumps(
                    {"machine_parallelism": [cal_before, cal_after], "runs": results}, indent=2
                )
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
