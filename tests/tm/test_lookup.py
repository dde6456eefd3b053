"""Fuzzy lookup: finds the original, ranks by score then recency, equals an exhaustive scan."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tests.tm.helpers import (
    corpus_pairs,
    edit_en,
    edit_zh,
    new_db,
    tmx,
    tu,
    un_pairs,
    write_pairs,
)
from untm.db import Database
from untm.text.lang import Lang
from untm.text.normalize import skeleton, tm_key, tokens
from untm.tm import api
from untm.tm.model import Match, TranslationUnit
from untm.tm.scoring import final_score
from untm.tm.store import TmStore

SIZE = 3000
UN_SIZE = 1500
DATES = ("20150101T000000Z", "20180601T120000Z", "20200229T000000Z", "20230101T000000Z")


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """3,000 opus pairs (distinct news sentences) and 1,500 formulaic UN-style units:
    near-duplicates with equal scores, as in a real UN memory. Every unit has a change
    date (the corpus part the oldest), so that ties are broken by date, then import order;
    how undated units rank is the separate matter of test_undated_units_rank_after_dated_ones.
    """
    d = tmp_path_factory.mktemp("db")
    db = new_db(d / "tm.db")
    old = 'changedate="20100101T000000Z"'
    body = "".join(tu(escape(z), escape(e), attrs=old) for z, e in corpus_pairs(SIZE))
    (d / "corpus.tmx").write_text(tmx(body), encoding="utf-8")
    assert api.import_file(db, d / "corpus.tmx").added > SIZE * 0.95
    rng = random.Random(3)
    body = "".join(
        tu(escape(z), escape(e), attrs=f'changedate="{rng.choice(DATES)}"')
        for z, e in un_pairs(UN_SIZE)
    )
    (d / "un.tmx").write_text(tmx(body), encoding="utf-8")
    api.import_file(db, d / "un.tmx")
    yield db
    db.close()


@pytest.fixture(scope="module")
def units(memory: Database) -> list[TranslationUnit]:
    return list(TmStore(memory).iter_units())


def _sample(
    units: list[TranslationUnit], lang: Lang, n: int, seed: int, origin: str = "corpus.tmx"
) -> list[TranslationUnit]:
    rng = random.Random(seed)
    mine = [u for u in units if u.origin == origin]
    if lang is Lang.ZH:
        fit = [u for u in mine if len(u.side(lang).text) >= 12]
    else:
        fit = [u for u in mine if len(u.side(lang).text.split()) >= 8]
    return rng.sample(fit, n)


def _first_or_tied(found: list[Match], lang: Lang, original: str) -> bool:
    """The original is first, or shares the first place's score (formulaic fallback data)."""
    best = found[0].score
    return any(m.unit.side(lang).text == original for m in found if m.score == best)


def _ids(matches: list[Match]) -> list[tuple[int | None, float]]:
    return [(m.unit.id, m.score) for m in matches]


# -- finding the original ---------------------------------------------------------------------


def test_slightly_changed_chinese_finds_the_original_first(
    memory: Database, units: list[TranslationUnit]
) -> None:
    rng = random.Random(7)
    for unit in _sample(units, Lang.ZH, 40, seed=1):
        original = unit.side(Lang.ZH).text
        query = edit_zh(original, rng)
        found = api.lookup(memory, query, limit=100)  # room for ties in formulaic data
        assert found, query
        assert _first_or_tied(found, Lang.ZH, original), query
        assert found[0].lang is Lang.ZH
        assert found[0].unit.side(Lang.EN).text  # the translation comes with it


def test_english_queries_search_the_english_side(
    memory: Database, units: list[TranslationUnit]
) -> None:
    rng = random.Random(8)
    for unit in _sample(units, Lang.EN, 40, seed=2):
        original = unit.side(Lang.EN).text
        query = edit_en(original, rng)
        found = api.lookup(memory, query, limit=100)
        assert found, query
        assert found[0].lang is Lang.EN
        assert _first_or_tied(found, Lang.EN, original), query
        zh = [m.unit.side(Lang.ZH).text for m in found if m.unit.side(Lang.EN).text == original]
        assert unit.side(Lang.ZH).text in zh


def test_an_english_source_unit_is_found_from_chinese(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "en-zh.tmx"
    body = tu("委员会审议了秘书长的报告。", "The Committee considered the report.")
    path.write_text(tmx(body, srclang="en-US"), encoding="utf-8")
    api.import_file(db, path)
    (m,) = api.lookup(db, "委员会审议了秘书长的报告")
    assert m.unit.source.lang is Lang.EN
    assert m.lang is Lang.ZH and m.score == 99.0  # the missing full stop


# -- ranking, threshold, limit ----------------------------------------------------------------


@pytest.fixture
def dated(db: Database, tmp_path: Path) -> Database:
    """Query 委员会审议了报告。 scores 88.9 against the first two, 99 against the third."""
    body = (
        tu("委员会审议了报表。", "C", attrs='changedate="20210601T000000Z"')
        + tu("委员会审查了报告。", "B", attrs='changedate="20180101T000000Z"')
        + tu("委员会审议了报告；", "D", attrs='changedate="20150101T000000Z"')
    )
    path = tmp_path / "dated.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    api.import_file(db, path)
    return db


def test_ranked_by_score_then_later_change_date(dated: Database) -> None:
    found = api.lookup(dated, "委员会审议了报告。")
    assert [(m.unit.target.text, m.score) for m in found] == [
        ("D", 99.0),  # placeable-only beats any edit, however old
        ("C", 88.9),  # equal scores: changed 2021 before 2018, though imported first
        ("B", 88.9),
    ]


def test_undated_units_rank_after_dated_ones(dated: Database, tmp_path: Path) -> None:
    path = tmp_path / "undated.tsv"
    path.write_text("委员会审议了报纸。\tE\n", encoding="utf-8")
    api.import_file(dated, path)
    found = api.lookup(dated, "委员会审议了报告。")
    assert [m.unit.target.text for m in found] == ["D", "C", "B", "E"]


def test_min_score_and_limit(memory: Database, units: list[TranslationUnit]) -> None:
    rng = random.Random(9)
    checked = 0
    for unit in _sample(units, Lang.ZH, 15, seed=3):
        query = edit_zh(unit.side(Lang.ZH).text, rng, edits=4)
        # ranked by score, so what scores at least s is a prefix of it: limit <= 50 is enough
        wide = api.lookup(memory, query, min_score=40, limit=50)
        for min_score in (40, 55, 70, 85):
            for limit in (1, 3, 10):
                got = api.lookup(memory, query, min_score=min_score, limit=limit)
                assert len(got) <= limit
                assert all(m.score >= min_score for m in got)
                expected = [m for m in wide if m.score >= min_score][:limit]
                assert _ids(got) == _ids(expected), (query, min_score, limit)
                checked += bool(got)
    assert checked > 60  # most cases had something to compare


def test_nothing_below_the_threshold(memory: Database) -> None:
    assert api.lookup(memory, "完全无关的一句话：量子色动力学的渐近自由。", min_score=90) == []


# -- the index against an exhaustive scan -----------------------------------------------------


@dataclass
class Exhaustive:
    """Every unit scored with the documented scorer (rapidfuzz over all keys), no index."""

    units: list[TranslationUnit]
    lang: Lang

    def __post_init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.texts = [u.side(self.lang).text for u in self.units]
        self.encoded = [self._encode(t) for t in self.texts]
        self.skeletons = [skeleton(t) for t in self.texts]

    def _encode(self, text: str) -> str:
        toks = tokens(tm_key(text, self.lang), self.lang)
        return "".join(self.codes.setdefault(t, chr(0xF0000 + len(self.codes))) for t in toks)

    def top(self, query: str, min_score: float, limit: int) -> list[tuple[int | None, float]]:
        found = process.extract(
            self._encode(query), self.encoded, scorer=Levenshtein.normalized_similarity, limit=None
        )
        q_skel = skeleton(query)
        scored = []
        for _, sim, i in found:
            s = final_score(100 * sim, query, self.texts[i], self.skeletons[i] == q_skel, self.lang)
            if s.score >= min_score:
                u = self.units[i]
                scored.append((s.score, u.changed, u.id or 0))
        # score, then the later change date (undated last), then the later import
        scored.sort(key=lambda x: (-x[0], _desc(x[1]), -x[2]))
        return [(uid, score) for score, _, uid in scored[:limit]]


def _desc(date: str) -> tuple[int, ...]:
    return (0, *(-ord(c) for c in date)) if date else (1,)


@pytest.mark.parametrize(
    ("lang", "min_score", "origin"),
    [
        (Lang.ZH, 70.0, "un.tmx"),
        (Lang.EN, 70.0, "un.tmx"),
        (Lang.ZH, 50.0, "un.tmx"),
        (Lang.ZH, 70.0, "corpus.tmx"),
    ],
)
def test_indexed_top5_equals_an_exhaustive_scan(
    memory: Database, units: list[TranslationUnit], lang: Lang, min_score: float, origin: str
) -> None:
    """50 edited queries per case, 200 in all; the UN part has many equal scores, so the
    tie-break (later change date, then later import) is exercised too."""
    scan = Exhaustive(units, lang)
    rng = random.Random(f"{lang}{min_score}{origin}")
    misses, ties = [], 0
    for unit in _sample(units, lang, 50, seed=int(min_score), origin=origin):
        text = unit.side(lang).text
        edits = rng.randint(1, 3)
        query = edit_zh(text, rng, edits) if lang is Lang.ZH else edit_en(text, rng, edits)
        got = _ids(api.lookup(memory, query, lang=lang, min_score=min_score, limit=5))
        expected = scan.top(query, min_score, 5)
        ties += len({score for _, score in expected}) < len(expected)
        if got != expected:
            misses.append((query, got, expected))
    assert misses == []
    if origin == "un.tmx":
        assert ties > 25  # the comparison did test the ordering of equal scores


# -- persistence and deletion -----------------------------------------------------------------


def test_index_survives_reopening(
    memory: Database, units: list[TranslationUnit], tmp_path: Path
) -> None:
    rng = random.Random(10)
    queries = [edit_zh(u.side(Lang.ZH).text, rng) for u in _sample(units, Lang.ZH, 10, seed=4)]
    before = [_ids(api.lookup(memory, q)) for q in queries]
    again = new_db(memory.path)  # a second connection: nothing re-imported or re-indexed
    try:
        assert [_ids(api.lookup(again, q)) for q in queries] == before
        assert all(before)
    finally:
        again.close()


@pytest.mark.parametrize("deleted_share", [20, 150], ids=["few (index kept)", "many (rebuilt)"])
def test_deleted_units_never_come_back(db: Database, tmp_path: Path, deleted_share: int) -> None:
    pairs = corpus_pairs(SIZE)[:400]
    gone, kept, later = pairs[:deleted_share], pairs[deleted_share:300], pairs[300:]
    for name, part in (("gone", gone), ("kept", kept)):
        write_pairs(tmp_path / f"{name}.zh.txt", tmp_path / f"{name}.en.txt", part)
        api.import_file(db, tmp_path / f"{name}.zh.txt", target=tmp_path / f"{name}.en.txt")
    store = TmStore(db)
    gone_ids = {u.id for u in store.iter_units(origin="gone.zh.txt")}
    gone_texts = {z for z, _ in gone} - {z for z, _ in kept + later}
    assert api.delete(db, origin="gone.zh.txt").deleted == len(gone_ids)

    def check() -> None:
        for zh, en in gone:
            if zh not in gone_texts:
                continue
            for m in api.lookup(db, zh, min_score=50) + api.lookup(db, en, min_score=50):
                assert m.unit.id not in gone_ids and m.unit.origin != "gone.zh.txt"
            for h in api.concordance(db, zh[:4]).hits:
                assert h.unit.id not in gone_ids
        assert not {u.id for u in store.iter_units()} & gone_ids
        assert "gone.zh.txt" not in dict(api.stats(db).origins)

    check()
    write_pairs(tmp_path / "later.zh.txt", tmp_path / "later.en.txt", later)
    api.import_file(db, tmp_path / "later.zh.txt", target=tmp_path / "later.en.txt")
    check()  # new units get new ids: no deleted id is reused
    out = tmp_path / "out.tsv"
    api.export_file(db, out)
    exported = {line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()}
    assert not exported & gone_texts


# -- short segments: the count filter is empty, the no-shared-gram bound decides --------------


@pytest.fixture(scope="module")
def terms_memory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The shipped glossary's preferred zh/en term pairs as a memory: 2-30 character
    segments, where a query of a few characters allows more edits than it has bigrams."""
    from untm.termbase.glossary import load_shipped

    db = new_db(tmp_path_factory.mktemp("terms") / "tm.db")
    pairs = {
        (c.terms_in(Lang.ZH)[0].text, c.terms_in(Lang.EN)[0].text)
        for c in load_shipped()
        if c.terms_in(Lang.ZH) and c.terms_in(Lang.EN)
    }
    body = "".join(tu(escape(z), escape(e)) for z, e in sorted(pairs))
    path = tmp_path_factory.mktemp("terms") / "terms.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    api.import_file(db, path)
    yield db
    db.close()


@pytest.mark.parametrize("min_score", [40.0, 60.0, 70.0, 85.0])
@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_short_queries_equal_an_exhaustive_scan(
    terms_memory: Database, lang: Lang, min_score: float
) -> None:
    """Queries of 2-8 characters (Chinese) or 1-4 words (English), edited or cut from the
    terms: below 2/3 a match may share no bigram at all, so the length window is scanned."""
    units = list(TmStore(terms_memory).iter_units())
    scan = Exhaustive(units, lang)
    rng = random.Random(f"short{lang}{min_score}")
    misses, found = [], 0
    for unit in rng.sample(units, 60):
        text = unit.side(lang).text
        if lang is Lang.ZH:
            cut = text[: rng.randint(2, 8)]
            query = edit_zh(cut, rng, 1) if len(cut) > 3 and rng.random() < 0.5 else cut
        else:
            cut = " ".join(text.split()[: rng.randint(1, 4)])
            query = edit_en(cut, rng, 1) if len(cut.split()) > 2 and rng.random() < 0.5 else cut
        got = _ids(api.lookup(terms_memory, query, lang=lang, min_score=min_score, limit=5))
        expected = scan.top(query, min_score, 5)
        found += bool(expected)
        if got != expected:
            misses.append((query, got, expected))
    assert misses == []
    assert found > 20  # the queries did find something to compare


def test_a_schema_2_memory_is_migrated(tmp_path: Path) -> None:
    """A file of schema 2 (skeleton and length columns indexed in tm_units, crc32 word
    codes, no length arrays) is brought up to date on opening: the old columns go, the
    arrays are built and the index is rebuilt, so lookup finds what it found before."""
    from untm.db import SCHEMA_VERSION

    db = new_db(tmp_path / "old.db")
    pairs = corpus_pairs(300)
    write_pairs(tmp_path / "a.zh.txt", tmp_path / "a.en.txt", pairs)
    api.import_file(db, tmp_path / "a.zh.txt", target=tmp_path / "a.en.txt")
    query = pairs[7][0][:-2] + "吗？"
    before = _ids(api.lookup(db, query, min_score=60))
    with db.transaction():
        for col in ("zh_skel", "en_skel"):
            db.conn.execute(f"ALTER TABLE tm_units ADD COLUMN {col} INTEGER NOT NULL DEFAULT 0")
            db.conn.execute(f"CREATE INDEX tm_units_{col} ON tm_units({col})")
        db.conn.execute("DELETE FROM tm_arrays")
        db.conn.execute("DELETE FROM tm_grams_postings")  # codes of another hash
        db.set_meta("tm_grams", "crc32 words")
        db.set_meta("schema_version", "2")
    db.close()
    db = new_db(tmp_path / "old.db")
    try:
        assert db.meta("schema_version") == str(SCHEMA_VERSION)
        columns = {r[1] for r in db.conn.execute("PRAGMA table_info(tm_units)")}
        assert not columns & {"zh_skel", "en_skel"}
        assert before and _ids(api.lookup(db, query, min_score=60)) == before
    finally:
        db.close()
