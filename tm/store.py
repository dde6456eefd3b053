"""Translation-memory storage in the untm SQLite file.

``tm_units`` holds one row per Chinese-English pair: plain text and inline markup of
each side, the normalized keys the scorer compares, token lengths (for the length
filter), skeleton hashes (for placeable-only matches), provenance, dates, usage count,
context, and every TMX prop and note as JSON. Identical pairs merge on a 64-bit hash of
the two texts: usage counts add, the latest change date is kept.

``tm_grams`` (:class:`untm.gramindex.GramIndex`) indexes every unit under the character
bigrams of its Chinese key and the words of its English key; an import adds one index
segment for the units it added.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.db import Database
from untm.gramindex import GramIndex
from untm.text.lang import Lang

from ._batch import (
    CHANGED,
    META_FIELDS,
    ROW_COLUMNS,
    USAGE,
    Batch,
    Grams,
    IndexWriter,
    WordCodes,
    finish,
    gram_pairs,
    merge_rows,
    skeleton_hash,
)
from ._pipeline import prepared_batches
from .model import Prop, Segment, TmStats, TranslationUnit

BATCH = 5_000  # units per executemany
INDEX_BATCH = 125_000  # units per index segment: about 60 MB of packed postings

_SELECT = (
    "SELECT id, src_lang, zh, en, origin, changed, usage_count, zh_tag, en_tag, meta FROM tm_units"
)
_ZH_KEY = "coalesce(zh_key, zh)"  # the Chinese key is stored only when it differs


def ensure_schema(db: Database) -> None:
    """Create the memory tables (idempotent)."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tm_units ("
        "id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, "
        "zh_key TEXT, en_key TEXT NOT NULL, zh_len INTEGER NOT NULL, en_len INTEGER NOT NULL, "
        "zh_skel INTEGER NOT NULL, en_skel INTEGER NOT NULL, pair_hash INTEGER NOT NULL UNIQUE, "
        "origin TEXT, changed TEXT, usage_count INTEGER NOT NULL DEFAULT 0, zh_tag TEXT, "
        "en_tag TEXT, meta TEXT)"
    )
    for col in ("zh_skel", "en_skel", "zh_len", "en_len"):
        db.conn.execute(f"CREATE INDEX IF NOT EXISTS tm_units_{col} ON tm_units({col})")
    GramIndex(db.conn, "tm_grams").create()


@dataclass(frozen=True, slots=True)
class Candidate:
    """What lookup needs to rescore a unit: its key on the query side and its recency."""

    id: int
    key: str
    length: int
    text: str
    changed: str


class TmStore:
    """The embedded memory."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.index = GramIndex(db.conn, "tm_grams")

    # -- writing -----------------------------------------------------------------------

    def add_units(self, units: Iterable[TranslationUnit]) -> tuple[int, int]:
        """Add units (merging identical pairs) and index the new ones; returns (added, read)."""
        source = prepared_batches(lambda _progress: units, parallel=False)
        return self.add_batches(p.batch for p in source)

    def add_batches(self, batches: Iterable[Batch]) -> tuple[int, int]:
        """Store prepared batches and index the new units; returns (added, read).

        Runs inside the caller's transaction if there is one, else in its own. New units
        get consecutive ids, so their postings come from the grams already computed and
        are written one index segment per ``INDEX_BATCH`` units.
        """
        codes = WordCodes()
        with self.db.transaction():
            writer = IndexWriter(self.index, INDEX_BATCH)
            next_id = self._next_id()
            read = added = 0
            for batch in batches:
                rows, grams = finish(batch, codes)
                new = self._insert(rows, batch.pairs, next_id)
                rank = _rank(new, len(rows))[grams.owner]
                kept = rank >= 0
                new_ids = np.arange(next_id, next_id + len(new), dtype=np.int64)
                writer.add(new_ids, Grams(grams.grams[kept], rank[kept]))
                next_id += len(new)
                added += len(new)
                read += len(batch.rows)
            writer.flush()
            self.db.set_meta("tm_next_id", str(next_id))
        return added, read

    def _next_id(self) -> int:
        stored = self.db.meta("tm_next_id")
        top = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM tm_units").fetchone()[0]
        return max(int(stored or 0), int(top))

    def _insert(self, rows: list[tuple[object, ...]], pairs: list[int], first_id: int) -> list[int]:
        """Merge the batch's known pairs, insert the others; returns the inserted positions."""
        existing = self._existing(pairs)
        new: dict[int, int] = {}  # pair hash -> position in the batch
        merges: list[tuple[object, object, int]] = []
        for i, pair in enumerate(pairs):
            if pair in new:  # repeated inside this batch: merge into its first occurrence
                rows[new[pair]] = merge_rows(rows[new[pair]], rows[i])
            elif pair in existing:
                merges.append((rows[i][USAGE], rows[i][CHANGED] or "", existing[pair]))
            else:
                new[pair] = i
        positions = sorted(new.values())
        self.conn.executemany(
            f"INSERT INTO tm_units (id, {ROW_COLUMNS}) VALUES ({','.join('?' * 17)})",
            [(first_id + rank, *rows[i]) for rank, i in enumerate(positions)],
        )
        self.conn.executemany(
            "UPDATE tm_units SET usage_count = usage_count + ?, "
            "changed = max(coalesce(changed, ''), ?) WHERE id = ?",
            merges,
        )
        return positions

    def _existing(self, hashes: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, uid in self.conn.execute(
                f"SELECT pair_hash, id FROM tm_units WHERE pair_hash IN ({marks})", chunk
            ):
                found[int(h)] = int(uid)
        return found

    def _index_from(self, first_id: int) -> int:
        """Index stored units with id >= first_id from their keys; returns the count."""
        writer = IndexWriter(self.index, INDEX_BATCH)
        codes = WordCodes()
        last, count = first_id - 1, 0
        while True:
            rows = self.conn.execute(
                f"SELECT id, {_ZH_KEY}, en_key FROM tm_units WHERE id > ? ORDER BY id LIMIT ?",
                (last, BATCH * 4),
            ).fetchall()
            if not rows:
                writer.flush()
                return count
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            grams, _ = gram_pairs([r[1] for r in rows], [r[2] for r in rows], codes)
            writer.add(ids, grams)
            count += len(rows)
            last = int(ids[-1])

    def reindex(self) -> None:
        """Rebuild the whole index (drops ids of deleted units)."""
        with self.db.transaction():
            self.index.clear()
            self._index_from(0)

    def delete(self, *, origin: str) -> int:
        """Delete the units imported from ``origin``; returns how many.

        Deleted ids stay in the index until :meth:`reindex` (readers skip them); the index
        is rebuilt here when more than a fifth of its documents are gone.
        """
        with self.db.transaction():
            n = self.conn.execute("DELETE FROM tm_units WHERE origin = ?", (origin,)).rowcount
            indexed = self.conn.execute("SELECT coalesce(sum(docs), 0) FROM tm_grams_segments")
            total = int(indexed.fetchone()[0])
            remaining = self.count()
            if total and (total - remaining) * 5 > total:
                self.index.clear()
                self._index_from(0)
        return int(n)

    # -- reading -----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM tm_units").fetchone()[0])

    def candidates(
        self, ids: Sequence[int], lang: Lang, min_len: int, max_len: int
    ) -> list[Candidate]:
        """Units by id whose ``lang`` side has a token length in [min_len, max_len]."""
        side = lang.value
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        out: list[Candidate] = []
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            out.extend(
                Candidate(r[0], r[1], r[2], r[3], r[4] or "")
                for r in self.conn.execute(
                    f"SELECT id, {key}, {side}_len, {side}, changed FROM tm_units "
                    f"WHERE id IN ({marks}) AND {side}_len BETWEEN ? AND ?",
                    (*chunk, min_len, max_len),
                )
            )
        return out

    def by_length(self, lang: Lang, min_len: int, max_len: int, limit: int) -> list[Candidate]:
        """Units whose ``lang`` side length is in the window (for very short queries)."""
        side = lang.value
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        return [
            Candidate(r[0], r[1], r[2], r[3], r[4] or "")
            for r in self.conn.execute(
                f"SELECT id, {key}, {side}_len, {side}, changed FROM tm_units "
                f"WHERE {side}_len BETWEEN ? AND ? LIMIT ?",
                (min_len, max_len, limit),
            )
        ]

    def same_skeleton(self, lang: Lang, key: str, limit: int = 50) -> list[int]:
        """Ids of units whose ``lang`` side may differ from ``key`` only in placeables."""
        skel = skeleton_hash(key)
        side = lang.value
        cur = self.conn.execute(
            f"SELECT id FROM tm_units WHERE {side}_skel = ? LIMIT ?", (skel, limit)
        )
        return [int(r[0]) for r in cur]

    def units(self, ids: Sequence[int]) -> list[TranslationUnit]:
        """Full units by id, in the order given."""
        found: dict[int, TranslationUnit] = {}
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[int(r[0])] = _unit(r)
        return [found[i] for i in ids if i in found]

    def iter_units(self, *, origin: str | None = None) -> Iterator[TranslationUnit]:
        """Every unit in id order (streamed)."""
        where, params = ("WHERE origin = ?", (origin,)) if origin else ("", ())
        last = 0
        while True:
            rows = self.conn.execute(
                f"{_SELECT} {where} {'AND' if where else 'WHERE'} id > ? ORDER BY id LIMIT 2000",
                (*params, last),
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _unit(r)
            last = int(rows[-1][0])

    def source_tags(self, *, origin: str | None = None) -> list[str]:
        """Distinct source-language tags (at most two: enough to tell one from many)."""
        where, params = ("WHERE origin = ?", (origin,)) if origin else ("", ())
        cur = self.conn.execute(
            "SELECT DISTINCT CASE src_lang WHEN 'zh' THEN coalesce(zh_tag, 'zh') "
            f"ELSE coalesce(en_tag, 'en') END FROM tm_units {where} LIMIT 2",
            params,
        )
        return [str(r[0]) for r in cur]

    def postings(self, grams: Sequence[int]) -> dict[int, npt.NDArray[np.uint32]]:
        return self.index.postings(grams)

    def containing(self, lang: Lang, needle: str, limit: int) -> list[int]:
        """Ids of units whose ``lang`` key contains ``needle`` (a scan; for 1-char queries)."""
        column = _ZH_KEY if lang is Lang.ZH else "en_key"
        cur = self.conn.execute(
            f"SELECT id FROM tm_units WHERE instr({column}, ?) > 0 ORDER BY id DESC LIMIT ?",
            (needle, limit),
        )
        return [int(r[0]) for r in cur]

    def stats(self) -> TmStats:
        q = self.conn.execute
        segs, grams, postings = self.index.stats()
        size = q("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return TmStats(
            units=self.count(),
            by_direction=tuple(
                (f"{s}->{'en' if s == 'zh' else 'zh'}", int(n))
                for s, n in q("SELECT src_lang, count(*) FROM tm_units GROUP BY src_lang")
            ),
            origins=tuple(
                (str(o or ""), int(n))
                for o, n in q(
                    "SELECT origin, count(*) FROM tm_units GROUP BY origin ORDER BY 2 DESC"
                )
            ),
            index_segments=segs,
            index_grams=grams,
            index_postings=postings,
            database_bytes=int(size.fetchone()[0]),
        )


def _rank(positions: list[int], size: int) -> npt.NDArray[np.int64]:
    """Map batch position -> rank among the inserted positions (-1 if not inserted)."""
    out = np.full(size, -1, dtype=np.int64)
    out[positions] = np.arange(len(positions), dtype=np.int64)
    return out


def _unit(r: Sequence[object]) -> TranslationUnit:
    uid, src_lang, zh, en = r[0], r[1], str(r[2]), str(r[3])
    origin, changed, usage, zh_tag, en_tag, raw = r[4:10]
    meta: dict[str, object] = json.loads(str(raw)) if raw else {}
    zseg = Segment(zh, Lang.ZH, str(zh_tag or ""), _opt(meta.get("zh_markup")))
    eseg = Segment(en, Lang.EN, str(en_tag or ""), _opt(meta.get("en_markup")))
    src, tgt = (zseg, eseg) if src_lang == "zh" else (eseg, zseg)
    props = meta.get("props") or []
    return TranslationUnit(
        source=src,
        target=tgt,
        id=int(str(uid)),
        origin=str(origin or ""),
        changed=str(changed or ""),
        usage_count=int(str(usage or 0)),
        props=tuple(Prop(v, t, w, lg) for v, t, w, lg in props),  # type: ignore[attr-defined]
        **{f: str(meta.get(f, "")) for f in META_FIELDS},
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
