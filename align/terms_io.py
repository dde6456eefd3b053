"""What ``untm align terms`` reads: document pairs, sentence files, an aligned memory.

Each input becomes aligned beads (:class:`~.terms.BeadText`) with ids that say where
they are: ``NAME:N`` is bead N (0-based, in the order of ``untm align sentences``) of
the pair whose Chinese file is NAME; ``NAME:tuN`` is the N-th unit of a TMX file.
Input that cannot give term pairs is an :class:`~untm.errors.InputError` naming the
file: an empty document, two documents that are not translations of each other, a
memory without Chinese-English units.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from untm.db import Database
from untm.errors import InputError, UsageError
from untm.text.lang import Lang

from .terms import BeadText

__all__ = ["beads_of_corpus", "beads_of_pair", "beads_of_tmx"]

#: Beads less sure than this are not term evidence.
MIN_CONFIDENCE = 0.3
#: A pair whose mean bead confidence is below this is no translation pair (the sentence
#: aligner warns below 0.6; terms need surer beads).
NOT_TRANSLATIONS = 0.75


def beads_of_pair(
    zh: str | os.PathLike[str],
    en: str | os.PathLike[str],
    *,
    db: Database | None = None,
    presegmented: bool = False,
) -> list[BeadText]:
    """The confident beads of a Chinese document and its English version."""
    from .api import align_documents

    result = align_documents(zh, en, db=db, presegmented=presegmented)
    mean = result.alignment.mean_confidence
    if mean < NOT_TRANSLATIONS or result.warnings:
        raise InputError(
            en,
            f"does not look like a translation of {result.zh.name} (mean bead confidence "
            f"{mean:.2f}); give a document and its translation",
        )
    name = Path(str(zh)).stem if str(zh) != "-" else "stdin"
    source = result.origin
    zs, es = result.zh.segments, result.en.segments
    out = []
    for n, b in enumerate(result.beads):
        if not b.zh or not b.en or b.confidence < MIN_CONFIDENCE:
            continue
        out.append(
            BeadText(
                f"{name}:{n}",
                "".join(zs[i].text for i in b.zh),
                " ".join(es[j].text for j in b.en),
                zs[b.zh[0]].kind.value,
                source,
            )
        )
    if not out:
        raise InputError(en, f"no bead with both sides aligned with {result.zh.name}")
    return out


def beads_of_corpus(
    folder: str | os.PathLike[str], *, db: Database | None = None, presegmented: bool = False
) -> list[BeadText]:
    """The beads of every pair of a folder with ``zh/`` and ``en/`` subfolders (files
    paired by document symbol or name, as ``untm align docs`` pairs two folders)."""
    from .batch import pair_folders

    root = Path(folder)
    zh, en = root / "zh", root / "en"
    if not root.is_dir():
        raise InputError(folder, "no such folder")
    if not zh.is_dir() or not en.is_dir():
        raise InputError(folder, "a corpus folder has a zh/ and an en/ folder of documents")
    out: list[BeadText] = []
    for z, e in pair_folders(zh, en):
        out += beads_of_pair(z, e, db=db, presegmented=presegmented)
    return out


def beads_of_tmx(path: str | os.PathLike[str]) -> list[BeadText]:
    """The Chinese-English units of an aligned memory (TMX) as beads."""
    from untm.tm.model import TranslationUnit
    from untm.tm.tmx import read_tmx

    name = Path(str(path)).stem
    out: list[BeadText] = []
    n = 0
    for item in read_tmx(path):
        if not isinstance(item, TranslationUnit):
            continue
        n += 1
        zh, en = item.side(Lang.ZH).text, item.side(Lang.EN).text
        if zh.strip() and en.strip():
            out.append(BeadText(f"{name}:tu{n}", zh, en, "", item.origin or name))
    if not out:
        raise InputError(path, "no Chinese-English unit in the memory")
    return out


def check_inputs(files: Sequence[str | None], tmx: str | None, corpus: str | None) -> None:
    """Exactly one kind of input: ZH EN, --tmx or --corpus."""
    given = sum(1 for x in (tmx, corpus) if x) + (1 if any(files) else 0)
    if given != 1 or (any(files) and not all(files)):
        raise UsageError("give ZH EN (a document and its translation), --tmx FILE or --corpus DIR")
    for f in (*files, tmx):
        if f and f != "-" and not os.path.exists(f):
            raise InputError(f, "no such file")
