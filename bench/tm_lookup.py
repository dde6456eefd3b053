"""Benchmark of the translation memory: import, index, fuzzy lookup, recall.

    .venv/bin/python bench/tm_lookup.py                      # 10k, 100k, 1M
    .venv/bin/python bench/tm_lookup.py --sizes 10000 --queries 100

For each memory size (Chinese -> English units from ../shared/corpora/opus-zh-en,
recombined beyond its size; see bench/corpus.py) it reports:

* TMX import rate (``untm.tm.api.import_file``: parse, store, index) and peak RSS of the
  importing process;
* index build time (a full ``reindex``) and database size;
* lookup latency p50/p95 over the queries (half held-out natural sentences, half memory
  sentences with ~15 % of characters edited), min score 70, top 5;
* recall@5: share of queries whose top 5 (ids and scores) equal those of an exhaustive
  scan - rapidfuzz ``process.extract`` over every unit with the same scorer, then the
  same placeable adjustment and tie-break - and that scan's own latency, for the ratio;
* a cold ``untm tm lookup`` process (start, open, answer) over several queries.

Results go to bench/out/tm_lookup-<size>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from machine import describe  # noqa: E402

import corpus  # noqa: E402
from untm.text.lang import Lang  # noqa: E402
from untm.text.normalize import skeleton_of_key, tm_key  # noqa: E402
from untm.tm import api  # noqa: E402
from untm.tm._batch import hash64  # noqa: E402
from untm.tm.model import Segment, TranslationUnit  # noqa: E402
from untm.tm.scoring import final_score  # noqa: E402
from untm.tm.store import TmStore  # noqa: E402
from untm.tm.tmx import write_tmx  # noqa: E402
from untm.workspace import open_db  # noqa: E402

DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"
MIN_SCORE = 70.0
TOP = 5


def build_tmx(size: int) -> tuple[Path, list[tuple[str, str]]]:
    DATA.mkdir(parents=True, exist_ok=True)
    pairs = corpus.load_opus()
    base, held = corpus.split_held_out(pairs)
    path = DATA / f"tm-{size}.tmx"
    sample: list[corpus.Pair] = []
    if not path.exists():
        tmp = path.with_suffix(".tmp")

        def units():
            for i, p in enumerate(corpus.memory(size, base, held)):
                if i % max(1, size // 2000) == 0:
                    sample.append(p)
                yield TranslationUnit(Segment(p.zh, Lang.ZH, "zh-CN"), Segment(p.en, Lang.EN, "en"))

        write_tmx(units(), tmp, srclang="zh-CN")
        tmp.rename(path)
    else:
        for i, p in enumerate(corpus.memory(size, base, held)):
            if i % max(1, size // 2000) == 0:
                sample.append(p)
    return path, corpus.queries(sample, held)


def import_in_subprocess(tmx: Path, db: Path) -> dict[str, float]:
    """Import in a fresh process so its peak RSS is the import's own.

    The peak is the child's VmHWM: ``ru_maxrss`` survives ``exec`` on Linux, so it would
    report this (much larger) benchmark process instead.
    """
    code = (
        "import json, resource, time, sys\n"
        "from untm.workspace import open_db\nfrom untm.tm import api\n"
        f"db = open_db({str(db)!r}, glossary=False)\n"
        "t = time.perf_counter()\n"
        f"r = api.import_file(db, {str(tmx)!r})\n"
        "dt = time.perf_counter() - t\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print(json.dumps({'added': r.added, 'read': r.read, 'seconds': dt,"
        " 'rss_mb': int(hwm.split()[1]) / 1024,"
        " 'worker_rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def exhaustive_top(
    query: str, keys: list[str], texts: list[str], ids: list[int], skel: dict[int, list[int]]
) -> tuple[list[tuple[int, float]], float]:
    t = time.perf_counter()
    qkey = tm_key(query, Lang.ZH)
    found = process.extract(
        qkey,
        keys,
        scorer=Levenshtein.normalized_similarity,
        # a margin below: rapidfuzz's cutoff can reject a score exactly at it, and the
        # threshold applies to the rounded score; final_score below decides
        score_cutoff=(MIN_SCORE - 0.1) / 100,
        limit=None,
    )
    elapsed = time.perf_counter() - t
    qskel = hash64(skeleton_of_key(qkey))
    cands = {idx: 100.0 * s for _, s, idx in found}
    for idx in skel.get(qskel, []):
        cands.setdefault(idx, 100.0 * Levenshtein.normalized_similarity(qkey, keys[idx]))
    scored = []
    for idx, base in cands.items():
        same = hash64(skeleton_of_key(keys[idx])) == qskel
        final = final_score(base, query, texts[idx], same, Lang.ZH)
        if final.score >= MIN_SCORE:
            scored.append((ids[idx], final.score))
    scored.sort(key=lambda x: (-x[1], -x[0]))  # same tie-break: newest (largest id) first
    return scored[:TOP], elapsed


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(size: int, n_queries: int, exhaustive: bool) -> dict[str, object]:
    tmx, queries = build_tmx(size)
    queries = queries[: n_queries // 2] + queries[len(queries) // 2 :][: n_queries - n_queries // 2]
    dbfile = DATA / f"tm-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dbfile}{suffix}").unlink(missing_ok=True)
    imp = import_in_subprocess(tmx, dbfile)
    db = open_db(dbfile, glossary=False)
    store = TmStore(db)
    t = time.perf_counter()
    store.reindex()
    index_s = time.perf_counter() - t
    db.close()  # as a real process does: the WAL of the rebuild is checkpointed
    db = open_db(dbfile, glossary=False)
    db_bytes = sum(
        os.path.getsize(f"{dbfile}{s}") for s in ("", "-wal") if Path(f"{dbfile}{s}").exists()
    )

    latencies, results = [], []
    for _kind, q in queries:  # warm-up pass excluded from timing
        api.lookup(db, q, lang=Lang.ZH, min_score=MIN_SCORE, limit=TOP)
        break
    for _kind, q in queries:
        t = time.perf_counter()
        ms = api.lookup(db, q, lang=Lang.ZH, min_score=MIN_SCORE, limit=TOP)
        latencies.append(time.perf_counter() - t)
        results.append([(m.unit.id, m.score) for m in ms])

    report: dict[str, object] = {
        "size": size,
        "units": imp["added"],
        "import_seconds": imp["seconds"],
        "import_units_per_s": imp["read"] / imp["seconds"],
        "import_peak_rss_mb": imp["rss_mb"],
        "import_reader_rss_mb": imp["worker_rss_mb"],
        "tmx_bytes": tmx.stat().st_size,
        "index_build_seconds": index_s,
        "db_bytes": db_bytes,
        "queries": len(queries),
        "lookup_p50_ms": 1000 * statistics.median(latencies),
        "lookup_p95_ms": 1000 * pct(latencies, 95),
        "found_any": sum(1 for r in results if r) / len(results),
    }
    if exhaustive:
        report |= recall(db, queries, results, latencies)
    db.close()
    report["cold_process_s"] = cold_process(dbfile, [q for _, q in queries[:5]])
    return report


def recall(
    db: object,
    queries: list[tuple[str, str]],
    results: list[list[tuple[int, float]]],
    latencies: list[float],
) -> dict[str, object]:
    """recall@5 against an exhaustive scan of every unit, and that scan's latency."""
    rows = db.conn.execute(  # type: ignore[attr-defined]
        "SELECT id, coalesce(zh_key, zh), zh FROM tm_units ORDER BY id"
    ).fetchall()
    ids = [r[0] for r in rows]
    keys = [r[1] for r in rows]
    texts = [r[2] for r in rows]
    skel: dict[int, list[int]] = {}
    for i, k in enumerate(keys):
        skel.setdefault(hash64(skeleton_of_key(k)), []).append(i)
    same, scan = 0, []
    misses = []
    for (kind, q), got in zip(queries, results, strict=True):
        ref, elapsed = exhaustive_top(q, keys, texts, ids, skel)
        scan.append(elapsed)
        if [(i, s) for i, s in ref] == got:
            same += 1
        else:
            misses.append({"kind": kind, "query": q, "engine": got, "exhaustive": ref})
    return {
        "recall_at_5": same / len(queries),
        "exhaustive_p50_ms": 1000 * statistics.median(scan),
        "speedup_p50": statistics.median(scan) / statistics.median(latencies),
        "misses": misses[:10],
    }


def cold_process(dbfile: Path, queries: list[str]) -> float:
    """Median wall time of whole ``untm tm lookup`` processes."""
    exe = Path(sys.executable).with_name("untm")
    times = []
    for q in queries:
        t = time.perf_counter()
        subprocess.run([str(exe), "--db", str(dbfile), "tm", "lookup", q], capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--no-exhaustive", action="store_true")
    args = ap.parse_args()
    if not corpus.OPUS.exists():
        sys.exit(f"{corpus.OPUS} is absent: the benchmark needs ../shared")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {describe()}")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        rep = run(size, args.queries, not args.no_exhaustive)
        (OUT / f"tm_lookup-{size}.json").write_text(json.dumps(rep, ensure_ascii=False, indent=2))
        rows.append(rep)
        print(json.dumps({k: v for k, v in rep.items() if k != "misses"}, indent=1), flush=True)
    print(
        "\n| units | import units/s | peak RSS MB | index build s | DB MB | p50 ms | p95 ms "
        "| recall@5 | exhaustive p50 ms | speed-up | cold process s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['units']:,} | {r['import_units_per_s']:,.0f} | {r['import_peak_rss_mb']:.0f} "
            f"| {r['index_build_seconds']:.1f} | {r['db_bytes'] / 1e6:,.0f} "
            f"| {r['lookup_p50_ms']:.2f} | {r['lookup_p95_ms']:.2f} "
            f"| {r.get('recall_at_5', float('nan')):.3f} "
            f"| {r.get('exhaustive_p50_ms', float('nan')):.0f} "
            f"| {r.get('speedup_p50', float('nan')):.0f}x | {r['cold_process_s']:.2f} |"
        )
    print(f"\nresource: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB peak")


if __name__ == "__main__":
    main()
