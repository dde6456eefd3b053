"""Benchmark of ``untm lint`` (issue 10).

    .venv/bin/python bench/lint_bench.py            # 10,000-segment XLIFF, document 001
    .venv/bin/python bench/lint_bench.py --runs 5

Measured, with the shipped glossary (a database made once, then reused as a user's is):

* a 10,000-segment XLIFF 1.2 in each direction, built from the 552 gold sentence beads
  of the corpus (``corpus/aligned``), each repeat numbered ("12. ...", a paragraph
  number, on both sides) so that no two segments are the same text: ``lint_file``
  in-process (the matcher loaded from the database in each run) and a whole ``untm
  lint FILE --json`` process, medians;
* a whole-document lint of the longest corpus document (001: reading, clean-up,
  sentences, alignment and checks), in-process and as a whole process, both directions;
* the reference, translate-toolkit's ``pofilter`` (the QA tool of the Pootle / Weblate
  family, installed with untm): its time on the same 10,000-segment XLIFF, and what it
  finds of the injected errors of the lint test corpus (``tests/lint/data/segments/
  zh-en.xlf`` and ``en-zh.xlf``), per rule, against untm.

Figures go to stdout as Markdown and to bench/out/lint_bench.json; the machine is
described as bench/machine.py does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe, machine  # noqa: E402

UNTM = ROOT / ".venv" / "bin" / "untm"
POFILTER = ROOT / ".venv" / "bin" / "pofilter"
DATA = ROOT / "tests" / "lint" / "data"
N = 10_000


def gold_pairs() -> list[tuple[str, str]]:
    out = []
    aligned = ROOT / "corpus" / "aligned"
    for gold in sorted((aligned / "gold").glob("*.txt")):
        zh = (aligned / "zh" / gold.name).read_text(encoding="utf-8").splitlines()
        en = (aligned / "en" / gold.name).read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (json.loads(side) for side in line.split(":"))
            if left and right:
                out.append(("".join(zh[i] for i in left), " ".join(en[j] for j in right)))
    return out


def big_xliff(path: Path, direction: str) -> None:
    pairs = gold_pairs()
    src, tgt = direction.split("-")
    units = []
    for n in range(N):
        zh, en = pairs[n % len(pairs)]
        copy = n // len(pairs)
        if copy:
            zh, en = f"{copy}. {zh}", f"{copy}. {en}"
        s, t = (zh, en) if src == "zh" else (en, zh)
        units.append(
            f'<trans-unit id="u{n + 1}"><source>{escape(s)}</source>'
            f"<target>{escape(t)}</target></trans-unit>\n"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="bench" source-language="{src}" target-language="{tgt}" '
        f'datatype="plaintext"><body>\n{"".join(units)}</body></file></xliff>\n',
        encoding="utf-8",
    )


def timed(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def process(args: list[str], runs: int, ok: tuple[int, ...] = (0, 1)) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(args, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
        if proc.returncode not in ok:
            raise SystemExit(f"{args}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def pofilter_ids(path: Path, out: Path) -> dict[str, set[str]]:
    """Unit id -> the names of the pofilter tests it fails."""
    subprocess.run(
        [str(POFILTER), "--progress=none", "-i", str(path), "-o", str(out)],
        capture_output=True,
        check=False,
    )
    from lxml import etree

    found: dict[str, set[str]] = {}
    if not out.exists():
        return found
    tree = etree.parse(str(out))  # pofilter writes XLIFF 1.1
    for tu in tree.iter("{*}trans-unit"):
        tests = set()
        for note in tu.iter("{*}note"):
            name = (note.text or "").split(":", 1)[0].strip()
            # isfuzzy flags every unit that is not marked approved: not a finding
            if name and name != "isfuzzy":
                tests.add(name)
        if tests:
            found[str(tu.get("id"))] = tests
    return found


#: The pofilter tests that check what each lint rule checks (pofilter has no termbase
#: check, so none for the term rules).
POFILTER_TESTS = {
    "number": {"numbers"},
    "date": {"numbers"},
    "symbol": {"numbers"},
    "reference": {"numbers"},
    "untranslated": {"untranslated", "unchanged"},
    "brackets": {"brackets"},
}
RELEVANT = {"numbers", "untranslated", "unchanged", "brackets"}


def recall(direction: str, db_path: Path, tmp: Path) -> dict[str, object]:
    """Injected errors of the XLIFF 1.2 corpus file found by untm and by pofilter."""
    from untm.lint.api import lint_file
    from untm.workspace import open_db

    name = f"segments/{direction}.xlf"
    expected = [
        e for e in json.loads((DATA / "expectations.json").read_text()) if e["file"] == name
    ]
    with open_db(db_path) as db:
        result = lint_file(DATA / name, db=db, ignore=DATA / "reference.untmignore")
    untm_found = {(f.rule, f.segment) for f in result.findings}
    pof = pofilter_ids(DATA / name, tmp / f"pofilter-{direction}.xlf")
    rows = []
    for e in expected:
        rows.append(
            {
                "rule": e["rule"],
                "segment": e["segment"],
                "why": e["why"],
                "untm": (e["rule"], e["segment"]) in untm_found,
                "pofilter": sorted(
                    pof.get(e["segment"], set()) & POFILTER_TESTS.get(e["rule"], set())
                ),
            }
        )
    clean_units = {s.id for s in result.segments} - {e["segment"] for e in expected}
    untm_errors = {f.segment for f in result.findings if f.severity.value == "error"}
    return {
        "injected": len(rows),
        "untm_found": sum(r["untm"] for r in rows),
        "pofilter_found": sum(bool(r["pofilter"]) for r in rows),
        "uninjected_units": len(clean_units),
        "untm_errors_on_uninjected_units": len(untm_errors & clean_units),
        "pofilter_relevant_flags_on_uninjected_units": len(
            {u for u in clean_units if pof.get(u, set()) & RELEVANT}
        ),
        "pofilter_any_flag_on_uninjected_units": len(set(pof) & clean_units),
        "rows": rows,
    }


def _forget() -> None:
    """Start each in-process run as a new process would: no remembered references,
    matcher or keys (the matcher itself is loaded from the database each time)."""
    from untm.lint import presence, refchecks, terms

    refchecks._refs.cache_clear()
    terms._matcher_of.cache_clear()
    presence._key.cache_clear()


def bench_xliff(db_path: Path, tmp: Path, runs: int) -> tuple[dict[str, object], dict[str, Path]]:
    from untm.lint.api import lint_file
    from untm.workspace import open_db

    out: dict[str, object] = {}
    files = {}
    for direction in ("zh-en", "en-zh"):
        path = tmp / f"bench-{direction}.xlf"
        big_xliff(path, direction)
        files[direction] = path
        # warm the matcher cache in the database, as any earlier lint would have
        process([str(UNTM), "--db", str(db_path), "lint", str(path), "--json"], 1)

        def run(path: Path = path) -> object:
            _forget()
            with open_db(db_path) as db:
                return lint_file(path, db=db)

        in_proc, result = timed(run, runs)
        whole = process([str(UNTM), "--db", str(db_path), "lint", str(path), "--json"], runs)
        out[f"xliff_{direction}"] = {
            "segments": N,
            "bytes": path.stat().st_size,
            "in_process_s": round(in_proc, 2),
            "whole_process_s": round(whole, 2),
            "findings": result.counts(),  # type: ignore[attr-defined]
        }
    return out, files


def bench_documents(db_path: Path, runs: int) -> dict[str, object]:
    from untm.lint.api import lint_documents
    from untm.workspace import open_db

    out: dict[str, object] = {}
    for direction in ("zh-en", "en-zh"):
        src, tgt = direction.split("-")
        source = next((ROOT / "corpus" / src).glob("001_*.txt"))
        target = next((ROOT / "corpus" / tgt).glob("001_*.txt"))

        def run_doc(source: Path = source, target: Path = target) -> object:
            _forget()
            with open_db(db_path) as db:
                return lint_documents(source, target, db=db)

        in_proc, result = timed(run_doc, runs)
        args = [str(UNTM), "--db", str(db_path), "lint", "--source", str(source)]
        whole = process([*args, "--target", str(target), "--json"], runs)
        out[f"document_001_{direction}"] = {
            "sentences": len(result.segments),  # type: ignore[attr-defined]
            "in_process_s": round(in_proc, 2),
            "whole_process_s": round(whole, 2),
            "findings": result.counts(),  # type: ignore[attr-defined]
        }
    return out


def report(out: dict[str, object], pof_time: float) -> None:
    print(f"Machine: {describe()}\n")
    print("| input | in-process s | whole process s | findings |")
    print("|---|---|---|---|")
    for key, value in out.items():
        if isinstance(value, dict) and "in_process_s" in value:
            print(f"| {key} | {value['in_process_s']} | {value['whole_process_s']} | "
                  f"{value['findings']} |")  # fmt: skip
    print(f"\npofilter on the 10,000-segment XLIFF (zh-en): {pof_time:.2f} s (whole process)")
    for d, r in out["recall"].items():  # type: ignore[attr-defined]
        print(
            f"\n{d}: injected {r['injected']}, found by untm {r['untm_found']}, by pofilter's "
            f"matching test {r['pofilter_found']}; on the {r['uninjected_units']} uninjected "
            f"units untm errors {r['untm_errors_on_uninjected_units']}, pofilter numbers/"
            f"brackets/untranslated flags {r['pofilter_relevant_flags_on_uninjected_units']}, "
            f"any pofilter flag {r['pofilter_any_flag_on_uninjected_units']}"
        )
        for row in r["rows"]:
            print(f"  {row['rule']:18} {row['segment']:8} untm={'yes' if row['untm'] else 'NO'} "
                  f"pofilter={','.join(row['pofilter']) or '-'}  ({row['why']})")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    out: dict[str, object] = {"machine": machine()}
    tmp = Path(tempfile.mkdtemp(prefix="lint-bench-"))
    db_path = tmp / "untm.db"
    subprocess.run([str(UNTM), "--db", str(db_path), "init"], capture_output=True, check=True)
    xliff, files = bench_xliff(db_path, tmp, args.runs)
    out.update(xliff)
    out.update(bench_documents(db_path, args.runs))
    pof_time = process(
        [str(POFILTER), "--progress=none", "-i", str(files["zh-en"]), "-o", str(tmp / "p.xlf")],
        args.runs,
        ok=(0, 1, 2),
    )
    out["pofilter_xliff_zh-en_whole_process_s"] = round(pof_time, 2)
    out["recall"] = {d: recall(d, db_path, tmp) for d in ("zh-en", "en-zh")}
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "lint_bench.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    report(out, pof_time)


if __name__ == "__main__":
    main()
