"""Two whole documents as lint segments: read, aligned, one segment per bead.

Both documents go through the reading pipeline of the aligner (clean-up, structure,
sentences) and :func:`untm.align.api.align_segments`. A bead is one segment, named by
the 1-based numbers of its source sentences (``12``, or ``12-13`` for two sentences
translated as one). A source sentence the aligner pairs with nothing becomes a segment
with an empty target, reported as a possible omission (a warning: the aligner may have
missed it); target sentences without a source are left out. Masthead lines (United
Nations, Distr.: General, Chinese / Original: English) are not checked for untranslated
text: UN Chinese documents keep them in English.
"""

from __future__ import annotations

from collections.abc import Sequence

from untm.align.api import NOT_TRANSLATIONS, align_segments
from untm.db import Database
from untm.text.document import BlockKind, Document, Segment
from untm.text.lang import Lang

from .model import LintSegment


def aligned_segments(
    src: Document, tgt: Document, db: Database | None
) -> tuple[list[LintSegment], tuple[str, ...]]:
    zh, en = (src, tgt) if src.lang is Lang.ZH else (tgt, src)
    alignment = align_segments(zh.segments, en.segments, db=db)
    warnings = []
    if alignment.mean_confidence < NOT_TRANSLATIONS:
        warnings.append(
            f"{src.name} and {tgt.name} do not look like translations of each other "
            f"(mean alignment confidence {alignment.mean_confidence:.2f})"
        )
    lines = _line_starts(src.text) if src.format == "text" else None
    out = []
    for bead in alignment.beads:
        s_idx, t_idx = (bead.zh, bead.en) if src.lang is Lang.ZH else (bead.en, bead.zh)
        if not s_idx:
            continue
        s_segs = [src.segments[i] for i in s_idx]
        t_segs = [tgt.segments[j] for j in t_idx]
        first, last = s_idx[0] + 1, s_idx[-1] + 1
        seg_id = str(first) if first == last else f"{first}-{last}"
        kind = s_segs[0].kind
        out.append(
            LintSegment(
                seg_id,
                _join(s_segs, src.lang),
                _join(t_segs, tgt.lang),
                _line(lines, s_segs[0].start) if lines is not None else None,
                kind="masthead"
                if kind is BlockKind.MASTHEAD
                else ("unaligned" if not t_segs else kind.value),
                confidence=bead.confidence,
            )
        )
    return out, tuple(warnings)


def _join(segments: Sequence[Segment], lang: Lang) -> str:
    return ("" if lang is Lang.ZH else " ").join(s.text for s in segments)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


__all__ = ["aligned_segments"]
