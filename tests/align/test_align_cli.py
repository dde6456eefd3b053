"""``untm align sentences|docs`` through the real command line, on the project corpus:
gold figures, every output format, the memory, batches, bad input."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner, Result

from untm.align.api import align_documents
from untm.cli.app import app
from untm.tm import api as tmapi
from untm.workspace import open_db

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "aligned"
NAMES = sorted(p.name for p in (GOLD / "gold").iterdir())
DOC = "000_81281640e8b35b4e.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("align") / "untm.db"
    open_db(path).close()
    return path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), "align", *args])


def beads(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in text.splitlines():
        a, b = line.split(":")
        out.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    return out


def key(text: str) -> str:
    """Units are compared with all whitespace removed."""
    return "".join(text.split())


# --- figures on the project gold (bench/align_eval.py measures them in full) ------------


def test_presegmented_gold_strict_f1_is_at_least_0_98(db: Path) -> None:
    right = predicted = wanted = 0
    for name in NAMES:
        result = run(db, "sentences", str(GOLD / "zh" / name), str(GOLD / "en" / name),
                     "--presegmented", "--format", "beads")  # fmt: skip
        assert result.exit_code == 0, result.output
        pred, gold = beads(result.stdout), beads((GOLD / "gold" / name).read_text())
        right += len(set(pred) & set(gold))
        predicted += len(pred)
        wanted += len(gold)
    p, r = right / predicted, right / wanted
    assert 2 * p * r / (p + r) >= 0.98


def test_units_from_raw_pdf_text_match_the_gold_units() -> None:
    """align docs on the seeds as extracted from PDFs: precision and recall >= 0.95."""
    right = predicted = wanted = 0
    for name in NAMES:
        zs = (GOLD / "zh" / name).read_text(encoding="utf-8").splitlines()
        es = (GOLD / "en" / name).read_text(encoding="utf-8").splitlines()
        gold = {
            (key("".join(zs[i] for i in a)), key(" ".join(es[j] for j in b)))
            for a, b in beads((GOLD / "gold" / name).read_text())
            if a and b
        }
        result = align_documents(CORPUS / "zh" / name, CORPUS / "en-pdf" / name)
        units = {(key(u.zh), key(u.en)) for u in result.units(0.5)}
        right += len(units & gold)
        predicted += len(units)
        wanted += len(gold)
    assert right / predicted >= 0.95 and right / wanted >= 0.95


# --- formats ------------------------------------------------------------------------------


def test_beads_are_vecalign_lines_chinese_first(db: Path) -> None:
    result = run(db, "sentences", str(GOLD / "zh" / DOC), str(GOLD / "en" / DOC), "--presegmented")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(re.fullmatch(r"\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]", x) for x in lines)
    n_zh = len((GOLD / "zh" / DOC).read_text().splitlines())
    assert sorted(i for a, _ in beads(result.stdout) for i in a) == list(range(n_zh))


def test_json_tsv_and_html(db: Path, tmp_path: Path) -> None:
    zh, en = str(CORPUS / "zh" / DOC), str(CORPUS / "en-pdf" / DOC)
    data = json.loads(run(db, "sentences", zh, en, "--json").stdout)
    assert data["symbol"] == "CAC/COSP/EG.1/2019/1"
    assert data["beads"] and {"zh", "en", "type", "confidence", "zh_text", "en_text"} <= set(
        data["beads"][0]
    )
    assert data["untm"]["version"]
    tsv = run(db, "sentences", zh, en, "-f", "tsv").stdout.splitlines()
    assert tsv[0] == "zh\ten\tconfidence\tbead"
    assert all(len(row.split("\t")) == 4 for row in tsv[1:])
    page = tmp_path / "review.html"
    assert run(db, "sentences", zh, en, "-f", "html", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script>" in html and "http" not in html
    assert html.count("<tr") == len(data["beads"])
    # beads with one side empty are marked for review
    assert html.count('class="gap"') == sum(1 for b in data["beads"] if not b["zh"] or not b["en"])


def test_docs_tmx_validates_and_names_the_document(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "doc.tmx"
    result = run(db, "docs", str(CORPUS / "zh" / DOC), str(CORPUS / "en-pdf" / DOC),
                 "--tmx", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert re.match(r"\d+ units from 1 document written to ", result.stdout)
    tree = etree.parse(str(out))
    tus = tree.findall(".//tu")
    assert len(tus) > 50
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert props["x-untm-document"] == "CAC/COSP/EG.1/2019/1"
    assert float(props["x-untm-confidence"]) >= 0.5
    dtd = ROOT.parent / "shared" / "schemas" / "tmx" / "tmx14.dtd"
    if shutil.which("xmllint") and dtd.exists():
        check = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(dtd), str(out)],
                               capture_output=True, text=True)  # fmt: skip
        assert check.returncode == 0, check.stderr


def test_docs_into_the_memory_then_lookup(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_db(path).close()
    result = run(path, "docs", str(CORPUS / "zh"), str(CORPUS / "en-pdf"), "--into-tm", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # units repeated across documents (agenda items, headings) are stored once
    assert report["documents"] == 5 and 450 < report["added"] <= report["units"]
    with open_db(path) as db:
        line = (GOLD / "zh" / DOC).read_text(encoding="utf-8").splitlines()[20]
        match = tmapi.lookup(db, line)[0]
        assert match.score >= 99
    again = json.loads(
        run(path, "docs", str(CORPUS / "zh"), str(CORPUS / "en-pdf"), "--into-tm", "--json").stdout
    )
    assert again["added"] == 0  # the same units again: nothing new


def test_low_confidence_units_can_be_flagged_instead_of_dropped(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "flag.tmx"
    run(db, "docs", str(CORPUS / "zh" / DOC), str(CORPUS / "en-pdf" / DOC), "--tmx", str(out),
        "--flag-below", "1.0")  # fmt: skip
    reviews = [p for p in etree.parse(str(out)).iter("prop") if p.get("type") == "x-untm-review"]
    assert reviews  # every unit under 1.0 is kept, marked


# --- bad input -----------------------------------------------------------------------------


def test_documents_that_are_not_translations_warn_and_strict_exits_1(
    db: Path, tmp_path: Path
) -> None:
    zh = CORPUS / "zh" / "001_17b5a7ec9c7e6f23.txt"
    en = CORPUS / "en-pdf" / "004_0d229e14aa00f3bc.txt"
    result = run(db, "sentences", str(zh), str(en))
    assert result.exit_code == 0
    assert "do not look like translations of each other" in result.stderr
    assert run(db, "sentences", str(zh), str(en), "--strict").exit_code == 1


def test_an_empty_file_is_one_error_line(db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run(db, "sentences", str(empty), str(CORPUS / "en" / DOC))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {empty}: ") and result.stderr.count("\n") == 1


def test_documents_go_in_pairs(db: Path, tmp_path: Path) -> None:
    result = run(db, "docs", str(CORPUS / "zh" / DOC), "--tmx", str(tmp_path / "x.tmx"))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: give documents in pairs, Chinese first (got 1 files), or two folders\n"
    )
    missing = run(db, "docs", "nope-zh.txt", "nope-en.txt", "--tmx", str(tmp_path / "x.tmx"))
    assert missing.exit_code == 2 and missing.stderr == "Error: nope-zh.txt: no such file\n"
    assert not (tmp_path / "x.tmx").exists()


def test_docs_needs_a_destination(db: Path) -> None:
    result = run(db, "docs", str(CORPUS / "zh" / DOC), str(CORPUS / "en" / DOC))
    assert result.exit_code == 2
    assert result.stderr == "Error: say where the units go: --tmx FILE or --into-tm\n"
