"""The termbase: concepts and terms, lookup, term matching in running text, interchange."""

from .model import (
    Concept,
    Definition,
    ImportReport,
    LookupResult,
    MatchKind,
    PartOfSpeech,
    Term,
    TermHit,
    TermOccurrence,
    TermStatus,
    TermType,
)

__all__ = [
    "Concept",
    "Definition",
    "ImportReport",
    "LookupResult",
    "MatchKind",
    "PartOfSpeech",
    "Term",
    "TermHit",
    "TermOccurrence",
    "TermStatus",
    "TermType",
]
