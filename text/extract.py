"""Text out of the files a UN document comes in: plain text, PDF, Word (.docx).

:func:`extract` tells the format by the file's first bytes (a ``.txt`` that is really a
PDF is read as a PDF) and returns an :class:`Extracted`: the text that segment offsets
will point into and, for a .docx, the blocks its structure already gives (paragraphs
with their styles and list numbers, table rows, footnotes), which need no re-joining.

* **PDF** through pypdf (BSD licensed): the text layer page by page, pages separated by
  a form feed. A PDF without a text layer (a scan) is refused: untm needs text.
* **.docx** through python-docx: body paragraphs and tables in order, list numbers as
  Word shows them (``1.``, ``(a)``), footnote references as their numbers, and the
  footnotes (``word/footnotes.xml``) after the body, each with its number. Headers,
  footers and text boxes are page furniture and are not read.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from .._io import decode
from ..errors import FormatError, InputError

__all__ = ["Extracted", "LeftOut", "extract"]

#: (start, end, kind hint, label) of a block in :attr:`Extracted.text`; the hint is a
#: :class:`~untm.text.document.BlockKind` value or "" when the structure does not say.
BlockSpan = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Something of the document that is not among its segments, and why."""

    kind: str  # "table", "page"
    start: int  # where in Document.text (-1 when it has no text there, like an image page)
    end: int
    reason: str


@dataclass
class Extracted:
    text: str
    format: str = "text"  # "text", "pdf", "docx"
    blocks: list[BlockSpan] | None = None  # given by the file's structure (.docx)
    left_out: list[LeftOut] = field(default_factory=list)


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A .docx whose parts unpack to more than this is refused (a zip bomb).
_MAX_UNPACKED = 512 << 20


def extract(data: bytes, source: str | PathLike[str]) -> Extracted:
    """The text of ``data`` (the bytes of ``source``), by the file's format."""
    suffix = Path(str(source)).suffix.lower()
    head = data[:1024]
    if _PDF_MAGIC in head:
        return _pdf(data, source)
    if data.startswith(_ZIP_MAGIC):
        return _docx(data, source)
    if data.startswith(_OLE_MAGIC):
        raise FormatError(source, "a Word 97-2003 (.doc) file: save it as .docx (or as text) first")
    if suffix == ".pdf":
        raise FormatError(source, "not a PDF file (it does not start with %PDF-)")
    if suffix == ".docx":
        raise FormatError(source, "not a .docx file (it is not a ZIP package)")
    if data.lstrip().startswith(b"{\\rtf"):
        raise FormatError(source, "an RTF file: save it as .docx or as text first")
    return Extracted(decode(data, source))


# --- PDF ------------------------------------------------------------------------------


def _pdf(data: bytes, source: str | PathLike[str]) -> Extracted:
    pypdf = _import_pypdf(source)
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf warns about every odd object it repairs
    try:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(
                    source, "the PDF is encrypted: open it and save a copy without a password"
                )
            pages = []
            for page in reader.pages:
                pages.append(page.extract_text() or "")
        except InputError:
            raise
        except pypdf.errors.DependencyError:
            raise InputError(
                source, "the PDF is encrypted with AES, which needs the 'cryptography' package"
            ) from None
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise FormatError(source, f"not a readable PDF: {exc}") from None
    finally:
        logger.setLevel(level)
    if not any(page.strip() for page in pages):
        raise InputError(source, "no text layer (a scanned PDF?): untm needs text; run OCR first")
    left_out = [
        LeftOut("page", -1, -1, f"page {n} has no text layer (an image?)")
        for n, page in enumerate(pages, 1)
        if not page.strip()
    ]
    return Extracted("\n\f".join(pages), "pdf", None, left_out)


def _import_pypdf(source: str | PathLike[str]) -> Any:
    try:
        import pypdf
    except ImportError:  # pragma: no cover - a dependency of untm
        raise InputError(
            source, "reading PDF needs the pypdf package (pip install pypdf)"
        ) from None
    return pypdf


# --- .docx ----------------------------------------------------------------------------


def _docx(data: bytes, source: str | PathLike[str]) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError(source, f"not a valid .docx file: {exc}") from None
    if "word/document.xml" not in names:
        raise FormatError(source, "a ZIP file but not a .docx (it has no word/document.xml)")
    if unpacked > _MAX_UNPACKED:
        raise FormatError(source, f"the .docx unpacks to {unpacked >> 20} MB: refused")
    from . import word

    return word.read(data, source)
