"""Line-aligned text and TSV: import, export, round trips, context."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tm.helpers import UN_PAIRS, new_db, snapshot, tmx, tu, units_of, write_pairs
from untm.cli.app import app
from untm.db import Database
from untm.errors import FormatError
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.store import TmStore

PAIRS = list(UN_PAIRS[:5])


def test_line_aligned_import(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "doc.zh.txt", tmp_path / "doc.en.txt"
    write_pairs(zh, en, PAIRS)
    report = api.import_file(db, zh, target=en)
    assert (report.read, report.added, report.skipped) == (5, 5, 0)
    got = [(u.source.text, u.target.text, u.source.lang, u.origin) for u in units_of(db)]
    assert got == [(z, e, Lang.ZH, "doc.zh.txt") for z, e in PAIRS]


def test_context_of_each_line_is_recorded(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    write_pairs(zh, en, PAIRS[:3])
    api.import_file(db, zh, target=en)
    first, second, third = units_of(db)
    assert (first.context_prev, first.context_next) == ("", PAIRS[1][0])
    assert (second.context_prev, second.context_next) == (PAIRS[0][0], PAIRS[2][0])
    assert (third.context_prev, third.context_next) == (PAIRS[1][0], "")
    # and the context travels in TMX
    out = tmp_path / "out.tmx"
    api.export_file(db, out)
    other = new_db(tmp_path / "other.db")
    api.import_file(other, out)
    assert [(u.context_prev, u.context_next) for u in units_of(other)] == [
        (u.context_prev, u.context_next) for u in (first, second, third)
    ]
    other.close()


def test_english_source_line_aligned(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    write_pairs(zh, en, PAIRS[:2])
    api.import_file(db, en, target=zh, source_lang=Lang.EN)
    unit = units_of(db)[0]
    assert (unit.source.lang, unit.source.text) == (Lang.EN, PAIRS[0][1])
    assert api.lookup(db, PAIRS[1][0])[0].score == 100.0


def test_mismatched_line_counts_name_both_files(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "report.zh.txt", tmp_path / "report.en.txt"
    write_pairs(zh, en, PAIRS)
    en.write_text("".join(e + "\n" for _, e in PAIRS[:4]), encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(FormatError) as err:
        api.import_file(db, zh, target=en)
    message = str(err.value)
    assert "report.zh.txt" in message and "report.en.txt" in message
    assert "4" in message and "5" in message and "\n" not in message
    assert snapshot(db) == before
    result = CliRunner().invoke(
        app, ["--db", str(db.path), "tm", "import", str(zh), "--target", str(en)]
    )
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


def test_empty_lines_are_skipped_with_their_line(db: Database, tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("第一句。\n\n第三句。\n", encoding="utf-8")
    en.write_text("First.\nSecond.\nThird.\n", encoding="utf-8")
    report = api.import_file(db, zh, target=en)
    assert (report.added, report.skipped) == (2, 1)
    skipped = [(s.line, s.reason) for s in report.skipped_examples]
    assert skipped == [(2, "the line of zh.txt is empty")]


def test_line_aligned_needs_the_target(db: Database, tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    zh.write_text("第一句。\n", encoding="utf-8")
    with pytest.raises(Exception, match="--target"):
        api.import_file(db, zh)


def test_tsv_round_trip(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text("".join(f"{z}\t{e}\n" for z, e in PAIRS), encoding="utf-8")
    api.import_file(db, src)
    out = tmp_path / "out.tsv"
    assert api.export_file(db, out) == 5
    assert out.read_bytes() == src.read_bytes()
    other = new_db(tmp_path / "other.db")
    api.import_file(other, out, origin="in.tsv")
    assert units_of(other) == units_of(db)
    other.close()


def test_tsv_export_escapes_tabs_and_line_breaks(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "in.tmx"
    src.write_text(tmx(tu("第一行\n第二行\\三", "a\tb  c&#13;")), encoding="utf-8")
    api.import_file(db, src)
    out = tmp_path / "out.tsv"
    api.export_file(db, out)
    assert out.read_text(encoding="utf-8") == "第一行\\n第二行\\\\三\ta\\tb  c\\r\n"


def test_tsv_of_a_mixed_direction_memory_reimports(db: Database, tmp_path: Path) -> None:
    """TSV carries no languages: every line must have the same language in each column."""
    body = tu(*PAIRS[0]) + tu(*PAIRS[1], attrs='srclang="en-US"') + tu(*PAIRS[2])
    src = tmp_path / "mixed.tmx"
    src.write_text(tmx(body, srclang="*all*"), encoding="utf-8")
    api.import_file(db, src)
    assert {u.source.lang for u in TmStore(db).iter_units()} == {Lang.ZH, Lang.EN}
    out = tmp_path / "out.tsv"
    api.export_file(db, out)
    other = new_db(tmp_path / "other.db")
    api.import_file(other, out)  # the default: Chinese in the first column
    for zh, en in PAIRS[:3]:
        (m,) = api.lookup(other, zh, limit=1)
        assert (m.score, m.unit.side(Lang.EN).text) == (100.0, en)
    other.close()


def test_tsv_line_without_a_tab(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "bad.tsv"
    src.write_text("会议\tMeeting\nno tab here\n", encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(FormatError, match=r"bad.tsv: line 2: expected source<TAB>target"):
        api.import_file(db, src)
    assert snapshot(db) == before


def test_line_aligned_export(db: Database, tmp_path: Path) -> None:
    body = tu(*PAIRS[0]) + tu(*PAIRS[1], attrs='srclang="en-US"')
    src = tmp_path / "mixed.tmx"
    src.write_text(tmx(body), encoding="utf-8")
    api.import_file(db, src)
    zh, en = tmp_path / "out.zh.txt", tmp_path / "out.en.txt"
    assert api.export_file(db, zh, second=en) == 2
    assert zh.read_text(encoding="utf-8") == f"{PAIRS[0][0]}\n{PAIRS[1][0]}\n"
    assert en.read_text(encoding="utf-8") == f"{PAIRS[0][1]}\n{PAIRS[1][1]}\n"
