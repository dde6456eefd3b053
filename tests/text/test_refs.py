"""Numbers, dates, symbols and references in both writings (untm.text.refs).

Table cases come from the seed documents (corpus/zh, corpus/en) and the conventions of
UN Chinese and English; the corpus tests measure how often the references of a gold
sentence pair agree, and list every pair where they do not with the reason.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.text.test_numerals import zh_numeral
from untm.text.clean import clean_pdf_text
from untm.text.lang import Lang
from untm.text.numerals import MONTHS
from untm.text.refs import Ref, RefKind, find_refs

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
K = RefKind

Expected = list[tuple[RefKind, str, str] | tuple[RefKind, str, str, str]]


def triples(text: str, lang: Lang) -> Expected:
    """(kind, value, surface) of every Ref, with the qualifier when there is one."""
    out: Expected = []
    for ref in find_refs(text, lang):
        if ref.qualifier:
            out.append((ref.kind, ref.value, ref.text, ref.qualifier))
        else:
            out.append((ref.kind, ref.value, ref.text))
    return out


ZH_CASES: list[tuple[str, Expected]] = [
    # numbers
    ("共有 1,000 名与会者", [(K.NUMBER, "1000", "1,000")]),
    ("1 000 份", [(K.NUMBER, "1000", "1 000")]),
    ("１２３４５个", [(K.NUMBER, "12345", "１２３４５")]),
    ("增长 10.5", [(K.NUMBER, "10.5", "10.5")]),
    ("1,000万", [(K.NUMBER, "10000000", "1,000万")]),
    ("3.5亿", [(K.NUMBER, "350000000", "3.5亿")]),
    ("一百二十一", [(K.NUMBER, "121", "一百二十一")]),
    ("两场全体会议", [(K.NUMBER, "2", "两")]),
    ("三名副主席和一名报告员", [(K.NUMBER, "3", "三")]),  # 一名: "a Rapporteur"
    ("五个区域组", [(K.NUMBER, "5", "五")]),
    ("二〇一九", [(K.YEAR, "2019", "二〇一九")]),
    ("一般性讨论，进一步，一些，千万", []),
    ("对国际法采取二元办法", []),
    ("百分之十五", [(K.PERCENT, "15", "百分之十五")]),
    ("15%", [(K.PERCENT, "15", "15%")]),
    ("15％的增长", [(K.PERCENT, "15", "15％")]),
    ("150 万美元", [(K.MONEY, "1500000", "150 万美元", "USD")]),
    # dates and times
    ("2019 年 5 月 31 日", [(K.DATE, "2019-05-31", "2019 年 5 月 31 日")]),
    ("2019年5月31日星期五", [(K.DATE, "2019-05-31", "2019年5月31日星期五", "friday")]),
    ("2017年11月6日至10日", [(K.DATE, "2017-11-06/2017-11-10", "2017年11月6日至10日")]),
    (
        "2008 年 1 月 28 日至 2 月 1 日在印度尼西亚",
        [(K.DATE, "2008-01-28/2008-02-01", "2008 年 1 月 28 日至 2 月 1 日")],
    ),
    (
        "2018 年 12 月 31 日至 2019 年 1 月 2 日",
        [(K.DATE, "2018-12-31/2019-01-02", "2018 年 12 月 31 日至 2019 年 1 月 2 日")],
    ),
    ("2019年5月", [(K.DATE, "2019-05", "2019年5月")]),
    ("二〇一九年五月三十一日", [(K.DATE, "2019-05-31", "二〇一九年五月三十一日")]),
    ("11 月 6 日, 星期一", [(K.DATE, "--11-06", "11 月 6 日, 星期一", "monday")]),
    ("2017 年 11 月 6 日和 7 日", [(K.DATE, "2017-11-06/2017-11-07", "2017 年 11 月 6 日和 7 日")]),
    (
        "2017 年 11 月 6 日和 8 日",
        [(K.DATE, "2017-11-06", "2017 年 11 月 6 日"), (K.DATE, "2017-11-08", "8 日")],
    ),
    (  # no such day: its figures stay numbers, for lint to show
        "2019 年 2 月 30 日",
        [(K.YEAR, "2019", "2019 年"), (K.NUMBER, "2", "2"), (K.NUMBER, "30", "30")],
    ),
    ("2019 年", [(K.YEAR, "2019", "2019 年")]),
    ("2016-2019 年", [(K.YEAR, "2016/2019", "2016-2019 年")]),
    ("上午 10 时", [(K.TIME, "10:00", "上午 10 时")]),
    ("下午 3 时", [(K.TIME, "15:00", "下午 3 时")]),
    ("上午10时至下午1时", [(K.TIME, "10:00/13:00", "上午10时至下午1时")]),
    ("下午 3 时至 6 时", [(K.TIME, "15:00/18:00", "下午 3 时至 6 时")]),
    ("上午10时30分", [(K.TIME, "10:30", "上午10时30分")]),
    ("下午三时半", [(K.TIME, "15:30", "下午三时半")]),
    (
        "2017 年 11 月 6 日中午",
        [(K.DATE, "2017-11-06", "2017 年 11 月 6 日"), (K.TIME, "12:00", "中午")],
    ),
    ("审议时，同时", []),
    # symbols
    ("（见 CAC/COSP/EG.1/2018/4）", [(K.SYMBOL, "CAC/COSP/EG.1/2018/4", "CAC/COSP/EG.1/2018/4")]),
    (
        "CAC/COSP/WG.4/2020/1/Rev.1*",
        [(K.SYMBOL, "CAC/COSP/WG.4/2020/1/Rev.1", "CAC/COSP/WG.4/2020/1/Rev.1")],
    ),
    # resolutions and decisions
    ("第 7/1 号决议", [(K.RESOLUTION, "7/1", "第 7/1 号决议")]),
    ("第 5/1 号决定", [(K.DECISION, "5/1", "第 5/1 号决定")]),
    ("大会第 58/4 号决议", [(K.RESOLUTION, "58/4", "大会第 58/4 号决议", "GA")]),
    (
        "第 4/2、8/6 和 9/5 号决议",
        [
            (K.RESOLUTION, "4/2", "第 4/2"),
            (K.RESOLUTION, "8/6", "8/6"),
            (K.RESOLUTION, "9/5", "9/5 号决议"),
        ],
    ),
    (
        "第 69/199 号和第 71/208 号决议",
        [(K.RESOLUTION, "69/199", "第 69/199 号"), (K.RESOLUTION, "71/208", "第 71/208 号决议")],
    ),
    # articles, rules, paragraphs
    ("第一百二十一条", [(K.ARTICLE, "121", "第一百二十一条")]),
    ("第六十三条第四款第(三)项", [(K.ARTICLE, "63.4.c", "第六十三条第四款第(三)项")]),
    (
        "第六十三条第四款第(三)和(四)项",
        [(K.ARTICLE, "63.4.c", "第六十三条第四款第(三)"), (K.ARTICLE, "63.4.d", "(四)项")],
    ),
    (
        "第六十三条第四款第(三)和第四项",  # the PDF lost the brackets of (四)
        [(K.ARTICLE, "63.4.c", "第六十三条第四款第(三)"), (K.ARTICLE, "63.4.d", "第四项")],
    ),
    ("第四十六条第十三款", [(K.ARTICLE, "46.13", "第四十六条第十三款")]),
    (
        "第四十六条第十三和第十四款",
        [(K.ARTICLE, "46.13", "第四十六条第十三"), (K.ARTICLE, "46.14", "第十四款")],
    ),
    ("第三十条第一款第㈥项", [(K.ARTICLE, "30.1.f", "第三十条第一款第㈥项")]),
    ("第四十四条第六款第(-)项", [(K.ARTICLE, "44.6.a", "第四十四条第六款第(-)项")]),
    (
        "第五十五条第五款以及第六十六条第四款",
        [(K.ARTICLE, "55.5", "第五十五条第五款"), (K.ARTICLE, "66.4", "第六十六条第四款")],
    ),
    ("第四十四至四十六条", [(K.ARTICLE, "44-46", "第四十四至四十六条")]),
    ("议事规则第 22 条", [(K.RULE, "22", "议事规则第 22 条")]),
    ("议事规则第3条第2款", [(K.RULE, "3.2", "议事规则第3条第2款")]),
    ("第 11 段", [(K.PARAGRAPH_REF, "11", "第 11 段")]),
    ("第 40 和 41 段", [(K.PARAGRAPH_REF, "40", "第 40"), (K.PARAGRAPH_REF, "41", "41 段")]),
    ("该条第二款", [(K.PARAGRAPH_REF, "2", "第二款")]),
    ("依照该决定(a)段", [(K.PARAGRAPH_REF, "a", "(a)段")]),
    # chapters, annexes
    ("第四章", [(K.CHAPTER, "4", "第四章")]),
    ("第二章和第五章", [(K.CHAPTER, "2", "第二章"), (K.CHAPTER, "5", "第五章")]),
    ("附件一", [(K.ANNEX, "1", "附件一")]),
    ("附件一般", []),
    # ordinals
    ("第七届会议", [(K.ORDINAL, "7", "第七届会议", "session")]),
    ("第八次专家会议", [(K.ORDINAL, "8", "第八次专家会议", "meeting")]),
    (
        "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
        [
            (
                K.ORDINAL,
                "8",
                "第八次增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
                "meeting",
            )
        ],
    ),
    ("第九届会议第二次续会", [(K.ORDINAL, "9.2", "第九届会议第二次续会", "resumed-session")]),
    ("第十四届会议续会", [(K.ORDINAL, "14", "第十四届会议续会", "resumed-session")]),
    (
        "第七和第八次会议",
        [(K.ORDINAL, "7", "第七", "meeting"), (K.ORDINAL, "8", "第八次会议", "meeting")],
    ),
    (
        "第三、四、五届会议",
        [
            (K.ORDINAL, "3", "第三", "session"),
            (K.ORDINAL, "4", "四", "session"),
            (K.ORDINAL, "5", "五届会议", "session"),
        ],
    ),
    ("第一个审议周期", [(K.ORDINAL, "1", "第一个审议周期", "cycle")]),
    # agenda items
    ("议程项目 3", [(K.AGENDA_ITEM, "3", "议程项目 3")]),
    ("项目 3", [(K.AGENDA_ITEM, "3", "项目 3")]),
    ("议程项目 2 至 5", [(K.AGENDA_ITEM, "2-5", "议程项目 2 至 5")]),
    (
        "议程项目 7(a)和(b)",
        [(K.AGENDA_ITEM, "7.a", "议程项目 7(a)"), (K.AGENDA_ITEM, "7.b", "(b)")],
    ),
    # markers
    ("12. 会议开幕", []),
    ("(a) 第七届会议开幕", [(K.ORDINAL, "7", "第七届会议", "session")]),
    ("说明\n3. 技术援助", []),
    # English front matter in a Chinese document
    ("31 July 2017", [(K.DATE, "2017-07-31", "31 July 2017")]),
]

EN_CASES: list[tuple[str, Expected]] = [
    # numbers
    ("1,000 participants", [(K.NUMBER, "1000", "1,000")]),
    ("1 000 participants", [(K.NUMBER, "1000", "1 000")]),
    (
        "10.5 and 1,000,000.25",
        [(K.NUMBER, "10.5", "10.5"), (K.NUMBER, "1000000.25", "1,000,000.25")],
    ),
    ("10 million", [(K.NUMBER, "10000000", "10 million")]),
    ("1.5 billion", [(K.NUMBER, "1500000000", "1.5 billion")]),
    ("two plenary meetings", [(K.NUMBER, "2", "two")]),
    ("twenty-one States", [(K.NUMBER, "21", "twenty-one")]),
    ("one hundred and twenty-one", [(K.NUMBER, "121", "one hundred and twenty-one")]),
    ("a million", [(K.NUMBER, "1000000", "a million")]),
    ("two and three", [(K.NUMBER, "2", "two"), (K.NUMBER, "3", "three")]),
    ("One speaker said that one of them, none often", []),
    ("a two-year period", [(K.NUMBER, "2", "two")]),
    ("in 2019", [(K.YEAR, "2019", "2019")]),
    ("2018-2019", [(K.YEAR, "2018/2019", "2018-2019")]),
    ("2018-19", [(K.YEAR, "2018/2019", "2018-19")]),
    ("15%", [(K.PERCENT, "15", "15%")]),
    ("15 per cent", [(K.PERCENT, "15", "15 per cent")]),
    ("fifteen per cent", [(K.PERCENT, "15", "fifteen per cent")]),
    ("US$ 1.5 million", [(K.MONEY, "1500000", "US$ 1.5 million", "USD")]),
    (
        "150,000 United States dollars",
        [(K.MONEY, "150000", "150,000 United States dollars", "USD")],
    ),
    ("G77 and the 7th", []),
    # dates and times
    ("31 May 2019", [(K.DATE, "2019-05-31", "31 May 2019")]),
    ("Friday, 31 May 2019", [(K.DATE, "2019-05-31", "Friday, 31 May 2019", "friday")]),
    ("6–10 November 2017", [(K.DATE, "2017-11-06/2017-11-10", "6–10 November 2017")]),
    ("6-10 November 2017", [(K.DATE, "2017-11-06/2017-11-10", "6-10 November 2017")]),
    ("from 6 to 10 November 2017", [(K.DATE, "2017-11-06/2017-11-10", "6 to 10 November 2017")]),
    (
        "28 January–1 February 2008",
        [(K.DATE, "2008-01-28/2008-02-01", "28 January–1 February 2008")],
    ),
    ("on 6 and 7 November 2017", [(K.DATE, "2017-11-06/2017-11-07", "6 and 7 November 2017")]),
    (
        "on 6 and 8 November 2017",
        [(K.DATE, "2017-11-06", "6"), (K.DATE, "2017-11-08", "8 November 2017")],
    ),
    ("May 2019", [(K.DATE, "2019-05", "May 2019")]),
    ("May 31, 2019", [(K.DATE, "2019-05-31", "May 31, 2019")]),
    ("Monday, 6 November", [(K.DATE, "--11-06", "Monday, 6 November", "monday")]),
    ("31 February 2019", [(K.NUMBER, "31", "31"), (K.DATE, "2019-02", "February 2019")]),
    ("States may wish to", []),
    ("at 10 a.m.", [(K.TIME, "10:00", "10 a.m.")]),
    ("3 p.m.", [(K.TIME, "15:00", "3 p.m.")]),
    ("10 a.m. to 1 p.m.", [(K.TIME, "10:00/13:00", "10 a.m. to 1 p.m.")]),
    ("10 a.m.–1 p.m.", [(K.TIME, "10:00/13:00", "10 a.m.–1 p.m.")]),
    ("3–6 p.m.", [(K.TIME, "15:00/18:00", "3–6 p.m.")]),
    ("11–1 p.m.", [(K.TIME, "11:00/13:00", "11–1 p.m.")]),
    ("10.00 a.m.", [(K.TIME, "10:00", "10.00 a.m.")]),
    ("10.30 a.m.", [(K.TIME, "10:30", "10.30 a.m.")]),
    (
        "noon on 6 November 2017",
        [(K.TIME, "12:00", "noon"), (K.DATE, "2017-11-06", "6 November 2017")],
    ),
    ("at 15:00", [(K.TIME, "15:00", "15:00")]),
    # symbols
    ("CAC/COSP/EG.1/2019/1*", [(K.SYMBOL, "CAC/COSP/EG.1/2019/1", "CAC/COSP/EG.1/2019/1")]),
    ("(A/RES/58/4).", [(K.SYMBOL, "A/RES/58/4", "A/RES/58/4")]),
    ("see CAC/COSP/2017/CRP.5,", [(K.SYMBOL, "CAC/COSP/2017/CRP.5", "CAC/COSP/2017/CRP.5")]),
    ("E/CN.15/2019/1", [(K.SYMBOL, "E/CN.15/2019/1", "E/CN.15/2019/1")]),
    (
        "CAC/COSP/IRG/2017/ \nCRP.2",  # broken across a PDF line
        [(K.SYMBOL, "CAC/COSP/IRG/2017/CRP.2", "CAC/COSP/IRG/2017/ \nCRP.2")],
    ),
    ("and/or US/UK", []),
    # resolutions and decisions
    ("resolution 7/1", [(K.RESOLUTION, "7/1", "resolution 7/1")]),
    (
        "resolutions 3/3, 4/4 and 5/3",
        [
            (K.RESOLUTION, "3/3", "resolutions 3/3"),
            (K.RESOLUTION, "4/4", "4/4"),
            (K.RESOLUTION, "5/3", "5/3"),
        ],
    ),
    ("decision 5/1", [(K.DECISION, "5/1", "decision 5/1")]),
    (
        "General Assembly resolution 58/4",
        [(K.RESOLUTION, "58/4", "General Assembly resolution 58/4", "GA")],
    ),
    # articles, rules, paragraphs
    ("article 121", [(K.ARTICLE, "121", "article 121")]),
    ("article 63, paragraph 4 (c)", [(K.ARTICLE, "63.4.c", "article 63, paragraph 4 (c)")]),
    (
        "article 63, paragraph 4 (c) and (d)",
        [(K.ARTICLE, "63.4.c", "article 63, paragraph 4 (c)"), (K.ARTICLE, "63.4.d", "(d)")],
    ),
    ("art. 46, para. 13", [(K.ARTICLE, "46.13", "art. 46, para. 13")]),
    (
        "article 46, paragraphs 13 and 14",
        [(K.ARTICLE, "46.13", "article 46, paragraphs 13"), (K.ARTICLE, "46.14", "14")],
    ),
    ("articles 44 and 46", [(K.ARTICLE, "44", "articles 44"), (K.ARTICLE, "46", "46")]),
    ("articles 44 to 46", [(K.ARTICLE, "44-46", "articles 44 to 46")]),
    (
        "Articles 46 (mutual legal assistance) and 44 (extradition)",
        [
            (K.ARTICLE, "46", "Articles 46"),
            (K.ARTICLE, "44", "44 (extradition)"),
        ],
    ),
    ("paragraph 4 (c) of article 63", [(K.ARTICLE, "63.4.c", "paragraph 4 (c) of article 63")]),
    ("rule 22 of the rules of procedure", [(K.RULE, "22", "rule 22")]),
    ("rule 3, paragraph 2", [(K.RULE, "3.2", "rule 3, paragraph 2")]),
    ("the rule of law", []),
    ("paragraph 11", [(K.PARAGRAPH_REF, "11", "paragraph 11")]),
    ("paragraph 1 (f)", [(K.PARAGRAPH_REF, "1.f", "paragraph 1 (f)")]),
    ("paragraph 2 of that article", [(K.PARAGRAPH_REF, "2", "paragraph 2")]),
    ("subparagraph (c)", [(K.PARAGRAPH_REF, "c", "subparagraph (c)")]),
    # chapters, annexes
    ("chapter IV", [(K.CHAPTER, "4", "chapter IV")]),
    ("chapters II and V", [(K.CHAPTER, "2", "chapters II"), (K.CHAPTER, "5", "V")]),
    (
        "chapters III (Criminalization and law enforcement) and IV (International cooperation)",
        [
            (K.CHAPTER, "3", "chapters III"),
            (K.CHAPTER, "4", "IV (International cooperation)"),
        ],
    ),
    ("annex I", [(K.ANNEX, "1", "annex I")]),
    # ordinals
    ("seventh session", [(K.ORDINAL, "7", "seventh session", "session")]),
    ("the 7th session", [(K.ORDINAL, "7", "7th session", "session")]),
    ("twelfth meeting", [(K.ORDINAL, "12", "twelfth meeting", "meeting")]),
    ("the sixth expert meeting", [(K.ORDINAL, "6", "sixth expert meeting", "meeting")]),
    (
        "The eighth open-ended intergovernmental expert meeting",
        [(K.ORDINAL, "8", "eighth open-ended intergovernmental expert meeting", "meeting")],
    ),
    ("ninety-ninth session", [(K.ORDINAL, "99", "ninety-ninth session", "session")]),
    (
        "second resumed ninth session",
        [(K.ORDINAL, "9.2", "second resumed ninth session", "resumed-session")],
    ),
    (
        "the resumed fourteenth session",
        [(K.ORDINAL, "14", "resumed fourteenth session", "resumed-session")],
    ),
    (
        "third, fourth and fifth sessions",
        [
            (K.ORDINAL, "3", "third", "session"),
            (K.ORDINAL, "4", "fourth", "session"),
            (K.ORDINAL, "5", "fifth sessions", "session"),
        ],
    ),
    ("first review cycle", [(K.ORDINAL, "1", "first review cycle", "cycle")]),
    ("the second part of the session", []),
    ("First, the meeting", []),
    # agenda items
    ("agenda item 3", [(K.AGENDA_ITEM, "3", "agenda item 3")]),
    ("items 3 and 4", [(K.AGENDA_ITEM, "3", "items 3"), (K.AGENDA_ITEM, "4", "4")]),
    ("items 2 to 5", [(K.AGENDA_ITEM, "2-5", "items 2 to 5")]),
    (
        "item 7 (a) and (b)",
        [(K.AGENDA_ITEM, "7.a", "item 7 (a)"), (K.AGENDA_ITEM, "7.b", "(b)")],
    ),
    # markers
    ("12. The Conference", []),
    ("(a) Opening of the session", []),
    ("Annotations\n1. Opening of the meeting", []),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_chinese(text: str, expected: Expected) -> None:
    assert triples(text, Lang.ZH) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english(text: str, expected: Expected) -> None:
    assert triples(text, Lang.EN) == expected


def keys(text: str, lang: Lang) -> Counter[tuple[RefKind, str]]:
    return Counter(ref.key for ref in find_refs(text, lang))


#: What a reviser wants accepted: the same refs, whatever the writing.
SAME = [
    ("2019 年 5 月 31 日", "31 May 2019"),
    ("2017年11月6日至10日", "6–10 November 2017"),
    ("2017 年 11 月 6 日至 7 日", "on 6 and 7 November 2017"),
    ("上午10时至下午1时", "10 a.m. to 1 p.m."),
    ("第六十三条第四款第(三)和(四)项", "article 63, paragraph 4 (c) and (d)"),
    ("第 4/2、8/6、9/1、9/2、9/3 和 9/5 号决议", "resolutions 4/2, 8/6, 9/1, 9/2, 9/3 and 9/5"),
    ("议事规则第 22 条", "rule 22 of the rules of procedure"),
    ("第二章和第五章", "chapters II and V"),
    ("第三、四、五、六届会议", "third, fourth, fifth and sixth sessions"),
    ("实施情况审议组第九届会议第二次续会", "second resumed ninth session of the Group"),
    ("1,000万", "10 million"),
    ("百分之十五", "15 per cent"),
    ("两场全体会议", "two plenary meetings"),
    ("议程项目 2 至 5", "agenda items 2 to 5"),
    ("附件一", "annex I"),
]


@pytest.mark.parametrize(("zh", "en"), SAME)
def test_same_refs_in_both_writings(zh: str, en: str) -> None:
    assert keys(zh, Lang.ZH) == keys(en, Lang.EN) != Counter()


def test_a_wrong_article_number_is_seen() -> None:
    assert keys("第一百二十一条", Lang.ZH) != keys("article 112", Lang.EN)


@pytest.mark.parametrize(
    ("raw", "lang", "symbol"),
    [
        (
            "拟定的，其中考虑到实施情况审议组通过的多年期工作计划（CAC/COSP/IRG/2017/ \n"
            "CRP.2）和扩大主席团在 2017 年 8 月 27 日的会议上核准的会议日程表。\n",
            Lang.ZH,
            "CAC/COSP/IRG/2017/CRP.2",
        ),
        (
            "of the Conference of the States Parties (CAC/COSP/WG.4/ \n2020/2) and the",
            Lang.EN,
            "CAC/COSP/WG.4/2020/2",
        ),
    ],
)
def test_symbols_broken_across_pdf_lines(raw: str, lang: Lang, symbol: str) -> None:
    """What the PDF clean-up joins is one symbol (seed documents 000 and 003)."""
    clean = clean_pdf_text(raw, lang).text
    assert [r.value for r in find_refs(clean, lang) if r.kind is K.SYMBOL] == [symbol]


# --- properties ---------------------------------------------------------------------


@given(st.integers(1, 200), st.integers(1, 30), st.integers(1, 8))
def test_article_references_agree(article: int, paragraph: int, sub: int) -> None:
    """第{article}条第{paragraph}款第({sub})项 = article N, paragraph P (x), any numbers."""
    zh = f"第{zh_numeral(article)}条第{zh_numeral(paragraph)}款第({zh_numeral(sub)})项"
    en = f"article {article}, paragraph {paragraph} ({'abcdefgh'[sub - 1]})"
    assert (
        keys(zh, Lang.ZH)
        == keys(en, Lang.EN)
        == Counter({(K.ARTICLE, f"{article}.{paragraph}.{'abcdefgh'[sub - 1]}"): 1})
    )


MONTH_NAMES = [m.capitalize() for m in MONTHS]


@given(st.dates())
def test_dates_agree(day: object) -> None:
    import datetime

    assert isinstance(day, datetime.date)
    if not 1000 <= day.year <= 2999:
        return
    zh = f"{day.year} 年 {day.month} 月 {day.day} 日"
    en = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    assert keys(zh, Lang.ZH) == keys(en, Lang.EN) == Counter({(K.DATE, day.isoformat()): 1})


@given(st.integers(1, 12), st.sampled_from(["上午", "下午"]), st.integers(0, 59))
def test_times_agree(hour: int, half: str, minute: int) -> None:
    zh = f"{half}{hour}时{minute}分" if minute else f"{half} {hour} 时"
    en = (
        f"{hour}.{minute:02d} {'a.m.' if half == '上午' else 'p.m.'}"
        if minute
        else f"{hour} {'a.m.' if half == '上午' else 'p.m.'}"
    )
    assert keys(zh, Lang.ZH) == keys(en, Lang.EN)


def well_formed(text: str, refs: list[Ref]) -> None:
    end = 0
    for ref in refs:
        assert end <= ref.start < ref.end <= len(text)
        assert ref.text == text[ref.start : ref.end]
        assert ref.value
        end = ref.end


TOKENS = [
    *"第一二三四五十百千万〇两条款项段章届次会议号决定年月日时上午下午至和、（）()",
    *"0123456789/.,- \n%",
    *"ABCEGIRSVXabcdnorstuy",
    *("resolution ", "article ", "paragraph ", "session", " May ", " a.m.", "第 ", "号决议"),
    *("Friday, ", "resumed ", " and ", " to ", "星期五", "附件", "项目 ", "items "),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30), st.sampled_from(list(Lang)))
def test_refs_are_well_formed_on_any_text(tokens: list[str], lang: Lang) -> None:
    """Sorted, non-overlapping, surfaces that are the source's: whatever the input."""
    text = "".join(tokens)
    well_formed(text, find_refs(text, lang))


@pytest.mark.parametrize(
    "text",
    [
        "第" + "一、" * 2000 + "届",
        "1" * 5000,
        "1," * 3000,
        "CAC/" * 2000,
        "third, " * 1000 + "x",
        "(a) and " * 1000,
        "resolution " + "7/1, " * 1000,
        "第" + "(三)和" * 1000,
        " 1 000" * 1000,
    ],
)
def test_no_pathological_backtracking(text: str) -> None:
    start = time.perf_counter()
    for lang in Lang:
        well_formed(text, find_refs(text, lang))
    assert time.perf_counter() - start < 2.0


# --- the corpus ---------------------------------------------------------------------


@cache
def bead_pairs() -> list[tuple[str, str, str]]:
    """(document prefix and bead, Chinese, English) of every gold bead with both sides."""
    gold_dir = CORPUS / "aligned" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("corpus/aligned is missing from this checkout")
    out = []
    for gold in sorted(gold_dir.glob("*.txt")):
        zh = (CORPUS / "aligned" / "zh" / gold.name).read_text(encoding="utf-8").splitlines()
        en = (CORPUS / "aligned" / "en" / gold.name).read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (json.loads(side) for side in line.split(":"))
            if left and right:
                zh_text = "\n".join(zh[i] for i in left)
                en_text = "\n".join(en[i] for i in right)
                out.append((f"{gold.name[:3]} {line}", zh_text, en_text))
    return out


def disagreements(kind: RefKind) -> Iterator[tuple[str, Counter[str], Counter[str]]]:
    for bead, zh, en in bead_pairs():
        zh_values = Counter(r.value for r in find_refs(zh, Lang.ZH) if r.kind is kind)
        en_values = Counter(r.value for r in find_refs(en, Lang.EN) if r.kind is kind)
        if zh_values != en_values:
            yield bead, zh_values, en_values


def agreement(kind: RefKind) -> tuple[int, int]:
    """(beads where the kind occurs on either side, beads where both sides agree)."""
    seen = agree = 0
    for _, zh, en in bead_pairs():
        zh_values = Counter(r.value for r in find_refs(zh, Lang.ZH) if r.kind is kind)
        en_values = Counter(r.value for r in find_refs(en, Lang.EN) if r.kind is kind)
        if zh_values or en_values:
            seen += 1
            agree += zh_values == en_values
    return seen, agree


#: Every bead whose references differ, with why: both are translation differences, not
#: parser errors (checked by hand).
KNOWN_DIFFERENCES = {
    # "第 20 条规定" / "Rule 20 provides": the Chinese leaves 议事规则 to the sentence before.
    (K.ARTICLE, "001 [65]:[66]"),
    (K.RULE, "001 [65]:[66]"),
    # "决议1的执行情况" / "resolutions1": a footnote mark, which English attaches to a word
    # (so no number) and Chinese cannot be told from a count.
    (K.NUMBER, "003 [14]:[13]"),
}

#: Kinds the aligner anchors on and the linter checks, and the agreement they must reach.
#: The seed corpus has one translation difference among ~160 beads with these kinds
#: (第 20 条 for rule 20); 0.95 leaves room for one more such difference per kind in a
#: grown corpus, while a lost pattern (a kind of date, a list form) costs several beads.
THRESHOLDS = {
    K.SYMBOL: 0.95,
    K.DATE: 0.95,
    K.RESOLUTION: 0.95,
    K.DECISION: 0.95,
    K.ARTICLE: 0.95,
    K.CHAPTER: 0.95,
    K.ORDINAL: 0.95,
    K.TIME: 0.95,
    K.NUMBER: 0.9,  # footnote marks, 一名 = "a", numbers spelled in one writing only
}


@pytest.mark.parametrize("kind", list(THRESHOLDS))
def test_corpus_agreement(kind: RefKind) -> None:
    seen, agree = agreement(kind)
    assert seen >= 5, f"too few beads with {kind} to measure"
    assert agree / seen >= THRESHOLDS[kind], list(disagreements(kind))


def test_corpus_disagreements_are_the_known_ones() -> None:
    found = {(kind, bead) for kind in RefKind for bead, _, _ in disagreements(kind)}
    assert found == KNOWN_DIFFERENCES


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("lang", list(Lang))
def test_pdf_text_has_the_refs_of_the_clean_text(name: str, lang: Lang) -> None:
    """The cleaned PDF extraction has the refs of the gold sentences (same language):
    spacing, broken lines and symbols split across lines do not lose any. Only the
    masthead (the document's own symbol and date), which clean-up drops, is missing."""
    raw_dir = CORPUS / ("zh" if lang is Lang.ZH else "en-pdf")
    raw_files = sorted(raw_dir.glob(f"{name}_*.txt"))
    if not raw_files:
        pytest.skip(f"{raw_dir} is missing from this checkout")
    raw = raw_files[0]
    sentences = (CORPUS / "aligned" / lang.value / raw.name).read_text(encoding="utf-8")
    clean = clean_pdf_text(raw.read_text(encoding="utf-8"), lang).text
    from_pdf = Counter(r.key for r in find_refs(clean, lang) if r.kind is not K.NUMBER)
    from_sentences = Counter(
        r.key
        for line in sentences.splitlines()
        for r in find_refs(line, lang)
        if r.kind is not K.NUMBER
    )
    assert not from_pdf - from_sentences
    missing = from_sentences - from_pdf
    assert sum(missing.values()) <= 2 and {kind for kind, _ in missing} <= {K.SYMBOL, K.DATE}


def test_ten_thousand_segments_are_fast() -> None:
    """Lint parses every segment of a file; 10,000 UN sentences take about 0.5 s (en) on a
    laptop core. The bound is loose so that a loaded test machine passes; it catches a
    pattern that starts to backtrack."""
    lines = [(zh, en) for _, zh, en in bead_pairs()]
    segments = (lines * (10000 // len(lines) + 1))[:10000]
    start = time.perf_counter()
    for zh, en in segments[:5000]:
        find_refs(zh, Lang.ZH)
        find_refs(en, Lang.EN)
    assert time.perf_counter() - start < 5.0
