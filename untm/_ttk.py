"""The one door to translate-toolkit (``translate.*``): its readers as an independent check.

translate-toolkit is what many localization pipelines (Pootle, Weblate, Virtaal) read
TBX and OmegaT glossaries with, so reading our exports with it proves they interoperate.
It is not used for untm's own reading: its OmegaT reader knows no comment lines, no
header, no line numbers in errors and decodes ``.tab`` files in the system encoding.

translate-toolkit is imported inside the functions (it costs a noticeable fraction of a
second), and nothing of it leaves this module: callers get tuples of strings, and its
exceptions become :class:`~untm.errors.FormatError`.
"""

from __future__ import annotations

import os

from .errors import FormatError


def read_tbx_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(source term, target term) of each entry of a TBX 2 file, as translate-toolkit
    reads it: the first term of the first and of the second language section."""
    from translate.storage import tbx

    try:
        with open(path, "rb") as fh:
            store = tbx.tbxfile(fh)
        return [(str(u.source or ""), str(u.target or "")) for u in store.units]
    except Exception as exc:  # whatever translate-toolkit raises, one error of ours
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc


def read_omegat_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str, str]]:
    """(source, target, comment) of each line of an OmegaT glossary (UTF-8, ``.utf8``),
    as translate-toolkit reads it."""
    from translate.storage import omegat

    try:
        with open(path, "rb") as fh:
            store = omegat.OmegaTFile(fh)
        return [
            (str(u.source or ""), str(u.target or ""), str(u.getnotes() or "")) for u in store.units
        ]
    except Exception as exc:
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc


def read_tmx_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(first variant, second variant) of each unit of a TMX file, as translate-toolkit
    reads it (inline markup flattened to text the way translate-toolkit does)."""
    from translate.storage import tmx

    try:
        with open(path, "rb") as fh:
            store = tmx.tmxfile(fh)
        return [(str(u.source or ""), str(u.target or "")) for u in store.units]
    except Exception as exc:
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc
