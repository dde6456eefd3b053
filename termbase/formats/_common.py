"""What every termbase reader and writer shares: the result type, warnings, text rules.

Readers are lenient where nothing is lost by it and strict where data would be: a
problem that would change the meaning of an entry is an error naming the line, and
anything read but not kept (a data category the model has no field for, a language
other than zh and en) is a warning, counted once per kind so that a file of ten
thousand entries does not produce ten thousand lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from untm.text.lang import Lang

from ..model import Concept, Evidence, Term

#: Notes by which earlier untm carried its own data in TBX: still read, never written.
#: A term-level note carrying :attr:`Term.exclude` (one excluded word per note).
EXCLUDE_NOTE = "untm:exclude:"
#: A term-level note carrying a part of speech the format's picklist lacks.
POS_NOTE = "untm:partOfSpeech:"


class Pi(StrEnum):
    """Targets of the XML processing instructions that carry untm's own data in TBX.

    Validators (RELAX NG, Schematron) and CAT tools skip processing instructions, so
    untm's data travels without a note a translator would see as a comment:
    ``<?untm-exclude 非缔约国?>`` in a termSec. Only untm reads them back.
    """

    EXCLUDE = "untm-exclude"  # term level, one per excluded word (Term.exclude)
    POS = "untm-pos"  # term level: a part of speech the format's picklist lacks
    EVIDENCE = "untm-evidence"  # concept level: Concept.evidence
    ATTESTED = "untm-attested"  # concept level: Concept.attested


_PI_ESCAPES = re.compile(r"%(25|3E)")


def pi_text(value: str) -> str:
    """``value`` as processing-instruction data: ``%`` as ``%25`` and the ``>`` of ``?>``
    as ``%3E`` (a PI cannot hold ``?>``); anything else as it is."""
    return value.replace("%", "%25").replace("?>", "?%3E")


def pi_value(text: str) -> str:
    """The value written by :func:`pi_text`."""
    return _PI_ESCAPES.sub(lambda m: "%" if m.group(1) == "25" else ">", text)


_EVIDENCE_NOTE = re.compile(r"Evidence: (?P<label>[^(]+?)(?: \((?P<where>.*)\))?")


def evidence_note(evidence: Evidence, attested: str) -> str:
    """The concept-level note, in words for translators, that says how the English is
    attested: ``Evidence: attested in a UN English document (A/RES/58/4)``."""
    where = collapse(attested)
    return f"Evidence: {evidence.label}" + (f" ({where})" if where else "")


def parse_evidence_note(note: str) -> tuple[Evidence, str] | None:
    """(evidence, attested) of a note written by :func:`evidence_note`, else None."""
    m = _EVIDENCE_NOTE.fullmatch(collapse(note))
    if m is None:
        return None
    kind = next((e for e in Evidence if e.label == m.group("label")), None)
    return None if kind is None else (kind, m.group("where") or "")


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a reader found: the concepts, what it did not keep, and how many entries
    it skipped (entries without a zh or en term, rows without terms)."""

    concepts: tuple[Concept, ...]
    warnings: tuple[str, ...] = ()
    skipped: int = 0


class Findings:
    """Warnings met while reading, one line per kind, with a count and the first line."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[int | None, int]] = {}

    def warn(self, message: str, line: int | None = None) -> None:
        first, count = self._first.get(message, (line, 0))
        self._first[message] = (first or line, count + 1)

    def messages(self) -> tuple[str, ...]:
        out = []
        for message, (line, count) in self._first.items():
            if count > 1:
                where = f", first at line {line}" if line else ""
                out.append(f"{message} ({count} times{where})")
            else:
                out.append(f"line {line}: {message}" if line else message)
        return tuple(out)


_XML_SPACE = re.compile(r"[ \t\r\n]+")
# Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def collapse(text: str) -> str:
    """Runs of XML white space (space, tab, CR, LF) to one space, trimmed.

    Only XML white space: a no-break or ideographic space is content, not layout.
    """
    return _XML_SPACE.sub(" ", text).strip(" ")


def not_xml(text: str) -> str | None:
    """The first character XML cannot hold, or None."""
    m = _NOT_XML.search(text)
    return m.group() if m else None


def strip_not_xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def note_lines(text: str) -> list[str]:
    """A model note (notes joined by newlines) as its separate notes, each collapsed."""
    return [line for line in (collapse(part) for part in text.split("\n")) if line]


def join_notes(notes: Iterable[str]) -> str:
    """Several notes as one model note: collapsed, empty ones dropped, joined by newlines."""
    return "\n".join(line for note in notes for line in note_lines(note))


def derived_id(prefix: str, terms: Sequence[Term]) -> str:
    """A stable id for an entry that has none: prefix + a short hash of ``zh|en``.

    Built from the first zh and the first en term, so re-importing the same file gives
    the same ids, and the same pair gets the same id whichever column order it had.
    """
    first = {lang: next((t.text for t in terms if t.lang is lang), "") for lang in Lang}
    key = f"{first[Lang.ZH]}|{first[Lang.EN]}".encode()
    return f"{prefix}-{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]}"


class IdRegistry:
    """Hands out concept ids: explicit ids must be unique, derived ones get ``-2``, ``-3``.

    Derived ids collide only when two entries have the same term pair; numbering them in
    file order keeps re-imports idempotent.
    """

    def __init__(self) -> None:
        self._lines: dict[str, int] = {}

    def claim(self, cid: str, line: int) -> int | None:
        """Take ``cid`` for the entry at ``line``; the line that took it before, if any."""
        before = self._lines.get(cid)
        if before is None:
            self._lines[cid] = line
        return before

    def derive(self, cid: str, line: int) -> str:
        """``cid``, or ``cid-2``, ``cid-3``... whichever is still free; taken for ``line``."""
        candidate, n = cid, 1
        while candidate in self._lines:
            n += 1
            candidate = f"{cid}-{n}"
        self._lines[candidate] = line
        return candidate


_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?")
_DATETIME = re.compile(
    r"(-?\d{4,}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?"
)


def xsd_date(value: str, *, with_time: bool = True) -> str | None:
    """``value`` as an XML Schema date (or dateTime when allowed), or None if invalid.

    A space between date and time (as SQLite writes it) is accepted and written as ``T``.
    Without ``with_time`` a date-time is cut to its date (TBX 2 ``<date>`` is xsd:date).
    """
    value = value.strip()
    if _DATE.fullmatch(value):
        return value if _valid_day(value) else None
    m = _DATETIME.fullmatch(value)
    if not m or not _valid_day(m.group(1)) or not _valid_time(m.group(2)):
        return None
    if not with_time:
        return m.group(1)
    return f"{m.group(1)}T{m.group(2)}{m.group(3) or ''}"


def _valid_day(value: str) -> bool:
    year, month, day = value.lstrip("-").split("-", 2)
    try:
        dt.date(2000, int(month), int(day[:2]))  # a leap year: the year is checked below
    except ValueError:
        return False
    return not (int(month) == 2 and int(day[:2]) == 29 and not _leap(int(year)))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _valid_time(value: str) -> bool:
    hour, minute, second = value.split(":")
    return int(hour) < 24 and int(minute) < 60 and float(second) < 61


_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*")
#: Two-letter codes withdrawn from ISO 639-1 that old files still carry (he, id, yi, jv, ro).
_RETIRED = frozenset({"iw", "in", "ji", "jw", "mo"})


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a language tag, or None if it names a real language.

    The primary subtag must be an ISO 639 code (639-1, 639-2 or 639-3), a code of the
    local-use range ``qaa``-``qtz``, or ``x``/``i`` (private-use and grandfathered
    tags); other subtags (region, script) are not checked. Used for languages other than
    zh and en, which a reader drops with a warning when real and refuses otherwise.
    """
    from ._iso639 import ISO_639_1, ISO_639_2_3

    tag = tag.strip()
    if not tag:
        return "the tag is empty"
    if not _LANG_TAG.fullmatch(tag):
        return "not a language tag (BCP 47, e.g. zh-CN, en, fr)"
    primary = re.split(r"[-_]", tag, maxsplit=1)[0].lower()
    if primary in ("x", "i") and len(tag) > 2:
        return None
    if len(primary) == 2 and (primary in ISO_639_1 or primary in _RETIRED):
        return None
    if len(primary) == 3 and (primary in ISO_639_2_3 or "qaa" <= primary <= "qtz"):
        return None
    return f"{primary!r} is not an ISO 639 language code"
