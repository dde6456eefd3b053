"""Integration: the real OmegaT CAT tool pre-translates a document from our exported TMX.

Runs ../shared/tools/omegat_check.sh (Debian's omegat 3.6 in console mode): the memory is
exported with ``untm tm export``, put in an OmegaT project's tm/auto folder, and a Chinese
source file made of some of the memory's segments (and one sentence that is not in it) is
translated. OmegaT must insert the memory's English for every known segment, and only for
those.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from tests.support import SHARED
from tests.tm.helpers import corpus_pairs, new_db, tmx, tu, write_pairs
from untm.cli.app import app

JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
SCRIPT = SHARED / "tools" / "omegat_check.sh"
NOT_IN_MEMORY = "这句话不在翻译记忆库中。"


@pytest.fixture
def omegat() -> Path:
    if not JAR.is_file():
        pytest.skip(f"{JAR} is absent: install Debian's omegat package to run this test")
    if not SCRIPT.is_file():
        pytest.skip(f"{SCRIPT} is absent (the ../shared reference material is not checked out)")
    if shutil.which("java") is None:
        pytest.skip("java is not installed (Debian's omegat package brings it)")
    return SCRIPT


def _one_sentence(zh: str) -> bool:
    """OmegaT segments a line into sentences: only single-sentence lines match whole."""
    return len(re.findall(r"[。！？!?]", zh.rstrip('。！？!?”"）)'))) == 0 and len(zh) >= 8


def _check(script: Path, memory_tmx: Path, source: Path) -> tuple[list[str], str]:
    run = subprocess.run(
        ["bash", str(script), str(memory_tmx), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout.splitlines(), run.stderr


@pytest.mark.slow
def test_omegat_pretranslates_from_our_export(omegat: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "tm.db"
    new_db(db_path).close()
    pairs = corpus_pairs(400)
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    write_pairs(zh, en, pairs)
    runner = CliRunner()
    imported = runner.invoke(
        app, ["--db", str(db_path), "tm", "import", str(zh), "--target", str(en)]
    )
    assert imported.exit_code == 0, imported.output
    out = tmp_path / "out.tmx"
    exported = runner.invoke(app, ["--db", str(db_path), "tm", "export", str(out)])
    assert exported.exit_code == 0, exported.output

    chosen = [(z, e) for z, e in pairs if _one_sentence(z)][::7][:25]
    assert len(chosen) >= 10
    source = tmp_path / "source_zh.txt"
    lines = [z for z, _ in chosen]
    lines.insert(5, NOT_IN_MEMORY)
    source.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")

    target, log = _check(omegat, out, source)
    expected = [e for _, e in chosen]
    expected.insert(5, NOT_IN_MEMORY)  # untranslated: left as it was
    assert target == expected
    assert f"translated_segments\t{len(chosen)}\tof\t{len(lines)}" in log


@pytest.mark.slow
def test_omegat_reads_a_mixed_direction_export(omegat: Path, tmp_path: Path) -> None:
    """Units whose source is English (header srclang *all*) are used for a Chinese project."""
    pairs = [
        ("大会决定将该项目列入临时议程", "The General Assembly decided to include the item"),
        ("安全理事会一致通过了决议", "The Security Council unanimously adopted the resolution"),
        ("秘书长的报告载有详细资料", "The report of the Secretary-General contains details"),
    ]
    body = tu(escape(pairs[0][0]), escape(pairs[0][1]), zh_tag="zh-CN", en_tag="en-US")
    body += tu(escape(pairs[1][0]), escape(pairs[1][1]), zh_tag="ZH_cn", attrs='srclang="en-GB"')
    body += tu(escape(pairs[2][0]), escape(pairs[2][1]), zh_tag="zh", en_tag="EN")
    src = tmp_path / "mixed.tmx"
    src.write_text(tmx(body, srclang="*all*"), encoding="utf-8")
    db_path = tmp_path / "tm.db"
    new_db(db_path).close()
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db_path), "tm", "import", str(src)]).exit_code == 0
    out = tmp_path / "out.tmx"
    assert runner.invoke(app, ["--db", str(db_path), "tm", "export", str(out)]).exit_code == 0
    assert 'srclang="*all*"' in out.read_text(encoding="utf-8")
    source = tmp_path / "source_zh.txt"
    source.write_text("".join(f"{z}\n" for z, _ in pairs), encoding="utf-8")
    target, _ = _check(omegat, out, source)
    assert target == [e for _, e in pairs]
