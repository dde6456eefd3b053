"""The wrong language pair: swapped TSV columns, swapped files, mislabelled TMX variants."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tm.helpers import UN_PAIRS, snapshot, tmx, tu, units_of, write_pairs
from untm.cli.app import app
from untm.db import Database
from untm.errors import LanguageError
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.tmx import swapped_sides

PAIRS = list(UN_PAIRS[:4])
# Units with no Chinese on either side: nothing tells which side is which, so they are kept
NEUTRAL = [("CAC/COSP/2019/1", "CAC/COSP/2019/1"), ("2019", "2019"), ("UNODC", "UNODC")]


def _stored(db: Database, tmp_path: Path) -> None:
    seed = tmp_path / "seed.tsv"
    seed.write_text("原有的句子。\tAn existing sentence.\n", encoding="utf-8")
    api.import_file(db, seed)


def _tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("zh", "en", "swapped"),
    [
        ("Meeting", "会议", True),
        ("会议", "Meeting", False),
        ("CAC/COSP/2019/1", "CAC/COSP/2019/1", False),  # a document symbol
        ("１２３", "123", False),  # full-width digits are not Chinese
        ("UNODC", "UNODC（毒品和犯罪问题办公室）", True),
        ("Annex", "The term 附件 means annex in the report of the meeting.", False),  # English
        ("附件", "附件", False),  # Chinese on the Chinese side: never swapped
    ],
)
def test_swapped_sides(zh: str, en: str, swapped: bool) -> None:
    assert swapped_sides(zh, en) is swapped


def test_tsv_with_chinese_first_and_source_lang_en_is_refused(db: Database, tmp_path: Path) -> None:
    _stored(db, tmp_path)
    path = _tsv(tmp_path / "o.tsv", PAIRS)  # Chinese in column 1
    before = snapshot(db)
    with pytest.raises(LanguageError) as err:
        api.import_file(db, path, source_lang=Lang.EN)
    assert str(err.value) == (
        f"{path}: the columns look swapped: 4 of the 4 lines with Chinese (the first at "
        "line 1) have it in column 1, which --source-lang en makes the English one; "
        "use --source-lang zh"
    )
    assert snapshot(db) == before
    # and the advice is right
    assert api.import_file(db, path, source_lang=Lang.ZH).added == 4


def test_tsv_with_english_first_and_the_default_is_refused(db: Database, tmp_path: Path) -> None:
    path = _tsv(tmp_path / "en.tsv", [(e, z) for z, e in PAIRS] + NEUTRAL)
    with pytest.raises(LanguageError, match=r"column 2, .* use --source-lang en$"):
        api.import_file(db, path)
    assert api.stats(db).units == 0
    report = api.import_file(db, path, source_lang=Lang.EN)
    assert (report.added, report.skipped) == (7, 0)


def test_neutral_lines_do_not_outvote_swapped_ones(db: Database, tmp_path: Path) -> None:
    """Two swapped lines and three neutral ones: all the lines that show a direction are
    swapped, so the file is refused."""
    path = _tsv(tmp_path / "few.tsv", PAIRS[:2] + NEUTRAL)
    with pytest.raises(LanguageError, match="2 of the 2 lines with Chinese"):
        api.import_file(db, path, source_lang=Lang.EN)


def test_a_few_swapped_lines_are_skipped_with_their_lines(db: Database, tmp_path: Path) -> None:
    rows = [PAIRS[0], ("Meeting", "会议"), PAIRS[1], PAIRS[2], *NEUTRAL]
    path = _tsv(tmp_path / "some.tsv", rows)
    report = api.import_file(db, path)
    assert (report.added, report.skipped) == (6, 1)
    ((line, reason),) = [(s.line, s.reason) for s in report.skipped_examples]
    assert line == 2
    assert reason == (
        "languages look swapped: column 1 (Chinese by --source-lang zh) has no Chinese "
        "and column 2 is Chinese"
    )
    kept = {(u.side(Lang.ZH).text, u.side(Lang.EN).text) for u in units_of(db)}
    assert kept == {PAIRS[0], PAIRS[1], PAIRS[2], *NEUTRAL}


def test_only_neutral_lines_import(db: Database, tmp_path: Path) -> None:
    path = _tsv(tmp_path / "symbols.tsv", NEUTRAL)
    assert api.import_file(db, path, source_lang=Lang.EN).added == 3


def test_swapped_line_aligned_files_are_refused(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "doc.zh.txt", tmp_path / "doc.en.txt"
    write_pairs(zh, en, PAIRS)
    before = snapshot(db)
    with pytest.raises(LanguageError, match=r"the files look swapped: 4 of the 4 lines"):
        api.import_file(db, en, target=zh)  # English given as the (Chinese) source
    with pytest.raises(LanguageError, match=r"in the first file, .* use --source-lang zh$"):
        api.import_file(db, zh, target=en, source_lang=Lang.EN)
    assert snapshot(db) == before
    assert api.import_file(db, zh, target=en).added == 4


def test_cli_error_is_one_line(db: Database, db_path: Path, tmp_path: Path) -> None:
    _stored(db, tmp_path)
    path = _tsv(tmp_path / "o.tsv", PAIRS)
    before = snapshot(db)
    result = CliRunner().invoke(
        app, ["--db", str(db_path), "tm", "import", str(path), "--source-lang", "en"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: the columns look swapped: ")
    assert line.endswith("use --source-lang zh")
    assert snapshot(db) == before


def test_mislabelled_tmx_unit_is_skipped_with_its_line(db: Database, tmp_path: Path) -> None:
    body = (
        tu(*PAIRS[0])
        + tu(PAIRS[1][1], PAIRS[1][0])  # the English in the zh-CN variant: line 6
        + tu("CAC/COSP/2019/1", "CAC/COSP/2019/1")
        + tu("2019", "2019")
    )
    path = tmp_path / "labels.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    report = api.import_file(db, path)
    assert (report.added, report.skipped) == (3, 1)
    assert [(s.line, s.reason) for s in report.skipped_examples] == [
        (
            6,
            "languages look swapped: the zh-CN variant has no Chinese and the en-US "
            "variant is Chinese",
        )
    ]
    assert {u.side(Lang.EN).text for u in units_of(db)} == {
        PAIRS[0][1],
        *(n for n, _ in NEUTRAL[:2]),
    }


def test_tmx_of_mislabelled_units_only_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "labels.tmx"
    path.write_text(tmx("".join(tu(e, z) for z, e in PAIRS)), encoding="utf-8")
    with pytest.raises(LanguageError, match=r"no usable .* \(line 5: languages look swapped"):
        api.import_file(db, path)
    assert api.stats(db).units == 0
