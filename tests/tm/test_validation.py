"""One unit check for every importer: the same unit is skipped, for the same reason, whether
it comes in a TMX, a TSV or a pair of line-aligned files."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from typer.testing import CliRunner

from tests.tm.helpers import snapshot, tmx, tu
from untm.cli.app import app
from untm.db import Database
from untm.errors import LanguageError
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.parallel import escape
from untm.tm.validate import MAX_SEGMENT_CHARS, Kind, unit_problem

FORMATS = ["tmx", "tsv", "text"]
GOOD = [("第一句。", "First."), ("第三句。", "Third.")]


def _write(tmp_path: Path, fmt: str, rows: list[tuple[str, str]]) -> tuple[Path, Path | None]:
    """``rows`` in ``fmt``; in every format the n-th row is on line n (TMX: 4 + n)."""
    if fmt == "tmx":
        path = tmp_path / "in.tmx"
        path.write_text(
            tmx("".join(tu(xml_escape(z), xml_escape(e)) for z, e in rows)), encoding="utf-8"
        )
        return path, None
    if fmt == "tsv":
        path = tmp_path / "in.tsv"
        path.write_text("".join(f"{escape(z)}\t{escape(e)}\n" for z, e in rows), encoding="utf-8")
        return path, None
    zh, en = tmp_path / "in.zh.txt", tmp_path / "in.en.txt"
    zh.write_text("".join(escape(z) + "\n" for z, _ in rows), encoding="utf-8")
    en.write_text("".join(escape(e) + "\n" for _, e in rows), encoding="utf-8")
    return zh, en


def _line(fmt: str, row: int) -> int:
    return row + 4 if fmt == "tmx" else row


# (zh, en, what the reason says, whether it counts as swapped)
BAD = [
    ("", "Empty Chinese.", "is empty", False),
    ("会议", "   ", "is empty", False),
    ("长" * (MAX_SEGMENT_CHARS + 1), "Long.", f"the limit is {MAX_SEGMENT_CHARS:,}", False),
    ("控制\u0085字符", "A C1 control.", "contains control characters", False),
    ("删除\x7f字符", "A DEL.", "contains control characters", False),
    ("会议", "Meeting\u009b", "contains control characters", False),
    ("hello", "world", "has Latin letters and no Chinese", False),
    ("Meeting", "会议", "languages look swapped", True),
    ("会议", "会议", "is Chinese too", False),
    ("秘书处", "秘书处 (Secretariat)", "is Chinese too", False),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("zh", "en", "words", "swapped"), BAD, ids=[b[2] for b in BAD])
def test_bad_unit_is_skipped_alike_in_every_format(
    db: Database, tmp_path: Path, fmt: str, zh: str, en: str, words: str, swapped: bool
) -> None:
    first, second = _write(tmp_path, fmt, [GOOD[0], (zh, en), GOOD[1]])
    report = api.import_file(db, first, target=second)
    assert (report.added, report.skipped) == (2, 1)
    (skip,) = report.skipped_examples
    assert skip.line == _line(fmt, 2)
    assert words in skip.reason
    assert skip.swapped is swapped
    assert "\n" not in skip.reason


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("UNODC", "UNODC"),  # a name left untranslated
        ("CAC/COSP/2019/1", "CAC/COSP/2019/1"),  # a document symbol
        ("Ａ／７４／１", "A/74/1"),  # the same symbol in full width
        ("2019", "2019"),
        ("（a）", "(a)"),  # the same label in full width
        ("12.", "12"),  # no letters of any language
        ("附件", "The term 附件 means annex in the report."),  # English quoting Chinese
        ("联合国毒品和犯罪问题办公室（UNODC）", "UNODC"),
    ],
)
def test_units_without_a_language_problem_pass_in_every_format(
    db: Database, tmp_path: Path, fmt: str, zh: str, en: str
) -> None:
    first, second = _write(tmp_path, fmt, [GOOD[0], (zh, en)])
    report = api.import_file(db, first, target=second)
    assert (report.added, report.skipped) == (2, 0), report.skipped_examples


@pytest.mark.parametrize("fmt", ["tsv", "text"])
def test_c0_controls_are_skipped_in_text_formats(db: Database, tmp_path: Path, fmt: str) -> None:
    """TMX cannot hold them at all (the XML is refused); TSV and text skip the unit."""
    first, second = _write(tmp_path, fmt, [GOOD[0], ("响铃\x07字符", "Escape \x1b here")])
    report = api.import_file(db, first, target=second)
    assert (report.added, report.skipped) == (1, 1)
    assert "contains control characters" in report.skipped_examples[0].reason


def test_reasons_name_the_sides_of_each_format(db: Database, tmp_path: Path) -> None:
    rows = [GOOD[0], ("hello", "world"), ("", "x"), GOOD[1]]
    reasons = {}
    for fmt in FORMATS:
        sub = tmp_path / fmt
        sub.mkdir()
        first, second = _write(sub, fmt, rows)
        report = api.import_file(db, first, target=second)
        reasons[fmt] = [s.reason for s in report.skipped_examples]
    assert reasons == {
        "tmx": [
            "language mismatch: the zh-CN variant has Latin letters and no Chinese",
            "zh-CN segment is empty",
        ],
        "tsv": [
            "language mismatch: column 1 (Chinese by --source-lang zh) has Latin letters "
            "and no Chinese",
            "column 1 is empty",
        ],
        "text": [
            "language mismatch: the line of in.zh.txt (Chinese by --source-lang zh) has "
            "Latin letters and no Chinese",
            "the line of in.zh.txt is empty",
        ],
    }


def test_an_english_english_tsv_is_refused(db: Database, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "en.tsv"
    path.write_text("hello\tworld\ngood morning\tgood evening\n", encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(LanguageError):
        api.import_file(db, path)
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {path}: no usable Chinese-English unit (line 1: language mismatch: column 1 "
        "(Chinese by --source-lang zh) has Latin letters and no Chinese)\n"
    )
    assert snapshot(db) == before


def test_source_lang_en_names_the_columns_it_means(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "en-first.tsv"
    path.write_text("First.\t第一句。\nhello\tworld\n", encoding="utf-8")
    report = api.import_file(db, path, source_lang=Lang.EN)
    assert [s.reason for s in report.skipped_examples] == [
        "language mismatch: column 2 (Chinese by --source-lang en) has Latin letters and no Chinese"
    ]


def test_unit_problem_kinds() -> None:
    assert unit_problem("会议", "Meeting") is None
    cases = {
        ("", "x"): (Kind.EMPTY, Lang.ZH),
        ("会议", ""): (Kind.EMPTY, Lang.EN),
        ("Meeting", "会议"): (Kind.SWAPPED, Lang.ZH),
        ("hello", "world"): (Kind.NOT_CHINESE, Lang.ZH),
        ("会议", "会议"): (Kind.NOT_ENGLISH, Lang.EN),
    }
    for (zh, en), (kind, lang) in cases.items():
        problem = unit_problem(zh, en)
        assert problem is not None and (problem.kind, problem.lang) == (kind, lang)
