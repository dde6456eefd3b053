"""The sentence aligner's search: the banded, vectorized dynamic program against a
plain recursion over the same bead scores, and the properties every alignment has."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.align import sentences as S
from untm.align.build import Sentence, evidence_of, features
from untm.align.evidence import Evidence, SymbolTable
from untm.text.lang import Lang

WORDS_ZH = ["会议", "缔约国", "秘书处", "公约", "报告", "决议", "司法协助", "引渡", "腐败", "审议"]
WORDS_EN = [
    "meeting", "state party", "secretariat", "convention", "report", "resolution",
    "mutual legal assistance", "extradition", "corruption", "review",
]  # fmt: skip


def no_refs(text: str, lang: Lang) -> list[str]:
    return []


def sides(pairs: list[tuple[list[int], list[int]]]) -> tuple[Evidence, Evidence]:
    table = SymbolTable()
    kinds: dict[str, int] = {}
    zh = [Sentence("".join(WORDS_ZH[k] for k in z) + "。") for z, _ in pairs]
    en = [Sentence(" ".join(WORDS_EN[k] for k in e) + ".") for _, e in pairs]
    fz = features(zh, Lang.ZH, table, refs=no_refs)
    fe = features(en, Lang.EN, table, refs=no_refs)
    a, b = evidence_of(fz, table, kinds), evidence_of(fe, table, kinds)
    return a.reweighted(b)


def reference_best(a: Evidence, b: Evidence) -> float:
    """The best total score by plain recursion over (zh used, en used), reading the
    same bead scores the dynamic program uses."""
    n, m = a.size, b.size
    lo = np.zeros(n + 1, dtype=np.int64)
    width = m + 1
    ratio, variance = S._length_model(a, b)
    grid = S._Grid.of(a, b, lo, width, ratio, variance)
    cols = lo[:, None] + np.arange(width)[None, :]
    priors = tuple(p for _, _, p in S.BEAD_TYPES)
    w = S.Weights()
    tables = {
        (dz, de): S._table(grid, dz, de, priors[t], w, cols)
        for t, (dz, de, _) in enumerate(S.BEAD_TYPES)
        if dz and de
    }
    del_a, del_b = S._deletion(a), S._deletion(b)

    @functools.cache
    def best(i: int, j: int) -> float:
        if i == 0 and j == 0:
            return 0.0
        out = -math.inf
        if i:
            out = max(out, best(i - 1, j) + float(del_a[i - 1]))
        if j:
            out = max(out, best(i, j - 1) + float(del_b[j - 1]))
        for (dz, de), table in tables.items():
            if dz <= i and de <= j:
                out = max(out, best(i - dz, j - de) + float(table[i, j]))
        return out

    return best(n, m)


def path_score(a: Evidence, b: Evidence, path: list[tuple[int, int]]) -> float:
    n, m = a.size, b.size
    lo = np.zeros(n + 1, dtype=np.int64)
    ratio, variance = S._length_model(a, b)
    grid = S._Grid.of(a, b, lo, m + 1, ratio, variance)
    cols = lo[:, None] + np.arange(m + 1)[None, :]
    priors = tuple(p for _, _, p in S.BEAD_TYPES)
    total = 0.0
    for (i0, j0), (i1, j1) in itertools.pairwise(path):
        dz, de = i1 - i0, j1 - j0
        if dz == 0:
            total += float(S._deletion(b)[j0:j1].sum())
        elif de == 0:
            total += float(S._deletion(a)[i0:i1].sum())
        else:
            t = next(k for k, (x, y, _) in enumerate(S.BEAD_TYPES) if (x, y) == (dz, de))
            total += float(S._table(grid, dz, de, priors[t], S.Weights(), cols)[i1, j1])
    return total


pair_lists = st.lists(
    st.tuples(
        st.lists(st.integers(0, 9), min_size=0, max_size=3),
        st.lists(st.integers(0, 9), min_size=0, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(pair_lists)
def test_the_dynamic_program_finds_the_best_path(pairs: list[tuple[list[int], list[int]]]) -> None:
    a, b = sides(pairs)
    n, m = a.size, b.size
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.full(n + 1, m + 1, dtype=np.int64)
    ratio, variance = S._length_model(a, b)
    priors = tuple(p for _, _, p in S.BEAD_TYPES)
    path = S._dp(a, b, lo, hi, ratio, variance, S.Weights(), priors)
    assert path[0] == (0, 0) and path[-1] == (n, m)
    assert abs(path_score(a, b, path) - reference_best(a, b)) < 1e-3


@settings(max_examples=40, deadline=None)
@given(pair_lists)
def test_beads_cover_both_sides_once_and_in_order(pairs: list[tuple[list[int], list[int]]]) -> None:
    table = SymbolTable()
    kinds: dict[str, int] = {}
    zh = [Sentence("".join(WORDS_ZH[k] for k in z) + "。") for z, _ in pairs]
    en = [Sentence(" ".join(WORDS_EN[k] for k in e) + ".") for _, e in pairs]
    a = evidence_of(features(zh, Lang.ZH, table, refs=no_refs), table, kinds)
    b = evidence_of(features(en, Lang.EN, table, refs=no_refs), table, kinds)
    result = S.align_evidence(a, b)
    zs = [i for bead in result.beads for i in bead.zh]
    es = [j for bead in result.beads for j in bead.en]
    assert zs == list(range(len(zh))) and es == list(range(len(en)))
    assert all(bead.zh or bead.en for bead in result.beads)
    assert all(0.0 <= bead.confidence <= 1.0 for bead in result.beads)


def test_coarse_to_fine_agrees_with_the_full_matrix_on_a_long_pair() -> None:
    """600 sentence pairs aligned with coarse levels (units of 2, 4 ... sentences) and
    with the whole matrix give the same beads."""
    rng = np.random.default_rng(7)
    pairs = []
    for _ in range(600):
        z = rng.choice(10, size=int(rng.integers(1, 4)), replace=False).tolist()
        pairs.append((z, z))
    a, b = sides(pairs)
    full = S.align_evidence(a, b, S.Weights(coarsest=10_000))
    banded = S.align_evidence(a, b, S.Weights(coarsest=40))
    assert [(x.zh, x.en) for x in banded.beads] == [(x.zh, x.en) for x in full.beads]
