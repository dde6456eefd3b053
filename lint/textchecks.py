"""The ``untranslated`` and ``brackets`` checks: what the texts show without a termbase.

``untranslated``: an empty target; Chinese characters in an English target; in a Chinese
target, a stretch of Latin words copied from the source that is not a symbol, an
acronym or a name (at least three words with two lower-case ones, or six words).

``brackets``: round brackets （）/(), square brackets [] 【】, title marks 《》 and 〈〉 and
quotation marks “” (and English straight quotes) must pair within the target (an
unpaired mark is an error, unless the source has the same unpaired mark: a segment cut
inside a bracket); the number of pairs of round brackets and of quotation marks must be
the same on both sides (a warning: a translation may add or drop a bracket).
"""

from __future__ import annotations

import re

from untm.text.lang import Lang
from untm.text.refs import RefKind

from .model import Finding, LintSegment, Severity
from .refchecks import refs_of

_CJK_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    r"(?:[\u3000-\u303f\uff00-\uffef\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\d]*"
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f])?"
)
_LATIN_WORD = r"[A-Za-z][A-Za-z'’\-]*"
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:[ ,]+{_LATIN_WORD})+")
_FUNCTION = frozenset(
    ["of", "on", "the", "and", "for", "in", "to", "a", "an", "against", "at", "by", "with", "or"]
)


def check_untranslated(seg: LintSegment, source: Lang, target: Lang) -> list[Finding]:
    if not seg.target.strip():
        if not seg.source.strip():
            return []
        return [
            Finding(
                seg.id,
                "untranslated",
                Severity.ERROR,
                "the target is empty",
                hash=seg.hash,
            )
        ]
    if target is Lang.EN:
        return [
            Finding(
                seg.id,
                "untranslated",
                Severity.ERROR,
                f"Chinese left in the English target: '{m.group()}'",
                found=m.group(),
                target_span=m.span(),
                hash=seg.hash,
            )
            for m in _CJK_RUN.finditer(seg.target)
        ]
    return _latin_left(seg)


def _latin_left(seg: LintSegment) -> list[Finding]:
    runs = [m for m in _LATIN_RUN.finditer(seg.target) if m.group().count(" ") >= 2]
    if not runs:
        return []
    symbols = [(r.start, r.end) for r in refs_of(seg.target, Lang.ZH) if r.kind is RefKind.SYMBOL]
    source = " ".join(seg.source.split()).casefold()
    out = []
    for m in runs:
        if any(a < m.end() and m.start() < b for a, b in symbols):
            continue
        words = re.findall(_LATIN_WORD, m.group())
        lower = [w for w in words if w.islower() and w not in _FUNCTION]
        if not (len(words) >= 3 and len(lower) >= 2) and len(words) < 6:
            continue
        if " ".join(m.group().split()).casefold() not in source:
            continue  # not copied from the source: a name, a title, a quotation
        out.append(
            Finding(
                seg.id,
                "untranslated",
                Severity.ERROR,
                f"English left in the Chinese target: '{m.group()}'",
                source_term=m.group(),
                found=m.group(),
                target_span=m.span(),
                hash=seg.hash,
            )
        )
    return out


# --- brackets -------------------------------------------------------------------------------

#: family -> (openers, closers); a family pairs across its members (（ closes with ) too).
_FAMILIES = {
    "round brackets": ("（(", "）)"),
    "square brackets": ("[【〔", "]】〕"),
    "title marks 《》": ("《", "》"),
    "title marks 〈〉": ("〈", "〉"),
    "quotation marks": ("“", "”"),
}
_CROSS = ("round brackets", "quotation marks")


_MARKS = re.compile("[" + re.escape("".join(o + c for o, c in _FAMILIES.values()) + '"') + "]")


def _scan(text: str) -> dict[str, tuple[int, list[int], list[int]]]:
    """Per family: pairs, unpaired openers and unpaired closers (their offsets)."""
    out = {}
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
    for family, (openers, closers) in _FAMILIES.items():
        stack: list[int] = []
        lone: list[int] = []
        pairs = 0
        for i, ch in marks:
            if ch in openers:
                stack.append(i)
            elif ch in closers:
                if stack:
                    stack.pop()
                    pairs += 1
                else:
                    lone.append(i)
        if family == "quotation marks":
            straight = [i for i, ch in marks if ch == '"']
            pairs += len(straight) // 2
            if len(straight) % 2:
                stack.append(straight[-1])
        out[family] = (pairs, stack, lone)
    return out


def check_brackets(seg: LintSegment) -> list[Finding]:
    if not seg.target.strip():
        return []
    src, tgt = _scan(seg.source), _scan(seg.target)
    out = []
    for family in _FAMILIES:
        s_pairs, s_open, s_close = src[family]
        t_pairs, t_open, t_close = tgt[family]
        lone = [(i, "opening") for i in t_open[len(s_open) :]] if len(t_open) > len(s_open) else []
        if len(t_close) > len(s_close):
            lone += [(i, "closing") for i in t_close[len(s_close) :]]
        for at, what in lone:
            mark = seg.target[at]
            out.append(
                Finding(
                    seg.id,
                    "brackets",
                    Severity.ERROR,
                    f"an unpaired {what} '{mark}' in the target ({family})",
                    found=mark,
                    target_span=(at, at + 1),
                    hash=seg.hash,
                )
            )
        if family in _CROSS and not lone and s_pairs != t_pairs:
            out.append(
                Finding(
                    seg.id,
                    "brackets",
                    Severity.WARNING,
                    f"the source has {s_pairs} pair{'s' if s_pairs != 1 else ''} of {family}, "
                    f"the target {t_pairs}",
                    expected=(str(s_pairs),),
                    found=str(t_pairs),
                    hash=seg.hash,
                )
            )
    return out


__all__ = ["check_brackets", "check_untranslated"]
