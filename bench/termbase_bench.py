"""Benchmark of the termbase: import, lookup latency, CLI start-up, term finding in text.

    .venv/bin/python bench/termbase_bench.py
    .venv/bin/python bench/termbase_bench.py --concepts 200000 --queries 2000

The termbase is the shipped UN glossary plus ``--concepts`` (default 100,000) concepts
made from it by the expansion rules below. Every generated concept has one Chinese and
one English term, both built around a real glossary term, and no two concepts (generated
or shipped) share a normalized Chinese key or a normalized English key. Rules, taken in
turn until the count is reached (``body`` is one of the ~58 glossary concepts naming a
UN organ, treaty body, commission or working group; ``n`` a session number 1-80):

S  session     ``{body}第{n 汉字}届会议``             ``{nth in words} session of the {body}``
               e.g. 缔约国会议第八届会议 / eighth session of the Conference of the States ...
M  meeting     ``{body}第{n 汉字}届会议第{m}次会议``  ``{m}th meeting of the {nth} session of
               the {body}`` (m 1-12)
R  resolution  ``{body}第{n}/{m}号决议``              ``{body} resolution {n}/{m}`` (m 1-10)
D  report      ``{body}第{n 汉字}届会议工作报告``     ``report of the {body} on its {nth}
               session``
A  agenda item ``{x}和{y}``                           ``{X} and {y}`` for two distinct
               substantive glossary concepts (subjects UNCAC, anti-corruption, asset
               recovery, international cooperation, crime prevention; seeded random pairs)

Measurements (all on the same fresh database in bench/data/):

1. import time of the generated concepts (one transaction, gram index included);
2. lookup latency (``untm.termbase.api.lookup`` in-process, limit 10, min score 70),
   p50/p95 over ``--queries`` queries - exact Chinese, exact English, normalized
   variants (case, full width, traditional characters via OpenCC s2t, plural), prefixes,
   and misspellings (1-2 character edits) - with the share of queries whose concept is
   in the top 10; medians over ``--passes`` passes;
3. a whole ``untm lookup`` process (start, open, answer), median of ``--runs`` runs, next
   to ``python -c pass`` and ``python -c "import typer"``; target <= 0.5 s;
4. ``terms find`` on >= 2 MB of Chinese (the five seed documents repeated): matcher
   build time and scan throughput separately (target >= 1 MB/s), and the whole
   ``untm terms find`` process;
5. the reference method: an exhaustive scan (rapidfuzz ``process.extract`` with the
   same normalized Levenshtein similarity over every term key of the query's language),
   its latency and top-10 share on the same queries, and the latency ratio.

A Markdown table goes to stdout (with the machine and the exact command) and the
figures to bench/out/termbase_bench.json. Needs ../shared (the seed documents).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNTM_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"
SEED = 20261123

if not SEEDS.is_dir():
    sys.exit(
        f"bench/termbase_bench.py: {SEEDS} is absent; the benchmark needs the ../shared "
        "reference material (the seed documents for the terms-find measurement)"
    )

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import opencc  # noqa: E402
from machine import machine  # noqa: E402
from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from untm.db import Database  # noqa: E402
from untm.termbase import api  # noqa: E402
from untm.termbase.glossary import load_shipped  # noqa: E402
from untm.termbase.matcher import TermMatcher  # noqa: E402
from untm.termbase.model import Concept, Term  # noqa: E402
from untm.termbase.store import SqliteTermStore  # noqa: E402
from untm.text.lang import Lang, detect_lang  # noqa: E402
from untm.text.normalize import term_key  # noqa: E402
from untm.workspace import open_db  # noqa: E402

ZH, EN = Lang.ZH, Lang.EN
BODY_WORDS = ("Conference", "Group", "Commission", "Council", "Committee", "Assembly", "Board")
BODY_ENDINGS = ("会议", "组", "委员会", "理事会", "大会", "局")
SUBSTANTIVE = (
    "UNCAC",
    "anti-corruption",
    "asset recovery",
    "international cooperation",
    "crime prevention and criminal justice",
)
SESSIONS = range(1, 81)

# ----------------------------------------------------------------------- numbers

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
_ONES += "fourteen fifteen sixteen seventeen eighteen nineteen"
ONES = _ONES.split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def cardinal(n: int) -> str:
    if n < 20:
        return ONES[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{ONES[ones]}" if ones else "")


def ordinal_words(n: int) -> str:
    """1 -> first, 8 -> eighth, 20 -> twentieth, 78 -> seventy-eighth (UN style, < 100)."""
    words = cardinal(n).split("-")
    last = words[-1]
    if last in ORD:
        words[-1] = ORD[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return "-".join(words)


def ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """Chinese numerals for session numbers: 8 -> 八, 10 -> 十, 17 -> 十七, 78 -> 七十八."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return head + "十" + (_ZH_DIGITS[ones] if ones else "")


# ----------------------------------------------------------------------- expansion


@dataclass(frozen=True)
class Body:
    zh: str
    en: str


def bodies(glossary: list[Concept]) -> list[Body]:
    out = []
    for c in glossary:
        zh, en = c.terms_in(ZH)[0].text, c.terms_in(EN)[0].text
        if (
            c.subject in ("UNCAC", "UN system", "crime prevention and criminal justice", "meetings")
            and en[0].isupper()
            and any(w in en.split() for w in BODY_WORDS)
            and zh.endswith(BODY_ENDINGS)
        ):
            out.append(Body(zh, en))
    return out


def _sessions(bs: list[Body]) -> Iterator[tuple[str, str, str]]:
    for n in SESSIONS:
        for b in bs:
            yield "S", f"{b.zh}第{zh_number(n)}届会议", f"{ordinal_words(n)} session of the {b.en}"


def _meetings(bs: list[Body]) -> Iterator[tuple[str, str, str]]:
    for n in SESSIONS:
        for m in range(1, 13):
            for b in bs:
                yield (
                    "M",
                    f"{b.zh}第{zh_number(n)}届会议第{m}次会议",
                    f"{ordinal_digits(m)} meeting of the {ordinal_words(n)} session of the {b.en}",
                )


def _resolutions(bs: list[Body]) -> Iterator[tuple[str, str, str]]:
    for n in SESSIONS:
        for m in range(1, 11):
            for b in bs:
                yield "R", f"{b.zh}第{n}/{m}号决议", f"{b.en} resolution {n}/{m}"


def _reports(bs: list[Body]) -> Iterator[tuple[str, str, str]]:
    for n in SESSIONS:
        for b in bs:
            yield (
                "D",
                f"{b.zh}第{zh_number(n)}届会议工作报告",
                f"report of the {b.en} on its {ordinal_words(n)} session",
            )


def _agenda_items(glossary: list[Concept]) -> Iterator[tuple[str, str, str]]:
    pool = [
        (c.terms_in(ZH)[0].text, c.terms_in(EN)[0].text)
        for c in glossary
        if c.subject in SUBSTANTIVE and c.terms_in(EN)[0].text[0].islower()
    ]
    rng = random.Random(SEED)
    while True:
        (xz, xe), (yz, ye) = rng.sample(pool, 2)
        yield "A", f"{xz}和{yz}", f"{xe[0].upper()}{xe[1:]} and {ye}"


def expand(glossary: list[Concept], count: int) -> list[Concept]:
    """``count`` distinct concepts, the rules taken in turn (see the module docstring)."""
    bs = bodies(glossary)
    rules: list[Iterator[tuple[str, str, str]]] = [
        _sessions(bs),
        _meetings(bs),
        _resolutions(bs),
        _reports(bs),
        _agenda_items(glossary),
    ]
    seen_zh = {term_key(t.text, ZH) for c in glossary for t in c.terms_in(ZH)}
    seen_en = {term_key(t.text, EN) for c in glossary for t in c.terms_in(EN)}
    out: list[Concept] = []
    while len(out) < count and rules:
        for rule in list(rules):
            item = next(rule, None)
            if item is None:
                rules.remove(rule)
                continue
            kind, zh, en = item
            kz, ke = term_key(zh, ZH), term_key(en, EN)
            if kz in seen_zh or ke in seen_en:
                continue
            seen_zh.add(kz)
            seen_en.add(ke)
            out.append(
                Concept(
                    f"bench-{kind.lower()}-{len(out):06d}",
                    (Term(zh, ZH), Term(en, EN)),
                    subject="meetings" if kind != "A" else "UNCAC",
                    source=f"bench expansion rule {kind}",
                )
            )
            if len(out) == count:
                break
    if len(out) < count:
        raise SystemExit(f"the expansion rules give only {len(out)} distinct concepts")
    return out


# ----------------------------------------------------------------------- queries

_S2T = opencc.OpenCC("s2t")
_ZH_POOL = "的会议国际合作审议组司法协助资产追回届次报告决议委员会工作"


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    concept: str


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def _plural(en: str) -> str | None:
    words = en.split(" ")
    for i, w in enumerate(words):  # pluralize the first plain lower-case noun-like word
        if w in ("session", "meeting", "report", "resolution", "party", "State"):
            words[i] = w[:-1] + "ies" if w.endswith("y") else w + "s"
            return " ".join(words)
    return None


def _misspell(text: str, lang: Lang, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.choice([1, 2])):
        i = rng.randrange(len(chars))
        op = rng.choice(["sub", "del", "ins", "swap"])
        pool = _ZH_POOL if lang is ZH else "abcdefghijklmnopqrstuvwxyz"
        if op == "sub":
            chars[i] = rng.choice(pool)
        elif op == "del" and len(chars) > 3:
            del chars[i]
        elif op == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars.insert(i, rng.choice(pool))
    return "".join(chars)


def make_queries(concepts: list[Concept], n: int) -> list[Query]:
    """n queries: 15 % exact zh, 15 % exact en, 35 % normalized (case, width, traditional,
    plural), 15 % prefixes, 20 % misspellings; concepts drawn at random (seeded)."""
    rng = random.Random(SEED)
    plan = [
        ("exact zh", 0.15),
        ("exact en", 0.15),
        ("case", 0.10),
        ("width", 0.10),
        ("traditional", 0.10),
        ("plural", 0.05),
        ("prefix", 0.15),
        ("misspelled", 0.20),
    ]
    out: list[Query] = []
    for kind, share in plan:
        want = round(n * share)
        made = 0
        while made < want:
            c = rng.choice(concepts)
            zh, en = c.terms_in(ZH)[0].text, c.terms_in(EN)[0].text
            q: str | None
            if kind == "exact zh":
                q = zh
            elif kind == "exact en":
                q = en
            elif kind == "case":
                q = rng.choice([en.upper(), en.lower(), en.title()])
                q = None if q == en else q
            elif kind == "width":
                q = _full_width(en if rng.random() < 0.5 else zh)
                q = None if q in (en, zh) else q
            elif kind == "traditional":
                q = _S2T.convert(zh)
                q = None if q == zh else q
            elif kind == "plural":
                q = _plural(en)
            elif kind == "prefix":
                if rng.random() < 0.5 and len(zh) >= 4:
                    q = zh[: max(2, round(len(zh) * rng.uniform(0.5, 0.8)))]
                else:
                    words = en.split(" ")
                    q = (
                        " ".join(words[: max(1, round(len(words) * 0.6))])
                        if len(words) > 1
                        else None
                    )
            else:
                lang = ZH if rng.random() < 0.5 else EN
                q = _misspell(zh if lang is ZH else en, lang, rng)
            if q:
                out.append(Query(kind, q, c.id))
                made += 1
    return out[:n]


# ----------------------------------------------------------------------- measuring


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def lookup_pass(db: Database, queries: list[Query]) -> tuple[list[float], list[bool]]:
    times, found = [], []
    for q in queries:
        dt, result = timed(lambda q=q: api.lookup(db, q.text, limit=10, min_score=70.0))
        times.append(dt)
        found.append(any(h.concept.id == q.concept for h in result.hits))  # type: ignore[attr-defined]
    return times, found


def exhaustive(db: Database, queries: list[Query]) -> tuple[list[float], list[bool]]:
    """Reference: normalized Levenshtein over every key of the query's language."""
    keys: dict[Lang, list[str]] = {ZH: [], EN: []}
    owner: dict[Lang, list[str]] = {ZH: [], EN: []}
    for row in SqliteTermStore(db).all_terms():
        keys[row.lang].append(row.key)
        owner[row.lang].append(row.concept_id)
    times, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        lang = detect_lang(q.text)
        top = process.extract(
            term_key(q.text, lang), keys[lang], scorer=Levenshtein.normalized_similarity, limit=10
        )
        ids = {owner[lang][i] for _, _, i in top}
        times.append(time.perf_counter() - t0)
        found.append(q.concept in ids)
    return times, found


def process_median(argv: list[str], runs: int) -> float:
    """Median wall time of running ``argv`` (output discarded)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ----------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--concepts", type=int, default=100_000, help="generated concepts")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--passes", type=int, default=3, help="lookup passes (medians)")
    ap.add_argument("--runs", type=int, default=20, help="CLI process runs (median)")
    ap.add_argument("--text-mb", type=float, default=2.0, help="MB of Chinese for terms find")
    args = ap.parse_args()
    command = " ".join([os.path.relpath(sys.executable, ROOT), *sys.argv])
    report: dict[str, object] = {"command": command, "machine": machine()}

    glossary = load_shipped()
    dt_gen, generated = timed(lambda: expand(glossary, args.concepts))
    concepts: list[Concept] = generated  # type: ignore[assignment]
    by_rule: dict[str, int] = {}
    for c in concepts:
        rule = c.source.rsplit(" ", 1)[1]
        by_rule[rule] = by_rule.get(rule, 0) + 1
    print(f"generated {len(concepts):,} concepts in {dt_gen:.1f} s: {by_rule}", flush=True)
    for c in concepts[:5]:
        print(f"  {c.terms[0].text} / {c.terms[1].text}", flush=True)

    DATA.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    dbfile = DATA / "termbase-bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dbfile}{suffix}").unlink(missing_ok=True)
    dt_create, db = timed(lambda: open_db(dbfile))
    assert isinstance(db, Database)
    store = SqliteTermStore(db)
    dt_import, rep = timed(lambda: store.import_concepts(concepts, origin="bench expansion"))
    stats = store.stats()
    print(f"imported in {dt_import:.1f} s: {rep}", flush=True)
    report["termbase"] = {
        "generated_concepts": len(concepts),
        "by_rule": by_rule,
        "concepts": stats.concepts,
        "terms_zh": stats.terms_zh,
        "terms_en": stats.terms_en,
        "create_with_glossary_s": round(dt_create, 3),
        "import_s": round(dt_import, 2),
        "import_concepts_per_s": round(len(concepts) / dt_import),
        "database_mb": round(dbfile.stat().st_size / 1e6, 1),
    }

    # 1. lookup latency
    all_concepts = glossary + concepts
    queries = make_queries(all_concepts, args.queries)
    lookup_pass(db, queries[:100])  # warm the page cache and the converters
    passes = [lookup_pass(db, queries) for _ in range(args.passes)]
    found = passes[0][1]
    kinds = list(dict.fromkeys(q.kind for q in queries))

    def pstat(p: float, idx: list[int] | None = None) -> float:
        return statistics.median(
            pct([t[i] for i in (idx if idx is not None else range(len(queries)))], p)
            for t, _ in passes
        )

    per_kind = {}
    for k in kinds:
        idx = [i for i, q in enumerate(queries) if q.kind == k]
        per_kind[k] = {
            "n": len(idx),
            "p50_ms": round(pstat(50, idx) * 1000, 2),
            "p95_ms": round(pstat(95, idx) * 1000, 2),
            "top10": round(sum(found[i] for i in idx) / len(idx), 3),
        }
    report["lookup"] = {
        "queries": len(queries),
        "passes": args.passes,
        "p50_ms": round(pstat(50) * 1000, 2),
        "p95_ms": round(pstat(95) * 1000, 2),
        "max_ms": round(statistics.median(max(t) for t, _ in passes) * 1000, 1),
        "top10": round(sum(found) / len(found), 3),
        "by_kind": per_kind,
    }
    print(f"lookup: {report['lookup']}", flush=True)

    # 5. the reference: exhaustive scan
    ex_times, ex_found = exhaustive(db, queries)
    report["exhaustive"] = {
        "p50_ms": round(pct(ex_times, 50) * 1000, 2),
        "p95_ms": round(pct(ex_times, 95) * 1000, 2),
        "top10": round(sum(ex_found) / len(ex_found), 3),
        "top10_by_kind": {
            k: round(
                sum(ex_found[i] for i, q in enumerate(queries) if q.kind == k)
                / sum(1 for q in queries if q.kind == k),
                3,
            )
            for k in kinds
        },
        "p50_ratio": round(pct(ex_times, 50) / pstat(50), 1),
    }
    print(f"exhaustive: {report['exhaustive']}", flush=True)

    # 3. whole processes
    untm = str(Path(sys.executable).with_name("untm"))
    cli_queries = [q.text for q in queries[:: max(1, len(queries) // args.runs)]][: args.runs]
    times = []
    for q in cli_queries:
        t0 = time.perf_counter()
        subprocess.run(
            [untm, "--db", str(dbfile), "lookup", q],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - t0)
    report["process"] = {
        "untm_lookup_median_s": round(statistics.median(times), 3),
        "untm_lookup_max_s": round(max(times), 3),
        "python_pass_median_s": round(process_median([sys.executable, "-c", "pass"], args.runs), 3),
        "python_import_typer_median_s": round(
            process_median([sys.executable, "-c", "import typer"], args.runs), 3
        ),
        "runs": args.runs,
        "target_s": 0.5,
    }
    print(f"process: {report['process']}", flush=True)

    # 4. terms find
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < args.text_mb * 1e6:
        text += "\n\n".join(seeds) + "\n\n"
    mb = len(text.encode("utf-8")) / 1e6
    textfile = DATA / "seeds-repeated.txt"
    textfile.write_text(text, encoding="utf-8")
    builds, scans = [], []
    occurrences = 0
    for _ in range(3):
        dt_b, matcher = timed(lambda: TermMatcher(SqliteTermStore(db)))
        dt_s, found_occ = timed(lambda m=matcher: m.find(text))  # type: ignore[misc]
        builds.append(dt_b)
        scans.append(dt_s)
        occurrences = len(found_occ)  # type: ignore[arg-type]
    proc_find = process_median([untm, "--db", str(dbfile), "terms", "find", str(textfile)], 3)
    report["terms_find"] = {
        "text_mb": round(mb, 2),
        "text_chars": len(text),
        "occurrences": occurrences,
        "matcher_build_s": round(statistics.median(builds), 3),
        "scan_s": round(statistics.median(scans), 3),
        "scan_mb_per_s": round(mb / statistics.median(scans), 2),
        "process_s": round(proc_find, 2),
        "target_mb_per_s": 1.0,
    }
    print(f"terms find: {report['terms_find']}", flush=True)
    db.close()

    (OUT / "termbase_bench.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print_table(report)


def print_table(r: dict[str, object]) -> None:
    m, tb, lk, ex, pr, tf = (
        r["machine"],
        r["termbase"],
        r["lookup"],
        r["exhaustive"],
        r["process"],
        r["terms_find"],
    )
    assert isinstance(m, dict) and isinstance(tb, dict) and isinstance(lk, dict)
    assert isinstance(ex, dict) and isinstance(pr, dict) and isinstance(tf, dict)
    ok = lambda good: "yes" if good else "**no**"  # noqa: E731
    print()
    print(f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, Python {m['python']}")
    print(f"Command: `{r['command']}`")
    print()
    print("| measurement | value | target / note |")
    print("|---|---|---|")
    print(
        f"| termbase | {tb['concepts']:,} concepts, {tb['terms_zh']:,} zh + {tb['terms_en']:,} en "
        f"terms, {tb['database_mb']} MB | {tb['generated_concepts']:,} generated: {tb['by_rule']} |"
    )
    print(
        f"| import of the generated concepts | {tb['import_s']} s "
        f"({tb['import_concepts_per_s']:,} concepts/s) | one transaction, gram index included |"
    )
    print(
        f"| lookup p50 / p95 (in-process, {lk['queries']} queries) | {lk['p50_ms']} / "
        f"{lk['p95_ms']} ms | concept in top 10: {lk['top10']:.1%} |"
    )
    for k, v in lk["by_kind"].items():  # type: ignore[union-attr]
        print(
            f"| &nbsp;&nbsp;{k} ({v['n']}) | {v['p50_ms']} / {v['p95_ms']} ms | "
            f"top 10: {v['top10']:.1%}, exhaustive: {ex['top10_by_kind'][k]:.1%} |"  # type: ignore[index]
        )
    print(
        f"| exhaustive scan (reference) p50 / p95 | {ex['p50_ms']} / {ex['p95_ms']} ms | "
        f"{ex['p50_ratio']}x the p50 of untm; top 10: {ex['top10']:.1%} |"
    )
    print(
        f"| `untm lookup` process, median of {pr['runs']} | {pr['untm_lookup_median_s']} s "
        f"(max {pr['untm_lookup_max_s']}) | <= 0.5 s: {ok(pr['untm_lookup_median_s'] <= 0.5)} |"  # type: ignore[operator]
    )
    print(
        f'| `python -c pass` / `python -c "import typer"` | {pr["python_pass_median_s"]} / '
        f"{pr['python_import_typer_median_s']} s | for comparison |"
    )
    print(
        f"| matcher build ({tb['concepts']:,} concepts) | {tf['matcher_build_s']} s | median of 3 |"
    )
    print(
        f"| `terms find` scan of {tf['text_mb']} MB Chinese | {tf['scan_s']} s = "
        f"{tf['scan_mb_per_s']} MB/s ({tf['occurrences']:,} occurrences) | >= 1 MB/s: "
        f"{ok(tf['scan_mb_per_s'] >= 1.0)} |"  # type: ignore[operator]
    )
    print(f"| `untm terms find` process | {tf['process_s']} s | build + scan + output |")


if __name__ == "__main__":
    main()
