"""TSV and CSV glossaries: one concept per row, columns mapped to roles by a ColumnMap.

A :class:`ColumnMap` says which column holds what, in a syntax made for the command
line: ``zh=zh,en=en,zh_aliases=zh:admitted,code=id,source_url=source``. Columns are
named by their header, or by position (``1=zh,2=en,3=note``) for files without one.
Roles: ``zh``/``en`` (the main term), ``zh:admitted`` (more terms, split on ``;`` or
``|``; also ``zh:deprecated``, ``zh:superseded``, ``zh:preferred``), ``zh:note`` (note on
the main term), ``zh:status`` (status of the main term; ``status`` for both), and the
concept's ``id``, ``subject``, ``definition``, ``note``, ``source``, ``evidence`` (how
its English is attested: ``un-document``, ``un-terminology`` or ``project``) and
``attested`` (where).

Without a map the first row decides: a header (``zh``, ``en``, ``chinese``, ``en-US``,
``zh_aliases``, ``code``, ``domain``, ``comment``, ``source_url``...) is mapped by its
names; otherwise the file is an OmegaT glossary - source term, target term, comment,
zh -> en unless ``omegat:en-zh`` is given - with ``#`` comment lines and no quoting.
Headed TSV is read and written with spreadsheet quoting (Excel "Text (Tab delimited)"),
so a note may hold line breaks; the OmegaT layout puts a line break as `` / ``.

Reading is strict where leniency would store wrong data: a quoted cell that is never
closed, or text after a closing quote, is a FormatError naming the line (the csv module
would otherwise swallow the rest of the file into one cell). When the layout is guessed
(no map, no header untm knows), the first row must be a Chinese-English entry: a row
without Chinese in column 1 (``foo TAB bar``, an unknown header, an English-first
glossary) is refused with line 1 and a hint at ``--columns``. A row with a term in one
of the mapped languages but not the other is skipped and reported as a warning (a term
without its equivalent is no glossary entry); a map with one language only reads
one-language concepts, as asked.

A row without an id gets ``tsv-`` + a hash of its zh|en pair, so importing the same
file twice gives the same concepts.

What TSV/CSV keep: id, subject, one definition (the first), concept note and source,
evidence and attestation, per language the main term with its note and status and the
other terms with their status (statuses without a column: extra preferred terms go to
the admitted column, others are left out). Not kept: term type, part of speech,
context, geographical usage, term sources, exclusions, language-level definitions,
definition sources, dates. CSV is written with a UTF-8 byte-order mark, which Excel
needs to show Chinese.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from untm.errors import FormatError, InputError, LanguageError, UsageError
from untm.text.lang import Lang, has_cjk, lang_of_tag

from ..model import Concept, Definition, Evidence, Term, TermStatus
from ._common import (
    Findings,
    IdRegistry,
    ReadResult,
    collapse,
    derived_id,
    join_notes,
    not_xml,
    note_lines,
    strip_not_xml,
)


class Field(StrEnum):
    """What a column holds."""

    TERM = "term"
    ALIASES = "aliases"
    TERM_NOTE = "term-note"
    STATUS = "status"
    ID = "id"
    SUBJECT = "subject"
    DEFINITION = "definition"
    NOTE = "note"
    SOURCE = "source"
    EVIDENCE = "evidence"
    ATTESTED = "attested"


_CONCEPT_FIELDS = (
    Field.ID,
    Field.SUBJECT,
    Field.DEFINITION,
    Field.NOTE,
    Field.SOURCE,
    Field.EVIDENCE,
    Field.ATTESTED,
)
_LANG_NAMES = {
    "chinese": Lang.ZH,
    "中文": Lang.ZH,
    "汉语": Lang.ZH,
    "english": Lang.EN,
    "英文": Lang.EN,
}
_LANG_NAMES |= {"英语": Lang.EN}
_HEADER_NAMES = {
    **dict.fromkeys(("id", "code", "concept_id", "conceptid", "entry_id", "term_id"), Field.ID),
    **dict.fromkeys(("subject", "domain", "subject_field", "field"), Field.SUBJECT),
    **dict.fromkeys(("definition", "definitions", "def"), Field.DEFINITION),
    **dict.fromkeys(("note", "notes", "comment", "comments", "remark", "remarks"), Field.NOTE),
    **dict.fromkeys(("source", "sources", "source_url", "url", "reference"), Field.SOURCE),
    **dict.fromkeys(("evidence", "reliability"), Field.EVIDENCE),
    **dict.fromkeys(("attested", "attested_in", "attestation"), Field.ATTESTED),
}
_ALIAS_WORDS = ("aliases", "alias", "synonyms", "synonym", "variants", "variant")
_NOTE_WORDS = ("note", "notes", "comment", "comments")
#: Column names that are languages untm does not keep: reported, not taken for data.
_OTHER_LANGUAGES = frozenset(
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "  # noqa: SIM905
    "cy da de dv dz ee el eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr "
    "nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so "
    "sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa "
    "wo xh yi yo za zu ara fra fre spa rus deu ger por jpn kor arabic french spanish "
    "russian german portuguese japanese korean".split()
)
_ALIAS_SPLIT = re.compile(r"[;|]")


def _norm(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip('"').lower().replace(" ", "_").replace("-", "_")


# A language as a column name: primary subtag, then only regions and common scripts, so
# that ``en_note`` or ``zh_aliases`` are not taken for languages (lang_of_tag would).
_LANG_COLUMN = re.compile(r"[a-z]{2,3}(_([a-z]{2}|\d{3}|hans|hant|latn))*")


def _lang_of(name: str) -> Lang | None:
    """zh/en from a column name or role word: ``zh``, ``zh_CN``, ``en-US``, ``chinese``."""
    name = _norm(name)
    if name in _LANG_NAMES:
        return _LANG_NAMES[name]
    return lang_of_tag(name.replace("_", "-")) if _LANG_COLUMN.fullmatch(name) else None


@dataclass(frozen=True, slots=True)
class Role:
    """What one column holds; ``lang`` for term roles, ``status`` for ALIASES."""

    field: Field
    lang: Lang | None = None
    status: TermStatus = TermStatus.ADMITTED

    def __str__(self) -> str:
        lang = self.lang.value if self.lang else ""
        if self.field is Field.TERM:
            return lang
        if self.field is Field.ALIASES:
            return f"{lang}:{self.status.value}"
        if self.field is Field.TERM_NOTE:
            return f"{lang}:note"
        if self.field is Field.STATUS:
            return f"{lang}:status" if lang else "status"
        return self.field.value

    @classmethod
    def parse(cls, text: str) -> Role:
        """A role from its CLI spelling (see the module docstring); UsageError if unknown."""
        head, _, detail = (part.strip() for part in text.partition(":"))
        if not detail:
            field = _HEADER_NAMES.get(_norm(head))
            if field is not None:
                return cls(field)
            if _norm(head) == "status":
                return cls(Field.STATUS)
        lang = _lang_of(head)
        if lang is not None:
            role = cls.for_detail(lang, _norm(detail)) if detail else cls(Field.TERM, lang)
            if role is not None:
                return role
        raise UsageError(
            f"unknown column role {text!r}: use zh, en, zh:admitted, zh:deprecated, zh:note, "
            "zh:status (or en:...), id, subject, definition, note, source, evidence, "
            "attested or status"
        )

    @classmethod
    def for_detail(cls, lang: Lang, detail: str) -> Role | None:
        """The role for ``<lang>:<detail>`` or a header ``<lang>_<detail>``, if any."""
        if detail in _ALIAS_WORDS:
            return cls(Field.ALIASES, lang)
        if detail in _NOTE_WORDS:
            return cls(Field.TERM_NOTE, lang)
        if detail == "status":
            return cls(Field.STATUS, lang)
        if detail in {s.value for s in TermStatus}:
            return cls(Field.ALIASES, lang, TermStatus(detail))
        return None


@dataclass(frozen=True, slots=True)
class Column:
    """A column by header name, or by 1-based position written as digits."""

    key: str
    role: Role

    @property
    def position(self) -> int | None:
        return int(self.key) - 1 if self.key.isdigit() else None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column holds what; ``header`` says whether the first row names the columns."""

    columns: tuple[Column, ...]
    header: bool = True

    def __str__(self) -> str:
        return ",".join(f"{c.key}={c.role}" for c in self.columns)

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """``zh=zh,en=en,zh_aliases=zh:admitted,code=id``, ``1=en,2=zh,3=note``,
        ``omegat`` or ``omegat:en-zh``; UsageError for anything else."""
        spec = spec.strip()
        if spec.lower().startswith("omegat"):
            return cls._parse_omegat(spec)
        columns = []
        for item in filter(None, (i.strip() for i in spec.split(","))):
            key, sep, role = item.partition("=")
            if not sep or not key.strip():
                raise UsageError(
                    f"column mapping {item!r} is not column=role (e.g. zh_aliases=zh:admitted)"
                )
            columns.append(Column(key.strip(), Role.parse(role)))
        if not columns:
            raise UsageError("the column mapping is empty")
        for a, b in _pairs(columns):
            if a.role == b.role or _norm(a.key) == _norm(b.key):
                raise UsageError(f"columns {a.key!r} and {b.key!r} clash in the column mapping")
        if any(c.key == "0" for c in columns):
            raise UsageError("column positions start at 1")
        return cls(tuple(columns), header=not all(c.key.isdigit() for c in columns))

    @classmethod
    def _parse_omegat(cls, spec: str) -> ColumnMap:
        _, _, pair = spec.partition(":")
        if not pair:
            return cls.omegat()
        langs = [_lang_of(p) for p in pair.split("-")]
        if len(langs) != 2 or None in langs or langs[0] is langs[1]:
            raise UsageError(f"{spec!r}: write omegat:zh-en or omegat:en-zh")
        src, tgt = langs
        assert src is not None and tgt is not None
        return cls.omegat(src, tgt)

    @classmethod
    def omegat(cls, source: Lang = Lang.ZH, target: Lang = Lang.EN) -> ColumnMap:
        """OmegaT's glossary layout: source term, target term, comment; no header."""
        return cls(
            (
                Column("1", Role(Field.TERM, source)),
                Column("2", Role(Field.TERM, target)),
                Column("3", Role(Field.NOTE)),
            ),
            header=False,
        )

    @classmethod
    def default(cls) -> ColumnMap:
        """The columns written when none are given: everything a row can hold."""
        return cls.parse(
            "id=id,zh=zh,en=en,zh_aliases=zh:admitted,en_aliases=en:admitted,"
            "zh_deprecated=zh:deprecated,en_deprecated=en:deprecated,"
            "zh_superseded=zh:superseded,en_superseded=en:superseded,subject=subject,"
            "definition=definition,source=source,evidence=evidence,attested=attested,"
            "note=note,zh_note=zh:note,en_note=en:note"
        )

    @classmethod
    def detect(cls, cells: Sequence[str]) -> ColumnMap | None:
        """The map a header row implies, or None if the row is not a header.

        A header names at least one known column or language and holds no Chinese
        besides language names, which a data row of a zh-en glossary always does. A
        ``source``/``target`` header without languages is OmegaT's layout (zh -> en).
        """
        names = [_norm(c) for c in cells]
        if "source" in names and "target" in names and not any(map(_lang_of, names)):
            return cls(tuple(_omegat_header(cells, names)))
        roles = [_header_role(n) for n in names]
        known = any(roles) or any(n in _OTHER_LANGUAGES for n in names)
        if not known or any(has_cjk(n) for n in names if n not in _LANG_NAMES):
            return None
        columns: list[Column] = []
        for cell, role in zip(cells, roles, strict=True):
            if role is not None and all(c.role != role for c in columns):
                columns.append(Column(cell.strip().lstrip("\ufeff"), role))
        return cls(tuple(columns))


def _omegat_header(cells: Sequence[str], names: Sequence[str]) -> Iterator[Column]:
    """Columns of a ``source, target, comment`` header: OmegaT's layout, zh -> en."""
    layout = {"source": Role(Field.TERM, Lang.ZH), "target": Role(Field.TERM, Lang.EN)}
    for cell, name in zip(cells, names, strict=True):
        if name in layout:
            yield Column(cell.strip(), layout[name])
        elif name in _NOTE_WORDS:
            yield Column(cell.strip(), Role(Field.NOTE))


def _header_role(name: str) -> Role | None:
    if name in _HEADER_NAMES:
        return Role(_HEADER_NAMES[name])
    lang = _lang_of(name)
    if lang is not None:
        return Role(Field.TERM, lang)
    head, _, detail = name.rpartition("_")
    lang = _lang_of(head) if head else None
    return Role.for_detail(lang, detail) if lang else None


def _pairs(columns: Sequence[Column]) -> Iterator[tuple[Column, Column]]:
    for i, a in enumerate(columns):
        for b in columns[i + 1 :]:
            yield a, b


# ----------------------------------------------------------------------------- reading


def read(
    text: str,
    source: str | os.PathLike[str],
    *,
    delimiter: str,
    columns: ColumnMap | None,
    source_lang: Lang | None = None,
) -> ReadResult:
    """Concepts of a decoded TSV (``delimiter="\\t"``) or CSV (``","``) file.

    ``source_lang`` is the language of column 1 of a file without a header (an OmegaT
    glossary: source, target, comment; default zh); a header names its own languages.
    """
    return _TableReader(text, source, delimiter, columns, source_lang).read()


class _TableReader:
    def __init__(
        self,
        text: str,
        source: str | os.PathLike[str],
        delimiter: str,
        columns: ColumnMap | None,
        source_lang: Lang | None = None,
    ):
        self.text, self.source, self.delimiter = text, source, delimiter
        self.source_lang = source_lang or Lang.ZH
        self.findings = Findings()
        self.ids = IdRegistry()
        self.skipped = 0
        self.one_sided = 0  # rows with a term in one of the mapped languages only
        self.langs: set[Lang] = set()
        first = next(self.rows(quoted=delimiter != "\t"), None)
        #: the layout was guessed (no map given, no header recognized): OmegaT's
        self.guessed = False
        if columns is None:
            detected = ColumnMap.detect(first[1]) if first else None
            self.guessed = detected is None
            columns = detected or ColumnMap.omegat(self.source_lang, self.source_lang.other)
            if detected is not None and source_lang is not None:
                self.findings.warn("--source-lang ignored: the header names the languages", 1)
        self.map = columns
        self.quoted = columns.header or delimiter != "\t"
        self.positions: list[tuple[int, Role]] = []

    def rows(self, *, quoted: bool) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of each non-blank record; OmegaT ``#`` lines skipped."""
        if not quoted:
            for n, line in enumerate(self.text.split("\n"), 1):
                line = line.rstrip("\r")
                if line.strip() and not line.startswith("#"):
                    yield n, line.split("\t")
            return
        dialect = "excel-tab" if self.delimiter == "\t" else "excel"
        reader = csv.reader(io.StringIO(self.text, newline=""), dialect=dialect, strict=True)
        start = 1
        try:
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield start, cells
                start = reader.line_num + 1
        except csv.Error as exc:
            raise FormatError(self.source, _csv_problem(exc, self.delimiter), line=start) from None

    def read(self) -> ReadResult:
        rows = self.rows(quoted=self.quoted)
        if self.map.header:
            first = next(rows, None)
            if first is None:
                raise FormatError(self.source, "the file is empty")
            self.resolve(first[1])
        else:
            self.positions = [(c.position or 0, c.role) for c in self.map.columns]
        if self.guessed:
            rows = self.check_guess(rows)
        self.langs = {role.lang for _, role in self.positions if role.lang is not None}
        concepts, entries = [], 0
        for line, cells in rows:
            entries += 1
            concept = self.concept(line, cells)
            if concept is not None:
                concepts.append(concept)
        if not concepts:
            raise self.nothing_found(entries)
        empty = self.skipped - self.one_sided
        if empty:
            self.findings.warn(f"{empty} rows without a zh or en term skipped")
        return ReadResult(tuple(concepts), self.findings.messages(), self.skipped)

    def check_guess(self, rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        """Refuse a file taken for an OmegaT glossary whose first row is no zh-en entry.

        Without a column map or a header untm knows, column 1 is the Chinese term
        (column 2 with ``--source-lang en``). A first row without Chinese there is a
        header untm does not know (``foo TAB bar``) or a glossary of the other
        direction; importing it would make English "Chinese" terms, so the user is
        asked for the columns instead.
        """
        first = next(rows, None)
        if first is None:
            return
        line, cells = first
        zh_col, other_col = (0, 1) if self.source_lang is Lang.ZH else (1, 0)
        if not has_cjk(cells[zh_col] if len(cells) > zh_col else ""):
            shown = " | ".join(c.strip() for c in cells[:4])
            if any(has_cjk(c) for c in cells[other_col : other_col + 1]):
                other = self.source_lang.other
                names = {Lang.ZH: "Chinese", Lang.EN: "English"}
                raise LanguageError(
                    self.source,
                    f"column {zh_col + 1} has no Chinese but column {other_col + 1} has "
                    f"({shown}): for an OmegaT glossary from {names[other]} to "
                    f"{names[other.other]} give --source-lang {other.value}",
                    line=line,
                )
            raise FormatError(
                self.source,
                f"the first row ({shown}) is neither a header untm knows (zh, en, note, id, "
                f"...) nor a Chinese-English entry (no Chinese in column {zh_col + 1}); name "
                "the columns in a header, or give --columns (e.g. 1=zh,2=en,3=note)",
                line=line,
            )
        yield first
        yield from rows

    def nothing_found(self, entries: int) -> InputError:
        if not entries:
            return FormatError(self.source, "no entries in the file")
        cols = ", ".join(str(c.key) for c in self.map.columns if c.role.lang) or "none"
        return LanguageError(self.source, f"no zh or en term in the file (term columns: {cols})")

    def resolve(self, header: list[str]) -> None:
        """Column positions for the map's keys; report the columns not imported."""
        names = [_norm(h) for h in header]
        for col in self.map.columns:
            index = col.position if col.position is not None else _find(names, _norm(col.key))
            if index is None:
                raise FormatError(
                    self.source,
                    f"no column {col.key!r} in the header ({', '.join(header)})",
                    line=1,
                )
            self.positions.append((index, col.role))
        if not any(role.lang for _, role in self.positions):
            others = [h for h, n in zip(header, names, strict=True) if n in _OTHER_LANGUAGES]
            found = f" (languages: {', '.join(others)})" if others else ""
            raise LanguageError(self.source, f"no zh or en column in the header{found}", line=1)
        used = {i for i, _ in self.positions}
        ignored = [h for i, h in enumerate(header) if i not in used and h.strip()]
        if ignored:
            self.findings.warn(f"columns not imported: {', '.join(ignored)}", 1)

    def cell(self, cells: list[str], index: int, line: int) -> str:
        value = cells[index] if index < len(cells) else ""
        if not_xml(value):
            self.findings.warn("control characters removed", line)
            value = strip_not_xml(value)
        return value

    def values(self, cells: list[str], line: int) -> list[tuple[Role, str]]:
        return [(role, self.cell(cells, i, line)) for i, role in self.positions]

    def concept(self, line: int, cells: list[str]) -> Concept | None:
        values = self.values(cells, line)
        terms = [t for lang in Lang for t in self.terms(values, lang, line)]
        if not terms:
            self.skipped += 1
            return None
        missing = [
            lang for lang in Lang if lang in self.langs and all(t.lang != lang for t in terms)
        ]
        if missing:  # a term without its equivalent: reported, not made a one-language concept
            self.skipped += 1
            self.one_sided += 1
            self.findings.warn(
                f"row without a{'n' if missing[0] is Lang.EN else ''} "
                f"{missing[0].value} term skipped",
                line,
            )
            return None
        single = {r.field: collapse(v) for r, v in values if r.field in _CONCEPT_FIELDS}
        note = join_notes(v for r, v in values if r.field is Field.NOTE)
        cid = single.get(Field.ID, "")
        if cid:
            before = self.ids.claim(cid, line)
            if before is not None:
                raise FormatError(
                    self.source, f"id {cid!r} is used twice (first at line {before})", line=line
                )
        else:
            cid = self.ids.derive(derived_id("tsv", terms), line)
        definition = single.get(Field.DEFINITION, "")
        return Concept(
            id=cid,
            terms=tuple(terms),
            subject=single.get(Field.SUBJECT, ""),
            definitions=(Definition(definition),) if definition else (),
            note=note,
            source=single.get(Field.SOURCE, ""),
            evidence=self.evidence(single.get(Field.EVIDENCE, ""), line),
            attested=single.get(Field.ATTESTED, ""),
        )

    def evidence(self, value: str, line: int) -> Evidence | None:
        if not value:
            return None
        try:
            return Evidence(value.lower())
        except ValueError:
            kinds = ", ".join(e.value for e in Evidence)
            raise FormatError(
                self.source, f"{value!r} is not an evidence kind ({kinds})", line=line
            ) from None

    def terms(self, values: list[tuple[Role, str]], lang: Lang, line: int) -> list[Term]:
        mine = [(r, v) for r, v in values if r.lang is lang]
        main = next((collapse(v) for r, v in mine if r.field is Field.TERM), "")
        status = self.status(values, lang, line)
        note = join_notes(v for r, v in mine if r.field is Field.TERM_NOTE)
        terms = [Term(main, lang, status=status, note=note)] if main else []
        seen = {main}
        for role, value in mine:
            if role.field is Field.ALIASES:
                for alias in filter(None, map(collapse, _ALIAS_SPLIT.split(value))):
                    if alias not in seen:
                        seen.add(alias)
                        terms.append(Term(alias, lang, status=role.status))
        return terms

    def status(self, values: list[tuple[Role, str]], lang: Lang, line: int) -> TermStatus:
        for role, value in values:
            if role.field is Field.STATUS and role.lang in (lang, None) and collapse(value):
                try:
                    return TermStatus.from_tbx(collapse(value))
                except ValueError:
                    raise FormatError(
                        self.source,
                        f"{collapse(value)!r} is not a term status (preferred, admitted, "
                        "deprecated, superseded)",
                        line=line,
                    ) from None
        return TermStatus.PREFERRED


def _csv_problem(exc: csv.Error, delimiter: str) -> str:
    """A csv module error in words a spreadsheet user knows."""
    what = "TSV" if delimiter == "\t" else "CSV"
    text = str(exc)
    if "unexpected end of data" in text:
        return f'not valid {what}: a quoted cell is never closed (a " without its closing ")'
    if "expected after" in text:
        return (
            f'not valid {what}: text after the closing " of a quoted cell '
            '(a " inside a quoted cell is written "")'
        )
    return f"not valid {what}: {text}"


def _find(names: list[str], key: str) -> int | None:
    return names.index(key) if key in names else None


# ----------------------------------------------------------------------------- writing


def write(
    concepts: Iterable[Concept], *, delimiter: str, columns: ColumnMap | None
) -> tuple[str, int]:
    """The text of a TSV or CSV file for ``concepts`` and the number of rows written.

    Concepts with no term in the mapped languages are left out; none at all is a
    UsageError.
    """
    cmap = columns or ColumnMap.default()
    ordered = (
        sorted(cmap.columns, key=lambda c: c.position or 0) if not cmap.header else cmap.columns
    )
    roles = [c.role for c in ordered]
    rows = [row for row in (_row(c, roles) for c in concepts) if row is not None]
    if not rows:
        raise UsageError("nothing to export: no concept has a term in the mapped languages")
    out = io.StringIO()
    if not cmap.header and delimiter == "\t":  # OmegaT: no quoting, one line per entry
        for row in rows:
            out.write("\t".join(" / ".join(note_lines(cell)) for cell in row) + "\n")
        return out.getvalue(), len(rows)
    writer = csv.writer(
        out, dialect="excel-tab" if delimiter == "\t" else "excel", lineterminator="\n"
    )
    if cmap.header:
        writer.writerow([c.key for c in ordered])
    writer.writerows(rows)
    return out.getvalue(), len(rows)


def _row(concept: Concept, roles: Sequence[Role]) -> list[str] | None:
    langs = {r.lang for r in roles if r.field in (Field.TERM, Field.ALIASES)}
    if not any(t.lang in langs for t in concept.terms):
        return None
    return [_cell(concept, role, roles) for role in roles]


def _cell(concept: Concept, role: Role, roles: Sequence[Role]) -> str:
    if role.field in _CONCEPT_FIELDS:
        return {
            Field.ID: concept.id,
            Field.SUBJECT: collapse(concept.subject),
            Field.DEFINITION: collapse(concept.definition),
            Field.NOTE: join_notes([concept.note]),
            Field.SOURCE: collapse(concept.source),
            Field.EVIDENCE: concept.evidence.value if concept.evidence else "",
            Field.ATTESTED: collapse(concept.attested),
        }[role.field]
    langs = [role.lang] if role.lang else list(Lang)
    terms = [t for lang in langs for t in concept.terms_in(lang)]
    if not terms:
        return ""
    main = terms[0]
    if role.field is Field.TERM:
        return collapse(main.text)
    if role.field is Field.TERM_NOTE:
        return join_notes([main.note])
    if role.field is Field.STATUS:
        return main.status.value
    extras = [t for t in terms[1:] if _alias_status(t.status, role.lang, roles) is role.status]
    return "|".join(collapse(t.text) for t in extras)


def _alias_status(
    status: TermStatus, lang: Lang | None, roles: Sequence[Role]
) -> TermStatus | None:
    """The ALIASES column status a term of ``status`` goes to: its own if mapped; an extra
    preferred term to the admitted column; otherwise none (left out)."""
    mapped = {r.status for r in roles if r.field is Field.ALIASES and r.lang is lang}
    if status in mapped:
        return status
    if status is TermStatus.PREFERRED and TermStatus.ADMITTED in mapped:
        return TermStatus.ADMITTED
    return None
