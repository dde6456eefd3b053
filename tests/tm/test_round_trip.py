"""Export -> import of the memory adds nothing, in every format: segments are kept exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tm.helpers import new_db, snapshot, units_of, zh_en
from untm.db import Database
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.model import TranslationUnit
from untm.tm.parallel import escape, unescape
from untm.tm.store import TmStore
from untm.tm.tmx import write_tmx

# What a squeezing or stripping export loses, one kind per unit (the English side too).
TRICKY = [
    ("大会  决定。", "The Assembly  decided."),  # two spaces
    ("第一栏\t第二栏", "first\tsecond"),  # a tab
    ("第一行\n第二行", "line one\nline two"),  # a line break
    ("回车\r符", "carriage\rreturn"),  # a carriage return
    ("  前后有空格 ", " spaces at either end  "),
    ("全角\u3000空格\u3000", "ideographic\u3000space"),  # U+3000, also at the end
    ("路径C:\\new\\table", "path C:\\new\\table"),  # backslashes before n and t
    ("反斜杠\\", "backslash at the end\\"),
    ("制表符\\t不是制表符", "an escaped \\t is text"),
    ("普通的句子。", "An ordinary sentence."),
]


@pytest.fixture
def memory(db: Database, tmp_path: Path) -> Database:
    """The tricky units, one of them English -> Chinese, imported from a TMX."""
    units: list[TranslationUnit] = [zh_en(z, e) for z, e in TRICKY]
    units[3] = TranslationUnit(units[3].target, units[3].source)
    seed = tmp_path / "seed.tmx"
    write_tmx(units, seed, srclang="*all*")
    report = api.import_file(db, seed)
    assert (report.added, report.skipped) == (len(TRICKY), 0)
    return db


def _texts(db: Database) -> list[tuple[str, str]]:
    return sorted((u.side(Lang.ZH).text, u.side(Lang.EN).text) for u in TmStore(db).iter_units())


def _export(db: Database, tmp_path: Path, fmt: str) -> tuple[Path, Path | None]:
    if fmt == "text":
        zh, en = tmp_path / "out.zh.txt", tmp_path / "out.en.txt"
        assert api.export_file(db, zh, second=en) == len(TRICKY)
        return zh, en
    out = tmp_path / f"out.{fmt}"
    assert api.export_file(db, out) == len(TRICKY)
    return out, None


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "text"])
def test_reimporting_an_export_adds_nothing(memory: Database, tmp_path: Path, fmt: str) -> None:
    before = _texts(memory)
    assert before == sorted(TRICKY)
    first, second = _export(memory, tmp_path, fmt)
    report = api.import_file(memory, first, target=second)
    assert (report.read, report.added, report.merged, report.skipped) == (
        len(TRICKY),
        0,
        len(TRICKY),
        0,
    )
    assert _texts(memory) == before


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "text"])
def test_an_export_brings_the_same_segments_into_a_new_memory(
    memory: Database, tmp_path: Path, fmt: str
) -> None:
    first, second = _export(memory, tmp_path, fmt)
    other = new_db(tmp_path / "other.db")
    assert api.import_file(other, first, target=second).added == len(TRICKY)
    assert _texts(other) == _texts(memory)
    other.close()


@pytest.mark.parametrize("fmt", ["tsv", "text"])
def test_export_of_a_reimport_is_byte_identical(memory: Database, tmp_path: Path, fmt: str) -> None:
    one = tmp_path / "one"
    two = tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first, second = _export(memory, one, fmt)
    other = new_db(tmp_path / "other.db")
    api.import_file(other, first, target=second)
    first2, second2 = _export(other, two, fmt)
    assert first2.read_bytes() == first.read_bytes()
    if second is not None and second2 is not None:
        assert second2.read_bytes() == second.read_bytes()
    other.close()


def test_tsv_lines_keep_their_spaces(db: Database, tmp_path: Path) -> None:
    """What a file holds is what is stored: an importer that stripped or squeezed would
    merge the second line into the first."""
    path = tmp_path / "spaces.tsv"
    path.write_text("会议\tMeeting\n会议 \t Meeting\n会议\tthe  Meeting\n", encoding="utf-8")
    before = snapshot(db)
    report = api.import_file(db, path)
    assert (report.added, report.merged) == (3, 0)
    assert snapshot(db) != before
    assert sorted(u.side(Lang.EN).text for u in units_of(db)) == [
        " Meeting",
        "Meeting",
        "the  Meeting",
    ]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("plain", "plain"),
        ("a\tb", "a\\tb"),
        ("a\nb\rc", "a\\nb\\rc"),
        ("C:\\new", "C:\\\\new"),
        ("\\", "\\\\"),
        ("\\t", "\\\\t"),
    ],
)
def test_escapes(text: str, field: str) -> None:
    assert escape(text) == field
    assert unescape(field) == text
    assert "\t" not in field and "\n" not in field and "\r" not in field


def test_a_backslash_before_anything_else_is_text() -> None:
    assert unescape("C:\\data\\x") == "C:\\data\\x"
    assert unescape("trailing\\") == "trailing\\"
