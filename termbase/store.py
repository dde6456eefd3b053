"""Termbase storage behind a small interface, with the SQLite implementation.

The lookup engine and the matcher only use :class:`TermStore`, so a PostgreSQL store
for teams can be added later without touching them.

Tables (sqlite-utils creates them): ``tb_concepts`` (with the evidence of the English
and its origin, the file that first brought the concept), ``tb_definitions``,
``tb_terms`` (one row per term, with its normalized key ``key`` indexed for exact,
normalized and prefix lookup), the gram index ``tb_grams`` over term ids (contains and
fuzzy), ``tb_arrays``, which keeps the key length and language of every term id as one
blob so that lookup can rank thousands of gram candidates without reading their rows,
and ``tb_glossary``, the :func:`concept_digest` of each shipped glossary concept as it
was last written (``termbase/glossary.py`` tells by it which ones the user changed).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from untm.arrays import StoredArrays, gather
from untm.db import Database
from untm.gramindex import GramIndex
from untm.grams import char_bigrams, char_trigrams
from untm.text.lang import Lang
from untm.text.normalize import NORMALIZATION, term_key, term_keys

from .model import (
    Concept,
    Definition,
    DeleteReport,
    Evidence,
    ImportReport,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

_IN_CHUNK = 500
_LANGS = {lang.value: lang for lang in Lang}
_STATUSES = {status.value: status for status in TermStatus}


@dataclass(frozen=True, slots=True)
class TermRow:
    """A stored term as the lookup engine sees it, before its concept is loaded."""

    id: int
    concept_id: str
    lang: Lang
    text: str
    key: str
    status: TermStatus


@dataclass(frozen=True, slots=True)
class TermbaseStats:
    concepts: int
    terms_zh: int
    terms_en: int
    by_status: tuple[tuple[TermStatus, int], ...]
    #: concepts per subject field, most first; concepts without one are not in it
    by_subject: tuple[tuple[str, int], ...]
    origins: tuple[tuple[str, int], ...]
    without_subject: int = 0


class TermStore(Protocol):
    """What lookup, matching and interchange need from a termbase backend."""

    def import_concepts(self, concepts: Iterable[Concept], *, origin: str) -> ImportReport: ...
    def concepts(self, ids: Sequence[str]) -> list[Concept]: ...
    def all_concepts(self) -> Iterator[Concept]: ...
    def by_text(self, text: str, lang: Lang) -> list[TermRow]: ...
    def by_keys(self, keys: Sequence[str], lang: Lang) -> list[TermRow]: ...
    def by_prefix(self, key: str, lang: Lang, limit: int) -> list[TermRow]: ...
    def by_ids(self, ids: Sequence[int]) -> list[TermRow]: ...
    def keys_by_ids(self, ids: Sequence[int], lang: Lang) -> list[tuple[int, str]]: ...
    def gram_postings(self, grams: Sequence[int]) -> dict[int, np.ndarray]: ...
    def gram_freqs(self, grams: Sequence[int]) -> dict[int, int]: ...
    def key_lengths(self, ids: npt.NDArray[np.int64], lang: Lang) -> npt.NDArray[np.int64]: ...
    def all_terms(self) -> Iterator[TermRow]: ...
    def exclusions(self) -> list[tuple[int, tuple[str, ...]]]: ...
    def stats(self) -> TermbaseStats: ...


def term_grams(key: str, lang: Lang) -> list[int]:
    """Grams indexed for a term key: character bigrams (Chinese), trigrams (English)."""
    return char_bigrams(key) if lang is Lang.ZH else char_trigrams(key)


#: Columns of ``tb_concepts`` added after the table was first made, added to older files.
_LATER_CONCEPT_COLUMNS = ("evidence", "attested")  # termbase schema 3


def ensure_schema(db: Database) -> None:
    """Create the termbase tables and add columns an older file lacks (idempotent)."""
    if "tb_concepts" not in db.utils.table_names():
        _create_tables(db)
    have = {r[1] for r in db.conn.execute("PRAGMA table_info(tb_concepts)")}
    for column in _LATER_CONCEPT_COLUMNS:
        if column not in have:
            db.conn.execute(f"ALTER TABLE tb_concepts ADD COLUMN {column} TEXT")
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tb_glossary (concept_id TEXT PRIMARY KEY, digest TEXT NOT NULL)"
    )
    GramIndex(db.conn, "tb_grams").create()
    arrays = StoredArrays(db, "tb_arrays")
    arrays.create()
    stored = db.meta("normalization")
    if stored is not None and stored != NORMALIZATION:  # keys of an older untm
        SqliteTermStore(db).rekey()
    elif not arrays.exists("key_lengths"):  # a database made before the table existed
        _store_key_lengths(arrays)


def _create_tables(db: Database) -> None:
    """The termbase tables of a file that has none."""
    u = db.utils
    u.table("tb_concepts").create(
        {
            "id": str,
            "subject": str,
            "note": str,
            "source": str,
            "created": str,
            "modified": str,
            "origin": str,
            "evidence": str,
            "attested": str,
        },
        pk="id",
    )
    u.table("tb_definitions").create(
        {"concept_id": str, "lang": str, "text": str, "source": str, "seq": int},
        foreign_keys=[("concept_id", "tb_concepts", "id")],
    )
    u.table("tb_terms").create(
        {
            "id": int,
            "concept_id": str,
            "lang": str,
            "term": str,
            "key": str,
            "status": str,
            "type": str,
            "pos": str,
            "context": str,
            "note": str,
            "source": str,
            "geo": str,
            "exclude": str,
            "seq": int,
        },
        pk="id",
        foreign_keys=[("concept_id", "tb_concepts", "id")],
    )
    u.table("tb_terms").create_index(["term"])
    u.table("tb_terms").create_index(["lang", "key"])
    u.table("tb_terms").create_index(["concept_id"])
    u.table("tb_definitions").create_index(["concept_id"])


#: ``tb_arrays.key_lengths``: uint16 per term id, the key length with this bit for English.
_EN_BIT = 0x8000
_MAX_LEN = _EN_BIT - 1


def _store_key_lengths(arrays: StoredArrays) -> None:
    """Rewrite the key-length array from ``tb_terms`` (after every change to the terms)."""
    rows = np.array(
        arrays.db.conn.execute(
            "SELECT id, lang = 'en', min(length(key), ?) FROM tb_terms", (_MAX_LEN,)
        ).fetchall(),
        dtype=np.int64,
    ).reshape(-1, 3)
    size = int(rows[:, 0].max()) + 1 if rows.size else 0
    arr = np.zeros(size, dtype="<u2")
    arr[rows[:, 0]] = rows[:, 2] | (rows[:, 1] * _EN_BIT)
    arrays.save("key_lengths", arr)


class SqliteTermStore:
    """The embedded termbase in the untm SQLite file."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.grams = GramIndex(db.conn, "tb_grams")
        self.arrays = StoredArrays(db, "tb_arrays")

    # -- import ------------------------------------------------------------------------

    def import_concepts(self, concepts: Iterable[Concept], *, origin: str) -> ImportReport:
        """Add or merge concepts in one transaction.

        A concept merges into an existing one with the same id, otherwise into one that
        has an identical Chinese-English term pair; otherwise it is added. Re-importing
        the same file changes nothing.
        """
        added = merged = terms_added = 0
        with self.db.transaction():
            first_new_term = self._max_term_id() + 1
            for incoming in concepts:
                target = self._find_existing(incoming)
                if target is None:
                    self._insert(incoming, origin)
                    added += 1
                    terms_added += len(incoming.terms)
                    continue
                combined = merge_concepts(target, incoming)
                if combined != target:
                    terms_added += len(combined.terms) - len(target.terms)
                    kept_origin = self._origin_of(target.id, origin)  # before the row goes
                    self._delete(target.id)
                    self._insert(combined, kept_origin)
                merged += 1
            self._index_terms_from(first_new_term)
            _store_key_lengths(self.arrays)
        return ImportReport(
            source=origin,
            concepts_added=added,
            concepts_merged=merged,
            terms_added=terms_added,
        )

    def _find_existing(self, c: Concept) -> Concept | None:
        if c.id:
            found = self.concepts([c.id])
            if found:
                return found[0]
        for zh in c.terms_in(Lang.ZH):
            for en in c.terms_in(Lang.EN):
                row = self.conn.execute(
                    "SELECT a.concept_id FROM tb_terms a JOIN tb_terms b "
                    "ON a.concept_id = b.concept_id WHERE a.lang = 'zh' AND a.term = ? "
                    "AND b.lang = 'en' AND b.term = ? LIMIT 1",
                    (zh.text, en.text),
                ).fetchone()
                if row:
                    return self.concepts([row[0]])[0]
        return None

    def _origin_of(self, concept_id: str, default: str) -> str:
        row = self.conn.execute("SELECT origin FROM tb_concepts WHERE id = ?", (concept_id,))
        found = row.fetchone()
        return str(found[0]) if found else default

    def _insert(self, c: Concept, origin: str) -> None:
        self.conn.execute(
            "INSERT INTO tb_concepts(id, subject, note, source, created, modified, origin, "
            "evidence, attested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.id,
                c.subject,
                c.note,
                c.source,
                c.created,
                c.modified,
                origin,
                c.evidence.value if c.evidence else None,
                c.attested,
            ),
        )
        self.conn.executemany(
            "INSERT INTO tb_definitions(concept_id, lang, text, source, seq) VALUES (?,?,?,?,?)",
            [
                (c.id, d.lang.value if d.lang else None, d.text, d.source, i)
                for i, d in enumerate(c.definitions)
            ],
        )
        keys = _keys_in_order(c.terms)
        self.conn.executemany(
            "INSERT INTO tb_terms(concept_id, lang, term, key, status, type, pos, context, "
            "note, source, geo, exclude, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    t.lang.value,
                    t.text,
                    key,
                    t.status.value,
                    t.type.value,
                    t.pos.value if t.pos else None,
                    t.context,
                    t.note,
                    t.source,
                    t.geo_usage,
                    json.dumps(list(t.exclude), ensure_ascii=False) if t.exclude else "",
                    i,
                )
                for i, (t, key) in enumerate(zip(c.terms, keys, strict=True))
            ],
        )

    def _delete(self, concept_id: str) -> int:
        """Delete one concept's rows; returns how many terms it had."""
        terms = self.conn.execute("DELETE FROM tb_terms WHERE concept_id = ?", (concept_id,))
        self.conn.execute("DELETE FROM tb_definitions WHERE concept_id = ?", (concept_id,))
        self.conn.execute("DELETE FROM tb_concepts WHERE id = ?", (concept_id,))
        return terms.rowcount

    def _max_term_id(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM tb_terms").fetchone()[0])

    def _index_terms_from(self, first_id: int) -> None:
        grams: list[int] = []
        docs: list[int] = []
        cur = self.conn.execute("SELECT id, lang, key FROM tb_terms WHERE id >= ?", (first_id,))
        for tid, lang, key in cur:
            gs = term_grams(key, Lang(lang))
            grams.extend(gs)
            docs.extend([tid] * len(gs))
        self.grams.add(np.array(grams, dtype=np.int64), np.array(docs, dtype=np.int64))

    def rekey(self) -> None:
        """Recompute every term key with this untm's normalization, then the index."""
        with self.db.transaction():
            rows = self.conn.execute("SELECT id, lang, term FROM tb_terms").fetchall()
            for lang in (Lang.ZH, Lang.EN):
                mine = [(i, t) for i, lg, t in rows if lg == lang.value]
                keys = term_keys([t for _, t in mine], lang)
                self.conn.executemany(
                    "UPDATE tb_terms SET key = ? WHERE id = ?",
                    [(k, i) for (i, _), k in zip(mine, keys, strict=True)],
                )
            self.rebuild_index()

    def rebuild_index(self) -> None:
        """Rebuild the gram index from the terms (drops ids of deleted terms)."""
        with self.db.transaction():
            self.grams.clear()
            self._index_terms_from(0)
            _store_key_lengths(self.arrays)

    # -- reading -----------------------------------------------------------------------

    def concepts(self, ids: Sequence[str]) -> list[Concept]:
        """Concepts by id, in the order given (unknown ids are left out)."""
        if not ids:
            return []
        found: dict[str, Concept] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            terms = self._terms_of(chunk, marks)
            defs = self._definitions_of(chunk, marks)
            for row in self.conn.execute(
                "SELECT id, subject, note, source, created, modified, evidence, attested "
                f"FROM tb_concepts WHERE id IN ({marks})",
                chunk,
            ):
                cid = row[0]
                found[cid] = Concept(
                    id=cid,
                    subject=row[1] or "",
                    note=row[2] or "",
                    source=row[3] or "",
                    created=row[4] or "",
                    modified=row[5] or "",
                    evidence=Evidence(row[6]) if row[6] else None,
                    attested=row[7] or "",
                    terms=tuple(terms.get(cid, ())),
                    definitions=tuple(defs.get(cid, ())),
                )
        return [found[i] for i in ids if i in found]

    def _terms_of(self, ids: list[str], marks: str) -> dict[str, list[Term]]:
        out: dict[str, list[Term]] = {}
        for row in self.conn.execute(
            "SELECT concept_id, lang, term, status, type, pos, context, note, source, geo, "
            f"exclude FROM tb_terms WHERE concept_id IN ({marks}) ORDER BY concept_id, seq",
            ids,
        ):
            out.setdefault(row[0], []).append(
                Term(
                    text=row[2],
                    lang=Lang(row[1]),
                    status=TermStatus(row[3]),
                    type=TermType(row[4]),
                    pos=PartOfSpeech(row[5]) if row[5] else None,
                    context=row[6] or "",
                    note=row[7] or "",
                    source=row[8] or "",
                    geo_usage=row[9] or "",
                    exclude=tuple(json.loads(row[10])) if row[10] else (),
                )
            )
        return out

    def _definitions_of(self, ids: list[str], marks: str) -> dict[str, list[Definition]]:
        out: dict[str, list[Definition]] = {}
        for cid, lang, text, source in self.conn.execute(
            "SELECT concept_id, lang, text, source FROM tb_definitions "
            f"WHERE concept_id IN ({marks}) ORDER BY concept_id, seq",
            ids,
        ):
            out.setdefault(cid, []).append(
                Definition(text=text, lang=Lang(lang) if lang else None, source=source or "")
            )
        return out

    def all_concepts(self) -> Iterator[Concept]:
        """Every concept, in id order, loaded in batches."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM tb_concepts ORDER BY id")]
        for chunk in _chunks(ids):
            yield from self.concepts(chunk)

    _ROW_SQL = "SELECT id, concept_id, lang, term, key, status FROM tb_terms"

    def _rows(self, where: str, params: Sequence[object]) -> list[TermRow]:
        # dict lookups, not Enum(value): lookup builds hundreds of rows per query
        langs, statuses = _LANGS, _STATUSES
        return [
            TermRow(r[0], r[1], langs[r[2]], r[3], r[4], statuses[r[5]])
            for r in self.conn.execute(f"{self._ROW_SQL} WHERE {where}", params)
        ]

    def by_text(self, text: str, lang: Lang) -> list[TermRow]:
        return self._rows("term = ? AND lang = ?", (text, lang.value))

    def by_keys(self, keys: Sequence[str], lang: Lang) -> list[TermRow]:
        out: list[TermRow] = []
        for chunk in _chunks(list(dict.fromkeys(keys))):
            marks = ",".join("?" * len(chunk))
            out.extend(self._rows(f"lang = ? AND key IN ({marks})", (lang.value, *chunk)))
        return out

    def by_prefix(self, key: str, lang: Lang, limit: int) -> list[TermRow]:
        """The ``limit`` shortest terms whose key starts with ``key`` and is longer.

        The range is read from the covering ``(lang, key)`` index; only the rows kept
        are fetched from the table.
        """
        rows = self._rows(
            "id IN (SELECT id FROM tb_terms WHERE lang = ? AND key > ? AND key < ? "
            "ORDER BY length(key), key LIMIT ?)",
            (lang.value, key, key + "\U0010ffff", limit),
        )
        return sorted(rows, key=lambda r: (len(r.key), r.key))

    def by_ids(self, ids: Sequence[int]) -> list[TermRow]:
        out: list[TermRow] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out.extend(self._rows(f"id IN ({marks})", chunk))
        return out

    def keys_by_ids(self, ids: Sequence[int], lang: Lang) -> list[tuple[int, str]]:
        """(id, key) of the terms in ``lang`` among ``ids``: what verifying a candidate
        needs, without building a row for each of hundreds of rejected ones."""
        out: list[tuple[int, str]] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            # '+lang': without statistics SQLite would pick the (lang, key) index and read
            # every term of the language instead of the few ids
            out.extend(
                self.conn.execute(
                    f"SELECT id, key FROM tb_terms WHERE id IN ({marks}) AND +lang = ?",
                    (*chunk, lang.value),
                ).fetchall()
            )
        return out

    def gram_postings(self, grams: Sequence[int]) -> dict[int, np.ndarray]:
        return self.grams.postings(grams)

    def gram_freqs(self, grams: Sequence[int]) -> dict[int, int]:
        return self.grams.doc_freqs(grams)

    def key_lengths(self, ids: npt.NDArray[np.int64], lang: Lang) -> npt.NDArray[np.int64]:
        """Key length of each term id, or -1 where the id is not a term in ``lang``."""
        raw = gather(self.arrays.load("key_lengths", "<u2"), ids)
        lengths = raw & _MAX_LEN
        ok = (lengths > 0) & (((raw & _EN_BIT) != 0) == (lang is Lang.EN))
        return np.where(ok, lengths, -1)

    def all_terms(self) -> Iterator[TermRow]:
        cur = self.conn.execute(f"{self._ROW_SQL} ORDER BY id")
        for r in cur:
            yield TermRow(r[0], r[1], Lang(r[2]), r[3], r[4], TermStatus(r[5]))

    def exclusions(self) -> list[tuple[int, tuple[str, ...]]]:
        """(term id, exclusion list) for the terms that have one."""
        return [
            (int(i), tuple(json.loads(e)))
            for i, e in self.conn.execute("SELECT id, exclude FROM tb_terms WHERE exclude != ''")
        ]

    def stats(self) -> TermbaseStats:
        q = self.conn.execute
        return TermbaseStats(
            concepts=int(q("SELECT count(*) FROM tb_concepts").fetchone()[0]),
            terms_zh=int(q("SELECT count(*) FROM tb_terms WHERE lang = 'zh'").fetchone()[0]),
            terms_en=int(q("SELECT count(*) FROM tb_terms WHERE lang = 'en'").fetchone()[0]),
            by_status=tuple(
                (TermStatus(s), int(n))
                for s, n in q(
                    "SELECT status, count(*) FROM tb_terms GROUP BY status ORDER BY 2 DESC"
                )
            ),
            by_subject=tuple(
                (str(s), int(n))
                for s, n in q(
                    "SELECT subject, count(*) FROM tb_concepts WHERE coalesce(subject, '') != '' "
                    "GROUP BY subject ORDER BY 2 DESC, 1"
                )
            ),
            without_subject=int(
                q("SELECT count(*) FROM tb_concepts WHERE coalesce(subject, '') = ''").fetchone()[0]
            ),
            origins=tuple(
                (str(o or ""), int(n))
                for o, n in q(
                    "SELECT origin, count(*) FROM tb_concepts GROUP BY origin ORDER BY 2 DESC"
                )
            ),
        )

    def ids_of_origin(self, origin: str) -> list[str]:
        """Ids of the concepts whose origin is ``origin``, in id order."""
        cur = self.conn.execute(
            "SELECT id FROM tb_concepts WHERE origin = ? ORDER BY id", (origin,)
        )
        return [str(r[0]) for r in cur]

    def delete_concepts(self, ids: Sequence[str]) -> DeleteReport:
        """Delete the concepts ``ids`` (unknown ones are left out of the report), in one
        transaction."""
        with self.db.transaction():
            found = sorted(c.id for c in self.concepts(list(ids)))
            terms = 0
            for cid in found:
                terms += self._delete(cid)
            _store_key_lengths(self.arrays)
        return DeleteReport(deleted=tuple(found), terms=terms)

    def delete_origin(self, origin: str) -> DeleteReport:
        """Delete every concept imported from ``origin`` (none: an empty report)."""
        return self.delete_concepts(self.ids_of_origin(origin))

    def put(self, concepts: Sequence[tuple[Concept, str]]) -> None:
        """Write each (concept, origin), replacing a stored concept of the same id, in one
        transaction; the index follows."""
        with self.db.transaction():
            first_new_term = self._max_term_id() + 1
            for concept, origin in concepts:
                self._delete(concept.id)
                self._insert(concept, origin)
            self._index_terms_from(first_new_term)
            _store_key_lengths(self.arrays)

    def find_existing(self, c: Concept) -> Concept | None:
        """The stored concept ``c`` would merge into: same id, else a Chinese-English term
        pair in common."""
        return self._find_existing(c)

    def origin_of(self, concept_id: str) -> str | None:
        found = self._origin_of(concept_id, "")
        return found or None

    def origins(self) -> list[str]:
        """Every origin, sorted."""
        cur = self.conn.execute("SELECT DISTINCT origin FROM tb_concepts ORDER BY 1")
        return [str(r[0]) for r in cur if r[0]]

    def subjects(self) -> list[str]:
        """Every subject field in use, sorted."""
        cur = self.conn.execute(
            "SELECT DISTINCT subject FROM tb_concepts WHERE coalesce(subject, '') != '' ORDER BY 1"
        )
        return [str(r[0]) for r in cur]

    def select(
        self, *, origins: Sequence[str] = (), subjects: Sequence[str] = ()
    ) -> Iterator[Concept]:
        """The concepts of any of ``origins`` and any of ``subjects`` (empty: no condition
        on it), in id order, loaded in batches."""
        where: list[str] = []
        params: list[str] = []
        for column, values in (("origin", origins), ("subject", subjects)):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        sql = "SELECT id FROM tb_concepts" + (f" WHERE {' AND '.join(where)}" if where else "")
        ids = [r[0] for r in self.conn.execute(sql + " ORDER BY id", params)]
        for chunk in _chunks(ids):
            yield from self.concepts(chunk)


def merge_concepts(old: Concept, new: Concept) -> Concept:
    """``old`` updated by ``new``: non-empty fields of ``new`` win; terms are united.

    A term present in both (same language and text) takes the status of ``new`` and
    every other attribute ``new`` gives (non-empty, or a type other than the default
    fullForm); what ``new`` leaves out is kept, so importing a TSV export (which has no
    types, contexts or exclusions) does not strip them. Terms only in ``old`` are kept,
    so merging never loses a term.
    """
    by_key = {(t.lang, t.text): t for t in old.terms}
    for t in new.terms:
        before = by_key.get((t.lang, t.text))
        by_key[(t.lang, t.text)] = t if before is None else _merge_term(before, t)
    order = list(dict.fromkeys([(t.lang, t.text) for t in old.terms + new.terms]))
    new_langs = {d.lang for d in new.definitions}
    definitions = [d for d in old.definitions if d.lang not in new_langs]
    definitions.extend(new.definitions)
    # the evidence and where it was found go together: a newcomer that says how its
    # English is attested replaces both
    evidence: Evidence | None
    if new.evidence is not None:
        evidence, attested = new.evidence, new.attested
    else:
        evidence, attested = old.evidence, new.attested or old.attested
    return replace(
        old,
        subject=new.subject or old.subject,
        note=new.note or old.note,
        source=new.source or old.source,
        created=old.created or new.created,
        modified=new.modified or old.modified,
        definitions=tuple(definitions),
        terms=tuple(by_key[k] for k in order),
        evidence=evidence,
        attested=attested,
    )


def _merge_term(old: Term, new: Term) -> Term:
    return replace(
        new,
        type=old.type if new.type is TermType.FULL_FORM else new.type,
        pos=new.pos or old.pos,
        context=new.context or old.context,
        note=new.note or old.note,
        source=new.source or old.source,
        geo_usage=new.geo_usage or old.geo_usage,
        exclude=new.exclude or old.exclude,
    )


def concept_digest(concept: Concept) -> str:
    """A digest of everything a concept says (its origin aside): equal digests, equal
    concepts. Empty fields are left out, so a field added to the model later (empty in
    every concept written before) does not change the digest of older concepts."""
    text = json.dumps(_plain(concept), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return {k: _plain(v) for k, v in fields if v not in ("", (), None)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _keys_in_order(terms: Sequence[Term]) -> list[str]:
    """Normalized keys of terms in their order (script conversion batched per language)."""
    keys = [""] * len(terms)
    for lang in (Lang.ZH, Lang.EN):
        idx = [i for i, t in enumerate(terms) if t.lang is lang]
        for i, k in zip(idx, term_keys([terms[i].text for i in idx], lang), strict=True):
            keys[i] = k
    return keys


def _chunks(items: Sequence[object]) -> Iterator[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), _IN_CHUNK):
        yield list(items[i : i + _IN_CHUNK])


__all__ = [
    "SqliteTermStore",
    "TermRow",
    "TermStore",
    "TermbaseStats",
    "concept_digest",
    "ensure_schema",
    "merge_concepts",
    "term_grams",
    "term_key",
]
