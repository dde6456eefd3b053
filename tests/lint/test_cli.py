"""``untm lint`` from the command line: inputs, direction, reports, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from untm.cli.app import app
from untm.workspace import open_db

ROOT = Path(__file__).resolve().parents[2]
GOOD_ZH = "缔约国会议第七届会议于2019年5月31日在维也纳开幕。"
GOOD_EN = (
    "The seventh session of the Conference of the States Parties opened in Vienna on 31 May 2019."
)
BAD_EN = (
    "The eighth session of the Conference of the States Parties opened in Vienna on 30 May 2019."
)


def lint(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, ["--db", str(db), "lint", *args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tsv(path: Path, rows: list[tuple[str, str]], header: str | None = "zh\ten") -> Path:
    head = f"{header}\n" if header else ""
    path.write_text(head + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return path


def one_error_line(result: Result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert text in lines[0], lines[0]


# --- exit codes ---------------------------------------------------------------------------


def test_clean_file_exits_0(glossary_db_file: Path, workdir: Path) -> None:
    result = lint(glossary_db_file, str(tsv(workdir / "a.tsv", [(GOOD_ZH, GOOD_EN)])))
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stderr


def test_errors_exit_1_and_the_report_shows_segment_source_target(
    glossary_db_file: Path, workdir: Path
) -> None:
    tsv(workdir / "a.tsv", [(GOOD_ZH, BAD_EN)])
    result = lint(glossary_db_file, "a.tsv")
    assert result.exit_code == 1
    out = result.stdout
    assert "segment 2  (a.tsv:2, hash " in out  # row 2: the header is row 1
    assert "  source: 缔约国会议[[第七届会议]]于[[2019年5月31日]]在维也纳开幕。" in out
    assert "target: The [[eighth session]]" in out
    assert "error[reference]" in out and "error[date]" in out
    assert "'seventh session'" in out and "'31 May 2019'" in out  # what was expected


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on(glossary_db_file: Path, workdir: Path, fail_on: str, code: int) -> None:
    # one warning only: a pair of brackets the source does not have
    path = tsv(workdir / "w.tsv", [("维也纳会议。", "The meeting (in Vienna).")])
    result = lint(glossary_db_file, str(path), "--fail-on", fail_on, "--rules", "brackets")
    assert result.exit_code == code, result.output
    bad = tsv(workdir / "e.tsv", [(GOOD_ZH, BAD_EN)])
    expected = 0 if fail_on == "never" else 1
    assert lint(glossary_db_file, str(bad), "--fail-on", fail_on).exit_code == expected


# --- JSON and SARIF ----------------------------------------------------------------------


def test_json_has_the_issue_shape(glossary_db_file: Path, workdir: Path) -> None:
    result = lint(glossary_db_file, str(tsv(workdir / "a.tsv", [(GOOD_ZH, BAD_EN)])), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "summary"}
    keys = {"segment", "rule", "severity", "source_term", "expected", "found", "message"}
    for f in data["findings"]:
        assert keys <= set(f)
        assert isinstance(f["expected"], list) and f["severity"] in ("error", "warning", "info")
        assert set(f["offsets"]) == {"source", "target"}
    date = next(f for f in data["findings"] if f["rule"] == "date")
    assert date == date | {
        "segment": "2",
        "source_term": "2019年5月31日",
        "expected": ["31 May 2019"],
        "found": "30 May 2019",
    }
    s, e = date["offsets"]["target"]
    assert BAD_EN[s:e] == "30 May 2019"
    assert data["summary"]["direction"] == "zh-en"
    assert data["summary"]["error"] == 2 and data["summary"]["segments"] == 1


#: What SARIF 2.1.0's schema requires of each object lint writes (sarif-schema-2.1.0.json,
#: "required" of each definition), and the values it allows.
SARIF_REQUIRED = {
    "sarifLog": ("version", "runs"),
    "run": ("tool",),
    "tool": ("driver",),
    "toolComponent": ("name",),
    "reportingDescriptor": ("id",),
    "result": ("message",),
    "message": ("text",),  # text or id; lint always writes text
    "artifactLocation": (),
    "logicalLocation": (),
}
SARIF_LEVELS = {"none", "note", "warning", "error"}


def check_sarif(log: dict[str, Any]) -> None:
    def need(obj: dict[str, Any], kind: str) -> None:
        assert isinstance(obj, dict), kind
        missing = [k for k in SARIF_REQUIRED[kind] if k not in obj]
        assert not missing, (kind, missing)

    need(log, "sarifLog")
    assert log["version"] == "2.1.0"
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        need(run, "run")
        need(run["tool"], "tool")
        driver = run["tool"]["driver"]
        need(driver, "toolComponent")
        ids = []
        for rule in driver.get("rules", []):
            need(rule, "reportingDescriptor")
            need(rule["shortDescription"], "message")
            assert rule["defaultConfiguration"]["level"] in SARIF_LEVELS
            ids.append(rule["id"])
        assert len(ids) == len(set(ids))
        for res in run.get("results", []):
            need(res, "result")
            need(res["message"], "message")
            assert res["level"] in SARIF_LEVELS
            assert ids[res["ruleIndex"]] == res["ruleId"]
            for loc in res["locations"]:
                phys = loc["physicalLocation"]
                need(phys["artifactLocation"], "artifactLocation")
                assert isinstance(phys["artifactLocation"]["uri"], str)
                if "region" in phys:
                    assert phys["region"]["startLine"] >= 1
                for logical in loc["logicalLocations"]:
                    need(logical, "logicalLocation")
            assert all(isinstance(v, str) for v in res["partialFingerprints"].values())


def test_sarif_is_valid(glossary_db_file: Path) -> None:
    path = ROOT / "tests" / "lint" / "data" / "segments" / "en-zh.xlf"
    result = lint(glossary_db_file, str(path), "--sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    check_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"term-missing", "number", "untranslated"}
    assert all("region" in r["locations"][0]["physicalLocation"] for r in results)  # lines


def test_json_and_sarif_together_is_a_usage_error(glossary_db_file: Path, workdir: Path) -> None:
    path = tsv(workdir / "a.tsv", [(GOOD_ZH, GOOD_EN)])
    one_error_line(lint(glossary_db_file, str(path), "--json", "--sarif"), "not both")


# --- rules and suppressions ----------------------------------------------------------------


def test_rules_select_checks(glossary_db_file: Path, workdir: Path) -> None:
    path = tsv(workdir / "a.tsv", [(GOOD_ZH, BAD_EN)])
    data = json.loads(lint(glossary_db_file, str(path), "--rules", "date", "--json").stdout)
    assert {f["rule"] for f in data["findings"]} == {"date"}
    data = json.loads(
        lint(glossary_db_file, str(path), "--rules", "refs,brackets", "--json").stdout
    )
    assert {f["rule"] for f in data["findings"]} == {"date", "reference"}
    one_error_line(
        lint(glossary_db_file, str(path), "--rules", "grammar"), "unknown rule 'grammar'"
    )


def test_ignore_by_rule_segment_hash_and_term(glossary_db_file: Path, workdir: Path) -> None:
    path = tsv(workdir / "a.tsv", [(GOOD_ZH, BAD_EN), ("第七届会议。", "The eighth session.")])
    data = json.loads(lint(glossary_db_file, str(path), "--json").stdout)
    first_hash = next(f["hash"] for f in data["findings"] if f["segment"] == "2")
    cases = {
        "date\n": lambda f: f["rule"] != "date",
        f"* {first_hash}  # the first row\n": lambda f: f["segment"] != "2",
        "reference * 第七届会议\n": lambda f: f["rule"] != "reference",
    }
    for text, kept in cases.items():
        (workdir / "ignore").write_text(text, encoding="utf-8")
        out = json.loads(lint(glossary_db_file, str(path), "--ignore", "ignore", "--json").stdout)
        assert out["findings"] == [f for f in data["findings"] if kept(f)], text
        assert out["summary"]["ignored"] == len(data["findings"]) - len(out["findings"])
    # .untmignore in the current directory is read by default
    (workdir / ".untmignore").write_text("date\nreference\n", encoding="utf-8")
    assert lint(glossary_db_file, str(path)).exit_code == 0


def test_bad_ignore_files(glossary_db_file: Path, workdir: Path) -> None:
    path = tsv(workdir / "a.tsv", [(GOOD_ZH, GOOD_EN)])
    one_error_line(lint(glossary_db_file, str(path), "--ignore", "nope"), "nope: no such file")
    (workdir / "bad").write_text("# ok\nterm-misssing\n", encoding="utf-8")
    one_error_line(
        lint(glossary_db_file, str(path), "--ignore", "bad"), "bad: line 2: unknown rule"
    )
    (workdir / "bad").write_text("number xyz\n", encoding="utf-8")
    one_error_line(
        lint(glossary_db_file, str(path), "--ignore", "bad"), "bad: line 1: 'xyz' is not a segment"
    )
    (workdir / "bin").write_bytes(b"\xff\xfe\xfa date")
    one_error_line(lint(glossary_db_file, str(path), "--ignore", "bin"), "bin: ")


# --- inputs and direction ------------------------------------------------------------------


def test_direction_from_the_texts_and_from_options(glossary_db_file: Path, workdir: Path) -> None:
    path = tsv(workdir / "a.tsv", [(GOOD_EN, GOOD_ZH)], header=None)
    data = json.loads(lint(glossary_db_file, str(path), "--json").stdout)
    assert data["summary"]["direction"] == "en-zh"
    assert data["findings"] == [] and data["summary"]["segments"] == 1
    data = json.loads(lint(glossary_db_file, str(path), "--from", "en", "--json").stdout)
    assert data["summary"]["direction"] == "en-zh"
    one_error_line(lint(glossary_db_file, str(path), "--from", "zh"), "mismatched languages")
    one_error_line(lint(glossary_db_file, str(path), "--to", "fr"), "--to: unknown language")
    one_error_line(lint(glossary_db_file, str(path), "--from", "en", "--to", "en"), "both en")


def xliff(src: str, tgt: str, units: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="x" source-language="{src}" target-language="{tgt}" datatype="plaintext">'
        f"<body>{units}</body></file></xliff>\n"
    )


UNIT = f'<trans-unit id="t1"><source>{GOOD_ZH}</source><target>{BAD_EN}</target></trans-unit>'


def test_xliff_ids_and_languages(glossary_db_file: Path, workdir: Path) -> None:
    (workdir / "a.xlf").write_text(xliff("zh-CN", "en-US", UNIT), encoding="utf-8")
    data = json.loads(lint(glossary_db_file, "a.xlf", "--json").stdout)
    assert {f["segment"] for f in data["findings"]} == {"t1"}
    assert data["summary"]["format"] == "xliff-1.2"
    one_error_line(lint(glossary_db_file, "a.xlf", "--from", "en"), "not en (--from)")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "a.xlf",
            xliff("zh", "en", UNIT.replace("</target>", "")),
            "a.xlf: line 3: not well-formed",
        ),
        ("a.xlf", xliff("fr", "en", UNIT), "the source language is 'fr'"),
        ("a.xlf", xliff("en", "zh", UNIT), "mismatched languages"),
        (
            "a.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            + xliff("zh", "en", UNIT).split("\n", 1)[1],
            "DOCTYPE declares entities",
        ),
        ("a.xlf", "<html><body/></html>", "not an XLIFF file (root element <html>)"),
        ("a.po", 'msgid "a\nmsgstr "b"\n', "a.po: not a readable PO file"),
        (
            "a.tmx",
            '<tmx version="1.4"><header srclang="zh"/><body><tu>',
            "a.tmx: line 1: not well-formed",
        ),
        (
            "a.tmx",
            '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="fr"><seg>x</seg>'
            "</tuv></tu></body></tmx>",
            "a variant in fr",
        ),
        ("a.tsv", f"{GOOD_ZH}\t{GOOD_EN}\textra\n", "a.tsv: line 1: 3 columns"),
        ("a.csv", f'"{GOOD_ZH},{GOOD_EN}\n', "a.csv: "),
        ("a.tsv", "", "a.tsv: the file is empty"),
        ("a.tsv", "维也纳\t维也纳\n", "the file names no languages"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    glossary_db_file: Path, workdir: Path, name: str, content: str, message: str
) -> None:
    (workdir / name).write_text(content, encoding="utf-8")
    one_error_line(lint(glossary_db_file, name), message)


def test_a_missing_file(glossary_db_file: Path, workdir: Path) -> None:
    one_error_line(lint(glossary_db_file, "missing.xlf"), "missing.xlf: no such file")


def test_a_termbase_without_the_language(workdir: Path) -> None:
    empty = workdir / "empty.db"
    open_db(empty, glossary=False).close()
    path = tsv(workdir / "a.tsv", [(GOOD_ZH, GOOD_EN)])
    one_error_line(lint(empty, str(path)), "empty.db: the termbase has no Chinese terms")
    # without the term checks no termbase is needed
    assert lint(empty, str(path), "--rules", "refs,untranslated,brackets").exit_code == 0


def test_po_and_tmx(glossary_db_file: Path, workdir: Path) -> None:
    (workdir / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
        f'msgctxt "c1"\nmsgid "{GOOD_EN}"\nmsgstr ""\n',
        encoding="utf-8",
    )
    data = json.loads(lint(glossary_db_file, "a.po", "--json").stdout)
    assert [(f["segment"], f["rule"]) for f in data["findings"]] == [
        (f"c1::{GOOD_EN}", "untranslated")
    ]
    assert data["summary"]["direction"] == "en-zh"
    (workdir / "a.tmx").write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu tuid="u9">'
        f'<tuv xml:lang="en"><seg>{GOOD_EN}</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>缔约国会议第七届会议于2019年5月31日在维也纳开幕。</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    assert lint(glossary_db_file, "a.tmx").exit_code == 0


def test_documents(glossary_db_file: Path, workdir: Path) -> None:
    zh = next((ROOT / "corpus" / "zh").glob("000_*.txt"))
    en = next((ROOT / "corpus" / "en").glob("000_*.txt"))
    result = lint(glossary_db_file, "--source", str(en), "--target", str(zh), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["direction"] == "en-zh"
    one_error_line(lint(glossary_db_file, "--source", str(en)), "--source and --target go together")
    one_error_line(
        lint(glossary_db_file, "x.tsv", "--source", str(en), "--target", str(zh)), "not both"
    )
    one_error_line(
        lint(glossary_db_file, "--source", str(en), "--target", str(en)), "in English, not Chinese"
    )
