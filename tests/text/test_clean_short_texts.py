"""PDF clean-up of short texts: hyphens and spaced hyphens, line break kinds, Chinese
line ends, title blocks, and texts too short to show the right margin.
"""

from __future__ import annotations

import pytest

from tests.text.clean_helpers import (
    lines,
)
from untm.text.clean import clean_pdf_text
from untm.text.lang import Lang
from untm.text.segment import split_sentences

# --- small cases --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "The inter-\ngovernmental body and the intergovernmental process.",
            "The intergovernmental body and the intergovernmental process.",
        ),
        ("The open-\nended meeting.", "The open-ended meeting."),
        ("The follow-\nup meeting.", "The follow-up meeting."),
        ("The full imple-\nmentation.", "The full implementation."),
        ("The full imple\u00ad\nmentation.", "The full implementation."),
        ("An open -ended and an open- ended group.", "An open-ended and an open-ended group."),
        (
            "In pre- and post-trial proceedings, items 1 - 3.",
            "In pre- and post-trial proceedings, items 1 - 3.",
        ),
        ("Short- or long-term.", "Short- or long-term."),
    ],
)
def test_english_hyphens(raw: str, expected: str) -> None:
    assert clean_pdf_text(raw, Lang.EN).text == expected


def test_line_break_kinds_and_zero_width_characters() -> None:
    raw = "会议，\r\n\f决定\u200b继续，\r开展工作。\u2028新段落。"
    clean = clean_pdf_text(raw, Lang.ZH)
    assert clean.text == "会议，决定继续，开展工作。\n\n新段落。"
    assert clean.origin(0, len(clean.text)) == (0, len(raw))


def test_chinese_join_keeps_a_space_between_latin_words() -> None:
    full_line = "缔约国会议决定继续开展工作并请秘书处提供协助和支持"  # 25 characters
    raw = "\n\n".join([full_line] * 5 + ["缔约国会议决定由缔约国会议第七届会议副主席 Mohammed Abu"])
    raw += "\n\nZafar（孟加拉国）主持。"
    assert "副主席Mohammed Abu Zafar（孟加拉国）主持。" in clean_pdf_text(raw, Lang.ZH).text
    assert clean_pdf_text("代表 Mohammed Abu-\nZafar", Lang.ZH).text == "代表Mohammed Abu-Zafar"


# --- short texts, Chinese line ends, title blocks, spaced hyphens --------------------


def test_short_paragraph_broken_mid_term_is_one_line() -> None:
    """Two lines pasted from a PDF, no trailing spaces: too few lines to show the margin."""
    raw = (
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专\n"
        "家会议将于 2019 年 5 月 31 日星期五上午 10 时开幕。会议将以现场形式举行。"
    )
    clean = clean_pdf_text(raw)
    assert clean.text == (
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于"
        "2019年5月31日星期五上午10时开幕。会议将以现场形式举行。"
    )
    assert [s.text for s in split_sentences(clean.text)] == [
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于"
        "2019年5月31日星期五上午10时开幕。",
        "会议将以现场形式举行。",
    ]


def test_short_text_keeps_headings_and_title_lines_apart() -> None:
    raw = (
        "1. 会议开幕\n\n第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专\n\n"
        "家会议将于 2019 年 5 月 31 日星期五上午 10 时开幕。"
    )
    assert lines(clean_pdf_text(raw)) == [
        "1. 会议开幕",
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于"
        "2019年5月31日星期五上午10时开幕。",
    ]
    title = "第八次增进国际合作不限成员名额政府间专家会议\n2019 年 5 月 31 日，维也纳"
    assert lines(clean_pdf_text(title)) == [
        "第八次增进国际合作不限成员名额政府间专家会议",
        "2019年5月31日，维也纳",
    ]


def test_short_english_text_joins_a_full_line_with_a_space() -> None:
    raw = (
        "In its resolution 7/1, the Conference of the States Parties decided that the\n"
        "Implementation Review Group should hold a resumed session.\n"
    )
    assert clean_pdf_text(raw, Lang.EN).text == (
        "In its resolution 7/1, the Conference of the States Parties decided that the"
        " Implementation Review Group should hold a resumed session."
    )
    long_line = "The Conference also requested the secretariat to gather information on good"
    assert len(long_line) == 75  # under 80: in a short text that is not a full line
    assert lines(clean_pdf_text(f"{long_line}\nPractices", Lang.EN)) == [long_line, "Practices"]
    wide = long_line + " and best"  # 84 characters: reaches the margin
    assert clean_pdf_text(f"{wide}\nPractices.", Lang.EN).text == f"{wide} Practices."


def test_title_block_joins_only_a_body_name_to_plain_words() -> None:
    raw = "联合国反腐败公约\n缔约国会议\n第七届会议\n2017 年 11 月 6 日至 10 日，维也纳\n临时议程"
    assert lines(clean_pdf_text(raw, Lang.ZH)) == [
        "联合国反腐败公约缔约国会议",
        "第七届会议",  # the line above already ends with a body's name
        "2017年11月6日至10日，维也纳",
        "临时议程",
    ]
    body = "1. 会议开幕。\n\n联合国反腐败公约\n\n缔约国会议"  # after an item: not a title
    assert lines(clean_pdf_text(body, Lang.ZH)) == [
        "1. 会议开幕。",
        "联合国反腐败公约",
        "缔约国会议",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "增进在《公约》下开展国际合作的\n不限成员名额政府间专家会议",
            ["增进在《公约》下开展国际合作的不限成员名额政府间专家会议"],
        ),
        ("关于\n资产追回的报告", ["关于资产追回的报告"]),
        ("审议结论和\n建议", ["审议结论和建议"]),
        ("会议的目的\n说明", ["会议的目的", "说明"]),  # 目的 ends a heading
        ("总和\n说明", ["总和", "说明"]),
    ],
)
def test_chinese_line_ending_in_a_particle_or_conjunction_continues(
    raw: str, expected: list[str]
) -> None:
    assert lines(clean_pdf_text(raw, Lang.ZH)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The open -\nended meeting.", "The open-ended meeting."),
        ("An open - ended group.", "An open-ended group."),
        (
            "The anti -\ncorruption bodies and anti- corruption work.",
            "The anti-corruption bodies and anti-corruption work.",
        ),
        (
            "A fact-finding mission and a fact -\nfinding team.",
            "A fact-finding mission and a fact-finding team.",
        ),  # the document has it hyphenated
        ("A fact - finding team.", "A fact - finding team."),  # not attested: a dash
        ("The meeting - which was brief - ended.", "The meeting - which was brief - ended."),
        ("The report in full - the Chair said so.", "The report in full - the Chair said so."),
        ("The review -\nwhich was long.", "The review - which was long."),
        ("Word – word and 2017 - 2019.", "Word – word and 2017 - 2019."),
    ],
)
def test_spaced_hyphens_are_repaired_only_in_compounds(raw: str, expected: str) -> None:
    assert clean_pdf_text(raw, Lang.EN).text == expected
