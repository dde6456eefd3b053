"""PDF clean-up: page furniture, re-joined lines, and the map back to the original.

Expected lines are written from the seed documents (the Chinese UNCAC documents in
../shared/seeds) and from tests/text/data/en_pdf_report.txt, with CJK spacing folded
("2019 年 5 月" -> "2019年5月") as clean_pdf_text does by default.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import need_shared
from untm.text.clean import PARAGRAPH_SEP, CleanText, clean_pdf_text
from untm.text.lang import Lang
from untm.text.normalize import cjk_space_spans, fold_cjk_spacing
from untm.text.segment import split_sentences

DATA = Path(__file__).parent / "data"
SEEDS = ("000", "001", "002", "003", "004")


@cache
def seed(prefix: str) -> str:
    """A seed document by its number; skips the test when ../shared is absent."""
    (path,) = need_shared("seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def cleaned(prefix: str) -> CleanText:
    return clean_pdf_text(seed(prefix))


def lines(clean: CleanText) -> list[str]:
    return clean.text.split(PARAGRAPH_SEP)


def english() -> str:
    return (DATA / "en_pdf_report.txt").read_text(encoding="utf-8")


# Page furniture as it occurs in the seeds and the English fixture, written
# independently of the module's own patterns.
SEED_FURNITURE = re.compile(
    r"V\.\d\d-\d{5}( \([CE]\))?( +\d{6})*"  # job number and print dates
    r"|\*\d{7}\*"  # barcode
    r"|CAC/COSP/[A-Z0-9./]+\*?"  # running header (the document symbol alone)
    r"|\d/\d( V\.\d\d-\d{5})?"  # running footer: page number and job number
    r"|http://undocs\.org/\S+"
    r"|_{18}"
    r"|联 合 国 +CAC/COSP/\S+|United Nations +CAC/COSP/\S+"  # mastheads
    r"|Distr\.: General|\d\d (July|June) 20\d\d|Chinese|Original: English"
)
MARKUP = re.compile(r"\[|\]\(#\)")


def furniture_lines(original: str) -> set[int]:
    """Indexes of the original characters on lines that are furniture."""
    out: set[int] = set()
    pos = 0
    for line in original.split("\n"):
        if SEED_FURNITURE.fullmatch(line.strip()):
            out.update(range(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def visible(text: str) -> str:
    """Non-space characters outside furniture lines and link markup."""
    kept = [ln for ln in text.split("\n") if not SEED_FURNITURE.fullmatch(ln.strip())]
    return re.sub(r"\s+", "", MARKUP.sub("", "\n".join(kept)))


# --- page furniture -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", SEEDS)
def test_no_furniture_survives(prefix: str) -> None:
    text = cleaned(prefix).text
    assert not re.search(r"V\.\d\d-\d{5}", text)
    assert not re.search(r"\*\d{7}\*", text)
    assert "undocs.org" not in text
    assert "____" not in text
    assert "](#)" not in text and "[CAC" not in text
    assert "Distr." not in text and "Original:" not in text
    assert "联 合 国" not in text
    for line in lines(cleaned(prefix)):
        assert not re.fullmatch(r"CAC/COSP/\S+|\d+/\d+( V\.\S+)?|\d+|Chinese|\d+ \w+ \d{4}", line)


@pytest.mark.parametrize("prefix", SEEDS)
def test_paragraphs_are_lines_without_edge_spaces(prefix: str) -> None:
    text = cleaned(prefix).text
    assert "\n\n\n" not in text
    assert text == text.strip()
    for line in lines(cleaned(prefix)):
        assert line and line == line.strip() and "\n" not in line


def test_running_header_and_page_number_are_removed_inside_a_paragraph() -> None:
    # 004 has " CAC/COSP/EG.1/2017/3 " and "3/6 V.17-07946 " in the middle of paragraph 12
    assert "CAC/COSP/EG.1/2017/3" in seed("004")
    assert "3/6 V.17-07946" in seed("004")
    text = cleaned("004").text
    assert "3/6" not in text and "V.17-07946" not in text
    assert "CAC/COSP/EG.1/2017/3" not in text  # the report's own symbol only heads pages


def test_masthead_job_number_and_barcode_lines_are_removed() -> None:
    original = seed("003")
    for furniture in ("V.20-04026 (C)", "*2004026*", "CAC/COSP/WG.4/2020/1/Rev.1*"):
        assert furniture in original
        assert furniture not in cleaned("003").text


@pytest.mark.parametrize("prefix", ["001", "002", "003"])
def test_front_matter_is_removed_and_the_title_kept(prefix: str) -> None:
    out = lines(cleaned(prefix))
    assert not {"Chinese", "Original: English", "Distr.: General"} & set(out)
    assert not any(re.fullmatch(r"\d{1,2} (June|July) 20\d\d", line) for line in out)
    assert "临时议程说明" in out


@pytest.mark.parametrize("prefix", SEEDS)
def test_only_furniture_and_markup_are_dropped(prefix: str) -> None:
    """Every original non-space character is in the clean text, unless it is furniture."""
    original, clean = seed(prefix), cleaned(prefix)
    kept = {o for c, o in zip(clean.text, clean.offsets, strict=False) if not c.isspace()}
    markup = {i for m in MARKUP.finditer(original) for i in range(m.start(), m.end())}
    allowed = furniture_lines(original) | markup
    lost = [i for i, ch in enumerate(original) if not ch.isspace() and i not in kept]
    assert [original[i] for i in lost if i not in allowed] == []


# --- re-joined lines ----------------------------------------------------------------

WHOLE_PARAGRAPHS = [
    (
        "000",
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于"
        "2019年5月31日星期五上午10时开幕。",
    ),
    (
        "000",
        "会议临时议程和拟议工作安排是根据联合国反腐败公约缔约国会议第7/1号决议并按照第七次"
        "不限成员名额政府间专家会议商定的建议（见CAC/COSP/EG.1/2018/4）拟定的，其中考虑到"
        "实施情况审议组通过的多年期工作计划（CAC/COSP/IRG/2017/CRP.2）和扩大主席团在"
        "2017年8月27日的会议上核准的会议日程表。",
    ),
    ("000", "可用的资源将允许在2019年5月31日举行两场配有联合国所有正式语文口译的全体会议。"),
    (
        "001",
        "缔约国会议在第2/3号决议中决定，工作组应当继续其工作，以便找到将2007年8月27日和28日"
        "其第一次会议各项建议转化为具体行动的方式方法。缔约国会议在第3/3、第4/4、第5/3、"
        "第6/3和第6/3号决议中延续了工作组的任务授权，并决定工作组应继续为缔约国会议履行返还"
        "腐败所得方面的任务授权向缔约国会议提供建议和协助，并向缔约国会议提交其活动情况报告。"
        "依照第6/2和第6/3号决议，工作组于2016年8月25日和26日及2017年8月24日和25日在维也纳"
        "举行了两次会议。",
    ),
    (
        "001",
        "缔约国会议不妨以秘书处编写的关于财务和预算事项的说明（CAC/COSP/2017/13）所载的信息"
        "以及秘书处关于审议机制第二周期运作预计费用的说明（CAC/COSP/2015/10，附件一）为基础"
        "进行审议。第二周期头两年的预计资源需要依据的是秘书处关于审议机制第二周期运作预计费用"
        "的说明。该说明详细分析并概要说明了第二周期头两年运作的总体工作量和资源需要。",
    ),
    (
        "002",
        "第十二次关于增进《联合国反腐败公约》下国际合作的不限成员名额政府间专家会议将于"
        "2023年9月5日星期二上午10时在维也纳国际中心M楼M号全体会议室开幕。会议将以现场亲身"
        "出席的形式举行。与会者将能够在线上观看会议的进程，但为了便利口译员的工作，在每次"
        "三小时的会议中，将只分配30分钟供线上与会者远程发言。因此，鼓励各代表团尽可能确保由"
        "已在会议室现场的代表发言。",
    ),
    (
        "003",
        "预防腐败问题不限成员名额政府间工作组第十一次会议将于8月31日星期一上午11时在"
        "维也纳国际中心M楼M全体会议厅开幕。",
    ),
    (
        "003",
        "(a) 预防腐败方面的良好做法和举措：加强反腐败机构的效力（《联合国反腐败公约》第六条）；",
    ),
    ("003", "秘书处编写的关于缔约国会议有关决议执行情况的背景文件（CAC/COSP/WG.4/2020/3）"),
    (
        "003",
        "工作组在2011年8月22日至24日于维也纳举行的第二次会议上建议，今后应在其每次会议之前，"
        "邀请缔约国交流在实施所审议条款方面的经验，最好是利用自评清单开展交流，包括在可能的"
        "情况下交流成功事例、挑战、技术援助需求和实施过程中汲取的经验教训。工作组请秘书处编写"
        "一份背景文件汇总此类信息，并决定在会议期间举行专题小组讨论，此类讨论应有就所审议的"
        "优先议题提供书面答复的国家的专家参加。",
    ),
    (
        "004",
        "2017年11月6日至7日在维也纳举行的第六次增进《联合国反腐败公约》下国际合作不限成员"
        "名额政府间专家会议的报告",
    ),
    (
        "004",
        "12. 在随后的讨论中，几个国家的代表就国际合作的各种问题寻求秘书处的指导，其中包括："
        "将《公约》转换为国内法，特别是在对国际法采取二元办法的国家；从业人员不愿意承认"
        "《公约》某些条款的自动执行性；对拥有双重国籍的国民的引渡；以及对于在被请求国境外"
        "实施的犯罪的管辖权。此外，一个国家的代表提到，国际公约正在被更频繁地用来促进提供"
        "司法协助。",
    ),
    (
        "004",
        "23. 秘书处的一名代表介绍了2017年10月5日至6日在维也纳举行的关于增强中央机关参与"
        "刑事事项国际合作特别是司法协助的有效性的非正式专家组会议的讨论要点。据指出，这次会议"
        "是毒品和犯罪问题办公室条约事务司有组织犯罪和非法贩运处组织的，以期促进实施有组织犯罪"
        "公约缔约方会议第8/1号决议。",
    ),
    (
        "004",
        "32. 第六次专家会议重申第三、第四和第五次专家会议提出的建议（见CAC/COSP/EG.1/2014/3、"
        "CAC/COSP/EG.1/2015/3和CAC/COSP/EG.1/2016/2）。",
    ),
    ("004", "三. 《联合国反腐败公约》第四章实施情况：吸取的经验教训、良好做法和挑战"),
    ("004", "3. 《联合国反腐败公约》第四章实施情况：吸取的经验教训、良好做法和挑战。"),
]


@pytest.mark.parametrize(("prefix", "paragraph"), WHOLE_PARAGRAPHS)
def test_broken_paragraph_is_one_line(prefix: str, paragraph: str) -> None:
    assert paragraph in lines(cleaned(prefix))


BROKEN_TERMS = [
    ("000", "第六次增进《公约》下国际合作不限成员名额政府间专家会议提出的建议"),
    ("000", "第七次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议建议"),
    ("000", "通过实施情况审议机制下的国别审议"),
    ("001", "收集预防腐败良好做法相关信息；根据请求向缔约国提供技术援助"),
    ("001", "不仅是为了报告与实施《公约》第五十三条有关的良好做法和手段"),
    ("002", "反腐败执法机关全球业务工作网（全球网)在线一站式枢纽"),
    ("003", "一个不限成员名额的临时政府间工作组"),
    ("003", "在预防腐败问题不限成员名额政府间工作组和实施情况审议组联席会议上讨论"),
    ("004", "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议的工作"),
    ("004", "《联合国反腐败公约》实施情况审议机制第一审议周期审议报告"),
    ("004", "题为“《联合国反腐败公约》实施情况：刑事定罪、执法和国际合作”的研究报告"),
]


@pytest.mark.parametrize(("prefix", "term"), BROKEN_TERMS)
def test_term_broken_across_lines_is_whole(prefix: str, term: str) -> None:
    assert term not in seed(prefix)  # it is broken in the original
    assert any(term in line for line in lines(cleaned(prefix)))


HEADINGS = [
    ("000", "1. 会议开幕", "第八次增进"),
    ("000", "2. 通过议程和工作安排", "会议临时议程"),
    ("000", "说明", "1. 会议开幕"),
    ("000", "文件", "秘书处关于增进"),
    ("000", "拟议工作安排", "日期和时间"),
    ("001", "1. 组织事项", "(a) 第七届会议开幕"),
    ("001", "(a) 第七届会议开幕", "大会第58/4号决议"),
    ("001", "(b) 选举主席团成员", "根据缔约国会议议事规则第22条"),
    ("001", "文件", "依据缔约国会议第6/1号决议"),
    (
        "001",
        "- (a) 第六十三条第四款第(三)和第四项的执行,涉及与相关的国际和区域组织和机制及非政府组织"
        "开展合作;以及适当利用从事打击和预防腐败工作的其他国际和区域机制提供的相关信息,以避免"
        "工作的不必要的重复",
        "大会在第69/199号和第71/208号决议中",
    ),
    ("002", "(a) 关于促进利用信息和通信技术实施《公约》的专题讨论", "第五次关于增进"),
    (
        "002",
        "(b) 关于制定不具约束力的准则在紧急情况和危机应对与恢复期间加强国际和多边合作以进一步"
        "预防、识别、调查和起诉腐败行为的专题讨论",
        "根据缔约国会议题为",
    ),
    ("003", "(a) 会议开幕", "预防腐败问题不限成员名额政府间工作组第十一次会议"),
    ("003", "3. 今后的优先事项", "将讨论工作组今后"),
    ("004", "一. 导言", "1. 联合国反腐败公约缔约国会议于"),
    ("004", "A. 会议开幕", "3. 第六次增进"),
    ("004", "七. 结论和建议", "31. 第六次专家会议重申"),
    ("004", "5. 2017年11月6日，第六次专家会议通过了下列议程：", "1. 会议开幕。"),
]


@pytest.mark.parametrize(("prefix", "heading", "next_start"), HEADINGS)
def test_heading_stays_separate(prefix: str, heading: str, next_start: str) -> None:
    out = lines(cleaned(prefix))
    assert heading in out
    assert out[out.index(heading) + 1].startswith(next_start)


def test_numbered_agenda_items_are_not_joined() -> None:
    out = lines(cleaned("004"))
    start = out.index("1. 会议开幕。")
    assert out[start : start + 7] == [
        "1. 会议开幕。",
        "2. 通过议程和工作安排。",
        "3. 《联合国反腐败公约》第四章实施情况：吸取的经验教训、良好做法和挑战。",
        "4. 国家主管机关用于处理和跟踪引渡和司法协助请求的电子工具和系统。",
        "5. 与腐败有关的民事诉讼和行政诉讼。",
        "6. 联合国毒品和犯罪问题办公室促进国际合作的工具和服务。",
        "7. 通过报告，包括结论和建议。",
    ]


def test_footnote_is_its_own_paragraph() -> None:
    assert "* 因技术原因于2020年8月27日重新印发。" in lines(cleaned("003"))
    assert "由于技术原因于2019年4月3日重发。" in lines(cleaned("000"))


def test_table_rows_keep_their_tabs() -> None:
    assert "11月6日, 星期一\t上午10时至下午1时\t1(a)\t会议开幕" in lines(cleaned("001"))


def test_table_rows_are_never_joined() -> None:
    raw = "会议\t上午10时，\n开幕\t下午3时\n（续）"
    assert clean_pdf_text(raw, Lang.ZH).text == "会议\t上午10时，\n\n开幕\t下午3时\n\n（续）"


def test_cjk_spacing_can_be_kept() -> None:
    out = lines(clean_pdf_text(seed("000"), Lang.ZH, cjk_spacing=False))
    assert (
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议将于"
        "2019 年 5 月 31 日星期五上午 10 时开幕。"
    ) in out


def test_joins_hold_without_the_trailing_space_signal() -> None:
    """004 without the trailing spaces that mark its paragraph ends: the margin decides."""
    stripped = clean_pdf_text(re.sub(r" +\n", "\n", seed("004")))
    out = lines(stripped)
    assert "一. 导言" in out
    assert "三. 《联合国反腐败公约》第四章实施情况：吸取的经验教训、良好做法和挑战" in out
    for sentence in split_sentences(cleaned("004").text):
        assert any(sentence.text in line for line in out), sentence.text


# --- the English fixture ------------------------------------------------------------


def test_english_furniture_is_removed() -> None:
    text = clean_pdf_text(english()).text
    for furniture in ("V.19-04567", "*1904567*", "2/8", "Distr.", "Original", "14 June 2019"):
        assert furniture not in text
    assert "undocs" not in text and "___" not in text
    assert "CAC/COSP/EG.1/2019/9" not in text  # masthead and running header
    assert not any(line.startswith("United Nations") for line in text.split("\n"))


ENGLISH_LINES = [
    "Conference of the States Parties to the United Nations Convention against Corruption",
    "Report on the meeting of the open-ended intergovernmental expert meeting held in Vienna"
    " on 31 May 2019",
    "I. Introduction",
    "1. In its resolution 7/1, the Conference of the States Parties to the United Nations"
    " Convention against Corruption decided that the open-ended intergovernmental expert meeting"
    " should continue its work. The Conference also requested the secretariat to gather"
    " information on good practices (see CAC/COSP/2017/1, para. 12). The meeting was held"
    " pursuant to that request.",
    "2. The expert meeting was convened in accordance with resolution 4/2 of the Conference."
    " In that resolution, the Conference decided to convene open-ended intergovernmental expert"
    " meetings on international cooperation to advise and assist it. It did so again by"
    " decision No. 5/1.",
    "II. Organization of the meeting",
    "A. Opening of the meeting",
    "3. The meeting was opened at 10 a.m. on 31 May 2019 by the Chair, Mr. J. Smith (Austria)."
    " In his opening remarks, the Chair recalled the mandate of the meeting and stressed the"
    " importance of the full and effective implementation of chapter IV of the Convention, e.g."
    " with regard to extradition and mutual legal assistance.",
    "4. A representative of the secretariat made an introductory statement on the"
    " intergovernmental process and on the follow-up to the recommendations of the previous"
    " meetings. The statement covered, inter alia, the use of electronic tools in pre- and"
    " post-trial proceedings and the status of the online directory of competent national"
    " authorities, as well as the technical assistance provided by the secretariat since the"
    " last meeting of the working group in 2018. Several speakers welcomed the update.",
    "* Reissued for technical reasons on 20 June 2019.",
    "B. Adoption of the agenda and organization of work",
    "5. On 31 May 2019, the expert meeting adopted the following agenda:",
    "1. Opening of the meeting.",
    "2. Adoption of the agenda and organization of work.",
    "3. Implementation of chapter IV of the United Nations Convention against Corruption:"
    " lessons learned, good practices and challenges.",
    "4. Adoption of the report.",
    "3 (a) Review of implementation of the Convention",
]


def test_english_lines_are_rejoined() -> None:
    out = lines(clean_pdf_text(english(), Lang.EN))
    assert [line for line in out if line in ENGLISH_LINES] == ENGLISH_LINES


def test_english_is_detected() -> None:
    assert clean_pdf_text(english()).text == clean_pdf_text(english(), Lang.EN).text


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


def test_origin_spans_a_page_break() -> None:
    raw = "会议将于，\n\nV.20-04026 (C)\n\n*2004026*\n\n开幕。"
    clean = clean_pdf_text(raw, Lang.ZH)
    assert clean.text == "会议将于，开幕。"
    assert clean.origin(2, 7) == (2, raw.index("开幕") + 2)
    assert raw[slice(*clean.origin(5, 8))] == "开幕。"
    assert clean.origin(3, 3) == (3, 3)


def test_origin_rejects_spans_outside_the_text() -> None:
    clean = clean_pdf_text("会议开幕。")
    with pytest.raises(ValueError, match="outside"):
        clean.origin(2, 9)
    with pytest.raises(ValueError, match="outside"):
        clean.origin(3, 2)


def test_offsets_must_match_the_text() -> None:
    with pytest.raises(ValueError, match="offset"):
        CleanText("abc", (0, 1, 2))


def test_empty_and_furniture_only_inputs() -> None:
    assert clean_pdf_text("") == CleanText("", (0,))
    only_furniture = "\n V.17-07946 \n\n*1707946*\n3/6\n"
    assert clean_pdf_text(only_furniture) == CleanText("", (len(only_furniture),))


# --- the offset map, for any input --------------------------------------------------

FRAGMENTS = [
    "V.20-04026 (C)",
    "*2004026*",
    "CAC/COSP/EG.1/2017/3",
    "3/6",
    "__________",
    "http://undocs.org/ch/CAC/COSP/2019/2",
    "[CAC/COSP/2017/CRP.5](#)",
    "Distr.: General",
    "31 July 2017",
    "Original: English",
    "联 合 国",
    "1. ",
    "(a) ",
    "open -ended",
    "inter-\n",
    "imple\u00ad\n",
    "2019 年 5 月",
    "\t",
    "\u200b",
    "\r\n",
    "\f",
]
ALPHABET = "会议开幕公约第号决议不限成员名额ab AZ019。，；：.,;:!?()（）《》“”-/\n\n\u3000\xa0"
pdf_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=12)),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(pdf_like | st.text(max_size=200), st.sampled_from([None, Lang.ZH, Lang.EN]))
def test_offset_map_points_at_the_same_characters(raw: str, lang: Lang | None) -> None:
    clean = clean_pdf_text(raw, lang)
    offsets = clean.offsets
    assert len(offsets) == len(clean.text) + 1
    assert offsets[-1] == len(raw)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    previous = -1
    for char, origin in zip(clean.text, offsets, strict=False):
        assert 0 <= origin < len(raw)
        if char.isspace():
            assert raw[origin].isspace()  # a joining space or break stands for whitespace
        else:
            assert raw[origin] == char
            assert origin > previous  # each original character is used once
            previous = origin


@settings(max_examples=200, deadline=None)
@given(pdf_like, st.data())
def test_origin_of_any_span_covers_its_characters(raw: str, data: st.DataObject) -> None:
    clean = clean_pdf_text(raw)
    start = data.draw(st.integers(0, len(clean.text)))
    end = data.draw(st.integers(start, len(clean.text)))
    first, last = clean.origin(start, end)
    assert 0 <= first <= last <= len(raw)
    inside = re.sub(r"\s", "", raw[first:last])
    piece = re.sub(r"\s", "", clean.text[start:end])
    assert _is_subsequence(piece, inside)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(char in it for char in small)


@settings(max_examples=200, deadline=None)
@given(pdf_like)
def test_clean_text_shape(raw: str) -> None:
    text = clean_pdf_text(raw).text
    assert "\n\n\n" not in text and "\r" not in text
    assert text == text.strip()
    assert all(line == line.strip() for line in text.split("\n"))


# --- offsets on the seeds -----------------------------------------------------------


@pytest.mark.parametrize("prefix", SEEDS)
def test_clean_spans_map_back_to_the_original(prefix: str) -> None:
    """Each paragraph and sentence maps to an original slice that reads the same.

    The original slice, with whitespace, furniture lines and link markup removed, must
    equal the clean slice with whitespace removed.
    """
    original, clean = seed(prefix), cleaned(prefix)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", clean.text)]
    spans += [(s.start, s.end) for s in split_sentences(clean.text)]
    for start, end in spans:
        first, last = clean.origin(start, end)
        assert visible(original[first:last]) == re.sub(r"\s+", "", clean.text[start:end])


@settings(max_examples=200, deadline=None)
@given(pdf_like)
def test_cjk_space_spans_are_what_fold_cjk_spacing_removes(raw: str) -> None:
    spans = cjk_space_spans(raw)
    kept = [
        raw[end:start]
        for (_, end), (start, _) in itertools.pairwise([(0, 0), *spans, (len(raw), 0)])
    ]
    assert "".join(kept) == fold_cjk_spacing(raw)
    assert all(raw[s:e].isspace() for s, e in spans)


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


def _fill(paragraph: str, width: int) -> list[str]:
    """``paragraph`` in lines of at most ``width`` (CJK characters count two) as a PDF
    sets it: never inside a run of Latin letters, digits and symbols."""
    out, line = [], ""
    for token in re.findall(r"[\x21-\x7e]+|.", paragraph):
        if line and sum(1 if c.isascii() else 2 for c in line + token) > width:
            out.append(line.strip())
            line = ""
        line += token
    return [*out, line.strip()]


@pytest.mark.parametrize(("prefix", "paragraph"), WHOLE_PARAGRAPHS)
def test_seed_paragraph_set_alone_without_trailing_spaces_is_one_line(
    prefix: str, paragraph: str
) -> None:
    """Each paragraph of the seeds, set in 38-character lines (a Chinese UN page) with no
    trailing spaces and nothing else around it, comes back whole."""
    del prefix  # the paragraphs are written from the seeds; the text is all the test needs
    assert clean_pdf_text("\n".join(_fill(paragraph, 76))).text == paragraph


@pytest.mark.parametrize(
    ("prefix", "first", "second"),
    [
        ("000", "增进《联合国反腐败公约》下国际合作", "不限成员名额政府间专家会议"),
        ("002", "增进在《联合国反腐败公约》下开展国际合作的", "不限成员名额政府间专家会议"),
        ("003", "联合国反腐败公约", "缔约国会议"),
    ],
)
def test_title_broken_over_two_lines_is_one_line(prefix: str, first: str, second: str) -> None:
    assert re.search(rf"{first}\s*\n\s*{second}", seed(prefix))  # broken in the original
    out = lines(cleaned(prefix))
    assert first + second in out
    assert first not in out and second not in out


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


# --- what the document reader needs (untm.text.document) ------------------------------

#: Running text wrapped at a right margin of about 88 characters, so that the layout
#: has a margin to measure.
FILLER = textwrap.wrap(
    "The Conference of the States Parties to the United Nations Convention against"
    " Corruption decided that the open-ended intergovernmental expert meetings should"
    " continue their work by exchanging information on the common reasons for refusals of"
    " and delays in responding to requests for mutual legal assistance related to corruption"
    " offences under the Convention, on international cooperation in civil and"
    " administrative proceedings relating to corruption cases and on possible measures to"
    " ensure the confidentiality of information provided in assisting criminal, civil and"
    " administrative measures, as the Working Group had recommended at its previous session.",
    88,
)


def with_filler(raw: str) -> list[str]:
    """The clean lines of ``raw`` after a paragraph of filler, without the filler."""
    out = lines(clean_pdf_text("\n".join(FILLER) + "\n\n" + raw, Lang.EN))
    assert out[0] == " ".join(FILLER)
    return out[1:]


def test_front_matter_is_kept_when_asked() -> None:
    raw = (
        "United Nations                CAC/COSP/2017/1\n"
        "Conference of the States Parties to the\nUnited Nations Convention against\nCorruption\n"
        "Distr.: General\n31 July 2017\n\nOriginal: English\n"
        "V.17-05544 (E)    010817    020817\n*1705544*\n"
        "Seventh session\nVienna, 6–10 November 2017\n"
    )
    assert lines(clean_pdf_text(raw, Lang.EN, front_matter=True)) == [
        "United Nations CAC/COSP/2017/1",
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Distr.: General",
        "31 July 2017",
        "Original: English",
        "Seventh session",
        "Vienna, 6–10 November 2017",
    ]
    assert lines(clean_pdf_text(raw, Lang.EN))[0].startswith("Conference of the States")
    # a symbol alone is the masthead only among the first lines; later it is a header
    later = "United Nations\nCAC/COSP/EG.1/2019/1\nDistr.: General\n" + "\n".join(FILLER)
    later += "\nCAC/COSP/EG.1/2019/1\n2/5\nthe end of the paragraph."
    out = lines(clean_pdf_text(later, Lang.EN, front_matter=True))
    assert out[:3] == ["United Nations", "CAC/COSP/EG.1/2019/1", "Distr.: General"]
    assert out[3].endswith("previous session. the end of the paragraph.")


def test_english_title_lines_join_only_where_they_could_wrap() -> None:
    raw = (
        "United Nations CAC/COSP/EG.1/2017/3\nDistr.: General\n20 November 2017\n"
        "Conference of the States Parties to the\nUnited Nations Convention\nagainst Corruption\n"
        "Open-ended Intergovernmental Expert Meeting to Enhance\n"
        "International Cooperation under the United Nations\nConvention against Corruption\n"
        "Vienna, 6 and 7 November 2017\nProvisional agenda\n1. Opening of the meeting.\n\n"
    )
    out = lines(clean_pdf_text(raw + "\n".join(FILLER), Lang.EN))
    assert out[:4] == [
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation under"
        " the United Nations Convention against Corruption",
        "Vienna, 6 and 7 November 2017",  # the venue line is always a line of its own
        "Provisional agenda",
    ]


def test_english_paragraph_per_line_text_is_not_joined_by_width() -> None:
    """Clean English with a paragraph per line: a long title is not run into the next."""
    title = (
        "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation"
        " under the United Nations Convention against Corruption"
    )
    paragraphs = [
        title,
        "Vienna, 31 May 2019",
        "Annotated provisional agenda",
        *[" ".join(FILLER)] * 4,
        "10 a.m.–1 p.m.  1  Opening of the meeting and of the general discussion of the agenda"
        " items before the meeting",
        "2  Adoption of the agenda and organization of work",
    ]
    assert lines(clean_pdf_text("\n\n".join(paragraphs), Lang.EN)) == [
        re.sub(r" {2,}", " ", p) for p in paragraphs
    ]


JOINS = {
    # a symbol in brackets opening a line continues the sentence
    "bracket-start": (
        "To facilitate its deliberations, the Conference will have before it the room\n"
        "paper submitted to the Implementation Review Group at its eighth session\n"
        "(CAC/COSP/IRG/2017/CRP.1). In addition, the secretariats will be invited.",
        [
            "To facilitate its deliberations, the Conference will have before it the room paper"
            " submitted to the Implementation Review Group at its eighth session"
            " (CAC/COSP/IRG/2017/CRP.1). In addition, the secretariats will be invited."
        ],
    ),
    # a bracket left open continues the paragraph
    "open-bracket": (
        "Pursuant to the recommendations agreed upon at the eighth expert meeting\n"
        "held on 31 May 2019 (see\nCAC/COSP/EG.1/2019/4), States parties are encouraged.",
        [
            "Pursuant to the recommendations agreed upon at the eighth expert meeting held on"
            " 31 May 2019 (see CAC/COSP/EG.1/2019/4), States parties are encouraged."
        ],
    ),
    # entries of a list of documents, each ending with its symbol
    "documents": (
        "Summary of the state of implementation of the United Nations Convention against\n"
        "Corruption (CAC/COSP/2017/10)\n"
        "Note by the Secretariat on good practices in the identification of victims of\n"
        "corruption and parameters for their compensation (CAC/COSP/2017/11)\n"
        "Note by the Secretariat on financial and budgetary matters (CAC/COSP/2017/13)",
        [
            "Summary of the state of implementation of the United Nations Convention against"
            " Corruption (CAC/COSP/2017/10)",
            "Note by the Secretariat on good practices in the identification of victims of"
            " corruption and parameters for their compensation (CAC/COSP/2017/11)",
            "Note by the Secretariat on financial and budgetary matters (CAC/COSP/2017/13)",
        ],
    ),
    # the third line of a paragraph, long and without a stop, goes on
    "third-line": (
        "In its resolution 3/1, the Conference decided that the Implementation Review\n"
        "Group should follow up on and continue the work previously undertaken by the\n"
        "Open-ended Working Group on Technical Assistance at its sessions since 2006\n"
        "Intergovernmental Working Group on Technical Assistance. In accordance.",
        [
            "In its resolution 3/1, the Conference decided that the Implementation Review Group"
            " should follow up on and continue the work previously undertaken by the Open-ended"
            " Working Group on Technical Assistance at its sessions since 2006"
            " Intergovernmental Working Group on Technical Assistance. In accordance."
        ],
    ),
    # an enumeration run into the paragraph goes on at "(c)"; a list on lines does not
    "enumeration": (
        "States reported that the problems related to: (a) unfamiliarity with them;\n"
        "(b) non-acceptance of requests sent through other channels; and\n"
        "(c) the absence of a pending criminal case against the suspect.\n\n"
        "The Conference will have before it the following:\n\n"
        "(a) A note by the Secretariat;\n\n(b) A report of the Working Group.",
        [
            "States reported that the problems related to: (a) unfamiliarity with them;"
            " (b) non-acceptance of requests sent through other channels; and (c) the absence"
            " of a pending criminal case against the suspect.",
            "The Conference will have before it the following:",
            "(a) A note by the Secretariat;",
            "(b) A report of the Working Group.",
        ],
    ),
    # a subparagraph marker that completes the provision at the end of the line above
    "provision": (
        "In paragraph 8 of its resolution 8/2, the Conference called upon States parties,\n"
        "in accordance with article 1\n(b) of the Convention, to further promote cooperation.",
        [
            "In paragraph 8 of its resolution 8/2, the Conference called upon States parties, in"
            " accordance with article 1 (b) of the Convention, to further promote cooperation."
        ],
    ),
}


@pytest.mark.parametrize("case", list(JOINS))
def test_english_joins_for_documents(case: str) -> None:
    raw, expected = JOINS[case]
    assert with_filler(raw) == expected


def test_chinese_venue_line_stays_apart_in_the_title_block() -> None:
    raw = "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议\n"
    raw += "2019年5月31日，维也纳\n临时议程说明"
    body = "\n".join(
        ["缔约国会议请秘书处继续收集关于《公约》用作司法协助法律依据的统计数据或其他相关信息"] * 6
    )
    out = lines(clean_pdf_text(raw + "\n\n" + body, Lang.ZH))
    assert out[:3] == [
        "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
        "2019年5月31日，维也纳",
        "临时议程说明",
    ]
