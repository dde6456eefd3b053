"""``untm align terms`` and the review loop, with the corpus gold term lists as oracle."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from untm.cli.app import app
from untm.text.lang import Lang
from untm.text.normalize import term_key
from untm.workspace import open_db

ROOT = Path(__file__).resolve().parents[2]
NAME = "000_81281640e8b35b4e"
ZH = ROOT / "corpus" / "zh" / f"{NAME}.txt"
EN = ROOT / "corpus" / "en" / f"{NAME}.txt"
VALIDATOR = ROOT.parent / "shared" / "tools" / "validate_tbx.py"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def gold() -> set[tuple[str, str]]:
    rows = (ROOT / "corpus" / "terms" / f"{NAME}.tsv").read_text(encoding="utf-8").splitlines()
    return {
        (term_key(z, Lang.ZH), term_key(e, Lang.EN))
        for z, e in (r.split("\t") for r in rows if r.strip())
    }


@pytest.fixture(scope="module")
def no_glossary_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("tg") / "never.db"
    result = CliRunner().invoke(
        app, ["--db", str(db), "align", "terms", str(ZH), str(EN), "--no-glossary", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert not db.exists()  # --no-glossary opens no database
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_the_json_has_the_shape_of_the_issue(no_glossary_json: dict[str, object]) -> None:
    pairs = no_glossary_json["pairs"]
    assert isinstance(pairs, list) and pairs
    for p in pairs:
        assert set(p) == {"zh", "en", "score", "freq", "examples", "status"}
        assert p["status"] == "new" and p["freq"] >= 1 and p["examples"]
        assert all(x.startswith(f"{NAME}:") for x in p["examples"])
    scores = [p["score"] for p in pairs]
    assert scores == sorted(scores, reverse=True)


def test_the_document_terms_are_found_best_first(no_glossary_json: dict[str, object]) -> None:
    """Floors well below the measured figures (bench/term_eval.py): a regression guard
    whose oracle is the gold list, not a list of expected pairs."""
    keys = [
        (term_key(p["zh"], Lang.ZH), term_key(p["en"], Lang.EN)) for p in no_glossary_json["pairs"]
    ]  # type: ignore[index,union-attr]
    g = gold()
    top = keys[:20]
    assert sum(k in g for k in top) / len(top) >= 0.4
    assert sum(k in set(keys) for k in g) / len(g) >= 0.45


def test_tbx_proposals_validate_and_say_they_are_proposals(tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "p.tbx"
    result = invoke(
        "align", "terms", str(ZH), str(EN), "--no-glossary", "--limit", "5", "--tbx", str(out)
    )
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("<?untm-proposal new?>") == 5
    assert "admittedTerm-admn-sts" in text and "not reviewed" in text
    if not VALIDATOR.exists():
        pytest.skip("the TBX validator is not there")
    proc = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _sheet(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), dialect="excel-tab"))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), dialect="excel-tab", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_the_review_loop(tmp_path: Path, db_path: Path) -> None:
    open_db(db_path, glossary=False).close()
    sheet = tmp_path / "review.tsv"
    assert (
        invoke("align", "terms", str(ZH), str(EN), "--limit", "6", "--tsv", str(sheet)).exit_code
        == 0
    )
    rows = _sheet(sheet)
    assert len(rows) == 6 and all(r["decision"] == "" for r in rows)
    rows[0]["decision"] = "accept"
    rows[1]["decision"] = "reject"
    rows[2]["decision"] = "edit"
    rows[2]["en_edit"] = rows[2]["en"] + " (edited)"
    _write(sheet, rows)
    result = invoke("termbase", "import", str(sheet), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["concepts_added"] == 2 and report["skipped"] == 3
    with open_db(db_path) as db:
        from untm.termbase.store import SqliteTermStore

        concept = SqliteTermStore(db).concepts([rows[0]["id"]])[0]
        zh = concept.terms_in(Lang.ZH)[0]
        assert zh.text == rows[0]["zh"] and zh.context == rows[0]["zh_context"]
        assert concept.source == "CAC/COSP/EG.1/2019/1" and concept.evidence is not None
    res = invoke("align", "terms", str(ZH), str(EN), "--json")
    assert res.exit_code == 0, res.output
    again = json.loads(res.stdout)["pairs"]
    status = {(p["zh"], p["en"]): p["status"] for p in again}
    assert status[(rows[0]["zh"], rows[0]["en"])] == "confirmed"
    assert (rows[1]["zh"], rows[1]["en"]) not in status  # rejected: not proposed again


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda r: r.update(id="prop-000000000000"),
            "line 2: id 'prop-000000000000' is not the id",
        ),
        (lambda r: r.update(decision="maybe"), "line 2: decision 'maybe' is not one of"),
        (lambda r: r.update(en="other English"), "line 2: id"),
    ],
)
def test_a_bad_sheet_is_one_line_and_changes_nothing(
    tmp_path: Path, db_path: Path, edit: object, problem: str
) -> None:
    open_db(db_path, glossary=False).close()
    sheet = tmp_path / "review.tsv"
    invoke("align", "terms", str(ZH), str(EN), "--limit", "2", "--tsv", str(sheet))
    rows = _sheet(sheet)
    rows[0]["decision"] = "accept"
    edit(rows[0])  # type: ignore[operator]
    _write(sheet, rows)
    before = _dump(db_path)
    result = invoke("termbase", "import", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {sheet}: {problem}") and result.stderr.count("\n") == 1
    assert _dump(db_path) == before


def test_an_unknown_column_is_refused(tmp_path: Path, db_path: Path) -> None:
    open_db(db_path, glossary=False).close()
    sheet = tmp_path / "review.tsv"
    sheet.write_text("id\tdecision\tzh\ten\tcomment\n", encoding="utf-8")
    result = invoke("termbase", "import", str(sheet))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {sheet}: line 1: unknown column 'comment' in a review sheet (its columns are "
        "id, decision, zh, en, zh_edit, en_edit, score, freq, status, termbase, source, "
        "examples, zh_context, en_context)\n"
    )


def _dump(path: Path) -> str:
    with open_db(path) as db:
        return "\n".join(db.conn.iterdump())


def test_bad_documents_are_one_line_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("align", "terms", str(empty), str(EN), "--no-glossary")
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {empty}: ")
    other = ROOT / "corpus" / "en" / "001_17b5a7ec9c7e6f23.txt"
    result = invoke("align", "terms", str(ZH), str(other), "--no-glossary")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {other}: does not look like a translation")
    assert result.stderr.count("\n") == 1
    result = invoke("align", "terms", str(ZH), "--no-glossary")
    assert result.exit_code == 2 and "give ZH EN" in result.stderr


def test_a_planted_wrong_entry_is_a_conflict(db_path: Path) -> None:
    from dataclasses import replace

    from untm.termbase.model import Term
    from untm.termbase.store import SqliteTermStore

    with open_db(db_path) as db:  # the shipped glossary: 司法协助 is mutual legal assistance
        store = SqliteTermStore(db)
        row = store.by_keys(["司法协助"], Lang.ZH)[0]
        c = store.concepts([row.concept_id])[0]
        wrong = (*(t for t in c.terms if t.lang is Lang.ZH), Term("judicial aid", Lang.EN))
        store.put([(replace(c, terms=wrong), "planted")])
    pairs = json.loads(invoke("align", "terms", str(ZH), str(EN), "--json").stdout)["pairs"]
    found = [p for p in pairs if p["zh"] == "司法协助"]
    assert found and found[0]["status"] == "conflict"
    assert found[0]["termbase"]["en"] == ["judicial aid"]
    assert any(p["status"] == "confirmed" for p in pairs)
