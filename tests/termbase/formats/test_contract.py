"""The contract every termbase format keeps, run against each of them.

Round trip of what the format holds, empty input, bad and odd encodings, Unicode, ids,
standard input and output, one-line errors naming the file and line, atomic writes.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
from pathlib import Path

import pytest

from tests.termbase.formats.strategies import un_concepts
from untm.errors import EncodingError, FormatError, InputError, UsageError
from untm.termbase.formats import (
    ColumnMap,
    TermbaseFormat,
    detect_format,
    read_concepts,
    write_concepts,
)
from untm.termbase.model import Concept, Definition, Evidence, Term, TermStatus
from untm.text.lang import Lang

FORMATS = [TermbaseFormat.TBX, TermbaseFormat.TBX2, TermbaseFormat.TSV, TermbaseFormat.CSV]
SUFFIX = {
    TermbaseFormat.TBX: ".tbx",
    TermbaseFormat.TBX2: ".tbx",
    TermbaseFormat.TSV: ".tsv",
    TermbaseFormat.CSV: ".csv",
}
ONE_LINE_ERROR = re.compile(r"^(?P<file>[^\n]+?): (line (?P<line>\d+): )?[^\n]+$")


def held(concept: Concept, fmt: TermbaseFormat) -> tuple[object, ...]:
    """What ``fmt`` promises to keep of ``concept``, as a comparable value.

    TBX v3 keeps everything; TBX 2 dates without time; a table per language the main
    term with its note, the other terms with their status (an extra preferred one as
    admitted), one definition, and the concept's id, subject, note, source, evidence and
    attestation.
    """
    if fmt is TermbaseFormat.TBX:
        return (concept,)
    if fmt is TermbaseFormat.TBX2:
        return (
            dataclasses.replace(
                concept, created=concept.created[:10], modified=concept.modified[:10]
            ),
        )
    terms = set()
    for lang in Lang:
        found = concept.terms_in(lang)
        if found:
            terms.add(Term(found[0].text, lang, note=found[0].note))
        for t in found[1:]:
            status = TermStatus.ADMITTED if t.status is TermStatus.PREFERRED else t.status
            terms.add(Term(t.text, lang, status=status))
    definition = (Definition(concept.definition),) if concept.definition else ()
    return (
        concept.id,
        frozenset(terms),
        concept.subject,
        definition,
        concept.note,
        concept.source,
        concept.evidence,
        concept.attested,
    )


def _export(tmp_path: Path, fmt: TermbaseFormat, concepts: list[Concept] | None = None) -> Path:
    out = tmp_path / f"export{SUFFIX[fmt]}"
    write_concepts(concepts or un_concepts(tmp_path), out, fmt)
    return out


@pytest.fixture(params=FORMATS, ids=[f.value for f in FORMATS])
def fmt(request: pytest.FixtureRequest) -> TermbaseFormat:
    return TermbaseFormat(request.param)


def test_round_trip_keeps_what_the_format_holds(tmp_path: Path, fmt: TermbaseFormat) -> None:
    concepts = un_concepts(tmp_path)
    result = read_concepts(_export(tmp_path, fmt), fmt)
    assert [held(c, fmt) for c in result.concepts] == [held(c, fmt) for c in concepts]
    assert result.skipped == 0


def test_the_round_trip_keeps_the_evidence(tmp_path: Path, fmt: TermbaseFormat) -> None:
    concepts = un_concepts(tmp_path)
    assert {c.evidence for c in concepts} == {*Evidence, None}  # the test data has each
    back = read_concepts(_export(tmp_path, fmt), fmt).concepts
    assert [(c.evidence, c.attested) for c in back] == [(c.evidence, c.attested) for c in concepts]


def test_exports_carry_no_untm_notes(tmp_path: Path, fmt: TermbaseFormat) -> None:
    """untm's own data (exclusions, proper nouns in TBX v3, evidence) is not written as
    a note a CAT tool would show: nothing starting ``untm:`` anywhere in the file."""
    concepts = un_concepts(tmp_path)
    assert any(t.exclude for c in concepts for t in c.terms)
    text = _export(tmp_path, fmt).read_text(encoding="utf-8-sig")
    assert "untm:" not in text


def test_format_is_detected_from_the_file(tmp_path: Path, fmt: TermbaseFormat) -> None:
    assert detect_format(_export(tmp_path, fmt)) is fmt


def test_reimport_is_idempotent(tmp_path: Path, fmt: TermbaseFormat) -> None:
    path = _export(tmp_path, fmt)
    assert read_concepts(path).concepts == read_concepts(path).concepts
    assert [c.id for c in read_concepts(path).concepts] == [c.id for c in un_concepts(tmp_path)]


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"])
def test_empty_input_is_a_format_error(tmp_path: Path, fmt: TermbaseFormat, content: bytes) -> None:
    path = tmp_path / f"empty{SUFFIX[fmt]}"
    path.write_bytes(content)
    with pytest.raises(FormatError, match="empty") as err:
        read_concepts(path, fmt)
    assert ONE_LINE_ERROR.match(str(err.value))
    assert str(err.value).startswith(str(path))


def _line_with(data: bytes, needle: str) -> int:
    return data[: data.index(needle.encode())].count(b"\n") + 1


@pytest.mark.parametrize("wrong", ["gbk", "latin-1"])
def test_bytes_in_another_encoding_are_an_encoding_error_with_the_line(
    tmp_path: Path, fmt: TermbaseFormat, wrong: str
) -> None:
    """A line in GBK or Latin-1 inside a UTF-8 file (mixed encodings)."""
    path = _export(tmp_path, fmt)
    data = path.read_bytes()
    needle = "资产追回" if wrong == "gbk" else "Member State"
    replacement = needle.encode(wrong) if wrong == "gbk" else "Member État".encode(wrong)
    line = _line_with(data, needle)
    path.write_bytes(data.replace(needle.encode(), replacement, 1))
    with pytest.raises(EncodingError) as err:
        read_concepts(path, fmt)
    assert err.value.line == line
    assert ONE_LINE_ERROR.match(str(err.value))


def _as_utf16(data: bytes, fmt: TermbaseFormat) -> bytes:
    text = data.decode("utf-8-sig")
    if fmt in (TermbaseFormat.TBX, TermbaseFormat.TBX2):
        text = text.replace("encoding='UTF-8'", "encoding='UTF-16'", 1)
    return text.encode("utf-16")  # with a byte-order mark


def test_utf16_with_bom_is_read(tmp_path: Path, fmt: TermbaseFormat) -> None:
    path = _export(tmp_path, fmt)
    expected = read_concepts(path, fmt).concepts
    path.write_bytes(_as_utf16(path.read_bytes(), fmt))
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert read_concepts(path, fmt).concepts == expected


def test_utf16_without_bom_is_never_misread(tmp_path: Path, fmt: TermbaseFormat) -> None:
    """XML announces UTF-16 by its declaration ("<?" as 3C 00 3F 00), so TBX is read; a
    table cannot say, and reading it as UTF-8 would import NUL-riddled garbage."""
    path = _export(tmp_path, fmt)
    expected = read_concepts(path, fmt).concepts
    path.write_bytes(_as_utf16(path.read_bytes(), fmt)[2:])
    if fmt.is_xml:
        assert read_concepts(path, fmt).concepts == expected
        return
    with pytest.raises(EncodingError, match="byte-order mark") as err:
        read_concepts(path, fmt)
    assert err.value.line == 1
    assert ONE_LINE_ERROR.match(str(err.value))


def test_unicode_beyond_the_bmp_and_significant_spaces_survive(
    tmp_path: Path, fmt: TermbaseFormat
) -> None:
    concept = Concept(
        id="unicode",
        terms=(
            Term("𠀀𪚥 会员国", Lang.ZH, note="全角　空格"),  # CJK extension B, ideographic space
            Term("State\u00a0party 🇺🇳", Lang.EN),  # no-break space, flag emoji
        ),
        note='Ünïcödé, «quotes» and "double" quotes; a | b',
    )
    (back,) = read_concepts(_export(tmp_path, fmt, [concept]), fmt).concepts
    assert held(back, fmt) == held(concept, fmt)


def test_errors_are_one_line_naming_the_file(tmp_path: Path, fmt: TermbaseFormat) -> None:
    missing = tmp_path / f"missing{SUFFIX[fmt]}"
    with pytest.raises(InputError, match="no such file") as err:
        read_concepts(missing, fmt)
    assert str(err.value) == f"{missing}: no such file"


def test_stdin_and_stdout(
    tmp_path: Path,
    fmt: TermbaseFormat,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    concepts = un_concepts(tmp_path)
    assert write_concepts(concepts, "-", fmt) == len(concepts)
    data = capsysbinary.readouterr().out
    assert data == _export(tmp_path, fmt).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_concepts("-", fmt)
    assert [held(c, fmt) for c in result.concepts] == [held(c, fmt) for c in concepts]
    bad = b"" if fmt.is_xml else b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bad)))
    with pytest.raises(FormatError, match=r"^<stdin>: "):
        read_concepts("-", fmt)


def test_a_failed_export_leaves_the_previous_file(tmp_path: Path, fmt: TermbaseFormat) -> None:
    path = _export(tmp_path, fmt)
    before = path.read_bytes()
    no_terms = [dataclasses.replace(c, terms=()) for c in un_concepts(tmp_path)]
    with pytest.raises(UsageError, match="nothing to export"):
        write_concepts(no_terms, path, fmt)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_exports_get_ordinary_file_permissions(tmp_path: Path, fmt: TermbaseFormat) -> None:
    umask = os.umask(0o022)
    try:
        path = _export(tmp_path, fmt)
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_columns_are_refused_for_tbx(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="TSV and CSV"):
        write_concepts(
            un_concepts(tmp_path),
            tmp_path / "x.tbx",
            TermbaseFormat.TBX,
            columns=ColumnMap.omegat(),
        )


def test_unknown_extension_needs_an_explicit_format(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(UsageError, match="tbx, tbx2, tsv or csv"):
        read_concepts(path)
    with pytest.raises(UsageError):
        detect_format("-")


def test_an_encoding_given_for_tsv_is_used(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes("zh\ten\n会员国\tMember State\n".encode("gbk"))
    with pytest.raises(EncodingError) as err:
        read_concepts(path)
    assert err.value.line == 2 and "UTF-8" in str(err.value)
    (concept,) = read_concepts(path, encoding="gbk").concepts
    assert concept.terms[0].text == "会员国"


@pytest.mark.parametrize("content", [b"", b"  \n", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"])
def test_an_empty_tbx_is_empty_when_the_format_is_detected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.tbx"
    path.write_bytes(content)
    with pytest.raises(FormatError) as err:
        read_concepts(path)
    assert str(err.value) == f"{path}: the file is empty"


def test_a_tbx_without_root_element_gets_the_parser_message(tmp_path: Path) -> None:
    path = tmp_path / "decl.tbx"
    path.write_bytes(b'<?xml version="1.0"?>\n<!-- nothing else -->\n')
    with pytest.raises(FormatError, match="not well-formed XML") as err:
        read_concepts(path)
    assert err.value.line is not None
