"""Sentence alignment of a Chinese document and its English translation.

A monotone alignment into *beads* (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3 sentences)
that maximizes the sum of bead scores::

    score(bead) = log prior(type)
                + w_len * log P(length difference)          (Gale-Church, ratio and
                                                             variance learned per pair)
                + w_sim * Dice(evidence of the two sides)
                - penalties (structure kinds that differ, a bead across paragraphs)

*Evidence* is a weighted bag of symbols per sentence (:mod:`.evidence`): the English
lemmas of the Chinese sentence's dictionary words (CC-CEDICT) against the English
sentence's lemmas, Latin tokens, the canonical values of numbers, dates, document
symbols, resolution, article, chapter and agenda references (:mod:`untm.text.refs`),
paragraph numbers, and termbase concepts found on both sides; after a first pass,
word associations learned from the document pair itself are added and the pair is
aligned again.

The search is near-linear: the dynamic program runs over a band around a guide path,
and the guide comes from aligning coarser versions of both documents (consecutive
sentences merged in pairs, level after level, until a few hundred units remain,
where the band is the whole matrix), as Vecalign does with embeddings. Each row of
the band is computed with numpy; a bead ending at (i, j) is scored for all j at once.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from untm.errors import UsageError

from .evidence import Evidence

__all__ = ["Alignment", "Bead", "Weights", "align_evidence"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
NEG = -1e18

#: (zh sentences, en sentences) of each bead type, with its prior probability.
BEAD_TYPES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.89),
    (1, 0, 0.0099),
    (0, 1, 0.0099),
    (2, 1, 0.0445),
    (1, 2, 0.0445),
    (2, 2, 0.011),
    (3, 1, 0.002),
    (1, 3, 0.002),
)
#: At coarse levels a unit is an arbitrary run of sentences, so two units of one side
#: often match one of the other: the bead types are nearly equally likely there.
COARSE_PRIORS = (0.4, 0.01, 0.01, 0.22, 0.22, 0.1, 0.02, 0.02)


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts (tuned on the project's gold, checked on
    the Bible; see bench/align_eval.py)."""

    length: float = 1.0
    similarity: float = 12.0
    kind_mismatch: float = 4.0
    across_blocks: float = 2.0
    #: band half-width, in units of the level being aligned
    band: int = 12
    #: a level is aligned with the full matrix when it has at most this many units
    coarsest: int = 400


@dataclass(frozen=True, slots=True)
class Bead:
    """Sentences of each side aligned together (0-based indices, in order)."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float

    @property
    def type(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"


@dataclass(frozen=True)
class Alignment:
    beads: tuple[Bead, ...]
    #: mean confidence of the 1-1 and larger beads: low for documents that are not
    #: translations of each other
    mean_confidence: float
    length_ratio: float
    passes: int = 1
    notes: tuple[str, ...] = field(default=())


def align_evidence(
    zh: Evidence,
    en: Evidence,
    weights: Weights | None = None,
    *,
    near: Sequence[Bead] | None = None,
) -> Alignment:
    """Align two sides described by their evidence (see :mod:`.evidence`).

    ``near``: the beads of an earlier pass; the search is then a band around them
    instead of coarse to fine.
    """
    w = weights or Weights()
    if zh.size == 0 and en.size == 0:
        raise UsageError("nothing to align: both sides are empty")
    ratio, variance = _length_model(zh, en)
    zh, en = zh.reweighted(en)
    if near is None:
        path = _coarse_to_fine(zh, en, ratio, variance, w)
    else:
        lo, hi = _band(_path_of(near), zh, en, w.band, scale=1)
        priors = tuple(p for _, _, p in BEAD_TYPES)
        path = _dp(zh, en, lo, hi, ratio, variance, w, priors)
    beads = _beads(path, zh, en, ratio, variance, w)
    scored = [b.confidence for b in beads if b.zh and b.en]
    mean = float(np.mean(scored)) if scored else 0.0
    return Alignment(tuple(beads), mean, ratio)


# --- the length model -----------------------------------------------------------------


def _length_model(zh: Evidence, en: Evidence) -> tuple[float, float]:
    """English characters per Chinese character, and the variance per character."""
    lz, le = float(zh.lengths.sum()), float(en.lengths.sum())
    ratio = le / lz if lz > 0 else 1.0
    # Gale-Church's s^2 = 6.8 is for same-script pairs; across scripts the spread
    # grows with the ratio (an English character is a smaller unit than a Chinese one)
    return max(ratio, 0.05), 6.8 * max(ratio, 1.0)


def _len_logp(lz: Floats, le: Floats, ratio: float, variance: float) -> Floats:
    """log of Gale-Church's two-sided tail probability of the length difference."""
    mean = (lz + le / ratio) / 2.0
    delta = (le - lz * ratio) / np.sqrt(np.maximum(mean, 1.0) * variance * ratio)
    return np.log(np.maximum(_erfc(np.abs(delta) / math.sqrt(2.0)), 1e-12))


def _erfc(x: Floats) -> Floats:
    """erfc for x >= 0 (Abramowitz and Stegun 7.1.26, error below 1.5e-7), vectorized."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: Floats = poly * np.exp(-x * x)
    return out


# --- coarse to fine -------------------------------------------------------------------


def _coarse_to_fine(
    zh: Evidence, en: Evidence, ratio: float, variance: float, w: Weights
) -> list[tuple[int, int]]:
    """The best path, as the (zh, en) counts after each bead."""
    levels = [(zh, en)]
    while max(levels[-1][0].size, levels[-1][1].size) > w.coarsest:
        a, b = levels[-1]
        levels.append((a.merged_pairs(), b.merged_pairs()))
    guide: list[tuple[int, int]] | None = None
    for level, (a, b) in reversed(list(enumerate(levels))):
        if guide is None:
            lo = np.zeros(a.size + 1, dtype=np.int64)
            hi = np.full(a.size + 1, b.size + 1, dtype=np.int64)
        else:
            lo, hi = _band(guide, a, b, w.band, scale=2)
        priors = tuple(p for _, _, p in BEAD_TYPES) if level == 0 else COARSE_PRIORS
        # a coarse unit is 2**level sentences: their lengths are long and their sum is
        # sharply predicted, but units never match exactly, so the length term is
        # weighed as for one sentence
        level_w = replace(w, length=w.length / 2**level)
        guide = _dp(a, b, lo, hi, ratio, variance, level_w, priors)
    assert guide is not None
    return guide


def _path_of(beads: Sequence[Bead]) -> list[tuple[int, int]]:
    path = [(0, 0)]
    for b in beads:
        i, j = path[-1]
        path.append((i + len(b.zh), j + len(b.en)))
    return path


def _band(
    guide: list[tuple[int, int]],
    fine_a: Evidence,
    fine_b: Evidence,
    half: int,
    *,
    scale: int,
) -> tuple[Ints, Ints]:
    """For each row, the en range around a path of a level ``scale`` times coarser
    (a coarse unit u is fine units 2u and 2u + 1), widened by ``half`` units."""
    pts_a = np.minimum(scale * np.array([i for i, _ in guide], dtype=np.int64), fine_a.size)
    pts_b = np.minimum(scale * np.array([j for _, j in guide], dtype=np.int64), fine_b.size)
    rows = np.arange(fine_a.size + 1)
    # the en position range the path covers at each fine row (a coarse bead spans rows)
    left = np.searchsorted(pts_a, rows, side="left")
    right = np.searchsorted(pts_a, rows, side="right") - 1
    left = np.clip(left - 1, 0, len(pts_a) - 1)
    right = np.clip(right + 1, 0, len(pts_a) - 1)
    lo = np.maximum(pts_b[left] - half, 0)
    hi = np.minimum(pts_b[right] + half + 1, fine_b.size + 1)
    return lo, hi


# --- the dynamic program ----------------------------------------------------------------


@dataclass
class _Grid:
    """One level's band: the two sides, the shared evidence in the band, and the
    baselines that turn similarity into contrast."""

    a: Evidence
    b: Evidence
    lo: Ints
    sim: Floats  # sim[r, k]: shared evidence of a[r] and b[lo[r] + k]
    cum_len_b: Floats
    cum_tot_b: Floats
    cum_base_b: Floats
    base_a: Floats
    ratio: float
    variance: float

    @classmethod
    def of(
        cls, a: Evidence, b: Evidence, lo: Ints, width: int, ratio: float, variance: float
    ) -> _Grid:
        sim = a.shared_band(b, lo, width)
        n, m = a.size, b.size
        cols = lo[:n, None] + np.arange(width)[None, :]
        valid = cols < m
        dice = 2.0 * sim / np.maximum(a.totals[:, None] + b.totals[np.minimum(cols, m - 1)], 1e-9)
        dice = np.where(valid, dice, 0.0)
        counts = np.maximum(valid.sum(axis=1), 1)
        base_a = dice.sum(axis=1) / counts
        flat = np.minimum(cols, m - 1)[valid]
        sums = np.bincount(flat, weights=dice[valid], minlength=m)
        hits = np.maximum(np.bincount(flat, minlength=m), 1)
        base_b = sums / hits
        return cls(
            a,
            b,
            lo,
            sim,
            np.concatenate([[0.0], np.cumsum(b.lengths, dtype=np.float64)]),
            np.concatenate([[0.0], np.cumsum(b.totals, dtype=np.float64)]),
            np.concatenate([[0.0], np.cumsum(base_b)]),
            base_a,
            ratio,
            variance,
        )


def _dp(
    a: Evidence,
    b: Evidence,
    lo: Ints,
    hi: Ints,
    ratio: float,
    variance: float,
    w: Weights,
    priors: tuple[float, ...],
) -> list[tuple[int, int]]:
    """Best path through rows 0..n (zh consumed) and, per row, columns [lo, hi).

    Every bead score is computed first, for all rows at once; the recurrence then
    only adds and compares rows.
    """
    n, m = a.size, b.size
    width = int((hi - lo).max())
    grid = _Grid.of(a, b, lo, width, ratio, variance)
    cols = lo[:, None] + np.arange(width)[None, :]  # (n + 1, width)
    valid = cols < hi[:, None]
    tables = [
        _table(grid, dz, de, priors[t], w, cols) if dz and de else None
        for t, (dz, de, _) in enumerate(BEAD_TYPES)
    ]
    del_a = _deletion(a)
    cum_del = np.concatenate([[0.0], np.cumsum(_deletion(b))])
    score = np.full((n + 1, width), NEG)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    score[0] = np.where(valid[0], cum_del[np.minimum(cols[0], m)], NEG)
    back[0] = np.where(cols[0] > 0, 2, -1)
    shifts = [(t, dz, de) for t, (dz, de, _) in enumerate(BEAD_TYPES) if dz]
    for i in range(1, n + 1):
        row_cols = cols[i]
        best = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int8)
        for t, dz, de in shifts:
            if dz > i:
                continue
            k = row_cols - de - lo[i - dz]
            ok = (k >= 0) & (k < width)
            prev = np.where(ok, score[i - dz, np.clip(k, 0, width - 1)], NEG)
            table = tables[t]
            cand = prev + (table[i] if table is not None else del_a[i - 1])
            better = cand > best
            best = np.where(better, cand, best)
            arg[better] = t
        # 0-1 beads within the row: best[j] = max(best[j], best[j-1] + del_b[j-1]),
        # a running max of best - prefix sums, computed at once
        prefix = cum_del[np.clip(row_cols, 0, m)]
        run = np.maximum.accumulate(np.where(valid[i], best - prefix, NEG)) + prefix
        from_left = run > best + 1e-9
        best = np.where(from_left, run, best)
        arg[from_left] = 2
        score[i] = np.where(valid[i], best, NEG)
        back[i] = arg
    return _trace(score, back, lo, n, m)


def _deletion(side: Evidence) -> Floats:
    """Score of each sentence left unaligned: the prior, made likelier for what is
    typically on one side only (mastheads, the English 'United Nations' and symbol)."""
    return math.log(0.0099) + np.where(side.one_sided, 2.5, 0.0)


#: Rows of bead scores computed at once (bounds the temporaries of a long document).
_ROWS = 4096


def _table(
    g: _Grid, dz: int, de: int, prior: float, w: Weights, cols: Ints
) -> npt.NDArray[np.float32]:
    """:func:`_bead_scores` for every row, in chunks, kept as float32 (bead scores are
    small numbers; only the running path scores need double precision)."""
    out = np.empty(cols.shape, dtype=np.float32)
    for r0 in range(0, cols.shape[0], _ROWS):
        rows = np.arange(r0, min(r0 + _ROWS, cols.shape[0]))
        out[rows] = _bead_scores(g, dz, de, prior, w, cols[rows], rows)
    return out


def _bead_scores(
    g: _Grid, dz: int, de: int, prior: float, w: Weights, cols: Ints, rows: Ints
) -> Floats:
    """Score of the bead of type (dz, de) ending at each of ``rows`` and its columns."""
    a, b, sim, lo = g.a, g.b, g.sim, g.lo
    n, m = a.size, b.size
    width = sim.shape[1]
    first = np.maximum(rows - dz, 0)
    start = cols - de
    ok = (start >= 0) & (cols <= m) & (rows >= dz)[:, None]
    cs, ce = np.clip(start, 0, m), np.clip(cols, 0, m)
    cum_len_a = np.concatenate([[0.0], np.cumsum(a.lengths)])
    cum_tot_a = np.concatenate([[0.0], np.cumsum(a.totals)])
    cum_base_a = np.concatenate([[0.0], np.cumsum(g.base_a)])
    len_a = (cum_len_a[rows] - cum_len_a[first])[:, None]
    tot_a = (cum_tot_a[rows] - cum_tot_a[first])[:, None]
    shared = np.zeros(cols.shape)
    for da in range(1, dz + 1):
        r = np.maximum(rows - da, 0)
        for e in range(1, de + 1):
            k = cols - e - lo[r][:, None]
            inside = (k >= 0) & (k < width)
            shared += np.where(inside, sim[r[:, None], np.clip(k, 0, width - 1)], 0.0)
    len_b = g.cum_len_b[ce] - g.cum_len_b[cs]
    tot_b = g.cum_tot_b[ce] - g.cum_tot_b[cs]
    dice = np.minimum(2.0 * shared / np.maximum(tot_a + tot_b, 1e-9), 1.0)
    # contrast: what the units share with any neighbour is not evidence of this pairing
    base = (
        (cum_base_a[rows] - cum_base_a[first])[:, None] + g.cum_base_b[ce] - g.cum_base_b[cs]
    ) / (dz + de)
    s = math.log(prior) + w.length * _len_logp(
        np.broadcast_to(len_a, cols.shape), len_b, g.ratio, g.variance
    )
    s = s + w.similarity * (dice - base)
    kind_a = a.kinds[np.clip(rows - 1, 0, n - 1)][:, None]
    kind_b = b.kinds[np.clip(ce - 1, 0, m - 1)]
    s = s - w.kind_mismatch * (1.0 if dz == de == 1 else 0.5) * (kind_a != kind_b)
    if dz > 1:
        s = (
            s
            - w.across_blocks * (a.blocks[first] != a.blocks[np.clip(rows - 1, 0, n - 1)])[:, None]
        )
    if de > 1:
        s = s - w.across_blocks * (
            b.blocks[np.clip(cs, 0, m - 1)] != b.blocks[np.clip(ce - 1, 0, m - 1)]
        )
    return np.where(ok, s, NEG)


def _trace(
    score: Floats, back: npt.NDArray[np.int8], lo: Ints, n: int, m: int
) -> list[tuple[int, int]]:
    """The path from (0, 0) to (n, m), following the back pointers."""
    i, j = n, m
    if not 0 <= j - lo[i] < score.shape[1] or score[i, j - lo[i]] <= NEG / 2:
        raise UsageError("no alignment within the search band (the documents differ too much)")
    path = [(i, j)]
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        if t < 0:
            raise UsageError("no alignment path (internal: broken back pointer)")
        dz, de, _ = BEAD_TYPES[t]
        i, j = i - dz, j - de
        path.append((i, j))
    path.reverse()
    return path


def _beads(
    path: list[tuple[int, int]],
    zh: Evidence,
    en: Evidence,
    ratio: float,
    variance: float,
    w: Weights,
) -> list[Bead]:
    out = []
    base = _chance_dice(zh, en)
    for (i0, j0), (i1, j1) in itertools.pairwise(path):
        zi, ej = tuple(range(i0, i1)), tuple(range(j0, j1))
        out.append(Bead(zi, ej, _confidence(zh, en, zi, ej, ratio, variance, w, base)))
    return out


#: Sentence pairs drawn to estimate what two unrelated sentences share.
_CHANCE_PAIRS = 400


def _dice(zh: Evidence, en: Evidence, zi: Sequence[int], ej: Sequence[int]) -> float:
    tot = float(zh.totals[list(zi)].sum() + en.totals[list(ej)].sum())
    return min(1.0, 2.0 * zh.shared_exact(en, zi, ej) / tot) if tot else 0.0


def _chance_dice(zh: Evidence, en: Evidence) -> float:
    """The mean evidence Dice of sentence pairs far from the diagonal: what any two
    sentences of these documents share (their vocabulary, their subject)."""
    n, m = zh.size, en.size
    if not n or not m:
        return 0.0
    rng = np.random.default_rng(20261202)
    i = rng.integers(0, n, _CHANCE_PAIRS)
    j = rng.integers(0, m, _CHANCE_PAIRS)
    far = np.abs(i / n - j / m) > 0.25
    pairs = list(zip(i[far].tolist(), j[far].tolist(), strict=True))
    if not pairs:
        return 0.0
    return float(np.mean([_dice(zh, en, (a,), (b,)) for a, b in pairs]))


def _confidence(
    zh: Evidence,
    en: Evidence,
    zi: Sequence[int],
    ej: Sequence[int],
    ratio: float,
    variance: float,
    w: Weights,
    chance: float,
) -> float:
    """How sure the bead is: a logistic of how much more evidence its sides share than
    two unrelated sentences of the same documents (``chance``), and of its length fit
    (0.5 for a sentence on one side only, 0.9 for a line of the masthead)."""
    if not zi or not ej:
        side = zh if zi else en
        idx = zi or ej
        return 0.9 if all(side.one_sided[k] for k in idx) else 0.5
    tot = float(zh.totals[list(zi)].sum() + en.totals[list(ej)].sum())
    dice = _dice(zh, en, zi, ej)
    lz = np.array([float(zh.lengths[list(zi)].sum())])
    le = np.array([float(en.lengths[list(ej)].sum())])
    lp = float(_len_logp(lz, le, ratio, variance)[0])
    margin = w.similarity * (dice - chance) + w.length * lp + 1.0
    if tot == 0:  # nothing to compare but lengths
        margin = w.length * lp + 1.0
    return round(1.0 / (1.0 + math.exp(-margin)), 3)
