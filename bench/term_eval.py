"""Evaluation of ``untm align terms`` and of compositional suggestions (issue 9).

    .venv/bin/python bench/term_eval.py            # every figure, Markdown to stdout
    .venv/bin/python bench/term_eval.py --quick    # no planted-conflict runs

Measured on the five corpus document pairs (``corpus/zh/NAME.txt`` with the clean
English ``corpus/en/NAME.txt``) against the gold term lists ``corpus/terms/NAME.tsv``
(``zh<TAB>en``: every UN term of the document with its English in the reference
translation; the gold lists are the oracle, nothing is tuned per document):

* term-pair precision@k (k = 10, 20, 50) and recall, over the whole output, with
  ``--no-glossary`` (no termbase); **strict**: the pair's Chinese and English equal a
  gold pair's (white space collapsed); **lenient**: equal after untm's term keys
  (width, case, plurals, hyphens, a leading article, 《》 and spaces in the Chinese);
  each with and without sentencepiece pieces;
* conflicts: with the shipped glossary, five concepts that the document confirms get a
  wrong English (the English of another concept) in a fresh database; a planted entry
  is flagged correctly when the pair of its Chinese is a ``conflict`` showing the
  planted English; false conflicts are the other concepts' pairs flagged;
* compositional suggestions: every shipped glossary concept whose preferred Chinese
  term the composer can build from *other* concepts' terms alone (its parts are known)
  is held back (its concept excluded from the lookups) and composed; right when the
  composition's key is that of one of the concept's English terms;
* speed: the five pairs read, aligned and extracted in one process, without the
  termbase (the target is 10 s together).

Raw figures go to bench/out/term_eval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))

KS = (10, 20, 50)


def gold_pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in (CORPUS / "terms" / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            zh, en = line.split("\t")
            out.append((zh.strip(), en.strip()))
    return out


def lenient(zh: str, en: str) -> tuple[str, str]:
    from untm.text.lang import Lang
    from untm.text.normalize import term_key

    return term_key(zh, Lang.ZH), term_key(en, Lang.EN)


def strict(zh: str, en: str) -> tuple[str, str]:
    return " ".join(zh.split()), " ".join(en.split())


def scores(pairs: list[tuple[str, str]], gold: list[tuple[str, str]]) -> dict[str, object]:
    out: dict[str, object] = {"pairs": len(pairs), "gold": len(gold)}
    for name, key in (("lenient", lenient), ("strict", strict)):
        g = {key(z, e) for z, e in gold}
        got = [key(z, e) for z, e in pairs]
        found = set(got)
        row: dict[str, float] = {}
        for k in KS:
            top = got[:k]
            row[f"p@{k}"] = round(sum(x in g for x in top) / max(1, len(top)), 3)
        row["recall"] = round(sum(x in found for x in g) / len(g), 3)
        row["precision_all"] = round(sum(x in g for x in got) / max(1, len(got)), 3)
        out[name] = row
    return out


def documents() -> list[str]:
    return sorted(p.stem for p in (CORPUS / "terms").glob("*.tsv"))


def extraction(pieces: bool) -> dict[str, object]:
    from untm.align.terms import extract_pairs
    from untm.align.terms_io import beads_of_pair

    per_doc = {}
    total = 0.0
    for name in documents():
        t = time.perf_counter()
        beads = beads_of_pair(CORPUS / "zh" / f"{name}.txt", CORPUS / "en" / f"{name}.txt")
        result = extract_pairs(beads, pieces=pieces)
        seconds = time.perf_counter() - t
        total += seconds
        row = scores([(p.zh, p.en) for p in result.pairs], gold_pairs(name))
        row["seconds"] = round(seconds, 2)
        per_doc[name] = row
    return {"documents": per_doc, "seconds": round(total, 2), "mean": _mean(per_doc)}


def _mean(per_doc: dict[str, dict[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for kind in ("lenient", "strict"):
        rows = [r[kind] for r in per_doc.values()]
        out[kind] = {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]}  # type: ignore[index]
    return out


def speed() -> dict[str, object]:
    """The five pairs in a fresh process (imports, dictionary, alignment, extraction)."""
    import subprocess

    code = (
        "import sys, time; t = time.perf_counter()\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from untm.align.terms import extract_pairs\n"
        "from untm.align.terms_io import beads_of_pair\n"
        f"for n in {documents()!r}:\n"
        f"    b = beads_of_pair({str(CORPUS)!r} + '/zh/' + n + '.txt', "
        f"{str(CORPUS)!r} + '/en/' + n + '.txt')\n"
        "    extract_pairs(b)\n"
        "print(time.perf_counter() - t)"
    )
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        runs.append(time.perf_counter() - t)
    return {
        "process_seconds_median": round(sorted(runs)[1], 2),
        "runs": [round(r, 2) for r in runs],
    }


def conflicts(planted_per_doc: int = 5) -> dict[str, object]:
    """Planted wrong entries, with the shipped glossary (see the module docstring)."""
    from dataclasses import replace

    from untm.align.terms import extract_pairs
    from untm.align.terms_io import beads_of_pair
    from untm.termbase.model import Term
    from untm.termbase.store import SqliteTermStore
    from untm.text.lang import Lang
    from untm.workspace import open_db

    OUT.mkdir(parents=True, exist_ok=True)
    rows = {}
    flagged = planted = false = confirmed_before = 0
    for name in documents():
        path = OUT / f"term-conflicts-{name}.db"
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        db = open_db(path)
        zh, en = CORPUS / "zh" / f"{name}.txt", CORPUS / "en" / f"{name}.txt"
        before = extract_pairs(beads_of_pair(zh, en, db=db), db=db)
        confirmed = [p for p in before.pairs if p.status == "confirmed" and p.concept_id]
        chosen, seen = [], set()
        for p in confirmed:
            if p.concept_id not in seen and len(p.zh) >= 2:
                seen.add(p.concept_id)
                chosen.append(p)
            if len(chosen) == planted_per_doc:
                break
        store = SqliteTermStore(db)
        concepts = {c.id: c for c in store.concepts([p.concept_id for p in chosen])}
        wrong = {}
        for k, p in enumerate(chosen):
            other = chosen[(k + 1) % len(chosen)]
            c = concepts[p.concept_id]
            bad = f"{other.en} (planted)"
            terms = (*(t for t in c.terms if t.lang is Lang.ZH), Term(bad, Lang.EN))
            wrong[p.concept_id] = (p.zh, bad)
            store.put([(replace(c, terms=terms), "planted")])
        after = extract_pairs(beads_of_pair(zh, en, db=db), db=db)
        ok = 0
        for z, bad in wrong.values():
            hit = [p for p in after.pairs if p.zh == z]
            if hit and hit[0].status == "conflict" and bad in hit[0].termbase:
                ok += 1
        others = {p.zh for p in confirmed if p.concept_id not in wrong}
        fc = sum(1 for p in after.pairs if p.zh in others and p.status == "conflict")
        rows[name] = {"planted": len(wrong), "flagged": ok, "false_conflicts": fc}
        flagged += ok
        planted += len(wrong)
        false += fc
        confirmed_before += len(others)
        db.close()
    return {
        "documents": rows,
        "planted": planted,
        "flagged": flagged,
        "false_conflicts": false,
        "confirmed_pairs_checked": confirmed_before,
    }


def composition() -> dict[str, object]:
    """Held-back compound glossary terms (see the module docstring)."""
    from untm.align.compose import compose, known_parts
    from untm.termbase.store import SqliteTermStore
    from untm.text.lang import Lang
    from untm.text.normalize import term_key
    from untm.workspace import open_db

    OUT.mkdir(parents=True, exist_ok=True)
    db = open_db(OUT / "term-compose.db")
    store = SqliteTermStore(db)
    eligible = right = 0
    examples = []
    t = time.perf_counter()
    for c in store.all_concepts():
        zh = c.terms_in(Lang.ZH)
        if not zh or len(zh[0].text) < 4:
            continue
        query = zh[0].text
        known = known_parts(store, dictionary=False, exclude_concepts=frozenset({c.id}))
        found = compose(query, known, exclude=query)
        if found is None or any(p.source != "termbase" for p in found.parts):
            continue
        eligible += 1
        keys = {term_key(t.text, Lang.EN) for t in c.terms_in(Lang.EN)}
        ok = term_key(found.en, Lang.EN) in keys
        right += ok
        if len(examples) < 400:
            examples.append(
                {
                    "zh": query,
                    "composed": found.en,
                    "right": ok,
                    "english": [t.text for t in c.terms_in(Lang.EN)][:2],
                    "parts": [p.zh for p in found.parts],
                }
            )
    db.close()
    return {
        "eligible": eligible,
        "right": right,
        "accuracy": round(right / max(1, eligible), 3),
        "seconds": round(time.perf_counter() - t, 1),
        "examples": examples,
    }


def markdown(report: dict[str, object]) -> str:
    lines = [
        "| document | sentencepiece | pairs | gold | P@10 | P@20 | P@50 | recall | "
        "P@50 strict | recall strict | s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, key in (("no", "without_pieces"), ("yes", "with_pieces")):
        ex = report[key]
        for name, r in ex["documents"].items():  # type: ignore[index]
            le, st = r["lenient"], r["strict"]
            lines.append(
                f"| {name[:3]} | {label} | {r['pairs']} | {r['gold']} | {le['p@10']} | "
                f"{le['p@20']} | {le['p@50']} | {le['recall']} | {st['p@50']} | "
                f"{st['recall']} | {r['seconds']} |"
            )
        m = ex["mean"]  # type: ignore[index]
        lines.append(
            f"| **mean** | {label} | | | {m['lenient']['p@10']} | {m['lenient']['p@20']} | "
            f"**{m['lenient']['p@50']}** | **{m['lenient']['recall']}** | "
            f"{m['strict']['p@50']} | {m['strict']['recall']} | {ex['seconds']} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="skip the planted conflicts")
    args = ap.parse_args()
    os.environ.setdefault("UNTM_DB", str(OUT / "term-eval-unused.db"))
    report: dict[str, object] = {
        "without_pieces": extraction(False),
        "with_pieces": extraction(True),
        "speed": speed(),
        "composition": composition(),
    }
    if not args.quick:
        report["conflicts"] = conflicts()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "term_eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(markdown(report))
    comp = report["composition"]
    print(f"\ncomposition: {comp['right']}/{comp['eligible']} = {comp['accuracy']}")  # type: ignore[index]
    print(f"speed: {report['speed']}")
    if "conflicts" in report:
        c = report["conflicts"]
        print(
            f"conflicts: {c['flagged']}/{c['planted']} planted flagged, "  # type: ignore[index]
            f"{c['false_conflicts']} false among {c['confirmed_pairs_checked']}"
        )  # type: ignore[index]


if __name__ == "__main__":
    main()
