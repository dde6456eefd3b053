"""Many document pairs: pairing two folders' files, storing units in the memory."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from untm.db import Database
from untm.errors import InputError, UsageError

from .api import DocumentAlignment
from .output import translation_units

__all__ = ["into_memory", "pairs"]

#: Files a folder's documents may be.
SUFFIXES = (".txt", ".docx", ".pdf")
#: A UN document symbol in a file's first lines.
_SYMBOL = re.compile(r"\b([A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.]*)+)")


def pairs(files: Sequence[str]) -> list[tuple[str, str]]:
    """Chinese-English pairs from the command line: ZH EN [ZH EN ...], or two folders
    whose files are paired by document symbol, else by name (without suffix)."""
    if len(files) == 2 and all(os.path.isdir(f) for f in files):
        return pair_folders(Path(files[0]), Path(files[1]))
    if len(files) % 2:
        raise UsageError(
            f"give documents in pairs, Chinese first (got {len(files)} files), or two folders"
        )
    for f in files:
        if f != "-" and not os.path.exists(f):
            raise InputError(f, "no such file")
    return [(files[i], files[i + 1]) for i in range(0, len(files), 2)]


def pair_folders(zh_dir: Path, en_dir: Path) -> list[tuple[str, str]]:
    zh = _documents(zh_dir)
    en = _documents(en_dir)
    by_symbol = {s: p for p in en if (s := _symbol(p))}
    by_name = {p.stem: p for p in en}
    out = []
    unpaired = []
    for p in zh:
        s = _symbol(p)
        match = by_symbol.get(s) if s else None
        match = match or by_name.get(p.stem)
        if match is None:
            unpaired.append(p.name)
        else:
            out.append((str(p), str(match)))
    if not out:
        raise InputError(zh_dir, f"no file pairs with a file of {en_dir} (by symbol or name)")
    if unpaired:
        import sys

        print(f"Warning: no English file for {', '.join(unpaired)}", file=sys.stderr)
    return out


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def _symbol(path: Path) -> str | None:
    """The document symbol near the top of a text file (PDF and Word files: by name)."""
    if path.suffix.lower() != ".txt":
        return None
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return None
    m = _SYMBOL.search(head)
    return m.group(1).rstrip(".*") if m else None


def into_memory(
    db: Database, results: Sequence[DocumentAlignment], min_confidence: float, flag: float | None
) -> int:
    """Add the units of every alignment to the memory in one transaction; returns how
    many were new."""
    from untm.tm.store import TmStore

    units = [u for r in results for u in translation_units(r, min_confidence, flag_below=flag)]
    with db.transaction():
        added, _read = TmStore(db).add_units(units)
    return added
