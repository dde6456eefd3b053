"""What the aligner knows about each sentence: length, structure and weighted symbols.

A *symbol* is anything both sides of a translation share: an English lemma (from a
Chinese dictionary word's glosses, or an English content word), a Latin token, the
canonical value of a number, date, document symbol or reference, a paragraph number,
a termbase concept found on the sentence. Each sentence is a bag of weighted symbols;
two sentences' shared evidence is the sum over common symbols of the smaller weight.

Symbols frequent in the document weigh less (an IDF factor): "state" in a UNCAC
document or "lord" in the Bible says little about which sentence is which.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

__all__ = ["Evidence", "SymbolTable"]


class SymbolTable:
    """Symbols of both sides of one alignment as small integers."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def id(self, symbol: str) -> int:
        found = self._ids.get(symbol)
        if found is None:
            found = self._ids[symbol] = len(self._ids)
        return found

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True, eq=False)
class Evidence:
    """One side of an alignment: per unit (sentence, or merged sentences at a coarse
    level) its length, total evidence weight, kind, block, and whether it is the kind of
    line found on one side only; and its (unit, symbol, weight) entries."""

    lengths: Floats
    totals: Floats
    kinds: Ints
    blocks: Ints
    one_sided: Bools
    units: Ints  # entry -> unit (sorted by unit, then symbol; one entry per pair)
    symbols: Ints
    weights: Floats
    first_unit: Ints  # unit -> first sentence (for coarse levels), plus the end

    @property
    def size(self) -> int:
        return int(self.lengths.size)

    @functools.cached_property
    def entry_start(self) -> Ints:
        """Index of each unit's first entry (entries are sorted by unit), and the end."""
        found: Ints = np.searchsorted(self.units, np.arange(self.size + 1), side="left")
        return found

    @classmethod
    def of(
        cls,
        lengths: Sequence[float],
        entries: tuple[Sequence[int], Sequence[int], Sequence[float]],
        *,
        kinds: Sequence[int],
        blocks: Sequence[int],
        one_sided: Sequence[bool],
    ) -> Evidence:
        """From flat (unit, symbol, weight) entries, in any order."""
        units = np.asarray(entries[0], dtype=np.int64)
        symbols = np.asarray(entries[1], dtype=np.int64)
        weights = np.asarray(entries[2], dtype=np.float64)
        n = len(lengths)
        return cls._aggregate(
            np.asarray(lengths, dtype=np.float64),
            np.asarray(kinds, dtype=np.int64),
            np.asarray(blocks, dtype=np.int64),
            np.asarray(one_sided, dtype=bool),
            units,
            symbols,
            weights,
            np.arange(n + 1, dtype=np.int64),
        )

    @classmethod
    def _aggregate(
        cls,
        lengths: Floats,
        kinds: Ints,
        blocks: Ints,
        one_sided: Bools,
        units: Ints,
        symbols: Ints,
        weights: Floats,
        first_unit: Ints,
    ) -> Evidence:
        """Entries summed per (unit, symbol), and the totals per unit."""
        n = lengths.size
        if units.size:
            width = int(symbols.max()) + 1
            key = units.astype(np.int64) * width + symbols
            uniq, inverse = np.unique(key, return_inverse=True)
            summed = np.bincount(inverse, weights=weights)
            # compact: a long document has millions of entries at every level
            units = (uniq // width).astype(np.int32)
            symbols = (uniq % width).astype(np.int32)
            weights = summed.astype(np.float32)
        totals = np.bincount(units, weights=weights, minlength=n).astype(np.float64)
        return cls(lengths, totals, kinds, blocks, one_sided, units, symbols, weights, first_unit)

    def reweighted(self, other: Evidence) -> tuple[Evidence, Evidence]:
        """Both sides with each symbol's weight scaled by how rare it is in the pair."""
        n = self.size + other.size
        df = np.bincount(np.concatenate([self.symbols, other.symbols]))
        idf = np.minimum(1.0, np.log((n + 1) / (df + 1.0)) / math.log(8.0))
        return self._scaled(idf), other._scaled(idf)

    def _scaled(self, idf: Floats) -> Evidence:
        return Evidence._aggregate(
            self.lengths,
            self.kinds,
            self.blocks,
            self.one_sided,
            self.units,
            self.symbols,
            self.weights * np.maximum(idf[self.symbols], 0.0),
            self.first_unit,
        )

    def merged_pairs(self) -> Evidence:
        """The coarser side: units 2k and 2k + 1 merged."""
        n = self.size
        m = (n + 1) // 2
        pair = np.arange(n) // 2
        lengths: Floats = np.bincount(pair, weights=self.lengths, minlength=m).astype(np.float64)
        one_sided = np.bincount(pair, weights=~self.one_sided, minlength=m) == 0
        return Evidence._aggregate(
            lengths,
            self.kinds[::2].copy(),
            self.blocks[::2].copy(),
            one_sided,
            self.units // 2,  # still sorted
            self.symbols,
            self.weights,
            np.append(self.first_unit[:-1][::2], self.first_unit[-1]),
        )

    def shared_band(self, other: Evidence, lo: Ints, width: int) -> Floats:
        """``out[r, k]``: shared evidence of our unit r and the other's unit lo[r] + k."""
        n, m = self.size, other.size
        out = np.zeros(n * width, dtype=np.float64)
        if not self.units.size or not other.units.size:
            return out.reshape(n, width)
        order = np.lexsort((other.units, other.symbols))
        o_sym = other.symbols[order].astype(np.int64)
        o_unit = other.units[order].astype(np.int64)
        o_w = other.weights[order]
        key = o_sym * (m + 1) + o_unit
        base = self.symbols.astype(np.int64) * (m + 1)
        first = lo[self.units]
        left = np.searchsorted(key, base + first, side="left")
        right = np.searchsorted(key, base + np.minimum(first + width, m + 1), side="left")
        counts = right - left
        # expanded in chunks: a whole long document at once would need gigabytes
        ends = np.cumsum(counts)
        chunk = 500_000
        begin = 0
        while begin < self.units.size:
            stop = int(np.searchsorted(ends, (ends[begin - 1] if begin else 0) + chunk))
            stop = min(max(stop, begin + 1), self.units.size)
            sel = slice(begin, stop)
            c = counts[sel]
            total = int(c.sum())
            if total:
                rep = np.repeat(np.arange(begin, stop), c)
                idx = np.repeat(left[sel] - (np.cumsum(c) - c), c) + np.arange(total)
                rows = self.units[rep].astype(np.int64)
                flat = rows * width + (o_unit[idx] - lo[rows])
                value = np.minimum(self.weights[rep], o_w[idx])
                out += np.bincount(flat, weights=value, minlength=n * width)
            begin = stop
        return out.reshape(n, width)

    def shared_exact(self, other: Evidence, mine: Sequence[int], theirs: Sequence[int]) -> float:
        """Shared evidence of a group of our units and a group of the other's."""
        a = _bag(self, mine)
        b = _bag(other, theirs)
        return float(sum(min(w, b[s]) for s, w in a.items() if s in b))


def _bag(side: Evidence, units: Sequence[int]) -> dict[int, float]:
    lo = int(side.entry_start[min(units)])
    hi = int(side.entry_start[max(units) + 1])
    bag: dict[int, float] = {}
    for s, w in zip(side.symbols[lo:hi].tolist(), side.weights[lo:hi].tolist(), strict=True):
        bag[s] = bag.get(s, 0.0) + w
    return bag
