"""SqliteTermStore: one-transaction imports, idempotent re-imports, merge rules, round trip.

The concepts are hand-made from real UNCAC terminology; expected merge results are
worked out from the rules in ``SqliteTermStore.import_concepts`` / ``merge_concepts``
(same id first, else an identical Chinese-English term pair; non-empty fields of the
newcomer win; terms are united, old ones first).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from untm.db import Database
from untm.termbase.lookup import lookup
from untm.termbase.model import (
    Concept,
    Definition,
    DeleteReport,
    Evidence,
    MatchKind,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)
from untm.termbase.store import SqliteTermStore, concept_digest, merge_concepts
from untm.text.lang import Lang
from untm.workspace import open_db

ZH, EN = Lang.ZH, Lang.EN


def irg() -> Concept:
    """A concept using every field the model has."""
    return Concept(
        id="uncac-irg",
        subject="UNCAC",
        source="COSP resolution 3/1",
        note="Capitalized: a standing subsidiary body.",
        created="2010-11-12",
        modified="2023-09-05T10:30:00Z",
        evidence=Evidence.UN_DOCUMENT,
        attested="A/RES/58/4; COSP resolution 3/1",
        definitions=(
            Definition("Open-ended intergovernmental group of States parties.", None, "CAC/COSP"),
            Definition("缔约国不限成员名额政府间小组。", ZH, "CAC/COSP/IRG"),
        ),
        terms=(
            Term(
                "实施情况审议组",
                ZH,
                pos=PartOfSpeech.PROPER_NOUN,
                context="实施情况审议组第十四届会议",
                source="CAC/COSP/IRG/2023/1",
            ),
            Term("审议组", ZH, status=TermStatus.ADMITTED, type=TermType.SHORT_FORM),
            Term(
                "Implementation Review Group",
                EN,
                pos=PartOfSpeech.PROPER_NOUN,
                note="Capital I, R, G.",
                geo_usage="UN",
            ),
            Term(
                "IRG",
                EN,
                status=TermStatus.ADMITTED,
                type=TermType.ACRONYM,
                exclude=("COSP/IRG",),
            ),
        ),
    )


def mla() -> Concept:
    return Concept(
        id="uncac-mla",
        subject="international cooperation",
        source="UNCAC art. 46",
        terms=(
            Term("司法协助", ZH),
            Term("法律互助", ZH, status=TermStatus.DEPRECATED, note="Non-standard."),
            Term("mutual legal assistance", EN),
            Term("MLA", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM),
        ),
    )


def member_state() -> Concept:
    return Concept(
        id="mtg-member-state",
        subject="UN system",
        source="UN Charter",
        terms=(
            Term("会员国", ZH, exclude=("非会员国",)),
            Term("Member State", EN),
        ),
    )


def base() -> list[Concept]:
    return [irg(), mla(), member_state()]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path / "tb.db", glossary=False)
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> SqliteTermStore:
    return SqliteTermStore(db)


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every termbase table (and the gram index), for before/after checks."""
    tables = [
        "tb_concepts",
        "tb_definitions",
        "tb_terms",
        "tb_grams_postings",
        "tb_grams_segments",
    ]
    return {t: sorted(db.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def by_id(store: SqliteTermStore, cid: str) -> Concept:
    (found,) = store.concepts([cid])
    return found


# ----------------------------------------------------------------------- one transaction


def test_an_exception_mid_import_leaves_the_database_unchanged(
    db: Database, store: SqliteTermStore
) -> None:
    store.import_concepts(base(), origin="first.tbx")
    before = dump(db)

    def half_then_fail() -> Iterator[Concept]:
        yield Concept("new-one", (Term("资产追回", ZH), Term("asset recovery", EN)))
        yield dataclasses.replace(irg(), note="changed by the second file")  # a merge
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk went away"):
        store.import_concepts(half_then_fail(), origin="second.tbx")
    assert dump(db) == before
    assert not db.conn.in_transaction


def test_a_failure_after_all_rows_are_written_leaves_the_database_unchanged(
    db: Database, store: SqliteTermStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_concepts(base(), origin="first.tbx")
    before = dump(db)

    def broken_index(first_id: int) -> None:
        raise RuntimeError("gram index write failed")

    monkeypatch.setattr(store, "_index_terms_from", broken_index)
    extra = Concept("uncac-extradition", (Term("引渡", ZH), Term("extradition", EN)))
    with pytest.raises(RuntimeError):
        store.import_concepts([extra], origin="second.tbx")
    assert dump(db) == before


# ----------------------------------------------------------------------- idempotence


def test_reimport_is_idempotent(db: Database, store: SqliteTermStore) -> None:
    first = store.import_concepts(base(), origin="un.tbx")
    assert (first.concepts_added, first.concepts_merged, first.terms_added) == (3, 0, 10)
    before = dump(db)
    stats = store.stats()
    again = store.import_concepts(base(), origin="un.tbx")
    assert (again.concepts_added, again.concepts_merged, again.terms_added) == (0, 3, 0)
    assert store.stats() == stats
    assert dump(db) == before  # not even new term ids or index segments


# ----------------------------------------------------------------------- merge rules


def test_merge_by_id_unites_terms_and_newer_fields_win(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    update = Concept(
        id="uncac-irg",
        note="Subsidiary body of the Conference (resolution 3/1).",
        modified="2024-01-01",
        terms=(
            Term("IRG", EN, status=TermStatus.PREFERRED, type=TermType.ACRONYM),  # restated
            Term("Implementation Review Group of the Conference", EN, type=TermType.VARIANT),
        ),
    )
    report = store.import_concepts([update], origin="update.tsv")
    assert (report.concepts_added, report.concepts_merged, report.terms_added) == (0, 1, 1)
    merged = by_id(store, "uncac-irg")
    old = irg()
    assert [t.text for t in merged.terms] == [
        "实施情况审议组",
        "审议组",
        "Implementation Review Group",
        "IRG",
        "Implementation Review Group of the Conference",
    ]
    irg_term = next(t for t in merged.terms if t.text == "IRG")
    assert irg_term.status is TermStatus.PREFERRED  # the newcomer's status
    assert irg_term.type is TermType.ACRONYM
    assert irg_term.exclude == ("COSP/IRG",)  # not given by the update: kept
    assert merged.note == update.note
    assert merged.modified == "2024-01-01"
    assert merged.subject == old.subject  # empty in the update: kept
    assert merged.source == old.source
    assert merged.created == old.created
    assert merged.definitions == old.definitions
    assert (merged.evidence, merged.attested) == (old.evidence, old.attested)
    assert store.stats().concepts == 3
    origins = dict(store.stats().origins)
    assert origins == {"un.tbx": 3}  # a merged concept keeps its origin


def test_merge_by_identical_term_pair_when_ids_differ(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    other_ids = Concept(
        id="tbx-000412",  # another termbase's id for the same concept
        subject="UNCAC",
        terms=(
            Term("审议组", ZH, status=TermStatus.ADMITTED),  # pair of non-preferred terms
            Term("IRG", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM),
            Term("履约审议组", ZH, status=TermStatus.DEPRECATED),
        ),
    )
    report = store.import_concepts([other_ids], origin="other.tbx")
    assert (report.concepts_added, report.concepts_merged, report.terms_added) == (0, 1, 1)
    assert store.concepts(["tbx-000412"]) == []
    merged = by_id(store, "uncac-irg")
    texts = {(t.lang, t.text) for t in merged.terms}
    assert {(ZH, "实施情况审议组"), (EN, "Implementation Review Group")} <= texts
    assert (ZH, "履约审议组") in texts


def test_no_merge_without_a_shared_pair(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    same_zh_only = Concept(
        "ga-member", (Term("会员国", ZH), Term("member of the General Assembly", EN))
    )
    # the zh term of one concept and the en term of another are not a pair
    crossed = Concept("crossed", (Term("司法协助", ZH), Term("Member State", EN)))
    report = store.import_concepts([same_zh_only, crossed], origin="x.tsv")
    assert (report.concepts_added, report.concepts_merged) == (2, 0)
    assert store.stats().concepts == 5
    assert [t.text for t in by_id(store, "mtg-member-state").terms] == ["会员国", "Member State"]


def test_merged_concept_is_found_by_lookup_of_its_new_terms(store: SqliteTermStore) -> None:
    """The gram index covers terms added by a merge (contains and fuzzy tiers)."""
    store.import_concepts(base(), origin="un.tbx")
    store.import_concepts(
        [
            Concept(
                "uncac-mla",
                (
                    Term("刑事事项司法协助", ZH),
                    Term("mutual legal assistance in criminal matters", EN),
                ),
            )
        ],
        origin="more.tsv",
    )
    hit = lookup(store, "criminal matters").hits[0]  # only inside the new term
    assert (hit.concept.id, hit.match) == ("uncac-mla", MatchKind.CONTAINS)
    hit = lookup(store, "事项司法").hits[0]
    assert (hit.concept.id, hit.match) == ("uncac-mla", MatchKind.CONTAINS)
    hit = lookup(store, "mutual legal asistance in criminal matters").hits[0]
    assert (hit.concept.id, hit.match) == ("uncac-mla", MatchKind.FUZZY)


def test_merge_concepts_rules() -> None:
    old = irg()
    new = Concept(
        id="ignored",
        subject="international cooperation",
        created="2030-01-01",
        definitions=(Definition("新的中文定义。", ZH),),
        terms=(Term("审议组", ZH, status=TermStatus.DEPRECATED),),
    )
    merged = merge_concepts(old, new)
    assert merged.id == "uncac-irg"
    assert merged.subject == "international cooperation"
    assert merged.created == old.created  # the first creation date stays
    assert merged.definitions == (old.definitions[0], new.definitions[0])  # zh one replaced
    assert [t.text for t in merged.terms] == [t.text for t in old.terms]
    assert merged.terms[1].status is TermStatus.DEPRECATED


def test_a_term_restated_without_attributes_keeps_them() -> None:
    """What a TSV row says about a term (text and status) must not wipe what it cannot say
    (type, part of speech, context, notes, source, usage, exclusions)."""
    old = irg()
    bare = Concept(
        "uncac-irg",
        tuple(Term(t.text, t.lang, status=t.status) for t in old.terms),
    )
    assert merge_concepts(old, bare) == old
    # given attributes still win
    retyped = Concept(
        "uncac-irg",
        (
            Term("IRG", EN, status=TermStatus.DEPRECATED, type=TermType.ABBREVIATION, note="n"),
            Term("审议组", ZH, exclude=("审议组织",), context="审议组会议"),
        ),
    )
    merged = merge_concepts(old, retyped)
    irg_en = next(t for t in merged.terms if t.text == "IRG")
    assert (irg_en.status, irg_en.type, irg_en.note) == (
        TermStatus.DEPRECATED,
        TermType.ABBREVIATION,
        "n",
    )
    assert irg_en.exclude == ("COSP/IRG",)
    short = next(t for t in merged.terms if t.text == "审议组")
    assert short.exclude == ("审议组织",)
    assert short.context == "审议组会议"
    assert short.type is TermType.SHORT_FORM  # fullForm is the default: not a statement
    assert short.status is TermStatus.PREFERRED  # status is always stated


# ----------------------------------------------------------------------- reading


def test_all_concepts_round_trip_keeps_every_field(store: SqliteTermStore) -> None:
    concepts = base()
    store.import_concepts(concepts, origin="un.tbx")
    assert list(store.all_concepts()) == sorted(concepts, key=lambda c: c.id)


def test_round_trip_beyond_one_query_chunk(store: SqliteTermStore) -> None:
    """More concepts than one ``IN (...)`` chunk (500), with terms of several concepts."""
    concepts = [
        Concept(
            f"session-{n:04d}",
            (
                Term(f"缔约国会议第{n}届会议", ZH),
                Term(f"session {n} of the Conference", EN),
                Term(f"COSP-{n}", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM),
            ),
            subject="meetings",
            definitions=(Definition(f"Session number {n}.", EN),),
        )
        for n in range(1, 1201)
    ]
    report = store.import_concepts(concepts, origin="sessions")
    assert report.concepts_added == 1200
    assert report.terms_added == 3600
    assert list(store.all_concepts()) == concepts  # ids sort as created
    picked = ["session-1200", "session-0007", "absent", "session-0501"]
    assert [c.id for c in store.concepts(picked)] == [
        "session-1200",
        "session-0007",
        "session-0501",
    ]


def test_stats(store: SqliteTermStore) -> None:
    store.import_concepts([irg(), mla()], origin="un.tbx")
    store.import_concepts([member_state()], origin="members.tsv")
    s = store.stats()
    assert s.concepts == 3
    assert s.terms_zh == 5  # 实施情况审议组 审议组 司法协助 法律互助 会员国
    assert s.terms_en == 5  # Implementation Review Group, IRG, mutual legal assistance, MLA,
    # Member State
    assert dict(s.by_status) == {
        TermStatus.PREFERRED: 6,
        TermStatus.ADMITTED: 3,
        TermStatus.DEPRECATED: 1,
    }
    assert dict(s.by_subject) == {"UNCAC": 1, "international cooperation": 1, "UN system": 1}
    assert dict(s.origins) == {"un.tbx": 2, "members.tsv": 1}


def test_exclusions_and_rows(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    excl = {store.by_ids([tid])[0].text: ex for tid, ex in store.exclusions()}
    assert excl == {"IRG": ("COSP/IRG",), "会员国": ("非会员国",)}
    (row,) = store.by_text("IRG", EN)
    assert (row.concept_id, row.key, row.status) == ("uncac-irg", "irg", TermStatus.ADMITTED)
    assert store.by_text("IRG", ZH) == []
    assert [r.text for r in store.by_keys(["state member", "member state"], EN)] == ["Member State"]
    prefixed = store.by_prefix("司法", ZH, 10)
    assert [r.text for r in prefixed] == ["司法协助"]


def test_delete_origin_removes_only_that_origin(store: SqliteTermStore) -> None:
    store.import_concepts([irg(), mla()], origin="un.tbx")
    store.import_concepts([member_state()], origin="members.tsv")
    assert store.delete_origin("members.tsv") == DeleteReport(("mtg-member-state",), terms=2)
    assert [c.id for c in store.all_concepts()] == ["uncac-irg", "uncac-mla"]
    assert store.by_text("会员国", ZH) == []
    assert lookup(store, "Member State").hits == ()
    # a new import after the delete is indexed and found; the deleted term is not
    store.import_concepts(
        [Concept("uncac-extradition", (Term("引渡", ZH), Term("extradition request", EN)))],
        origin="new.tsv",
    )
    hit = lookup(store, "extradition").hits[0]
    assert (hit.concept.id, hit.match) == ("uncac-extradition", MatchKind.PREFIX)
    assert all(h.concept.id != "mtg-member-state" for h in lookup(store, "Member Stat").hits)


def test_deleting_an_origin_keeps_concepts_it_only_merged_into(store: SqliteTermStore) -> None:
    """A small file that adds a term to a glossary concept must not take the concept with it
    when its origin is deleted (the merged concept keeps the glossary's origin)."""
    store.import_concepts(base(), origin="untm UN glossary")
    store.import_concepts(
        [Concept("uncac-mla", (Term("刑事司法协助", ZH), Term("MLA in criminal matters", EN)))],
        origin="team-additions.tsv",
    )
    assert dict(store.stats().origins) == {"untm UN glossary": 3}
    assert store.delete_origin("team-additions.tsv") == DeleteReport()
    assert by_id(store, "uncac-mla").terms_in(ZH)[0].text == "司法协助"


def test_key_lengths_follow_imports_and_deletes(store: SqliteTermStore) -> None:
    """The per-term key-length array that lookup ranks candidates with is rewritten on
    every change: lengths of the key (not the text), -1 for the other language or a gone id."""
    import numpy as np

    store.import_concepts([irg()], origin="a")
    rows = {r.text: r for r in store.all_terms()}
    ids = np.array([rows["实施情况审议组"].id, rows["Implementation Review Group"].id, 10_000])
    assert store.key_lengths(ids, ZH).tolist() == [7, -1, -1]
    assert store.key_lengths(ids, EN).tolist() == [-1, len("implementation review group"), -1]
    store.import_concepts([member_state()], origin="b")
    (row,) = store.by_text("Member State", EN)
    assert store.key_lengths(np.array([row.id]), EN).tolist() == [len(row.key)]
    store.delete_origin("b")
    assert store.key_lengths(np.array([row.id]), EN).tolist() == [-1]


# ----------------------------------------------------------------------- evidence


def test_evidence_is_stored_and_read_back(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    assert store.concepts(["uncac-irg", "uncac-mla"]) == [irg(), mla()]
    assert by_id(store, "uncac-mla").evidence is None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ((Evidence.UN_DOCUMENT, "A/RES/58/4"), (None, ""), (Evidence.UN_DOCUMENT, "A/RES/58/4")),
        ((Evidence.UN_DOCUMENT, "A/RES/58/4"), (Evidence.PROJECT, ""), (Evidence.PROJECT, "")),
        ((None, ""), (Evidence.UN_TERMINOLOGY, "UNTERM"), (Evidence.UN_TERMINOLOGY, "UNTERM")),
        ((Evidence.UN_DOCUMENT, "A/1"), (None, "A/2"), (Evidence.UN_DOCUMENT, "A/2")),
    ],
)
def test_evidence_merges_as_a_pair(
    old: tuple[Evidence | None, str],
    new: tuple[Evidence | None, str],
    expected: tuple[Evidence | None, str],
) -> None:
    """A newcomer that says how the English is attested replaces evidence and place
    together: an 'un-document' place must not stay on a 'project' concept."""
    first = dataclasses.replace(mla(), evidence=old[0], attested=old[1])
    second = Concept("uncac-mla", evidence=new[0], attested=new[1])
    merged = merge_concepts(first, second)
    assert (merged.evidence, merged.attested) == expected


def test_a_file_made_before_the_evidence_columns_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_db(path, glossary=False) as database:
        SqliteTermStore(database).import_concepts([mla()], origin="old.tsv")
        for column in ("evidence", "attested"):
            database.conn.execute(f"ALTER TABLE tb_concepts DROP COLUMN {column}")
        database.set_meta("area:termbase", "schema 2; an older untm")
    with open_db(path, glossary=False) as database:
        columns = {r[1] for r in database.conn.execute("PRAGMA table_info(tb_concepts)")}
        assert {"evidence", "attested"} <= columns
        store = SqliteTermStore(database)
        assert by_id(store, "uncac-mla") == mla()
        store.import_concepts([irg()], origin="new.tbx")
        assert by_id(store, "uncac-irg") == irg()


# ----------------------------------------------------------------------- upkeep


def test_delete_concepts_by_id(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    report = store.delete_concepts(["uncac-mla", "no-such-id", "uncac-irg"])
    assert report == DeleteReport(("uncac-irg", "uncac-mla"), terms=8)
    assert [c.id for c in store.all_concepts()] == ["mtg-member-state"]
    assert lookup(store, "mutual legal assistance").hits == ()
    assert lookup(store, "审议组").hits == ()
    assert lookup(store, "会员国").hits[0].concept.id == "mtg-member-state"


def test_select_by_origin_and_subject(store: SqliteTermStore) -> None:
    store.import_concepts([irg(), mla()], origin="un.tbx")
    store.import_concepts([member_state()], origin="members.tsv")
    ids = lambda **kw: [c.id for c in store.select(**kw)]  # noqa: E731
    assert ids() == ["mtg-member-state", "uncac-irg", "uncac-mla"]
    assert ids(origins=["un.tbx"]) == ["uncac-irg", "uncac-mla"]
    assert ids(origins=["un.tbx", "members.tsv"]) == ids()
    assert ids(subjects=["UNCAC", "UN system"]) == ["mtg-member-state", "uncac-irg"]
    assert ids(origins=["un.tbx"], subjects=["UN system"]) == []
    assert store.origins() == ["members.tsv", "un.tbx"]
    assert store.subjects() == ["UN system", "UNCAC", "international cooperation"]


def test_stats_count_concepts_without_a_subject_apart(store: SqliteTermStore) -> None:
    store.import_concepts(base(), origin="un.tbx")
    store.import_concepts(
        [Concept("plain", (Term("引渡", ZH), Term("extradition", EN)))], origin="x.tsv"
    )
    s = store.stats()
    assert "" not in dict(s.by_subject)
    assert (s.without_subject, s.concepts, sum(dict(s.by_subject).values())) == (1, 4, 3)


def test_the_digest_tells_concepts_apart_and_ignores_empty_fields() -> None:
    assert concept_digest(irg()) == concept_digest(irg())
    changes = [
        dataclasses.replace(irg(), note="edited"),
        dataclasses.replace(irg(), evidence=Evidence.PROJECT),
        dataclasses.replace(irg(), terms=irg().terms[:-1]),
        dataclasses.replace(irg(), terms=(*irg().terms[:-1], Term("IRG", EN))),
        dataclasses.replace(irg(), terms=irg().terms[::-1]),
    ]
    digests = {concept_digest(c) for c in [irg(), *changes]}
    assert len(digests) == len(changes) + 1
    # the digest of a concept is that of its non-empty fields only
    assert concept_digest(Concept("x", subject="")) == concept_digest(Concept("x"))
    assert concept_digest(Concept("x", (Term("甲", ZH, note=""),))) != concept_digest(
        Concept("x", (Term("甲", ZH, note="n"),))
    )
