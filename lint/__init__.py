"""Lint: term and consistency checks of translations, Chinese↔English, both directions.

``untm lint FILE`` (XLIFF 1.2 and 2.x, PO, TMX, TSV, CSV) or ``untm lint --source A
--target B`` (two whole documents, aligned first) reports term, number, date, symbol,
reference, untranslated-text and bracket problems, segment by segment. See
:mod:`.model` for the rules, :mod:`.api` for the entry points.
"""

from .model import RULES, Direction, Finding, LintResult, LintSegment, Severity

__all__ = ["RULES", "Direction", "Finding", "LintResult", "LintSegment", "Severity"]
