"""Benchmark memories built from ../shared/corpora/opus-zh-en, larger ones by recombination.

The corpus has 21,887 human-translated pairs. Beyond that size, new *distinct* units
are made by recombining clauses: each sentence is split after Chinese ``，；：`` (and the
English after ``, ; :``), and a new unit joins the first clauses of one sentence with the
last clauses of another, in both languages. Every Chinese side is checked against all
earlier ones, so no line is ever duplicated. The English side of a recombined unit is
the matching recombination of the English clauses: a realistic segment of the right
length, not a translation; lookup only reads the Chinese side.

Held-out queries: ``HELD_OUT`` natural sentences are removed from the memory. Edited
queries: memory sentences with about 15 % of their characters substituted, deleted or
inserted (seeded, so every run uses the same queries).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
OPUS = SHARED / "corpora" / "opus-zh-en"
HELD_OUT = 250
SEED = 20261123

_ZH_CLAUSE = re.compile(r"(?<=[，；：])")
_EN_CLAUSE = re.compile(r"(?<=[,;:])\s+")
# Common characters used for edits: mostly frequent ones, as real revisions are.
_EDIT_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质"
)


@dataclass(frozen=True)
class Pair:
    zh: str
    en: str


def load_opus() -> list[Pair]:
    zh = (OPUS / "zh.txt").read_text(encoding="utf-8").splitlines()
    en = (OPUS / "en.txt").read_text(encoding="utf-8").splitlines()
    return [
        Pair(z.strip(), e.strip()) for z, e in zip(zh, en, strict=True) if z.strip() and e.strip()
    ]


def split_held_out(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """(memory pairs, held-out pairs); held-out sentences are long enough to be real queries."""
    rng = random.Random(SEED)
    eligible = [i for i, p in enumerate(pairs) if 8 <= len(p.zh) <= 80]
    held = set(rng.sample(eligible, HELD_OUT))
    return [p for i, p in enumerate(pairs) if i not in held], [pairs[i] for i in sorted(held)]


def _clauses(pair: Pair) -> tuple[list[str], list[str]] | None:
    zh = [c for c in _ZH_CLAUSE.split(pair.zh) if c]
    en = [c for c in _EN_CLAUSE.split(pair.en) if c]
    if len(zh) < 2 or len(en) < 2:
        return None
    return zh, en


def memory(size: int, base: list[Pair], held: list[Pair]) -> Iterator[Pair]:
    """``size`` distinct units: the real pairs first, then recombinations."""
    seen = {p.zh for p in held}
    emitted = 0
    for p in base:  # the corpus repeats a few sentences (Tatoeba): each once
        if emitted >= size:
            return
        if p.zh in seen:
            continue
        seen.add(p.zh)
        yield p
        emitted += 1
    splittable = [c for c in (_clauses(p) for p in base) if c is not None]
    rng = random.Random(SEED + size)
    attempts = 0
    while emitted < size:
        attempts += 1
        if attempts > size * 50:
            raise RuntimeError("cannot make enough distinct recombinations")
        (az, ae), (bz, be) = rng.choice(splittable), rng.choice(splittable)
        cut_a = rng.randrange(1, len(az))
        cut_b = rng.randrange(1, len(bz))
        zh = "".join(az[:cut_a] + bz[cut_b:])
        if zh in seen or len(zh) < 6:
            continue
        seen.add(zh)
        ea = max(1, round(cut_a * len(ae) / len(az)))
        eb = min(len(be) - 1, round(cut_b * len(be) / len(bz)))
        yield Pair(zh, " ".join(ae[:ea] + be[eb:]))
        emitted += 1


def edit(text: str, rng: random.Random, rate: float = 0.15) -> str:
    """About ``rate`` of the characters substituted, deleted or inserted."""
    chars = list(text)
    n = max(1, round(len(chars) * rate))
    for _ in range(n):
        op = rng.random()
        i = rng.randrange(len(chars))
        if op < 0.6:
            chars[i] = rng.choice(_EDIT_CHARS)
        elif op < 0.8 and len(chars) > 2:
            del chars[i]
        else:
            chars.insert(i, rng.choice(_EDIT_CHARS))
    return "".join(chars)


def queries(memory_sample: list[Pair], held: list[Pair], n: int = 500) -> list[tuple[str, str]]:
    """(kind, query): half held-out natural sentences, half edited memory sentences."""
    rng = random.Random(SEED + 1)
    natural = [("natural", p.zh) for p in held[: n // 2]]
    pool = [p for p in memory_sample if 10 <= len(p.zh) <= 80]
    edited = [("edited", edit(p.zh, rng)) for p in rng.sample(pool, n - len(natural))]
    return natural + edited
