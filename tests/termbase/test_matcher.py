"""TermMatcher: leftmost-longest, exclusions, PDF line breaks, English whole words, offsets.

Offsets are checked against the input itself (``text[start:end]``) and positions are
counted by hand in the short examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.termbase.matcher import TermMatcher, group_by_concept
from untm.termbase.model import Concept, Term, TermOccurrence, TermStatus, TermType
from untm.termbase.store import SqliteTermStore
from untm.text.lang import Lang
from untm.text.normalize import term_key
from untm.workspace import open_db

ZH, EN = Lang.ZH, Lang.EN

HANDMADE = [
    Concept("state-party", (Term("缔约国", ZH, exclude=("非缔约国",)), Term("State party", EN))),
    Concept(
        "cosp",
        (
            Term("缔约国会议", ZH),
            Term("Conference of the States Parties", EN),
            Term(
                "COSP", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM, exclude=("CAC/COSP",)
            ),
        ),
    ),
    Concept("meeting", (Term("会议", ZH), Term("meeting", EN))),
    Concept("crp", (Term("会议室文件", ZH), Term("conference room paper", EN))),
    Concept("member-state", (Term("会员国", ZH, exclude=("非会员国",)), Term("Member State", EN))),
    Concept(
        "unodc",
        (
            Term("联合国毒品和犯罪问题办公室", ZH),
            Term("United Nations Office on Drugs and Crime", EN),
            Term("UNODC", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM),
        ),
    ),
    Concept("state", (Term("国家", ZH), Term("State", EN))),
]


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TermMatcher]:
    db = open_db(tmp_path_factory.mktemp("m") / "tb.db", glossary=False)
    store = SqliteTermStore(db)
    store.import_concepts(HANDMADE, origin="handmade")
    yield TermMatcher(store)
    db.close()


@pytest.fixture(scope="module")
def un(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TermMatcher]:
    db = open_db(tmp_path_factory.mktemp("g") / "untm.db")
    yield TermMatcher(SqliteTermStore(db))
    db.close()


def spans(found: list[TermOccurrence]) -> list[tuple[int, int, str, str]]:
    return [(o.start, o.end, o.text, o.concept.id) for o in found]


def check_offsets(text: str, found: list[TermOccurrence]) -> None:
    """Offsets point into the text as given, in order, without overlaps, and the text at
    each occurrence folds to its term's key. A span claimed by two concepts (会议:
    meeting and conference) gives one occurrence per concept, at the same offsets."""
    last = (0, 0)
    for o in found:
        assert text[o.start : o.end] == o.text
        assert (o.start, o.end) == last or o.start >= last[1], "overlapping or unordered"
        last = (o.start, o.end)
        lang = o.term.lang
        assert term_key(o.text, lang) == term_key(o.term.text, lang), (o.text, o.term.text)
        if lang is ZH:
            assert term_key("".join(o.text.split()), ZH) == term_key(o.term.text, ZH)
        assert o.text == o.text.strip(), "an occurrence never starts or ends in white space"


# ----------------------------------------------------------------------- leftmost-longest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the words of the text decide, not the longest key: 缔约国 | 会议室文件
        ("缔约国会议室文件", [(0, 3, "缔约国", "state-party"), (3, 8, "会议室文件", "crp")]),
        ("缔约国会议会议室文件", [(0, 5, "缔约国会议", "cosp"), (5, 10, "会议室文件", "crp")]),
        ("会议室文件", [(0, 5, "会议室文件", "crp")]),  # not 会议 inside it
        ("缔约国和会议", [(0, 3, "缔约国", "state-party"), (4, 6, "会议", "meeting")]),
        ("在缔约国会议上", [(1, 6, "缔约国会议", "cosp")]),  # not 缔约国 + 会议
    ],
)
def test_leftmost_longest(handmade: TermMatcher, text: str, expected: list[tuple]) -> None:
    found = handmade.find(text)
    assert spans(found) == expected
    check_offsets(text, found)


def test_english_leftmost_longest(handmade: TermMatcher) -> None:
    text = "the Conference of the States Parties and each State party"
    assert spans(handmade.find(text)) == [
        (4, 36, "Conference of the States Parties", "cosp"),
        (46, 57, "State party", "state-party"),  # not State + party
    ]


# ----------------------------------------------------------------------- line breaks


def test_a_term_split_by_a_pdf_line_break(handmade: TermMatcher) -> None:
    text = "由联合国毒品和犯罪问题办\n\n  公室提供的工具"
    found = handmade.find(text)
    assert spans(found) == [(1, 18, "联合国毒品和犯罪问题办\n\n  公室", "unodc")]
    check_offsets(text, found)


def test_an_english_term_split_by_a_line_break(handmade: TermMatcher) -> None:
    text = "reported to the Conference of the\n\nStates Parties at its session"
    found = handmade.find(text)
    assert spans(found) == [(16, 49, "Conference of the\n\nStates Parties", "cosp")]
    check_offsets(text, found)


@settings(max_examples=80, deadline=None)
@given(
    before=st.text(alphabet="甲乙丙丁。，", max_size=6),
    after=st.text(alphabet="甲乙丙丁。，", max_size=6),
    breaks=st.lists(st.sampled_from(["", "", " ", "\n", "\n\n", " \n\n  ", "\u3000"]), min_size=12),
)
def test_property_zh_term_with_any_breaks_is_found_with_exact_offsets(
    handmade: TermMatcher, before: str, after: str, breaks: list[str]
) -> None:
    term = "联合国毒品和犯罪问题办公室"
    broken = term[0] + "".join(b + ch for b, ch in zip(breaks, term[1:], strict=False))
    text = before + broken + after
    found = handmade.find(text)
    assert spans(found) == [(len(before), len(before) + len(broken), broken, "unodc")]


# ----------------------------------------------------------------------- exclusions


def test_a_term_is_not_matched_inside_its_exclusions(handmade: TermMatcher) -> None:
    # no term 非会员国 here: only the exclusion list keeps 会员国 out of it
    text = "非会员国和会员国"
    assert spans(handmade.find(text)) == [(5, 8, "会员国", "member-state")]
    assert spans(handmade.find("非缔约国")) == []


def test_an_english_exclusion(handmade: TermMatcher) -> None:
    text = "see CAC/COSP/2017/1; the COSP decided"
    assert spans(handmade.find(text)) == [(25, 29, "COSP", "cosp")]


def test_member_state_not_inside_non_member_state_in_the_glossary(un: TermMatcher) -> None:
    text = "非会员国观察员国和会员国"
    found = un.find(text)
    ids = [o.concept.id for o in found]
    assert ids.count("mtg-member-state") == 1
    assert (0, 4, "非会员国", "mtg-non-member-state") in spans(found)
    member = next(o for o in found if o.concept.id == "mtg-member-state")
    assert (member.start, member.end) == (9, 12)


def test_china_not_inside_developing_countries_in_the_glossary(un: TermMatcher) -> None:
    found = un.find("发展中国家和中国")
    assert spans(found)[0] == (0, 5, "发展中国家", "group-developing-countries")
    china = [o for o in found if o.concept.id == "state-chn"]
    assert [(o.start, o.end) for o in china] == [(6, 8)]
    # here leftmost-longest alone would pick 中国 (at 1) and lose 国际合作 (at 2)
    found = un.find("其中国际合作部分")
    assert "state-chn" not in {o.concept.id for o in found}
    assert (2, 6, "国际合作", "uncac-international-cooperation") in spans(found)


# ----------------------------------------------------------------------- English words


def test_english_whole_words_only(handmade: TermMatcher) -> None:
    text = "The Statement by the State; Statehood; stateless"
    assert spans(handmade.find(text)) == [(21, 26, "State", "state")]


def test_english_plurals_keep_the_whole_word_in_the_offsets(handmade: TermMatcher) -> None:
    text = "All States parties replied."
    found = handmade.find(text)
    assert spans(found) == [(4, 18, "States parties", "state-party")]
    assert found[0].term.text == "State party"
    check_offsets(text, found)


def test_an_acronym_next_to_chinese_characters(handmade: TermMatcher) -> None:
    """Chinese text writes Latin acronyms without spaces: 由UNODC提供."""
    text = "由UNODC提供的工具"
    assert spans(handmade.find(text)) == [(1, 6, "UNODC", "unodc")]


def test_case_and_width_in_running_text(handmade: TermMatcher) -> None:
    text = "ＵＮＯＤＣ and unodc and State Party"
    assert spans(handmade.find(text)) == [
        (0, 5, "ＵＮＯＤＣ", "unodc"),
        (10, 15, "unodc", "unodc"),
        (20, 31, "State Party", "state-party"),
    ]


# ----------------------------------------------------------------------- end of text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各缔约国", [(1, 4, "缔约国", "state-party")]),  # 缔约国会议 is longer than what is left
        ("各缔约国会", [(1, 4, "缔约国", "state-party")]),
        ("各缔约国\n", [(1, 4, "缔约国", "state-party")]),
        ("缔约国", [(0, 3, "缔约国", "state-party")]),
        ("会", []),
        ("", []),
        ("proposals of the State", [(17, 22, "State", "state")]),
        ("by States parties", [(3, 17, "States parties", "state-party")]),
    ],
)
def test_a_term_at_the_very_end(handmade: TermMatcher, text: str, expected: list[tuple]) -> None:
    found = handmade.find(text)
    assert spans(found) == expected
    check_offsets(text, found)


# ----------------------------------------------------------------------- results


def test_occurrences_carry_term_concept_and_equivalents(handmade: TermMatcher) -> None:
    (occ,) = handmade.find("请UNODC协助")
    assert occ.term == Term("UNODC", EN, status=TermStatus.ADMITTED, type=TermType.ACRONYM)
    assert occ.concept.id == "unodc"
    assert [t.text for t in occ.equivalents] == ["联合国毒品和犯罪问题办公室"]


def test_group_by_concept_in_order_of_first_appearance(handmade: TermMatcher) -> None:
    found = handmade.find("会议、缔约国、会议、缔约国会议")
    groups = group_by_concept(found)
    assert list(groups) == ["meeting", "state-party", "cosp"]
    assert [o.start for o in groups["meeting"]] == [0, 7]


# ----------------------------------------------------------------------- seeds


def test_every_seed_document(un: TermMatcher, seed_texts: dict[str, str]) -> None:
    assert len(seed_texts) == 5
    for name, text in seed_texts.items():
        found = un.find(text)
        assert len(found) > 100, name
        check_offsets(text, found)
    # each seed has terms broken across PDF lines, found whole
    text = seed_texts["000_81281640e8b35b4e.txt"]
    found = un.find(text)
    assert any("\n" in o.text for o in found)
    ids = {o.concept.id for o in found}
    assert {
        "uncac-irg",
        "uncac-extended-bureau",
        "mtg-proposed-organization-of-work",  # 拟议工作安排, not 工作安排 inside it
        "un-unodc",
        "uncac-expert-meeting-international-cooperation",
    } <= ids


def test_seed_terms_at_known_places(un: TermMatcher, seed_texts: dict[str, str]) -> None:
    """The title of seed 000 spans a line break and title marks, and is one term."""
    text = seed_texts["000_81281640e8b35b4e.txt"]
    first = un.find(text)[0]
    assert first.concept.id == "uncac-expert-meeting-international-cooperation"
    assert first.text == "增进《联合国反腐败公约》下国际合作 \n\n不限成员名额政府间专家会议"
    assert first.start == text.index("增进")


# ----------------------------------------------------------------------- key foldings


def test_hyphen_space_and_article_variants_in_running_text(un: TermMatcher) -> None:
    """Term keys split anti-/non- and drop a leading "the": running text still matches.

    Positions counted by hand: "The " is 4 characters, "anti-corruption" 15, " plan and
    the " 14.
    """
    text = "The anti-corruption plan and the anti corruption plan."
    found = [(s, e, t, c) for s, e, t, c in spans(un.find(text)) if c == "uncac-anti-corruption"]
    assert found == [
        (4, 19, "anti-corruption", "uncac-anti-corruption"),
        (33, 48, "anti corruption", "uncac-anti-corruption"),
    ]
    check_offsets(text, un.find(text))
    ngo = "Two non-governmental organizations spoke."
    assert (4, 34, "non-governmental organizations", "mtg-ngo") in spans(un.find(ngo))
    mkd = "A representative of the former Yugoslav Republic of Macedonia spoke."
    found_mkd = [o for o in un.find(mkd) if o.concept.id == "state-mkd"]
    assert [(o.start, o.end) for o in found_mkd] == [(24, 61)]  # without "the "
    assert found_mkd[0].term.text == "the former Yugoslav Republic of Macedonia"


def test_a_text_shorter_than_every_english_phrase(tmp_path: Path) -> None:
    """A termbase whose English terms all have more words than the text."""
    db = open_db(tmp_path / "long.db", glossary=False)
    store = SqliteTermStore(db)
    store.import_concepts(
        [
            Concept(
                "long",
                (
                    Term("不限成员名额政府间专家会议", Lang.ZH),
                    Term("open-ended intergovernmental expert meeting", Lang.EN),
                ),
            )
        ],
        origin="t",
    )
    assert TermMatcher(store).find("the meeting") == []
    db.close()
