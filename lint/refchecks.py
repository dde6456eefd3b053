"""The ``number``, ``date``, ``symbol`` and ``reference`` checks.

Both texts are read by :func:`untm.text.refs.find_refs` (the parser the aligner uses),
whose values are written the same way in both languages: ``2019年5月31日`` and ``31 May
2019`` are both ``2019-05-31``, ``第六十三条第四款第(三)项`` and ``article 63, paragraph
4 (c)`` both ``63.4.c``. A segment is right when the source and the target have the same
multiset of values for each kind; what one side has more is reported, a value missing
and a wrong one of the same kind as one finding.

Two differences of writing are not errors: an article of the source that the target
calls a rule of the same number (Chinese 第 20 条 after 议事规则 in the sentence before is
"rule 20"), and a footnote mark glued to a word on both sides (决议1 / resolutions1),
which the parser reads as a number only in Chinese.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from untm.text.lang import Lang
from untm.text.numerals import MONTHS
from untm.text.refs import Ref, RefKind, find_refs

from .model import Finding, LintSegment, Severity

K = RefKind
RULE_OF: dict[RefKind, str] = {
    K.NUMBER: "number",
    K.PERCENT: "number",
    K.MONEY: "number",
    K.DATE: "date",
    K.TIME: "date",
    K.YEAR: "date",
    K.SYMBOL: "symbol",
    K.RESOLUTION: "reference",
    K.DECISION: "reference",
    K.ARTICLE: "reference",
    K.RULE: "reference",
    K.PARAGRAPH_REF: "reference",
    K.CHAPTER: "reference",
    K.ANNEX: "reference",
    K.ORDINAL: "reference",
    K.AGENDA_ITEM: "reference",
}
REF_RULES = frozenset(RULE_OF.values())

#: A Chinese comma before a figure: the parser reads ``，20`` as ``,20`` (a figure glued to
#: a comma, which it skips), so lint reads it as ``、20`` (same length, offsets kept).
_ZH_COMMA_DIGIT = re.compile(r"，(?=\d)")
#: A footnote mark glued to a word (``resolutions1``, ``决议1的``).
_EN_MARK = re.compile(r"(?<=[A-Za-z)\].,;:])(\d{1,2})(?![\d,./]|\s*(?:per|%))")


@functools.lru_cache(maxsize=1 << 15)
def _refs(text: str, lang: Lang) -> tuple[Ref, ...]:
    if lang is Lang.ZH and "，" in text:
        text = _ZH_COMMA_DIGIT.sub("、", text)
    return tuple(find_refs(text, lang))


def refs_of(text: str, lang: Lang) -> list[Ref]:
    """:func:`~untm.text.refs.find_refs`, with ``，`` before a figure read as a separator
    (remembered for the last 32,768 texts: the term and reference checks both
    read every segment)."""
    return list(_refs(text, lang))


#: Kinds whose words are terms too (session, 会议, agenda, chapter, article).
_REFERENCE_KINDS = frozenset(k for k, rule in RULE_OF.items() if rule == "reference")


def reference_spans(text: str, lang: Lang) -> list[tuple[int, int]]:
    """Where ``text`` has references (the term checks leave the terms inside to them)."""
    return [(r.start, r.end) for r in _refs(text, lang) if r.kind in _REFERENCE_KINDS]


def _key(r: Ref) -> tuple[RefKind, str, str]:
    # a session is not a meeting: the ordinal's qualifier belongs to what it counts
    return (r.kind, r.value, r.qualifier if r.kind is K.ORDINAL else "")


def check_refs(
    seg: LintSegment, source: Lang, target: Lang, rules: frozenset[str]
) -> list[Finding]:
    """Findings of the reference rules in ``rules`` for one segment."""
    if not seg.target.strip():
        return []
    src = [
        r
        for r in refs_of(seg.source, source)
        if RULE_OF[r.kind] in rules and not _marker(r, seg.source)
    ]
    tgt = [
        r
        for r in refs_of(seg.target, target)
        if RULE_OF[r.kind] in rules and not _marker(r, seg.target)
    ]
    if not src and not tgt:
        return []
    sc, tc = Counter(map(_key, src)), Counter(map(_key, tgt))
    if sc == tc:
        return []
    missing = _take(src, sc - tc)
    extra = _take(tgt, tc - sc)
    missing, extra = _article_is_rule(missing, extra)
    missing = [r for r in missing if not _footnote_mark(r, seg.target)]
    extra = [r for r in extra if not _footnote_mark(r, seg.source)]
    return _findings(seg, missing, extra, target, sc, tc)


def _take(refs: Sequence[Ref], surplus: Counter[tuple[RefKind, str, str]]) -> list[Ref]:
    """The refs of ``refs`` that make up ``surplus``, the last ones of each value."""
    left = Counter(surplus)
    out = []
    for r in reversed(refs):
        if left[_key(r)] > 0:
            left[_key(r)] -= 1
            out.append(r)
    return out[::-1]


def _article_is_rule(missing: list[Ref], extra: list[Ref]) -> tuple[list[Ref], list[Ref]]:
    pair = {K.ARTICLE: K.RULE, K.RULE: K.ARTICLE}
    extra = list(extra)
    kept = []
    for r in missing:
        other = pair.get(r.kind)
        match = next((e for e in extra if e.kind is other and e.value == r.value), None)
        if match is None:
            kept.append(r)
        else:
            extra.remove(match)
    return kept, extra


_ITEM_MARK = re.compile(r"\s*\d{1,2}(?=\s*(?:\([a-z]{1,4}\)|[.)]))")


def _marker(r: Ref, text: str) -> bool:
    """The number of an item marker opening the text (``1(b)通过议程``, ``2.``), which
    the parser leaves out in one writing and not always in the other."""
    if r.kind is not K.NUMBER or text[: r.start].strip():
        return False
    m = _ITEM_MARK.match(text)
    return m is not None and m.end() == r.end


def _footnote_mark(r: Ref, other_text: str) -> bool:
    """A small number glued to a word, the other side having the same mark."""
    if r.kind is not K.NUMBER or not r.value.isdigit() or len(r.value) > 2:
        return False
    return any(m.group(1) == r.value for m in _EN_MARK.finditer(other_text))


def _findings(
    seg: LintSegment,
    missing: list[Ref],
    extra: list[Ref],
    target: Lang,
    src_counts: Counter[tuple[RefKind, str, str]],
    tgt_counts: Counter[tuple[RefKind, str, str]],
) -> list[Finding]:
    """A value one side lacks is an error (paired, when the target has a wrong value of
    the same rule, into one finding); one both have, but not as often, a warning (a
    title repeated, a date said again)."""
    out = []
    extra = list(extra)
    for r in missing:
        if tgt_counts[_key(r)]:
            n, m = src_counts[_key(r)], tgt_counts[_key(r)]
            counts = f"{_times(n)} in the source, {_times(m)} in the target"
            out.append(_again(seg, r, counts, in_source=True))
            continue
        wrong = next(
            (e for e in extra if RULE_OF[e.kind] == RULE_OF[r.kind] and not src_counts[_key(e)]),
            None,
        )
        if wrong is not None:
            extra.remove(wrong)
        out.append(_missing(seg, r, wrong, target))
    for e in extra:
        if src_counts[_key(e)]:
            n, m = tgt_counts[_key(e)], src_counts[_key(e)]
            counts = f"{_times(n)} in the target, {_times(m)} in the source"
            out.append(_again(seg, e, counts, in_source=False))
            continue
        out.append(
            Finding(
                seg.id,
                RULE_OF[e.kind],
                Severity.ERROR,
                f"the target has {e.kind.value} '{e.text}' ({e.value}), which the source does not",
                found=e.text,
                target_span=(e.start, e.end),
                hash=seg.hash,
            )
        )
    return out


def _missing(seg: LintSegment, r: Ref, wrong: Ref | None, target: Lang) -> Finding:
    shown = describe(r, target)
    if wrong is not None:
        msg = (
            f"{r.kind.value} '{r.text}' of the source is '{shown}', but the target has "
            f"'{wrong.text}' ({wrong.kind.value} {wrong.value})"
        )
    else:
        msg = f"{r.kind.value} '{r.text}' of the source ('{shown}') is not in the target"
    return Finding(
        seg.id,
        RULE_OF[r.kind],
        Severity.ERROR,
        msg,
        source_term=r.text,
        expected=(shown,),
        found=wrong.text if wrong is not None else None,
        source_span=(r.start, r.end),
        target_span=(wrong.start, wrong.end) if wrong is not None else None,
        hash=seg.hash,
    )


def _again(seg: LintSegment, r: Ref, counts: str, *, in_source: bool) -> Finding:
    """A value both sides have, not as often (``r`` is of the side that has it more)."""
    span = (r.start, r.end)
    return Finding(
        seg.id,
        RULE_OF[r.kind],
        Severity.WARNING,
        f"{r.kind.value} '{r.text}' is {counts}",
        source_term=r.text if in_source else None,
        found=None if in_source else r.text,
        source_span=span if in_source else None,
        target_span=None if in_source else span,
        hash=seg.hash,
    )


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


# --- how a value is written in the target ---------------------------------------------------

_ZH_DIGITS = "零一二三四五六七八九"
_EN_ORD = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def zh_numeral(n: int) -> str:
    """A whole number below 10,000 in Chinese numerals (一百二十一)."""
    if n < 10:
        return _ZH_DIGITS[n]
    out = ""
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out += ("" if d == 1 and unit == 10 and not out else _ZH_DIGITS[d]) + name
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    return out + (_ZH_DIGITS[n] if n else "")


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def _en_ordinal(n: int) -> str:
    return _EN_ORD[n] if n < len(_EN_ORD) else f"{n}th"


def _en_date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1].capitalize()} {parts[0]}"
    return value


def _zh_date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"
    return value


def describe(r: Ref, lang: Lang) -> str:
    """The value of ``r`` as the target language would write it (a hint for the reviser)."""
    v = r.value
    head = v.split(".")[0].split("-")[0]
    n = int(head) if head.isdigit() else None
    if r.kind is K.DATE and "/" not in v:
        return _en_date(v) if lang is Lang.EN else _zh_date(v)
    if r.kind in (K.RESOLUTION, K.DECISION):
        if lang is Lang.EN:
            return f"{r.kind.value} {v}"
        return f"第 {v} 号{'决议' if r.kind is K.RESOLUTION else '决定'}"
    if r.kind is K.ARTICLE and lang is Lang.EN:
        parts = v.split(".")
        out = f"article {parts[0]}"
        if len(parts) > 1:
            out += f", paragraph {parts[1]}"
        if len(parts) > 2:
            out += f" ({parts[2]})"
        return out
    if r.kind is K.ARTICLE and n is not None:
        parts = v.split(".")
        out = f"第{zh_numeral(n)}条"
        if len(parts) > 1 and parts[1].isdigit():
            out += f"第{zh_numeral(int(parts[1]))}款"
        if len(parts) > 2:
            out += f"第({parts[2]})项"
        return out
    if r.kind is K.CHAPTER and n is not None:
        return f"chapter {roman(n)}" if lang is Lang.EN else f"第{zh_numeral(n)}章"
    if r.kind is K.ORDINAL and n is not None:
        what = r.qualifier or "session"
        if lang is Lang.EN:
            return f"{_en_ordinal(n)} {what.replace('-', ' ')}"
        unit = {"session": "届会议", "meeting": "次会议", "cycle": "个周期"}.get(what, "届会议")
        return f"第{zh_numeral(n)}{unit}"
    if r.kind is K.RULE:
        return f"rule {v}" if lang is Lang.EN else f"第 {v} 条"
    if r.kind is K.PARAGRAPH_REF:
        return f"paragraph {v}" if lang is Lang.EN else f"第 {v} 段"
    if r.kind is K.AGENDA_ITEM:
        return f"agenda item {v}" if lang is Lang.EN else f"议程项目 {v}"
    if r.kind is K.PERCENT:
        return f"{v} per cent" if lang is Lang.EN else f"{v}%"
    if r.kind is K.MONEY:
        return f"{r.qualifier} {v}".strip()
    return v


__all__ = ["REF_RULES", "RULE_OF", "check_refs", "describe", "refs_of", "roman", "zh_numeral"]
