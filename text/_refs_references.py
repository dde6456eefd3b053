"""The rules for document symbols and references, for :mod:`untm.text.refs`.

Symbols (``CAC/COSP/EG.1/2019/2``); resolutions and decisions (``7/1``, with the body
when named); articles and rules of procedure with their paragraphs and subparagraphs
(``63.4.c``); paragraphs, chapters and annexes; ordinals of sessions, meetings and
review cycles (``7``, qualifier ``session``; resumed sessions ``9.2``); agenda items.
Each rule table (``ZH_RULES``, ``EN_RULES``, ``COMMON_RULES`` for both languages) is in
the order the engine ranks equally long matches by.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._refs_base import (
    _EN_LIST_SEP,
    _S,
    _TENS,
    _ZH_LIST_SEP,
    RefKind,
    _before,
    _Build,
    _c,
    _Item,
    _Part,
    _Rule,
    _spread,
    _starting_at,
)
from .numerals import letter_of, parse_en_ordinal, parse_int, parse_roman, parse_zh_number

# --- pattern pieces and list items ----------------------------------------------------------

_ZN = "[〇零一二三四五六七八九十百千两]+"
_N = rf"(?:\d+|{_ZN})"
_ZH_SEP = r"(?:、|,|，|以及|和|及|与|或|至|到|-|–|—|~)"
_RANGE_RE = re.compile(r"至|到|-|–|—|~|\bto\b|\bthrough\b")
_SUB = r"(?:\((?:[a-z]{1,4}|[一二三四五六七八九十]{1,3}|\d{1,2}|-)\)|[\u3220-\u3229])"


def _zh_list(unit: str, item: str = _N) -> str:
    """A list of numbered items sharing ``unit`` (第二章和第五章, 第十三和第十四款)."""
    one = rf"{item}(?:{_S}{unit})?"
    return rf"{one}(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?{one})*?{_S}{unit}"


_EN_SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+|\s+to\s+|\s*[-–]\s*)"
#: What English puts in brackets after a number in a list: articles 46 (mutual legal
#: assistance), 44 (extradition) ... (not a subparagraph: (c), (iii), (2)).
_GLOSS = r"(?:\s*\((?![a-z]{1,4}\)|\d{1,2}\))[^()\d]{3,80}\))"
_GLOSS_RE = re.compile(_GLOSS)
_EN_NUMS = rf"\d+{_GLOSS}?(?:{_EN_SEP}\d+{_GLOSS}?)*(?![\d/])"
_EN_SUB = r"\((?:[a-z]{1,4}|\d{1,2})\)"
_EN_SUBS = rf"{_EN_SUB}(?:{_EN_SEP}{_EN_SUB})*"
_ZH_ITEM_RE = re.compile(rf"\d+|{_ZN}")
_SUB_ITEM_RE = re.compile(rf"{_SUB}|{_EN_SUB}|{_ZN}")


def _sub_value(text: str) -> str | None:
    """A subparagraph as a letter: (c), (三), ㈢, 第三项's 三 and (-) (一 as PDFs render it)
    -> c; (iii) and (2) stay as they are."""
    if len(text) == 1 and "\u3220" <= text <= "\u3229":
        return letter_of(ord(text) - 0x321F)
    inner = text[1:-1] if text.startswith("(") else text
    if inner == "-":
        return "a"
    if inner.isascii():
        return inner
    number = parse_zh_number(inner)
    return letter_of(number) if number is not None else None


def _items(
    m: re.Match[str], group: str, item_re: re.Pattern[str], convert: Callable[[str], str | None]
) -> list[_Item]:
    """The items of a list in ``group``, a range (``2 至 5``, ``44 to 46``) as one ``2-5``."""
    text, base = m.group(group), m.start(group)
    if "(" in text:  # glosses are blanked out, keeping offsets
        text = _GLOSS_RE.sub(lambda g: " " * len(g.group()), text)
    out: list[_Item] = []
    gap_start = 0
    for found in item_re.finditer(text):
        value = convert(found.group())
        if value is None:
            return []
        start, end = base + found.start(), base + found.end()
        if out and _RANGE_RE.search(text, gap_start, found.start()):
            out[-1] = _Item(f"{out[-1].value}-{value}", out[-1].start, end)
        else:
            out.append(_Item(value, start, end))
        gap_start = found.end()
    return out


def _number_items(m: re.Match[str], group: str) -> list[_Item]:
    return _items(m, group, _ZH_ITEM_RE, lambda s: _str(parse_int(s)))


def _sub_items(m: re.Match[str], group: str) -> list[_Item]:
    return _items(m, group, _SUB_ITEM_RE, _sub_value) if m.group(group) else []


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)


# --- references: articles, paragraphs, chapters, resolutions --------------------------------


def _article_leaves(arts: list[_Item], paras: list[_Item], subs: list[_Item]) -> list[_Item]:
    """Article 63, paragraph 4 (c) and (d) -> 63.4.c, 63.4.d: the last article takes the
    paragraphs, the last paragraph the subparagraphs; the first Ref under an article or
    paragraph starts where that does (第四十四条、第四十六条第一款: 46.1 from 第四十六)."""
    if not arts:
        return []
    leaves = list(arts[:-1])
    prefix, start, end = arts[-1].value, arts[-1].start, arts[-1].end
    for i, para in enumerate(paras):
        here = min(start, para.start) if i == 0 else para.start
        if i < len(paras) - 1:
            leaves.append(_Item(f"{prefix}.{para.value}", here, para.end))
        else:
            prefix, start, end = f"{prefix}.{para.value}", here, para.end
    for i, sub in enumerate(subs):
        here = min(start, sub.start) if i == 0 else sub.start
        leaves.append(_Item(f"{prefix}.{sub.value}", here, sub.end))
    return leaves if subs else [*leaves, _Item(prefix, start, end)]


def _zh_article(m: re.Match[str]) -> list[_Part]:
    arts = _number_items(m, "art")
    paras = _number_items(m, "para") if m.group("para") else []
    kind = RefKind.RULE if m.group("rule") else RefKind.ARTICLE
    return _spread(kind, _article_leaves(arts, paras, _sub_items(m, "sub")), m)


def _zh_paragraph(m: re.Match[str]) -> list[_Part]:
    paras = _number_items(m, "para") if m.groupdict().get("para") else []
    subs = _sub_items(m, "sub")
    if not paras:
        return _spread(RefKind.PARAGRAPH_REF, subs, m)
    return _spread(RefKind.PARAGRAPH_REF, _article_leaves(paras, [], subs), m)


def _figures(text: str) -> str:
    return text


def _en_article(m: re.Match[str]) -> list[_Part]:
    """Article 63, paragraph 4 (c); paragraph 4 (c) of article 63; rule 3, paragraph 2."""
    arts = _items(m, "art", _DIGITS_RE, _figures)
    paras = _items(m, "para", _DIGITS_RE, _figures) if m.group("para") else []
    kind = RefKind.RULE if m.group("word").startswith("rule") else RefKind.ARTICLE
    leaves = _article_leaves(arts, paras, _sub_items(m, "sub"))
    return _spread(kind, sorted(leaves, key=lambda leaf: leaf.start), m)


def _en_paragraph(m: re.Match[str]) -> list[_Part]:
    if not m.groupdict().get("para"):
        return _spread(RefKind.PARAGRAPH_REF, _sub_items(m, "sub"), m)
    paras = _items(m, "para", _DIGITS_RE, _figures)
    return _spread(RefKind.PARAGRAPH_REF, _article_leaves(paras, [], _sub_items(m, "sub")), m)


def _numbered(kind: RefKind, convert: Callable[[str], str | None]) -> _Build:
    """A builder for lists of one number each (chapters, annexes)."""

    def build(m: re.Match[str]) -> list[_Part]:
        return _spread(kind, _items(m, "n", _NUMERAL_RE, convert), m)

    return build


def _chapter_number(text: str) -> str | None:
    return _str(parse_roman(text) if text.isascii() and text.isalpha() else parse_int(text))


def _annex_number(text: str) -> str | None:
    if len(text) == 1 and text.isascii() and text.isalpha() and text.upper() not in "IVXLC":
        return text.upper()
    return _chapter_number(text)


_BODIES = {"大会": "GA", "安全理事会": "SC", "安理会": "SC", "经济及社会理事会": "ECOSOC"}
_BODIES |= {"经社理事会": "ECOSOC", "general assembly": "GA", "security council": "SC"}
_BODIES |= {"economic and social council": "ECOSOC"}
_RES_RE = re.compile(r"\d+\s*/\s*\d+")


def _resolution(m: re.Match[str]) -> list[_Part]:
    word = m.group("word")
    kind = RefKind.DECISION if word in ("决定", "decision", "decisions") else RefKind.RESOLUTION
    body = m.group("body")
    qualifier = _BODIES.get(" ".join(body.lower().split()), "") if body else ""
    items = _items(m, "res", _RES_RE, lambda s: "".join(s.split()))
    return _spread(kind, items, m, qualifier)


def _symbol(m: re.Match[str]) -> list[_Part]:
    value = "".join(m.group().split())
    if not any(c.isdigit() for c in value):
        return []
    return [_Part(RefKind.SYMBOL, value, m.start(), m.end())]


_DIGITS_RE = re.compile(r"\d+")
_NUMERAL_RE = re.compile(rf"\b(?:[IVXLCivxlc]+|[A-Za-z])\b|\d+|{_ZN}")


# --- ordinals of sessions, meetings and cycles; agenda items -------------------------------


def _zh_session(m: re.Match[str]) -> list[_Part]:
    items = _number_items(m, "o")
    if m.group("resumed") is None:
        return _spread(RefKind.ORDINAL, items, m, "session")
    count = m.group("count")
    if count:
        items[-1] = items[-1]._replace(value=f"{items[-1].value}.{parse_int(count)}")
    return _spread(RefKind.ORDINAL, items, m, "resumed-session")


def _zh_ordinal(qualifier: str) -> _Build:
    def build(m: re.Match[str]) -> list[_Part]:
        return _spread(RefKind.ORDINAL, _number_items(m, "o"), m, qualifier)

    return build


_RESUMED_RE = re.compile(r"resumed\s+$")


def _en_ordinal(m: re.Match[str]) -> list[_Part]:
    """Seventh session, eighth expert meeting, first review cycle; (the) resumed ninth
    session and second resumed ninth session (``9.2``)."""
    noun = m.group("noun").rstrip("s")
    items = _items(m, "o", _EN_ORDINAL_RE, lambda s: _str(parse_en_ordinal(s)))
    gap = m.group("gap")
    resumed = _before(m, _RESUMED_RE)
    if noun != "session" or not (resumed or "resumed" in gap) or not items:
        return _spread(RefKind.ORDINAL, items, m, noun)
    inner = _EN_ORDINAL_RE.search(gap)
    if inner and gap.startswith("resumed"):
        value = f"{parse_en_ordinal(inner.group())}.{items[-1].value}"
        return [_Part(RefKind.ORDINAL, value, m.start(), m.end(), "resumed-session")]
    parts = _spread(RefKind.ORDINAL, items, m, "resumed-session")
    return _starting_at(parts, resumed.start()) if resumed else parts


_AGENDA_TOKEN_RE = re.compile(rf"\d{{1,2}}|{_SUB}")


def _agenda(m: re.Match[str]) -> list[_Part]:
    """Items 2 to 5, item 7 (a) and (b): numbers, ranges and subitems of the last number."""
    text, base = m.group("items"), m.start("items")
    out: list[_Item] = []
    number, gap_start = "", 0
    for token in _AGENDA_TOKEN_RE.finditer(text):
        start, end, word = base + token.start(), base + token.end(), token.group()
        if word.isdigit():
            if out and _RANGE_RE.search(text, gap_start, token.start()):
                out[-1] = _Item(f"{out[-1].value}-{word}", out[-1].start, end)
            else:
                out.append(_Item(word, start, end))
            number = word
        else:
            sub = _sub_value(word)
            if sub is None or not number:
                return []
            if out and out[-1].value == number:
                out[-1] = _Item(f"{number}.{sub}", out[-1].start, end)
            else:
                out.append(_Item(f"{number}.{sub}", start, end))
        gap_start = token.end()
    return _spread(RefKind.AGENDA_ITEM, out, m)


# --- the patterns ---------------------------------------------------------------------------

_ZH_SUB_LIST = rf"{_SUB}(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?{_SUB})*"
#: In an article reference, 第三项 is subparagraph (c) as much as 第(三)项 is.
_ZH_ART_SUBS = rf"(?:{_SUB}|{_ZN})(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?(?:{_SUB}|{_ZN}))*"
_ZH_RES = rf"\d{{1,4}}{_S}/{_S}\d{{1,4}}"


ZH_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(
            rf"(?=[议规第])(?P<rule>(?:议事)?规则(?:的)?{_S})?第{_S}(?P<art>{_zh_list('条')})"
            rf"(?:{_S}第{_S}(?P<para>{_zh_list('款')}))?"
            rf"(?:{_S}(?:第{_S})?(?P<sub>{_ZH_ART_SUBS}){_S}项)?"
        ),
        _zh_article,
        ("条",),
    ),
    _Rule(
        _c(
            rf"第{_S}(?P<para>{_zh_list('(?:段|款)')})"
            rf"(?:{_S}(?:第{_S})?(?P<sub>{_ZH_SUB_LIST})(?:{_S}(?:项|分段))?)?"
        ),
        _zh_paragraph,
        ("段", "款"),
    ),
    _Rule(
        _c(rf"(?=[第(\u3220-\u3229])(?:第{_S})?(?P<sub>{_ZH_SUB_LIST}){_S}(?:项|分段|段)"),
        _zh_paragraph,
        ("项", "段"),
    ),
    _Rule(
        _c(rf"第{_S}(?P<n>{_zh_list('章')})"), _numbered(RefKind.CHAPTER, _chapter_number), ("章",)
    ),
    _Rule(
        _c(
            rf"附件{_S}(?P<n>(?:{_N}|[IVX]+|[A-Z])(?:{_S}{_ZH_SEP}{_S}(?:附件{_S})?(?:{_N}|[IVX]+))*)"
            r"(?![般些致切直定起样旦律并道贯览])"  # 一般, 一些 ...: 一 in a word
        ),
        _numbered(RefKind.ANNEX, _annex_number),
        ("附件",),
    ),
    _Rule(
        _c(
            rf"(?=[大安经第])(?:(?P<body>大会|安全理事会|安理会|经济及社会理事会|经社理事会){_S})?第{_S}"
            rf"(?P<res>{_ZH_RES}(?:{_S}号)?(?:{_S}{_ZH_LIST_SEP}{_S}(?:第{_S})?{_ZH_RES}(?:{_S}号)?)*)"
            rf"(?<=号){_S}(?P<word>决议|决定)"
        ),
        _resolution,
        ("号",),
    ),
    _Rule(
        _c(
            rf"第{_S}(?P<o>{_zh_list('届')}){_S}(?:会议|常会|特别会议|会)"
            rf"(?P<resumed>{_S}(?:第{_S}(?P<count>{_N}){_S}次{_S})?续会)?"
        ),
        _zh_session,
        ("届",),
    ),
    _Rule(_c(rf"第{_S}(?P<o>{_N}){_S}次{_S}续会"), _zh_ordinal("resumed-session"), ("续会",)),
    _Rule(
        _c(rf"第{_S}(?P<o>{_zh_list('次')})[^第\d，。；：、！？,.;:!?\s()]{{0,40}}?会议"),
        _zh_ordinal("meeting"),
        ("次",),
    ),
    _Rule(
        _c(rf"第{_S}(?P<o>{_N})(?:{_S}[个次])?{_S}(?:审议)?周期"), _zh_ordinal("cycle"), ("周期",)
    ),
    _Rule(
        _c(
            rf"(?:议程{_S})?项目{_S}(?P<items>\d{{1,2}}(?![\d/])(?:{_S}{_SUB})?"
            rf"(?:{_S}{_ZH_SEP}{_S}(?:\d{{1,2}}(?![\d/])(?:{_S}{_SUB})?|{_SUB}))*)"
        ),
        _agenda,
        ("项目",),
        digit=True,
    ),
)


# English patterns run on lower-cased text (see _Rule).

_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD_TEENS = (
    "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    "|eighteenth|nineteenth"
)
_ORD_TENS = "twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
_ORDW = (
    rf"(?:(?:{_TENS})[-\s](?:{_ORD_UNITS})|{_ORD_TENS}|{_ORD_TEENS}|{_ORD_UNITS}"
    r"|(?:one\s+)?hundredth|\d+(?:st|nd|rd|th))"
)
_EN_ORDINAL_RE = re.compile(_ORDW, re.IGNORECASE)
#: Words that end the run of adjectives between an ordinal and its noun ("the second
#: part of the session" is no second session).
_FUNC = (
    "of|the|a|an|and|or|to|in|at|on|for|by|with|from|its|their|this|that|these|those|which"
    "|who|was|were|is|are|be|been|has|have|had|will|would|shall|should|as|not|into|during"
)
_EN_PARA = r"(?:sub)?paragraphs?|(?:sub)?paras?\."


EN_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(
            r"(?<!\w)(?:(?P<body>general\s+assembly|security\s+council|economic\s+and\s+social"
            r"\s+council)\s+)?(?P<word>resolutions?|decisions?)\s+"
            rf"(?P<res>\d{{1,4}}\s?/\s?\d{{1,4}}(?:{_EN_LIST_SEP}\d{{1,4}}\s?/\s?\d{{1,4}})*)(?![\d/])"
        ),
        _resolution,
        ("resolution", "decision"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?P<word>articles?|arts?\.|rules?)\s+(?P<art>{_EN_NUMS})"
            rf"(?:,?\s+(?:paragraphs?|paras?\.)\s+(?P<para>{_EN_NUMS}))?(?:\s*(?P<sub>{_EN_SUBS}))?"
        ),
        _en_article,
        ("art", "rule"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?:{_EN_PARA})\s+(?P<para>{_EN_NUMS})(?:\s*(?P<sub>{_EN_SUBS}))?"
            r"\s+of\s+(?P<word>article|rule)\s+(?P<art>\d+)"
        ),
        _en_article,
        ("para",),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?<!\w)(?:{_EN_PARA})\s+(?P<para>{_EN_NUMS})(?:\s*(?P<sub>{_EN_SUBS}))?"),
        _en_paragraph,
        ("para",),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?<!\w)(?:{_EN_PARA})\s+(?P<sub>{_EN_SUBS})"), _en_paragraph, ("para",), lower=True
    ),
    _Rule(
        _c(
            r"(?<!\w)chapters?\s+"
            rf"(?P<n>(?:[ivxlc]+|\d+)\b{_GLOSS}?(?:{_EN_SEP}(?:[ivxlc]+|\d+)\b{_GLOSS}?)*)"
        ),
        _numbered(RefKind.CHAPTER, _chapter_number),
        ("chapter",),
        lower=True,
    ),
    _Rule(
        _c(
            r"(?<!\w)annex(?:es)?\s+"
            rf"(?P<n>(?:[ivxlc]+|\d+|[a-z])\b(?:{_EN_SEP}(?:[ivxlc]+|\d+|[a-z])\b)*)"
        ),
        _numbered(RefKind.ANNEX, _annex_number),
        ("annex",),
        lower=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?=[tfsenohd\d])(?=[a-z\d\-]*(?:st|nd|rd|th)\b)"  # _EW_START in _refs_numbers
            rf"(?P<o>{_ORDW}(?:{_EN_LIST_SEP}{_ORDW})*)\s+"
            rf"(?P<gap>(?:(?!(?:{_FUNC})\b)[a-z][\w\-]*\s+){{0,5}}?)"
            r"(?P<noun>sessions?|meetings?|cycles?)\b"
        ),
        _en_ordinal,
        ("session", "meeting", "cycle"),
        lower=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?:agenda\s+)?items?\s+(?P<items>\d{{1,2}}(?![\d/])(?:\s?{_EN_SUB})?"
            rf"(?:{_EN_SEP}(?:\d{{1,2}}(?![\d/])(?:\s?{_EN_SUB})?|{_EN_SUB}))*)"
        ),
        _agenda,
        ("item",),
        lower=True,
        digit=True,
    ),
)

#: Read in both languages.
COMMON_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(
            r"[A-Z](?<![A-Za-z0-9/.\-][A-Z])[A-Z0-9]*(?:\.\d+)?"
            r"(?:/(?:[ \t]?\n?[ \t]?(?=[A-Z0-9]))?[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"
        ),
        _symbol,
        ("/",),
        digit=True,
    ),
)
