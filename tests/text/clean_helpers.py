"""The seed documents and helpers the tests of untm.text.clean share.

The seeds are the Chinese UNCAC documents in ../shared/seeds, the English fixture is
tests/text/data/en_pdf_report.txt; ``SEED_FURNITURE`` is their page furniture, written
independently of the module's own patterns.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tests.support import need_shared
from untm.text.clean import PARAGRAPH_SEP, CleanText, clean_pdf_text

DATA = Path(__file__).parent / "data"
SEEDS = ("000", "001", "002", "003", "004")


@cache
def seed(prefix: str) -> str:
    """A seed document by its number; skips the test when ../shared is absent."""
    (path,) = need_shared("seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def cleaned(prefix: str) -> CleanText:
    return clean_pdf_text(seed(prefix))


def lines(clean: CleanText) -> list[str]:
    return clean.text.split(PARAGRAPH_SEP)


def english() -> str:
    return (DATA / "en_pdf_report.txt").read_text(encoding="utf-8")


# Page furniture as it occurs in the seeds and the English fixture, written
# independently of the module's own patterns.
SEED_FURNITURE = re.compile(
    r"V\.\d\d-\d{5}( \([CE]\))?( +\d{6})*"  # job number and print dates
    r"|\*\d{7}\*"  # barcode
    r"|CAC/COSP/[A-Z0-9./]+\*?"  # running header (the document symbol alone)
    r"|\d/\d( V\.\d\d-\d{5})?"  # running footer: page number and job number
    r"|http://undocs\.org/\S+"
    r"|_{18}"
    r"|联 合 国 +CAC/COSP/\S+|United Nations +CAC/COSP/\S+"  # mastheads
    r"|Distr\.: General|\d\d (July|June) 20\d\d|Chinese|Original: English"
)
MARKUP = re.compile(r"\[|\]\(#\)")


def furniture_lines(original: str) -> set[int]:
    """Indexes of the original characters on lines that are furniture."""
    out: set[int] = set()
    pos = 0
    for line in original.split("\n"):
        if SEED_FURNITURE.fullmatch(line.strip()):
            out.update(range(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def visible(text: str) -> str:
    """Non-space characters outside furniture lines and link markup."""
    kept = [ln for ln in text.split("\n") if not SEED_FURNITURE.fullmatch(ln.strip())]
    return re.sub(r"\s+", "", MARKUP.sub("", "\n".join(kept)))
