"""Evaluation of the sentence aligner against gold alignments (issue 8).

    .venv/bin/python bench/align_eval.py                   # project gold + the Bible
    .venv/bin/python bench/align_eval.py path/to/gold ...   # also any gold folder
    .venv/bin/python bench/align_eval.py --no-bible          # skip the 40 s Bible run
    .venv/bin/python bench/align_eval.py --no-terms          # skip term pairs (term_eval.py)

A gold folder has ``zh/``, ``en/`` and ``gold/``, one file per document with the same
name: one sentence per line in ``zh/`` and ``en/``, Vecalign beads (``[0, 1]:[0]``,
Chinese first, 0-based) in ``gold/``. Measured, for untm and, as the in-run reference,
Gale-Church (PyPI ``galechurch``, its default variance and the pair's ratio of
characters as its mean) on the same presegmented
input:

* strict precision, recall and F1 of beads (a bead is right only if the identical
  bead is in the gold; every bead counts, those with an empty side too), and lax ones
  (a bead with both sides is right if a gold bead shares a sentence of each side with
  it; beads with an empty side are not counted);
* for the project corpus, the units of ``untm align docs`` on the raw PDF-extracted
  texts (``corpus/zh/NAME.txt`` and ``corpus/en-pdf/NAME.txt``: clean-up, structure
  and segmentation included) against the gold's units (beads with both sides, each
  side's sentences joined), compared with all whitespace removed: unit precision and
  recall; and the same with ``corpus/en/NAME.txt`` (clean English);
* ``../shared/corpora/bible-zh-en`` (42,687 x 30,000 sentences), scored as its README
  says (predicted beads merged by verse first), with the time and peak RSS of a fresh
  process that reads, aligns and writes the beads.

Figures go to stdout as Markdown and to bench/out/align_eval.json.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNTM_SHARED", ROOT.parent / "shared"))
BIBLE = SHARED / "corpora" / "bible-zh-en"
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import machine  # noqa: E402

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def read_beads(path: Path) -> list[Bead]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a, b = line.split(":")
            out.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    return out


def strict(pred: Sequence[Bead], gold: Sequence[Bead]) -> tuple[int, int, int]:
    """(right, predicted, gold) counts of identical beads."""
    return len(set(pred) & set(gold)), len(pred), len(gold)


def lax(pred: Sequence[Bead], gold: Sequence[Bead]) -> tuple[int, int, int, int]:
    """(predicted right, predicted, gold found, gold) over beads with both sides."""
    p = [b for b in pred if b[0] and b[1]]
    g = [b for b in gold if b[0] and b[1]]

    def overlaps(x: Bead, ys: Iterable[Bead]) -> bool:
        return any(set(x[0]) & set(y[0]) and set(x[1]) & set(y[1]) for y in ys)

    gz = {i: y for y in g for i in y[0]}
    pz = {i: y for y in p for i in y[0]}
    p_ok = sum(1 for x in p if overlaps(x, {gz[i] for i in x[0] if i in gz}))
    g_ok = sum(1 for y in g if overlaps(y, {pz[i] for i in y[0] if i in pz}))
    return p_ok, len(p), g_ok, len(g)


def prf(right: int, predicted: int, gold: int, right_gold: int | None = None) -> dict[str, float]:
    p = right / predicted if predicted else 0.0
    r = (right_gold if right_gold is not None else right) / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def untm_beads(zh: Path, en: Path, db: object) -> list[Bead]:
    from untm.align.api import align_documents

    result = align_documents(zh, en, db=db, presegmented=True)  # type: ignore[arg-type]
    return [(b.zh, b.en) for b in result.beads]


def gale_church(zh: Path, en: Path) -> list[Bead]:
    import galechurch

    a = zh.read_text(encoding="utf-8").splitlines()
    b = en.read_text(encoding="utf-8").splitlines()
    # its length model with this pair's ratio of characters (the default, 1, is for
    # two languages of one script; the package's mean_xy is source over target
    # characters) and its default variance
    ratio = sum(map(len, a)) / max(1, sum(map(len, b)))
    block = galechurch.align(a, b, mean_xy=ratio, max_block_size=2_000_000_000)
    return [
        (tuple(range(x.source_start, x.source_end)), tuple(range(x.target_start, x.target_end)))
        for x in block.beads
    ]


def gold_folder(folder: Path, db: object) -> dict[str, object]:
    """Strict and lax figures of untm and Gale-Church on one gold folder."""
    totals = {"untm": [0, 0, 0, 0, 0, 0, 0], "gale-church": [0, 0, 0, 0, 0, 0, 0]}
    docs = {}
    for g in sorted((folder / "gold").iterdir()):
        zh, en = folder / "zh" / g.name, folder / "en" / g.name
        gold = read_beads(g)
        row = {}
        for name in ("untm", "gale-church"):
            t = time.perf_counter()
            pred = untm_beads(zh, en, db) if name == "untm" else gale_church(zh, en)
            s, lx = strict(pred, gold), lax(pred, gold)
            for k, v in enumerate((*s, *lx)):
                totals[name][k] += v
            row[name] = {
                "strict": prf(*s),
                "lax": prf(lx[0], lx[1], lx[3], lx[2]),
                "seconds": round(time.perf_counter() - t, 3),
            }
        docs[g.name] = row
    summary = {
        name: {"strict": prf(t[0], t[1], t[2]), "lax": prf(t[3], t[4], t[6], t[5])}
        for name, t in totals.items()
    }
    return {"folder": str(folder), "documents": docs, "total": summary}


def _key(text: str) -> str:
    return "".join(text.split())


def docs_units(db: object, english: str) -> dict[str, object]:
    """Unit precision and recall of ``align docs`` on raw texts against the gold units."""
    from untm.align.api import align_documents

    gold_dir = ROOT / "corpus" / "aligned"
    right = predicted = found = wanted = 0
    per_doc = {}
    for g in sorted((gold_dir / "gold").iterdir()):
        zs = (gold_dir / "zh" / g.name).read_text(encoding="utf-8").splitlines()
        es = (gold_dir / "en" / g.name).read_text(encoding="utf-8").splitlines()
        gold = {
            (_key("".join(zs[i] for i in a)), _key(" ".join(es[j] for j in b)))
            for a, b in read_beads(g)
            if a and b
        }
        result = align_documents(
            ROOT / "corpus" / "zh" / g.name, ROOT / "corpus" / english / g.name, db=db
        )  # type: ignore[arg-type]
        units = {(_key(u.zh), _key(u.en)) for u in result.units(0.5)}
        ok = len(units & gold)
        right += ok
        predicted += len(units)
        found += ok
        wanted += len(gold)
        per_doc[g.name] = prf(ok, len(units), len(gold))
    return {"english": english, "total": prf(right, predicted, wanted, found), "documents": per_doc}


def bible(runs: int) -> dict[str, object]:
    """The Bible in a fresh process per run: time (median) and peak RSS (max)."""
    times, peaks = [], []
    out_file = OUT / "bible-beads.txt"
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__)), "--bible-child", str(out_file)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - t)
        peaks.append(int(proc.stdout.strip().splitlines()[-1]))
    pred = read_beads(out_file)
    zv = (BIBLE / "zh.verse").read_text(encoding="utf-8").splitlines()
    ev = (BIBLE / "en.verse").read_text(encoding="utf-8").splitlines()
    gold = read_beads(BIBLE / "gold.align")
    merged = merge_by_verse(pred, zv, ev)
    t0 = time.perf_counter()
    gc = merge_by_verse(gale_church(BIBLE / "zh.txt", BIBLE / "en.txt"), zv, ev)
    gc_s = time.perf_counter() - t0
    return {
        "untm": prf(*strict(merged, gold)),
        "seconds": round(sorted(times)[len(times) // 2], 1),
        "peak_rss_mb": max(peaks),
        "gale-church": prf(*strict(gc, gold)),
        "gale_church_seconds": round(gc_s, 1),
    }


def merge_by_verse(pred: Sequence[Bead], zv: Sequence[str], ev: Sequence[str]) -> list[Bead]:
    """The README's rule: a bead whose sentences are all of one verse (an empty side
    counts as any verse) has that verse as its type; a bead whose type equals that of
    the bead before it is joined to it."""
    out: list[Bead] = []
    prev = None
    for z, e in pred:
        verses = {zv[i] for i in z} | {ev[j] for j in e}
        kind = next(iter(verses)) if len(verses) == 1 else None
        if out and kind is not None and kind == prev:
            out[-1] = (out[-1][0] + z, out[-1][1] + e)
        else:
            out.append((z, e))
        prev = kind
    return out


def five_thousand(runs: int) -> dict[str, object]:
    """A 5,000-sentence pair (the Bible's first 5,000 Chinese sentences and the English
    up to the same verse), aligned in a fresh process: median seconds."""
    zs = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()[:5000]
    zv = (BIBLE / "zh.verse").read_text(encoding="utf-8").splitlines()
    ev = (BIBLE / "en.verse").read_text(encoding="utf-8").splitlines()
    last = max(i for i, v in enumerate(ev) if v == zv[4999]) + 1
    es = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()[:last]
    folder = OUT / "five-thousand"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zh.txt").write_text("\n".join(zs) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(es) + "\n", encoding="utf-8")
    code = (
        "import sys, time; t = time.perf_counter()\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from untm.align.api import align_documents\n"
        f"align_documents({str(folder / 'zh.txt')!r}, {str(folder / 'en.txt')!r}, "
        "presegmented=True)\n"
        "print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return {
        "zh": len(zs),
        "en": len(es),
        "process_seconds": round(sorted(times)[len(times) // 2], 2),
    }


def bible_child(target: str) -> None:
    from untm.align.api import align_documents

    result = align_documents(BIBLE / "zh.txt", BIBLE / "en.txt", presegmented=True)
    Path(target).write_text("".join(f"{list(b.zh)}:{list(b.en)}\n" for b in result.beads))
    status = Path("/proc/self/status").read_text()
    print(int(status.split("VmHWM:")[1].split()[0]) // 1024)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("folders", nargs="*", type=Path, help="more gold folders (zh/, en/, gold/)")
    ap.add_argument("--no-bible", action="store_true")
    ap.add_argument(
        "--no-terms", action="store_true", help="skip the term-pair evaluation (bench/term_eval.py)"
    )
    ap.add_argument("--runs", type=int, default=3, help="Bible runs (median time)")
    ap.add_argument("--bible-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bible_child:
        bible_child(args.bible_child)
        return
    from untm.workspace import open_db

    OUT.mkdir(parents=True, exist_ok=True)
    db = open_db(OUT / "align-eval.db")
    report: dict[str, object] = {
        "command": " ".join([os.path.relpath(sys.executable, ROOT), *sys.argv]),
        "machine": machine(),
        "project": gold_folder(ROOT / "corpus" / "aligned", db),
        "project_no_termbase": gold_folder(ROOT / "corpus" / "aligned", None)["total"],
        "docs_units_pdf": docs_units(db, "en-pdf"),
        "docs_units_clean": docs_units(db, "en"),
        "folders": [gold_folder(f, db) for f in args.folders],
    }
    if not args.no_bible and BIBLE.is_dir():
        report["bible"] = bible(args.runs)
        report["five_thousand"] = five_thousand(args.runs)
    if not args.no_terms:  # issue 9's figures: term pairs, compositions (its own script)
        subprocess.run([sys.executable, str(ROOT / "bench" / "term_eval.py")], check=True)
        report["terms"] = json.loads((OUT / "term_eval.json").read_text(encoding="utf-8"))
    (OUT / "align_eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(
        json.dumps(
            {k: v for k, v in report.items() if k != "project"}, indent=2, ensure_ascii=False
        )
    )
    print(json.dumps(report["project"]["total"], indent=2))  # type: ignore[index]


if __name__ == "__main__":
    main()
