"""Sentence segmentation of Chinese and English UN text.

Chinese expectations are written from the seed documents (../shared/seeds), English
ones from tests/text/data/en_sentences.txt (UN-style paragraphs written for untm).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import need_shared
from untm.text.clean import clean_pdf_text
from untm.text.lang import Lang
from untm.text.segment import Span, split_sentences

DATA = Path(__file__).parent / "data"


@cache
def seed_clean(prefix: str) -> str:
    """The cleaned text of a seed document; skips the test when ../shared is absent."""
    (path,) = need_shared("seeds").glob(f"{prefix}_*.txt")
    return clean_pdf_text(path.read_text(encoding="utf-8")).text


def texts(spans: list[Span]) -> list[str]:
    return [span.text for span in spans]


def contains_run(items: list[str], run: list[str]) -> bool:
    return any(items[i : i + len(run)] == run for i in range(len(items) - len(run) + 1))


def english_cases() -> list[tuple[str, list[str]]]:
    """(paragraph, expected sentences) from en_sentences.txt."""
    cases: list[tuple[str, list[str]]] = []
    for line in (DATA / "en_sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("> "):
            cases.append((line[2:], []))
        elif line.startswith("= "):
            cases[-1][1].append(line[2:])
    return cases


# --- English ------------------------------------------------------------------------


def test_english_cases_are_read() -> None:
    cases = english_cases()
    assert len(cases) >= 10 and all(expected for _, expected in cases)


@pytest.mark.parametrize(("paragraph", "expected"), english_cases())
def test_english_paragraph(paragraph: str, expected: list[str]) -> None:
    assert texts(split_sentences(paragraph, Lang.EN)) == expected
    assert texts(split_sentences(paragraph)) == expected  # detected as English


def test_english_report_fixture() -> None:
    raw = (DATA / "en_pdf_report.txt").read_text(encoding="utf-8")
    sentences = texts(split_sentences(clean_pdf_text(raw).text, Lang.EN))
    assert contains_run(
        sentences,
        [
            "I. Introduction",
            "1. In its resolution 7/1, the Conference of the States Parties to the United"
            " Nations Convention against Corruption decided that the open-ended"
            " intergovernmental expert meeting should continue its work.",
            "The Conference also requested the secretariat to gather information on good"
            " practices (see CAC/COSP/2017/1, para. 12).",
            "The meeting was held pursuant to that request.",
            "2. The expert meeting was convened in accordance with resolution 4/2 of the"
            " Conference.",
        ],
    )
    assert contains_run(
        sentences,
        [
            "A. Opening of the meeting",
            "3. The meeting was opened at 10 a.m. on 31 May 2019 by the Chair, Mr. J. Smith"
            " (Austria).",
        ],
    )
    assert contains_run(
        sentences,
        ["4. Adoption of the report.", "3 (a) Review of implementation of the Convention"],
    )


# --- Chinese ------------------------------------------------------------------------

SEED_SENTENCES = [
    (
        "004",
        [
            "12. 在随后的讨论中，几个国家的代表就国际合作的各种问题寻求秘书处的指导，其中包括："
            "将《公约》转换为国内法，特别是在对国际法采取二元办法的国家；从业人员不愿意承认"
            "《公约》某些条款的自动执行性；对拥有双重国籍的国民的引渡；以及对于在被请求国境外"
            "实施的犯罪的管辖权。",
            "此外，一个国家的代表提到，国际公约正在被更频繁地用来促进提供司法协助。",
        ],
    ),
    (
        "000",
        [
            "此外，还将举办一场专题主讲小组讨论会，讨论拒绝和延迟回应与《公约》下腐败犯罪有关的"
            "司法协助请求的常见原因，以及创新的解决办法。",
            "在实施情况审议组第九届会议第二次续会（2018年11月，维也纳）期间，建议国际合作不限"
            "成员名额政府间专家会议进一步讨论一些缔约国在保护证人和举报人方面不作区分的问题。",
            "专家们在专家会议上交流并讨论关于这一问题的讨论情况以及通过实施情况审议机制下的国别"
            "审议吸取的经验教训或许是有益的，因为这将有利于作出有关国际合作的决定。",
            "据此，建议在本议程项目下审议缔约国在跨国腐败案件中采取的保护证人和举报人的措施以及"
            "相关的差别。",
        ],
    ),
    (
        "001",
        [
            "已将题为“一般性讨论”的分项目列入议程，以便让高级别代表有时间就与《公约》实施情况"
            "有关的一般性事项发言。",
            "秘书处建议在缔约国会议的届会开始时举行一般性讨论，这样就能让高级别代表有机会发表其"
            "看法并为缔约国会议确定政治方向。",
            "这类届会工作安排还将有助于在实质性议程项目下展开重点更为突出的互动式交流。",
        ],
    ),
    (
        "002",
        [
            "会议将以现场亲身出席的形式举行。",
            "与会者将能够在线上观看会议的进程，但为了便利口译员的工作，在每次三小时的会议中，"
            "将只分配30分钟供线上与会者远程发言。",
            "因此，鼓励各代表团尽可能确保由已在会议室现场的代表发言。",
            "2. 通过议程和工作安排",
        ],
    ),
    (
        "003",
        [
            "缔约国会议在第8/7号决议中决定将加强反腐败机构效力问题列入工作组议程。",
            "根据该决议，第十一次会议的讨论议题为“反腐败机构的效力（《联合国反腐败公约》"
            "第六条）”。",
        ],
    ),
    (
        "003",
        [
            "1. 组织事项：",
            "(a) 会议开幕；",
            "(b) 通过议程和工作安排。",
            "2. 缔约国会议有关决议1的执行情况：",
        ],
    ),
    (
        "000",
        [
            "说明",
            "1. 会议开幕",
            "第八次增进《联合国反腐败公约》下国际合作不限成员名额"
            "政府间专家会议将于2019年5月31日星期五上午10时开幕。",
            "2. 通过议程和工作安排",
        ],
    ),
]


@pytest.mark.parametrize(("prefix", "expected"), SEED_SENTENCES)
def test_seed_sentences(prefix: str, expected: list[str]) -> None:
    clean = seed_clean(prefix)
    assert contains_run(texts(split_sentences(clean, Lang.ZH)), expected)
    assert contains_run(texts(split_sentences(clean)), expected)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("他说：“会议开幕。”然后散会。", ["他说：“会议开幕。”", "然后散会。"]),
        ("（见附件。）下一句。", ["（见附件。）", "下一句。"]),
        ("请参阅《关于某事项的说明。附件》第5段。", ["请参阅《关于某事项的说明。附件》第5段。"]),
        ("主席（奥地利。代表）宣布开幕。", ["主席（奥地利。代表）宣布开幕。"]),
        ("主席宣布开幕；会议通过议程：一致通过。", ["主席宣布开幕；会议通过议程：一致通过。"]),
        ("会议开幕！是否通过议程？通过。", ["会议开幕！", "是否通过议程？", "通过。"]),
        ("他说：“会议开幕。然后散会。", ["他说：“会议开幕。", "然后散会。"]),  # unclosed quote
        ("见 http://example.org/a?b=1 的说明。", ["见 http://example.org/a?b=1 的说明。"]),
        ("会议开幕。。下一句", ["会议开幕。。", "下一句"]),
    ],
)
def test_chinese_brackets_quotes_and_stops(paragraph: str, expected: list[str]) -> None:
    assert texts(split_sentences(paragraph, Lang.ZH)) == expected


def test_every_line_is_at_least_one_segment() -> None:
    text = "附件\n\n拟议工作安排\n文件\n  \n秘书处的说明（CAC/COSP/2017/3）"
    assert texts(split_sentences(text)) == [
        "附件",
        "拟议工作安排",
        "文件",
        "秘书处的说明（CAC/COSP/2017/3）",
    ]


def test_language_is_detected_per_line() -> None:
    text = "The meeting was opened. The agenda was adopted.\n会议开幕。通过议程。"
    assert texts(split_sentences(text)) == [
        "The meeting was opened.",
        "The agenda was adopted.",
        "会议开幕。",
        "通过议程。",
    ]


def test_spans_point_into_the_text() -> None:
    text = "  会议开幕。 通过议程。\n\n 12. The meeting was opened. It ended. "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == texts(spans)
    assert spans[0] == Span(2, 7, "会议开幕。")
    assert texts(spans) == ["会议开幕。", "通过议程。", "12. The meeting was opened.", "It ended."]


# --- tiling, for any input ----------------------------------------------------------

ALPHABET = "会议开幕公约《》（）“”「」。！？；，abcXYZ 019.!?\"'()[]/\n\t\u3000"
WORDS = [
    "para. ",
    "No. ",
    "e.g. ",
    "a.m. ",
    "U.S. ",
    "12. ",
    "(a) ",
    "3 (a) ",
    "II. ",
    "CAC/COSP/2017/1. ",
]
segment_like = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=10)), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(segment_like | st.text(max_size=200), st.sampled_from([None, Lang.ZH, Lang.EN]))
def test_spans_tile_the_non_space_text(text: str, lang: Lang | None) -> None:
    spans = split_sentences(text, lang)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert span.text == span.text.strip()
        assert not any(ch in span.text for ch in "\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        previous_end = span.end
    covered = "".join(ch for span in spans for ch in span.text if not ch.isspace())
    assert covered == "".join(ch for ch in text if not ch.isspace())


@settings(max_examples=100, deadline=None)
@given(segment_like)
def test_every_non_blank_line_has_a_segment(text: str) -> None:
    spans = split_sentences(text)
    pos = 0
    for line in text.splitlines(keepends=True):
        if not line.isspace():
            assert any(pos <= s.start < pos + len(line) for s in spans)
        pos += len(line)


def test_segments_of_a_seed_never_cross_lines() -> None:
    clean = seed_clean("001")
    for span in split_sentences(clean):
        assert "\n" not in span.text
    assert re.sub(r"\s", "", "".join(texts(split_sentences(clean)))) == re.sub(r"\s", "", clean)
