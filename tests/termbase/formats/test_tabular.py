"""TSV and CSV: column maps, header detection, the UNDRR glossary, the OmegaT layout."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.support import need_shared
from tests.termbase.formats.strategies import un_concepts
from untm._ttk import read_omegat_with_ttk
from untm.errors import FormatError, LanguageError, UsageError
from untm.termbase.formats import (
    Column,
    ColumnMap,
    Field,
    Role,
    TermbaseFormat,
    read_concepts,
    write_concepts,
)
from untm.termbase.model import Evidence, TermStatus
from untm.text.lang import Lang


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ----------------------------------------------------------------------------- ColumnMap


def test_column_map_parses_the_cli_syntax() -> None:
    cmap = ColumnMap.parse("zh=zh,en=en,zh_aliases=zh:admitted,code=id,source_url=source")
    assert cmap.header
    assert cmap.columns == (
        Column("zh", Role(Field.TERM, Lang.ZH)),
        Column("en", Role(Field.TERM, Lang.EN)),
        Column("zh_aliases", Role(Field.ALIASES, Lang.ZH, TermStatus.ADMITTED)),
        Column("code", Role(Field.ID)),
        Column("source_url", Role(Field.SOURCE)),
    )
    assert ColumnMap.parse(str(cmap)) == cmap


@pytest.mark.parametrize(
    ("spec", "role"),
    [
        ("zh-CN", Role(Field.TERM, Lang.ZH)),
        ("english", Role(Field.TERM, Lang.EN)),
        ("en:deprecated", Role(Field.ALIASES, Lang.EN, TermStatus.DEPRECATED)),
        ("zh:aliases", Role(Field.ALIASES, Lang.ZH, TermStatus.ADMITTED)),
        ("en:note", Role(Field.TERM_NOTE, Lang.EN)),
        ("zh:status", Role(Field.STATUS, Lang.ZH)),
        ("status", Role(Field.STATUS)),
        ("comment", Role(Field.NOTE)),
        ("domain", Role(Field.SUBJECT)),
    ],
)
def test_roles_have_friendly_spellings(spec: str, role: Role) -> None:
    assert Role.parse(spec) == role


@pytest.mark.parametrize(
    "spec", ["zh", "zh=fr", "a=zh,b=zh", "zh=zh,ZH=en", "0=zh", "", "1=zh:colour"]
)
def test_bad_column_maps_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError):
        ColumnMap.parse(spec)


def test_positional_maps_have_no_header_and_omegat_is_a_shorthand() -> None:
    assert not ColumnMap.parse("1=en,2=zh,3=note").header
    assert ColumnMap.parse("omegat:en-zh") == ColumnMap.parse("1=en,2=zh,3=note")
    assert ColumnMap.parse("omegat") == ColumnMap.omegat(Lang.ZH, Lang.EN)
    with pytest.raises(UsageError):
        ColumnMap.parse("omegat:zh-zh")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Chinese", "English", "Comment"], "Chinese=zh,English=en,Comment=note"),
        (
            ["id", "zh-CN", "en-US", "zh_synonyms", "en_note"],
            "id=id,zh-CN=zh,en-US=en,zh_synonyms=zh:admitted,en_note=en:note",
        ),
        (["source", "target", "comment"], "source=zh,target=en,comment=note"),
        (["en", "fr", "es"], "en=en"),
    ],
)
def test_header_detection(header: list[str], expected: str) -> None:
    assert ColumnMap.detect(header) == ColumnMap.parse(expected)


@pytest.mark.parametrize("row", [["受影响", "Affected"], ["UNODC", "UNODC", ""], ["UN", "联合国"]])
def test_data_rows_are_not_taken_for_headers(row: list[str]) -> None:
    assert ColumnMap.detect(row) is None


# ------------------------------------------------------------------------ the UNDRR file


def test_undrr_glossary_imports_with_codes_and_sources() -> None:
    path = need_shared("terms", "undrr_term_zh_en.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    result = read_concepts(path)
    assert len(result.concepts) == len(rows)
    for row, concept in zip(rows, result.concepts, strict=True):
        assert concept.id == row["code"]
        assert concept.source == row["source_url"]
        assert concept.terms_in(Lang.ZH)[0].text == row["zh"]
        assert concept.terms_in(Lang.EN)[0].text == row["en"]
    assert any("project" in w and "zh_confidence" in w for w in result.warnings)


def test_undrr_alias_columns_become_admitted_terms(tmp_path: Path) -> None:
    """The published file has its alias columns empty; fill two rows to prove they import."""
    lines = need_shared("terms", "undrr_term_zh_en.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    row = lines[1].split("\t")
    row[header.index("en_aliases")] = "Affected population | affected people"
    row[header.index("zh_aliases")] = "受灾; 受影响者"
    path = _write(tmp_path, "undrr.tsv", "\n".join([lines[0], "\t".join(row), *lines[2:]]) + "\n")
    explicit = ColumnMap.parse("zh=zh,en=en,zh_aliases=zh:admitted,en_aliases=en:admitted,code=id")
    for columns in (None, explicit):
        first = read_concepts(path, columns=columns).concepts[0]
        assert [(t.text, t.status) for t in first.terms_in(Lang.ZH)] == [
            (row[header.index("zh")], TermStatus.PREFERRED),
            ("受灾", TermStatus.ADMITTED),
            ("受影响者", TermStatus.ADMITTED),
        ]
        assert [t.text for t in first.terms_in(Lang.EN)][1:] == [
            "Affected population",
            "affected people",
        ]


# ------------------------------------------------------------------------ OmegaT layout


def test_omegat_glossary_is_read_zh_to_en_by_default(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "g.utf8",
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\r\n"
        '会员国\tMember State\t"quoted" comment\r\n\r\n缔约国\tState party\r\n',
    )
    result = read_concepts(path)
    assert [(c.terms[0].text, c.terms[1].text, c.note) for c in result.concepts] == [
        ("会员国", "Member State", '"quoted" comment'),
        ("缔约国", "State party", ""),
    ]
    assert [t.lang for t in result.concepts[0].terms] == [Lang.ZH, Lang.EN]


def test_omegat_direction_is_given_by_the_map(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.txt", "Member State\t会员国\n")
    (concept,) = read_concepts(path, columns=ColumnMap.parse("omegat:en-zh")).concepts
    assert concept.terms_in(Lang.ZH)[0].text == "会员国"
    # no map: column 1 would be taken as zh; English there is refused, not imported
    with pytest.raises(LanguageError) as err:
        read_concepts(path)
    assert str(err.value) == (
        f"{path}: line 1: column 1 has no Chinese but column 2 has (Member State | 会员国): "
        "for an OmegaT glossary from English to Chinese give --source-lang en"
    )


def test_omegat_direction_is_given_by_the_source_language(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.txt", "Member State\t会员国\tcomment\n")
    (concept,) = read_concepts(path, source_lang=Lang.EN).concepts
    assert [(t.lang, t.text) for t in concept.terms] == [
        (Lang.ZH, "会员国"),
        (Lang.EN, "Member State"),
    ]
    assert concept.note == "comment"
    with pytest.raises(LanguageError, match="column 2 has no Chinese but column 1 has"):
        read_concepts(_write(tmp_path, "zh.txt", "会员国\tMember State\n"), source_lang=Lang.EN)
    headed = _write(tmp_path, "h.tsv", "zh\ten\n会员国\tMember State\n")
    result = read_concepts(headed, source_lang=Lang.EN)
    assert result.warnings == ("line 1: --source-lang ignored: the header names the languages",)
    with pytest.raises(UsageError, match="a column mapping says it already"):
        read_concepts(path, columns=ColumnMap.omegat(), source_lang=Lang.EN)
    tbx = tmp_path / "x.tbx"
    write_concepts(un_concepts(tmp_path), tbx, TermbaseFormat.TBX)
    with pytest.raises(UsageError, match="not TBX"):
        read_concepts(tbx, source_lang=Lang.EN)


def test_omegat_export_is_read_by_translate_toolkit(tmp_path: Path) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "g.utf8"
    write_concepts(concepts, out, TermbaseFormat.TSV, columns=ColumnMap.omegat())
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    got = read_omegat_with_ttk(out)
    got = [g for g in got if g[0]]  # translate-toolkit makes a unit of the final newline
    assert [(s, t) for s, t, _ in got] == [
        (c.terms_in(Lang.ZH)[0].text, c.terms_in(Lang.EN)[0].text) for c in concepts
    ]
    member = next(g for g in got if g[0] == "会员国")
    assert member[2] == "First note. / Second note, on its own line."


# -------------------------------------------------------------------------- other rules


def test_derived_ids_are_stable_and_numbered_on_collision(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "zh\ten\n会员国\tMember State\n会员国\tMember State\n")
    ids = [c.id for c in read_concepts(path).concepts]
    assert ids == [c.id for c in read_concepts(path).concepts]
    assert ids[0].startswith("tsv-") and ids[1] == ids[0] + "-2"
    swapped = _write(tmp_path, "s.tsv", "en\tzh\nMember State\t会员国\n")
    assert read_concepts(swapped).concepts[0].id == ids[0]


def test_explicit_duplicate_ids_are_refused_with_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "id\tzh\ten\na\t甲\tA\nb\t乙\tB\na\t丙\tC\n")
    with pytest.raises(FormatError, match="first at line 2") as err:
        read_concepts(path)
    assert err.value.line == 4


def test_status_column_and_bad_status(tmp_path: Path) -> None:
    ok = _write(tmp_path, "ok.csv", "zh,en,status\n甲,A,admittedTerm-admn-sts\n")
    (concept,) = read_concepts(ok, columns=ColumnMap.parse("zh=zh,en=en,status=status")).concepts
    assert {t.status for t in concept.terms} == {TermStatus.ADMITTED}
    bad = _write(tmp_path, "bad.csv", "zh,en,status\n甲,A,admitted\n乙,B,published\n")
    with pytest.raises(FormatError, match="published") as err:
        read_concepts(bad, columns=ColumnMap.parse("zh=zh,en=en,status=status"))
    assert err.value.line == 3


def test_evidence_columns(tmp_path: Path) -> None:
    ok = _write(
        tmp_path,
        "ok.tsv",
        "zh\ten\tevidence\tattested\n甲\tA\tun-document\tA/RES/58/4\n乙\tB\tProject\t\n丙\tC\t\t\n",
    )
    concepts = read_concepts(ok).concepts
    assert [(c.evidence, c.attested) for c in concepts] == [
        (Evidence.UN_DOCUMENT, "A/RES/58/4"),
        (Evidence.PROJECT, ""),
        (None, ""),
    ]
    out = tmp_path / "out.tsv"
    write_concepts(concepts, out, TermbaseFormat.TSV)
    rows = list(csv.DictReader(out.open(encoding="utf-8"), dialect="excel-tab"))
    assert [(r["evidence"], r["attested"]) for r in rows] == [
        ("un-document", "A/RES/58/4"),
        ("project", ""),
        ("", ""),
    ]
    bad = _write(tmp_path, "bad.tsv", "zh\ten\tevidence\n甲\tA\tproject\n乙\tB\thearsay\n")
    with pytest.raises(FormatError) as err:
        read_concepts(bad)
    assert str(err.value) == (
        f"{bad}: line 3: 'hearsay' is not an evidence kind (un-document, un-terminology, project)"
    )


def test_csv_quoting_keeps_commas_and_line_breaks(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "g.csv", 'zh,en,note\n"会员国","Member State, UN","line one\nline two"\n甲,A,x\n'
    )
    first, second = read_concepts(path).concepts
    assert first.terms_in(Lang.EN)[0].text == "Member State, UN"
    assert first.note == "line one\nline two"
    assert second.terms[0].text == "甲"


def test_mapped_column_missing_from_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "zh\ten\n甲\tA\n")
    with pytest.raises(FormatError, match="no column 'code'") as err:
        read_concepts(path, columns=ColumnMap.parse("zh=zh,en=en,code=id"))
    assert err.value.line == 1


def test_unknown_languages_only(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "fr\tde\nÉtat membre\tMitgliedstaat\n")
    with pytest.raises(LanguageError, match="fr, de"):
        read_concepts(path)


def test_rows_without_terms_are_skipped_and_counted(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "zh\ten\tnote\n甲\tA\t\n\t\tonly a note\n")
    result = read_concepts(path)
    assert (len(result.concepts), result.skipped) == (1, 1)
    empty = _write(tmp_path, "e.tsv", "zh\ten\tnote\n\t\tx\n")
    with pytest.raises(LanguageError):
        read_concepts(empty)


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", "zh\ten\n甲\x01\tA\x0b\n")
    result = read_concepts(path)
    assert [t.text for t in result.concepts[0].terms] == ["甲", "A"]
    assert any("line 2" in w and "control" in w for w in result.warnings)
    # what is left, XML can hold
    write_concepts(result.concepts, tmp_path / "ok.tbx", TermbaseFormat.TBX)


def test_extra_preferred_terms_go_to_admitted_others_without_column_are_dropped(
    tmp_path: Path,
) -> None:
    concept = un_concepts(tmp_path)[3]  # 资产追回 + superseded 追回资产
    out = tmp_path / "narrow.tsv"
    write_concepts(
        [concept],
        out,
        TermbaseFormat.TSV,
        columns=ColumnMap.parse("zh=zh,en=en,zh_aliases=zh:admitted"),
    )
    (back,) = read_concepts(out).concepts
    # the superseded term has no column and is left out
    assert [t.text for t in back.terms_in(Lang.ZH)] == ["资产追回"]


def test_csv_is_written_with_a_bom_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    write_concepts(un_concepts(tmp_path), out, TermbaseFormat.CSV)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,zh,en,")


# --------------------------------------------------------------------- lenient no more


def test_an_unclosed_quote_is_a_format_error_naming_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.csv", 'zh,en\n甲,A\n"测试,test\n中国,China\n')
    with pytest.raises(FormatError) as err:
        read_concepts(path)
    assert str(err.value) == (
        f'{path}: line 3: not valid CSV: a quoted cell is never closed (a " without its closing ")'
    )


def test_text_after_a_closing_quote_is_a_format_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.tsv", 'zh\ten\n甲\tA\n"乙"丙\tB\n')
    with pytest.raises(FormatError, match='not valid TSV: text after the closing "') as err:
        read_concepts(path)
    assert err.value.line == 3


def test_rows_with_one_language_are_skipped_and_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.csv", "zh,en\n甲,A\n测试,\n乙,B\n丙,\n,Only English\n")
    result = read_concepts(path)
    assert [c.terms[0].text for c in result.concepts] == ["甲", "乙"]
    assert result.skipped == 3
    assert result.warnings == (
        "row without an en term skipped (2 times, first at line 3)",
        "line 6: row without a zh term skipped",
    )


def test_a_one_language_table_is_read_as_mapped(tmp_path: Path) -> None:
    # only English columns mapped: the rows are what the user asked for
    path = _write(tmp_path, "g.tsv", "en\tnote\nMember State\tx\n")
    (concept,) = read_concepts(path).concepts
    assert [t.lang for t in concept.terms] == [Lang.EN]


@pytest.mark.parametrize("first", ["foo\tbar", "zh_term\ten_term", "UNODC\tUNODC"])
def test_a_first_row_that_is_no_header_and_no_entry_is_refused(tmp_path: Path, first: str) -> None:
    path = _write(tmp_path, "g.txt", f"{first}\n会员国\tMember State\n")
    with pytest.raises(FormatError, match="neither a header untm knows") as err:
        read_concepts(path)
    assert err.value.line == 1
    # told what the columns are, the same file reads
    result = read_concepts(path, columns=ColumnMap.parse("1=zh,2=en"))
    assert [c.terms[0].text for c in result.concepts] == [first.split("\t")[0], "会员国"]


def test_omegat_comment_lines_do_not_count_as_the_first_row(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.utf8", "# Glossary\n# zh\ten\n会员国\tMember State\n")
    (concept,) = read_concepts(path).concepts
    assert concept.terms_in(Lang.EN)[0].text == "Member State"
