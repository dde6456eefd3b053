"""The termbase interchange formats and how file names map to them.

Kept apart from the readers and writers so that the command line can name the formats
(in its ``--format`` option) without importing them.
"""

from __future__ import annotations

from enum import StrEnum


class TermbaseFormat(StrEnum):
    """The interchange formats; TBX is TBX v3 (ISO 30042:2019), TBX2 the martif TBX."""

    TBX = "tbx"
    TBX2 = "tbx2"
    TSV = "tsv"
    CSV = "csv"

    @property
    def is_xml(self) -> bool:
        return self in (TermbaseFormat.TBX, TermbaseFormat.TBX2)


#: Tab-separated files that OmegaT reads as glossaries: source TAB target TAB comment,
#: no header. Exports to these names use that layout unless columns are given.
OMEGAT_EXTENSIONS = (".txt", ".utf8", ".tab")

#: Extensions of the tabular formats (TBX is told apart by its root element).
TABULAR_EXTENSIONS = {
    ".tsv": TermbaseFormat.TSV,
    ".csv": TermbaseFormat.CSV,
    **dict.fromkeys(OMEGAT_EXTENSIONS, TermbaseFormat.TSV),
}

#: Extensions of TBX files (v3 or 2, told apart by the root element when read).
TBX_EXTENSIONS = (".tbx", ".xml")
