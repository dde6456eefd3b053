"""Benchmark of term matching in running text (issue 7, item 1).

    .venv/bin/python bench/matcher_bench.py            # needs ../shared (the seeds)
    .venv/bin/python bench/matcher_bench.py --concepts 100000

Measured, on the shipped glossary plus ``--concepts`` generated concepts (the
expansion of ``bench/termbase_bench.py``, 100,000 by default):

1. matcher build (nothing cached) and matcher load in a fresh process (cached in the
   database for the termbase's generation);
2. scan throughput of ``TermMatcher.find`` with the word-boundary check, on >= 2 MB of
   Chinese (the five seed documents repeated, as in the termbase benchmark) and on
   text that does not repeat (the Chinese side of ../shared/corpora/opus-zh-en): the
   first scan of a freshly loaded matcher (nothing remembered) and the median of
   later scans; medians over ``--runs``;
3. the reference in the same run: a plain Aho-Corasick scan of the same keys over the
   same matching view (pyahocorasick ``iter_long``: leftmost-longest, no boundary check,
   no occurrences built), and the ratio;
4. word-boundary crossings on the five demo documents with the shipped glossary:
   reported Chinese spans whose start or end is not a boundary of jieba's own
   segmentation (``jieba.cut(HMM=False)`` with the term keys added at the frequency
   untm gives them) - for the matcher, and for the method it replaced (leftmost-longest
   over every key occurrence, no boundary check).

A Markdown table goes to stdout, figures to bench/out/matcher_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNTM_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
OPUS = SHARED / "corpora" / "opus-zh-en" / "zh.txt"
DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"

if not SEEDS.is_dir():
    sys.exit(f"bench/matcher_bench.py: {SEEDS} is absent; the benchmark needs ../shared")

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from machine import machine  # noqa: E402

from untm.termbase.matcher import TermMatcher  # noqa: E402
from untm.termbase.store import SqliteTermStore  # noqa: E402
from untm.text.lang import Lang  # noqa: E402
from untm.text.view import zh_view  # noqa: E402
from untm.workspace import open_db  # noqa: E402


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def repeated_seeds(mb: float) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < mb * 1e6:
        text += "\n\n".join(seeds) + "\n\n"
    return text


def make_db(concepts: int) -> Path:
    """The shipped glossary plus the generated concepts (made once, kept in bench/data)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"matcher-{concepts}.db"
    if path.exists():
        return path
    import termbase_bench as tb

    generated = tb.expand(tb.load_shipped(), concepts) if concepts else []
    db = open_db(path)
    if generated:
        SqliteTermStore(db).import_concepts(generated, origin="bench expansion")
    db.close()
    return path


def load_in_fresh_process(path: Path, runs: int) -> float:
    code = (
        "import time, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from untm.workspace import open_db\n"
        "from untm.termbase.store import SqliteTermStore\n"
        "from untm.termbase.matcher import TermMatcher\n"
        f"db = open_db({str(path)!r})\n"
        "t = time.perf_counter(); TermMatcher(SqliteTermStore(db)); "
        "print(time.perf_counter() - t)\n"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def scans(path: Path, text: str, runs: int) -> dict[str, float]:
    """First scan of a fresh matcher (median over runs) and later scans."""
    firsts, laters = [], []
    for _ in range(runs):
        db = open_db(path)
        matcher = TermMatcher(SqliteTermStore(db))
        dt, found = timed(lambda m=matcher: m.find(text))  # type: ignore[misc]
        firsts.append(dt)
        laters.append(timed(lambda m=matcher: m.find(text))[0])  # type: ignore[misc]
        db.close()
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "mb": round(mb, 2),
        "occurrences": len(found),
        "first_scan_s": round(statistics.median(firsts), 3),
        "first_mb_per_s": round(mb / statistics.median(firsts), 2),
        "later_scan_s": round(statistics.median(laters), 3),
        "later_mb_per_s": round(mb / statistics.median(laters), 2),
    }


def plain_scan(path: Path, text: str, runs: int) -> dict[str, float]:
    """The reference: pyahocorasick leftmost-longest over the same view, no checks."""
    import ahocorasick

    db = open_db(path)
    keys = {r.key for r in SqliteTermStore(db).all_terms() if r.lang is Lang.ZH and r.key}
    db.close()
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k in keys:
        automaton.add_word(k, len(k))
    automaton.make_automaton()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        view = zh_view(text)
        n = sum(1 for _ in automaton.iter_long(view.text))
        times.append(time.perf_counter() - t)
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "scan_s": round(statistics.median(times), 3),
        "mb_per_s": round(mb / statistics.median(times), 2),
        "matches": n,
    }


def crossings(path: Path) -> dict[str, object]:
    """Boundary crossings against jieba's own segmentation, matcher and old method."""
    import jieba

    from untm.text.words import suggested_freqs

    jieba.setLogLevel(60)
    db = open_db(path)
    store = SqliteTermStore(db)
    matcher = TermMatcher(store)
    keys = sorted({r.key for r in store.all_terms() if r.lang is Lang.ZH and r.key})
    tok = jieba.Tokenizer()
    tok.initialize()
    for k, f in suggested_freqs(keys).items():
        tok.add_word(k, freq=f)
    key_set = set(keys)
    longest = max(map(len, keys))
    result: dict[str, object] = {
        "documents": 0,
        "matcher_spans": 0,
        "matcher_crossing": 0,
        "old_spans": 0,
        "old_crossing": 0,
        "old_examples": [],
    }
    examples: list[str] = []
    for doc in sorted((ROOT / "corpus" / "zh").glob("*.txt")):
        text = doc.read_text(encoding="utf-8")
        view = zh_view(text)
        bounds = {0}
        at = 0
        for w in tok.cut(view.text, HMM=False):
            at += len(w)
            bounds.add(at)
        result["documents"] += 1  # type: ignore[operator]
        for occ in matcher.find(text):
            if occ.term.lang is not Lang.ZH or occ.kind.value != "term":
                continue
            s = int(np.searchsorted(view.offsets, occ.start))
            e = int(np.searchsorted(view.offsets, occ.end - 1)) + 1
            result["matcher_spans"] += 1  # type: ignore[operator]
            result["matcher_crossing"] += s not in bounds or e not in bounds  # type: ignore[operator]
        v = view.text
        i = 0
        while i < len(v):  # the old method: leftmost-longest key, anywhere
            n = next(
                (n for n in range(min(longest, len(v) - i), 0, -1) if v[i : i + n] in key_set), 0
            )
            if not n:
                i += 1
                continue
            result["old_spans"] += 1  # type: ignore[operator]
            if i not in bounds or i + n not in bounds:
                result["old_crossing"] += 1  # type: ignore[operator]
                if len(examples) < 12:
                    examples.append(
                        v[max(0, i - 3) : i] + "[" + v[i : i + n] + "]" + v[i + n : i + n + 3]
                    )
            i += n
    result["old_examples"] = examples
    db.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--concepts", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--text-mb", type=float, default=2.0)
    args = ap.parse_args()
    report: dict[str, object] = {
        "command": " ".join([os.path.relpath(sys.executable, ROOT), *sys.argv]),
        "machine": machine(),
    }
    path = make_db(args.concepts)
    db = open_db(path)
    db.conn.execute("DELETE FROM tb_cache")  # a build from nothing
    store = SqliteTermStore(db)
    report["concepts"] = store.stats().concepts
    report["build_s"] = round(timed(lambda: TermMatcher(store))[0], 2)
    db.close()
    report["load_fresh_process_s"] = round(load_in_fresh_process(path, args.runs), 3)
    seeds = repeated_seeds(args.text_mb)
    report["seeds"] = scans(path, seeds, args.runs)
    report["seeds_reference"] = plain_scan(path, seeds, args.runs)
    if OPUS.exists():
        opus = OPUS.read_text(encoding="utf-8")
        report["opus"] = scans(path, opus, args.runs)
        report["opus_reference"] = plain_scan(path, opus, args.runs)
    report["crossings"] = crossings(make_db(0))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "matcher_bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
