"""PDF clean-up: lines broken by the layout re-joined into paragraphs, headings, list
items, footnotes and table rows kept apart, in the seeds and the English fixture.

Expected lines are written from the seed documents (the Chinese UNCAC documents in
../shared/seeds) and from tests/text/data/en_pdf_report.txt, with CJK spacing folded
("2019 年 5 月" -> "2019年5月") as clean_pdf_text does by default.
"""

from __future__ import annotations

import re

import pytest

from tests.text.clean_helpers import (
    cleaned,
    english,
    lines,
    seed,
)
from untm.text.clean import clean_pdf_text
from untm.text.lang import Lang
from untm.text.segment import split_sentences

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


# --- seed paragraphs and titles on their own ------------------------------------------


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
