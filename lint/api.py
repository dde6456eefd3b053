"""``untm lint``: what the command line calls.

:func:`lint_file` checks a translation file (XLIFF, PO, TMX, TSV, CSV);
:func:`lint_documents` a source document and its translation, aligned sentence by
sentence first (:func:`untm.align.api.align_segments`). Both run :func:`run_checks`,
apply the suppressions and return a :class:`~.model.LintResult`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from untm.db import Database
from untm.errors import LanguageError, UsageError
from untm.text.lang import Lang

from . import ignore as ignore_mod
from .model import RULE_GROUPS, RULES, TERM_RULES, Direction, Finding, LintResult, LintSegment
from .model import Severity as Severity
from .readers import read_input
from .refchecks import REF_RULES, check_refs
from .textchecks import check_brackets, check_untranslated

if TYPE_CHECKING:
    from untm.text.document import Document

_RULE_ORDER = {r: i for i, r in enumerate(RULES)}


def select_rules(spec: Iterable[str] | None) -> tuple[str, ...]:
    """The rules named by ``--rules`` (ids or groups: terms, refs, all), in rule order;
    every rule when ``spec`` is None or empty."""
    names = [n.strip() for item in spec or () for n in item.split(",") if n.strip()]
    if not names:
        return tuple(RULES)
    chosen: set[str] = set()
    for n in names:
        if n in RULES:
            chosen.add(n)
        elif n in RULE_GROUPS:
            chosen.update(RULE_GROUPS[n])
        else:
            raise UsageError(
                f"--rules: unknown rule {n!r} (rules: {', '.join(RULES)}; groups: "
                f"{', '.join(RULE_GROUPS)})"
            )
    return tuple(r for r in RULES if r in chosen)


def run_checks(
    segments: Sequence[LintSegment],
    direction: Direction,
    db: Database | None,
    rules: Sequence[str],
) -> list[Finding]:
    """Every finding of ``rules`` in ``segments``, in segment order."""
    chosen = frozenset(rules)
    findings: list[Finding] = []
    if chosen & TERM_RULES:
        if db is None:
            raise UsageError("the term checks need a termbase (leave them out with --rules)")
        from .terms import TermChecker, check_termbase

        check_termbase(db, direction)
        findings += TermChecker(db, direction).check(segments, chosen)
    src, tgt = direction.source, direction.target
    for seg in segments:
        if "untranslated" in chosen and seg.kind != "masthead":
            findings += _untranslated(seg, src, tgt)
        if not seg.target.strip():
            continue
        if chosen & REF_RULES:
            findings += check_refs(seg, src, tgt, chosen)
        if "brackets" in chosen:
            findings += check_brackets(seg)
    order = {s.id: i for i, s in enumerate(segments)}
    findings.sort(
        key=lambda f: (
            order.get(f.segment, 0),
            _RULE_ORDER[f.rule],
            (f.source_span or (-1, -1)),
            (f.target_span or (-1, -1)),
        )
    )
    return findings


def _untranslated(seg: LintSegment, src: Lang, tgt: Lang) -> list[Finding]:
    found = check_untranslated(seg, src, tgt)
    if seg.kind == "unaligned" and found:
        # a document sentence the aligner left alone: an omission, or an alignment miss
        return [
            Finding(
                seg.id,
                "untranslated",
                Severity.WARNING,
                "no sentence of the translation is aligned with this one (omitted?)",
                hash=seg.hash,
            )
        ]
    return found


def _finish(
    name: str,
    fmt: str,
    direction: Direction,
    segments: Sequence[LintSegment],
    db: Database | None,
    rules: Sequence[str],
    ignore: str | os.PathLike[str] | None,
    warnings: tuple[str, ...] = (),
    target_file: str | None = None,
) -> LintResult:
    suppressions = ignore_mod.read_ignore(ignore) if ignore is not None else []
    findings = run_checks(segments, direction, db, rules)
    kept, ignored = ignore_mod.apply(findings, suppressions)
    return LintResult(
        name,
        fmt,
        direction,
        tuple(segments),
        tuple(kept),
        tuple(rules),
        ignored=ignored,
        warnings=warnings,
        target_file=target_file,
    )


def lint_file(
    path: str | os.PathLike[str],
    *,
    db: Database | None,
    fmt: str | None = None,
    source: Lang | None = None,
    target: Lang | None = None,
    rules: Sequence[str] | None = None,
    ignore: str | os.PathLike[str] | None = None,
) -> LintResult:
    """Lint a translation file; ``source``/``target`` are ``--from``/``--to``."""
    chosen = tuple(rules) if rules else tuple(RULES)
    if ignore is not None:
        ignore_mod.read_ignore(ignore)  # a bad ignore file fails before any work
    read = read_input(path, fmt=fmt, source=source, target=target)
    return _finish(read.name, read.format, read.direction, read.segments, db, chosen, ignore)


def lint_documents(
    source_path: str | os.PathLike[str],
    target_path: str | os.PathLike[str],
    *,
    db: Database | None,
    source: Lang | None = None,
    target: Lang | None = None,
    rules: Sequence[str] | None = None,
    ignore: str | os.PathLike[str] | None = None,
) -> LintResult:
    """Lint a whole document and its translation, aligned first."""
    from untm.text.document import read_document

    chosen = tuple(rules) if rules else tuple(RULES)
    if ignore is not None:
        ignore_mod.read_ignore(ignore)
    if source is not None and target is not None and source is target:
        raise UsageError(f"--from and --to are both {source.value}")
    src_doc = read_document(source_path, source or (target.other if target else None))
    tgt_doc = read_document(target_path, target or src_doc.lang.other)
    if src_doc.lang is tgt_doc.lang:
        raise LanguageError(
            tgt_doc.name, f"the source and the target are both {src_doc.lang.value}"
        )
    direction = Direction(src_doc.lang, tgt_doc.lang)
    segments, warnings = _aligned_segments(src_doc, tgt_doc, db)
    return _finish(
        src_doc.name,
        "documents",
        direction,
        segments,
        db,
        chosen,
        ignore,
        warnings,
        target_file=tgt_doc.name,
    )


def _aligned_segments(
    src_doc: Document, tgt_doc: Document, db: Database | None
) -> tuple[list[LintSegment], tuple[str, ...]]:
    from .documents import aligned_segments

    return aligned_segments(src_doc, tgt_doc, db)


__all__ = ["lint_documents", "lint_file", "run_checks", "select_rules"]
