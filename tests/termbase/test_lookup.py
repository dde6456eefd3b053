"""Ranked lookup: tiers, normalizations, acronyms, status, fuzzy scores, suggestions.

Tier expectations are worked out by hand from the rules in ``untm.termbase.lookup``
(exact, normalized, prefix, contains, fuzzy; terms found inside a longer query last;
within a tier by score, then term status, then concept id). Fuzzy scores are
``100 * (1 - edits / length of the longer key)``, counted by hand in each test.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from untm.db import Database
from untm.termbase.lookup import lookup
from untm.termbase.model import Concept, LookupResult, MatchKind, Term, TermStatus, TermType
from untm.termbase.store import SqliteTermStore
from untm.text.lang import Lang
from untm.text.normalize import term_key
from untm.workspace import open_db

ZH, EN = Lang.ZH, Lang.EN


def concept(cid: str, zh: str, en: str, **kw: object) -> Concept:
    return Concept(cid, (Term(zh, ZH), Term(en, EN)), subject="UNCAC", **kw)  # type: ignore[arg-type]


#: A small termbase where one query ("State party" / 缔约国) hits every tier.
HANDMADE = [
    concept("state-party", "缔约国", "State party"),
    concept("treaty-states-parties", "締約國", "States Parties"),  # normalized variants
    concept("state-party-under-review", "被审议缔约国", "State party under review"),
    concept("requested-state-party", "被请求缔约国", "requested State party"),
    concept("cosp", "缔约国会议", "Conference of the States Parties"),
    concept("state-parity", "国家对等", "State parity"),  # one edit from "state party"
    concept("party", "当事方", "party"),
    concept("party-to-the-treaty", "缔约方", "Party to the treaty"),  # one edit from 缔约国
    Concept(
        "a-irg-admitted",
        (
            Term("审议组", ZH, status=TermStatus.ADMITTED),
            Term("IRG", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM),
        ),
    ),
    Concept(
        "z-irg-preferred",
        (Term("实施情况审议组", ZH), Term("IRG", EN), Term("Implementation Review Group", EN)),
    ),
    Concept(
        "mla",
        (
            Term("司法协助", ZH),
            Term("法律互助", ZH, status=TermStatus.DEPRECATED),
            Term("mutual legal assistance", EN),
        ),
    ),
]


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteTermStore]:
    db = open_db(tmp_path_factory.mktemp("handmade") / "tb.db", glossary=False)
    store = SqliteTermStore(db)
    store.import_concepts(HANDMADE, origin="handmade")
    yield store
    db.close()


@pytest.fixture(scope="module")
def glossary_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_db(tmp_path_factory.mktemp("glossary") / "untm.db")
    yield db
    db.close()


@pytest.fixture(scope="module")
def un(glossary_db: Database) -> SqliteTermStore:
    return SqliteTermStore(glossary_db)


def ranking(result: LookupResult) -> list[tuple[str, MatchKind]]:
    return [(h.concept.id, h.match) for h in result.hits]


def first(result: LookupResult) -> tuple[str, MatchKind]:
    assert result.hits, f"nothing found for {result.query!r}"
    return result.hits[0].concept.id, result.hits[0].match


# ----------------------------------------------------------------------- tiers


def test_english_tier_order(handmade: SqliteTermStore) -> None:
    result = lookup(handmade, "State party")
    assert result.lang is EN
    assert ranking(result) == [
        ("state-party", MatchKind.EXACT),
        ("treaty-states-parties", MatchKind.NORMALIZED),  # States Parties -> state party
        ("state-party-under-review", MatchKind.PREFIX),
        ("requested-state-party", MatchKind.CONTAINS),  # 11/21 = 52.4
        ("cosp", MatchKind.CONTAINS),  # 11/29 = 37.9
        ("state-parity", MatchKind.FUZZY),  # 1 edit in 12
        ("party", MatchKind.CONTAINS),  # inside the query: after fuzzy
    ]
    scores = [h.score for h in result.hits]
    assert scores == [100.0, 100.0, 45.8, 52.4, 37.9, 91.7, 45.5]


def test_chinese_tier_order(handmade: SqliteTermStore) -> None:
    result = lookup(handmade, "缔约国", min_score=60)
    assert result.lang is ZH
    assert ranking(result) == [
        ("state-party", MatchKind.EXACT),
        ("treaty-states-parties", MatchKind.NORMALIZED),  # 締約國, traditional
        ("cosp", MatchKind.PREFIX),  # 3/5
        ("requested-state-party", MatchKind.CONTAINS),  # 3/6, tie broken by concept id
        ("state-party-under-review", MatchKind.CONTAINS),
        ("party-to-the-treaty", MatchKind.FUZZY),  # 缔约方: 1 edit in 3 = 66.7
    ]
    assert [h.score for h in result.hits] == [100.0, 100.0, 60.0, 50.0, 50.0, 66.7]


def test_tiers_never_interleave(handmade: SqliteTermStore, un: SqliteTermStore) -> None:
    for store, query in [
        (handmade, "State party"),
        (un, "State party"),
        (un, "实施情况审议"),
        (un, "mutual legal assistance"),
        (un, "Implemntation Reviw Grop"),
    ]:
        kinds = [h.match.rank for h in lookup(store, query, limit=50).hits]
        direct = [k for k in kinds if k < MatchKind.CONTAINS.rank]
        assert direct == sorted(direct), query


def test_fuzzy_is_skipped_once_the_limit_is_filled(handmade: SqliteTermStore) -> None:
    assert ranking(lookup(handmade, "State party", limit=2)) == [
        ("state-party", MatchKind.EXACT),
        ("treaty-states-parties", MatchKind.NORMALIZED),
    ]


def test_preferred_terms_rank_first(handmade: SqliteTermStore) -> None:
    """Both concepts have the exact term IRG; the one where it is preferred comes first,
    although its id sorts last."""
    assert ranking(lookup(handmade, "IRG")) == [
        ("z-irg-preferred", MatchKind.EXACT),
        ("a-irg-admitted", MatchKind.EXACT),
    ]


def test_deprecated_terms_are_found_and_marked(
    handmade: SqliteTermStore, un: SqliteTermStore
) -> None:
    hit = lookup(handmade, "法律互助").hits[0]
    assert (hit.concept.id, hit.match) == ("mla", MatchKind.EXACT)
    assert hit.matched_term.status is TermStatus.DEPRECATED
    assert hit.concept.terms_in(ZH)[0].text == "司法协助"  # the preferred term to use
    hit = lookup(un, "Ivory Coast").hits[0]
    assert hit.matched_term.status is TermStatus.DEPRECATED
    assert hit.concept.terms_in(EN)[0].text == "Côte d'Ivoire"
    assert hit.concept.terms_in(EN)[0].status is TermStatus.PREFERRED


def test_an_empty_query_finds_nothing(handmade: SqliteTermStore) -> None:
    for query in ["", "   ", "《》"]:
        result = lookup(handmade, query)
        assert result.hits == () and result.suggestions == ()


# ----------------------------------------------------------------------- normalization

NORMALIZED = [
    # (query, expected concept) - each a different folding
    ("ＵＮＯＤＣ", "un-unodc"),  # full-width letters
    ("Ｕｎｏｄｃ", "un-unodc"),  # full-width, mixed case
    ("unodc", "un-unodc"),  # case
    ("STATE PARTY", "uncac-state-party"),  # case
    (
        "open ended intergovernmental expert meeting",
        "uncac-expert-meeting-international-cooperation",
    ),
    ("mutual-legal assistance", "uncac-mutual-legal-assistance"),  # hyphen for a space
    ("States parties", "uncac-state-party"),  # plural
    ("Conference of the States parties", "uncac-cosp"),  # case of a plural
    ("聯合國毒品和犯罪問題辦公室", "un-unodc"),  # traditional characters
    ("實施情況審議組", "uncac-irg"),  # traditional characters
    ("全权 证书", "mtg-credentials"),  # a space from a PDF line break
    ("《联合国反腐败公约》", "uncac-convention"),  # title marks
    ("anticorruption", "uncac-anti-corruption"),  # closed up: anti- split off
    ("anti corruption", "uncac-anti-corruption"),  # a space for the hyphen
    ("nongovernmental organization", "mtg-ngo"),  # closed up: non- split off
    ("open ended", "mtg-open-ended"),  # a space for the hyphen
    ("联合国毒品和犯罪问题办公室。", "un-unodc"),  # a full stop at the end
    ("（毒品和犯罪问题办公室）", "un-unodc"),  # brackets around it
    ("“实施情况审议组”，", "uncac-irg"),  # quotes and a comma
    ("UNODC,", "un-unodc"),  # a comma at the end
    ("(UNODC)", "un-unodc"),  # brackets around it
    ("the Implementation Review Group", "uncac-irg"),  # a leading article
    ("The Conference of the States Parties", "uncac-cosp"),  # a leading article
]


@pytest.mark.parametrize(("query", "concept_id"), NORMALIZED)
def test_normalized_variants_find_their_concept(
    un: SqliteTermStore, query: str, concept_id: str
) -> None:
    assert first(lookup(un, query)) == (concept_id, MatchKind.NORMALIZED)
    assert lookup(un, query).hits[0].score == 100.0


@pytest.mark.parametrize(
    ("query", "concept_id", "lang"),
    [
        ("UNODC", "un-unodc", EN),
        ("IRG", "uncac-irg", EN),
        ("MLA", "uncac-mutual-legal-assistance", EN),
        ("NGO", "mtg-ngo", EN),
        ("COSP", "uncac-cosp", EN),
        ("UNCAC", "uncac-convention", EN),
        ("审议组", "uncac-irg", ZH),  # short form
        ("毒品和犯罪问题办公室", "un-unodc", ZH),  # short form
        ("缔约国会议", "uncac-cosp", ZH),  # short form
        ("Conference of the States Parties", "uncac-cosp", EN),  # short form
    ],
)
def test_acronyms_and_short_forms_find_their_concept(
    un: SqliteTermStore, query: str, concept_id: str, lang: Lang
) -> None:
    result = lookup(un, query)
    assert result.lang is lang
    assert first(result) == (concept_id, MatchKind.EXACT)
    matched = result.hits[0].matched_term
    assert matched.text == query
    assert matched.type is not TermType.FULL_FORM


def test_prefix_in_english_stops_at_word_boundaries(un: SqliteTermStore) -> None:
    """'State' must not prefix-match 'Statement' style keys, only 'State ...' terms."""
    for hit in lookup(un, "State", limit=50).hits:
        if hit.match is MatchKind.PREFIX:
            key = term_key(hit.matched_term.text, EN)
            assert key.startswith("state "), key


# ----------------------------------------------------------------------- fuzzy


def test_fuzzy_typos(un: SqliteTermStore) -> None:
    # implementation -> implementaton: 1 edit in 27
    hit = lookup(un, "Implementaton Review Group").hits[0]
    assert (hit.concept.id, hit.match, hit.score) == ("uncac-irg", MatchKind.FUZZY, 96.3)
    # three edits in 27: 88.9
    hit = lookup(un, "Implemntation Reviw Grop").hits[0]
    assert (hit.concept.id, hit.match, hit.score) == ("uncac-irg", MatchKind.FUZZY, 88.9)
    # assistance -> asistance: 1 edit in 23
    hit = lookup(un, "mutual legal asistance").hits[0]
    assert (hit.concept.id, hit.match, hit.score) == (
        "uncac-mutual-legal-assistance",
        MatchKind.FUZZY,
        95.7,
    )


def test_min_score_bounds_fuzzy_matches(un: SqliteTermStore) -> None:
    # 96.3 passes 96 but not 97
    assert first(lookup(un, "Implementaton Review Group", min_score=96)) == (
        "uncac-irg",
        MatchKind.FUZZY,
    )
    above = lookup(un, "Implementaton Review Group", min_score=97)
    assert all(h.concept.id != "uncac-irg" for h in above.hits)
    # 88.9 passes 80 but not 89; no fuzzy hit is ever below the bound
    low = lookup(un, "Implemntation Reviw Grop", min_score=80, limit=50)
    assert first(low) == ("uncac-irg", MatchKind.FUZZY)
    assert all(h.score >= 80 for h in low.hits if h.match is MatchKind.FUZZY)
    high = lookup(un, "Implemntation Reviw Grop", min_score=89)
    assert all(h.concept.id != "uncac-irg" for h in high.hits)


def test_did_you_mean_on_a_miss(un: SqliteTermStore) -> None:
    result = lookup(un, "Implementaton Review Group", min_score=97)
    assert result.hits == ()
    assert result.suggestions[0] == "Implementation Review Group"
    assert 1 <= len(result.suggestions) <= 3
    result = lookup(un, "Implementaton Reviw Grup", min_score=95)  # 3 edits: 88.9
    assert result.hits == ()
    assert "Implementation Review Group" in result.suggestions


def test_no_suggestions_for_nonsense(un: SqliteTermStore) -> None:
    result = lookup(un, "qxzqxzqxz")
    assert result.hits == () and result.suggestions == ()


def test_suggestions_share_a_content_word(un: SqliteTermStore) -> None:
    """ "Drugs Office" used to suggest "officers": a fuzzy match on characters that
    shares no word. Now the suggestions share "drug" and "office" (plural folded)."""
    result = lookup(un, "Drugs Office")
    assert result.hits == ()
    assert result.suggestions[0] == "United Nations Office on Drugs and Crime"
    assert "officers" not in result.suggestions
    for text in result.suggestions:
        assert {"drug", "office"} & set(term_key(text, EN).split()), text


def test_function_words_alone_are_no_overlap(un: SqliteTermStore) -> None:
    result = lookup(un, "of the and for", lang=EN)
    assert result.hits == () and result.suggestions == ()


def test_chinese_suggestions_share_bigrams_or_nothing(
    un: SqliteTermStore, handmade: SqliteTermStore
) -> None:
    """气候变化 (climate change) used to get nothing, and the glossary has no term with
    气候 or 变化: still nothing, rather than a far-fetched guess. In a termbase that has
    such terms, they are suggested."""
    assert lookup(un, "气候变化").suggestions == ()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "c.db", glossary=False)
        try:
            store = SqliteTermStore(db)
            store.import_concepts(
                [
                    concept("unfccc", "联合国气候框架公约", "UNFCCC"),
                    concept("change", "政策变化", "policy change"),
                    concept("other", "气象组织", "meteorological organization"),  # 气 alone
                ],
                origin="c",
            )
            result = lookup(store, "气候变化")
        finally:
            db.close()
    assert result.hits == ()
    assert result.suggestions == ("政策变化", "联合国气候框架公约")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, the textbook dynamic programme."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def reference_suggestions(concepts: list[Concept], query: str, lang: Lang) -> tuple[str, ...]:
    """The rule of ``untm.termbase.lookup.suggest`` applied to every term, naively."""
    from untm.termbase.lookup import FUNCTION_WORDS

    key = term_key(" ".join(query.split()), lang)
    if lang is EN:
        content = {w for w in key.split() if w not in FUNCTION_WORDS}
    scored = []
    for n, c in enumerate(concepts):
        for m, t in enumerate(c.terms_in(lang)):
            k = term_key(t.text, lang)
            if not k or k == key:
                continue
            sim = 1 - _distance(key, k) / max(len(key), len(k))
            if lang is EN:
                share = len(content & set(k.split())) / len(content) if content else 0.0
                ok = share > 0
            else:
                pos = {p for i in range(len(key) - 1) if key[i : i + 2] in k for p in (i, i + 1)}
                share = len(pos) / len(key)
                ok = share >= 0.5
            if ok or sim >= 0.75 - 1e-9:
                scored.append(((-max(share, sim), -sim, len(k), t.text, n, m), c.id, t.text))
    scored.sort()
    seen: set[str] = set()
    out: list[str] = []
    for _, cid, text in scored:
        if cid in seen:
            continue
        seen.add(cid)
        if text not in out:
            out.append(text)
    return tuple(out[:3])


# ----------------------------------------------------------------------- properties


def test_every_shipped_term_finds_its_concept(un: SqliteTermStore) -> None:
    """Each of the ~2,500 glossary terms, typed as stored (language detected): an exact hit
    first, and its own concept among the exact hits - first when no other concept
    claims the same key (the glossary's documented ambiguities like 会议)."""
    owners: dict[tuple[Lang, str], set[str]] = {}
    concepts = list(un.all_concepts())
    for c in concepts:
        for t in c.terms:
            owners.setdefault((t.lang, term_key(t.text, t.lang)), set()).add(c.id)
    for c in concepts:
        for t in c.terms:
            result = lookup(un, t.text, limit=20)
            assert result.hits and result.hits[0].match is MatchKind.EXACT, t.text
            exact = [h.concept.id for h in result.hits if h.match is MatchKind.EXACT]
            assert c.id in exact, t.text
            if owners[(t.lang, term_key(t.text, t.lang))] == {c.id}:
                assert result.hits[0].concept.id == c.id, t.text


_ZH_CHARS = st.sampled_from(
    "缔约国会议实施情况审议组司法协助资产追回全权证书工作安排临时议程扩大主席团普通照会"
    "联合國辦公室問題毒品和犯罪第号决议届次（）《》、·0123456789ＡＢＣabcXYZ/-"
)
_EN_WORDS = st.from_regex(r"[A-Za-zÀ-ÿ][A-Za-z0-9À-ÿ'&.\-]{0,11}", fullmatch=True)
#: Inside a term: readers keep a no-break or ideographic space as content (第 7/1 号决议).
_INNER_SPACE = st.sampled_from(["", " ", "\u00a0", "\u3000"])


@st.composite
def term_texts(draw: st.DrawFn) -> tuple[str, Lang]:
    lang = draw(st.sampled_from([ZH, EN]))
    if lang is ZH:
        parts = draw(st.lists(st.tuples(_ZH_CHARS, _INNER_SPACE), min_size=1, max_size=14))
        text = "".join(c + sp for c, sp in parts).strip()
    else:
        words = draw(st.lists(_EN_WORDS, min_size=1, max_size=6))
        seps = draw(st.lists(st.sampled_from([" ", "\u00a0"]), min_size=len(words)))
        text = "".join(w + sep for w, sep in zip(words, seps, strict=False)).strip()
    return text, lang


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(term=term_texts())
def test_property_a_stored_term_is_found_first_and_exact(term: tuple[str, Lang]) -> None:
    text, lang = term
    assume(term_key(text, lang))  # a text of quote marks only has no key to look up
    assume(all(text not in (t.text for t in c.terms) for c in HANDMADE))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "p.db", glossary=False)
        try:
            store = SqliteTermStore(db)
            other = ZH if lang is EN else EN
            new = Concept("zz-new", (Term(text, lang), Term("x" if other is EN else "某", other)))
            store.import_concepts([*HANDMADE, new], origin="p")
            result = lookup(store, text, lang=lang)
            assert result.hits, text
            assert (result.hits[0].concept.id, result.hits[0].match) == ("zz-new", MatchKind.EXACT)
            assert result.hits[0].matched_term.text == text
        finally:
            db.close()


# ----------------------------------------------------------------------- reference


def reference_lookup(
    concepts: list[Concept], query: str, lang: Lang, limit: int, min_score: float
) -> list[tuple[MatchKind, bool, float]]:
    """The ranking rules of the module docstring applied to every term, no index, no early
    exit: (kind, found inside the query, score) of the top ``limit`` concepts."""
    from rapidfuzz.distance import Levenshtein

    from untm.termbase.lookup import _sub_keys

    text = " ".join(query.split())
    key = term_key(text, lang)
    s = min_score / 100
    head = key + " " if lang is EN else key
    inside_keys = set(_sub_keys(key, lang))
    best: dict[str, tuple[int, float, int, int]] = {}
    label: dict[str, tuple[MatchKind, bool, float]] = {}
    kinds = list(MatchKind)
    for c in concepts:
        for t in c.terms_in(lang):
            k = term_key(t.text, lang)
            found: list[tuple[MatchKind, bool, float]] = []
            if t.text in (text, query.strip()):
                found.append((MatchKind.EXACT, False, 100.0))
            if k == key:
                found.append((MatchKind.NORMALIZED, False, 100.0))
            if k.startswith(head) and len(k) > len(key):
                found.append((MatchKind.PREFIX, False, 100 * len(key) / len(k)))
            contained = key in k if lang is ZH else f" {key} " in f" {k} "
            if contained and len(k) > len(key) and (lang is EN or len(key) > 1):
                found.append((MatchKind.CONTAINS, False, 100 * len(key) / len(k)))
            sim = Levenshtein.normalized_similarity(key, k)
            if sim >= s and k != key:
                found.append((MatchKind.FUZZY, False, 100 * sim))
            if k in inside_keys:
                found.append((MatchKind.CONTAINS, True, 100 * len(k) / len(key)))
            for kind, inside, score in found:
                tier = len(kinds) if inside else kinds.index(kind)
                rank = (tier, -score, t.status.rank, len(t.text))
                if c.id not in best or rank < best[c.id]:
                    best[c.id], label[c.id] = rank, (kind, inside, score)
    ordered = sorted(best, key=lambda cid: (best[cid], cid))[:limit]
    return [(label[cid][0], label[cid][1], round(label[cid][2], 1)) for cid in ordered]


_REF_ZH = st.text(alphabet="缔约国会议审议组司法协助", min_size=1, max_size=6)
_REF_EN = st.lists(
    st.sampled_from(["state", "party", "review", "group", "legal", "assistance", "the", "of"]),
    min_size=1,
    max_size=4,
).map(" ".join)


@st.composite
def reference_cases(draw: st.DrawFn) -> tuple[list[Concept], str, Lang, int, float]:
    lang = draw(st.sampled_from([ZH, EN]))
    texts = _REF_ZH if lang is ZH else _REF_EN
    other = "术语" if lang is EN else "term"
    n = draw(st.integers(1, 40))
    concepts = []
    for i in range(n):
        terms = draw(st.lists(texts, min_size=1, max_size=3, unique=True))
        status = draw(st.sampled_from(list(TermStatus)))
        concepts.append(
            Concept(
                f"c{i:02d}",
                (
                    Term(terms[0], lang),
                    *(Term(t, lang, status=status) for t in terms[1:]),
                    Term(other + str(i), lang.other),
                ),
            )
        )
    query = draw(texts)
    return concepts, query, lang, draw(st.integers(1, 12)), draw(st.sampled_from([70, 80, 90]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=reference_cases())
def test_property_lookup_ranks_like_the_exhaustive_reference(
    case: tuple[list[Concept], str, Lang, int, float],
) -> None:
    """Index, tier order and early exit change nothing: the (kind, score) of every rank is
    what applying the rules to every term gives (concepts tied on score may swap)."""
    concepts, query, lang, limit, min_score = case
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "r.db", glossary=False)
        try:
            store = SqliteTermStore(db)
            store.import_concepts(concepts, origin="ref")
            result = lookup(store, query, lang=lang, limit=limit, min_score=min_score)
        finally:
            db.close()
    expected = reference_lookup(concepts, query, lang, limit, min_score)
    assert [(h.match, h.score) for h in result.hits] == [(k, s) for k, _, s in expected]


def test_fuzzy_on_a_budget_still_finds_typos(
    un: SqliteTermStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past FUZZY_BUDGET postings only the query's rarest grams are read (a termbase of
    100,000 concepts holds 'the' in most English terms); a misspelled name still finds its
    concept first, with the same score as when every list is read."""
    import untm.termbase.lookup as tl

    queries = ["Implementaton Review Group", "Conferense of the States Parties", "资产追徊"]
    full = [lookup(un, q).hits[0] for q in queries]
    monkeypatch.setattr(tl, "FUZZY_BUDGET", 40)
    for q, before in zip(queries, full, strict=True):
        hit = lookup(un, q).hits[0]
        assert (hit.concept.id, hit.match, hit.score) == (
            before.concept.id,
            before.match,
            before.score,
        ), q
        assert hit.match is MatchKind.FUZZY


_SUGGEST_ZH = st.text(alphabet="气候变化会议国家联合", min_size=1, max_size=6)
_SUGGEST_EN = st.lists(
    st.sampled_from(
        ["drug", "drugs", "office", "officer", "offices", "crime", "of", "the", "and", "state"]
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@st.composite
def suggestion_cases(draw: st.DrawFn) -> tuple[list[Concept], str, Lang]:
    lang = draw(st.sampled_from([ZH, EN]))
    texts = _SUGGEST_ZH if lang is ZH else _SUGGEST_EN
    typo = st.builds(lambda t, i: t[:i] + "x" + t[i + 1 :], texts, st.integers(0, 5))
    other = "术语" if lang is EN else "term"
    concepts = [
        Concept(
            f"c{i:02d}",
            (
                *(
                    Term(t, lang)
                    for t in draw(st.lists(texts, min_size=1, max_size=3, unique=True))
                ),
                Term(other + str(i), lang.other),
            ),
        )
        for i in range(draw(st.integers(1, 30)))
    ]
    return concepts, draw(texts | typo), lang


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=suggestion_cases())
def test_property_suggestions_follow_the_rule_on_every_term(
    case: tuple[list[Concept], str, Lang],
) -> None:
    """The gram-index candidates miss nothing the rule would suggest, and rank as it does."""
    from untm.termbase.lookup import suggest

    concepts, query, lang = case
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "s.db", glossary=False)
        try:
            store = SqliteTermStore(db)
            store.import_concepts(concepts, origin="ref")
            got = suggest(store, query, lang=lang)
        finally:
            db.close()
    assert got == reference_suggestions(concepts, query, lang)
