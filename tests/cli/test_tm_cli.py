"""``untm tm ...`` through the real command line: exit codes, JSON shapes, error lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from untm.cli.app import app
from untm.workspace import open_db

ROWS = [
    ("大会决定，将该项目列入第七十四届会议临时议程。",
     "The General Assembly decided to include the item in the provisional agenda of its "
     "seventy-fourth session."),
    ("委员会审议了秘书长关于技术援助的报告。",
     "The Committee considered the report of the Secretary-General on technical assistance."),
    ("各国应在司法协助方面开展合作。", "States shall cooperate in mutual legal assistance."),
]  # fmt: skip


@pytest.fixture
def db(db_path: Path) -> Path:
    """A fresh database (made without the glossary, which tm commands do not need)."""
    open_db(db_path, glossary=False).close()
    return db_path


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), "tm", *args])


@pytest.fixture
def memory(db: Path, tmp_path: Path) -> Path:
    tsv = tmp_path / "un.tsv"
    tsv.write_text("".join(f"{z}\t{e}\n" for z, e in ROWS), encoding="utf-8")
    result = run(db, "import", str(tsv))
    assert result.exit_code == 0, result.output
    return db


def test_import_reports_counts(db: Path, tmp_path: Path) -> None:
    tsv = tmp_path / "un.tsv"
    tsv.write_text("".join(f"{z}\t{e}\n" for z, e in ROWS), encoding="utf-8")
    result = run(db, "import", str(tsv))
    assert result.exit_code == 0
    assert result.stdout.startswith("un.tsv: 3 units added, 0 merged, 0 skipped (")
    result = run(db, "import", "--json", str(tsv))
    payload = json.loads(result.stdout)
    assert {k: payload[k] for k in ("source", "read", "added", "merged", "skipped")} == {
        "source": "un.tsv",
        "read": 3,
        "added": 0,
        "merged": 3,
        "skipped": 0,
    }
    assert payload["skipped_examples"] == []


def test_lookup_of_a_slightly_changed_sentence(memory: Path) -> None:
    query = "大会决定，将该项目列入第七十五届会议临时议程。"
    result = run(memory, "lookup", query)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # 1 substitution in 23 characters: 100 * 22/23 = 95.65...
    assert lines[0] == "1. 95.7% · un.tsv"
    assert lines[1] == f"   zh  {ROWS[0][0]}"
    assert lines[2] == f"   en  {ROWS[0][1]}"
    assert lines[3] == "   diff 大会决定，将该项目列入第七十[-五-]{+四+}届会议临时议程。"


def test_lookup_json_shape(memory: Path) -> None:
    query = "大会决定，将该项目列入第七十五届会议临时议程。"
    result = run(memory, "lookup", "--json", query)
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["query"] == query
    (first,) = payload["results"]
    assert {"score", "source", "target", "origin", "diff"} <= set(first)
    assert first["score"] == 95.7
    # the matched side is the query's language, even with full-width punctuation in it
    assert (first["source"], first["target"]) == ROWS[0]
    assert first["origin"] == "un.tsv"
    assert first["diff"] == [
        {
            "op": "equal",
            "query": "大会决定，将该项目列入第七十",
            "match": "大会决定，将该项目列入第七十",
        },
        {"op": "replace", "query": "五", "match": "四"},
        {"op": "equal", "query": "届会议临时议程。", "match": "届会议临时议程。"},
    ]
    assert payload["untm"]["scorer"].startswith("untm-lev-1")


def test_lookup_in_english_returns_the_english_side(memory: Path) -> None:
    query = "The Committee considered the report of the Secretary-General on legal assistance."
    result = run(memory, "lookup", "--json", query)
    assert result.exit_code == 0
    (first,) = json.loads(result.stdout)["results"]
    assert (first["source"], first["target"]) == (ROWS[1][1], ROWS[1][0])
    assert first["score"] == 91.7  # 1 word in 12 tokens (Secretary-General is one)


def test_lookup_exit_codes(memory: Path) -> None:
    assert run(memory, "lookup", ROWS[2][0]).exit_code == 0
    nothing = run(memory, "lookup", "量子色动力学的渐近自由。")
    assert (nothing.exit_code, nothing.stdout) == (1, "No match.\n")
    nothing = run(memory, "lookup", "--json", "量子色动力学的渐近自由。")
    assert nothing.exit_code == 1 and json.loads(nothing.stdout)["results"] == []
    assert run(memory, "lookup", "--min-score", "101", ROWS[2][0]).exit_code == 2
    assert run(memory, "lookup", "--limit", "0", ROWS[2][0]).exit_code == 2
    bad = run(memory, "lookup", "--lang", "fr", ROWS[2][0])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: ")


def test_lookup_min_score_and_limit(memory: Path) -> None:
    query = "委员会审议了秘书长关于司法协助的报告。"
    assert json.loads(run(memory, "lookup", "--json", query).stdout)["results"]
    low = run(memory, "lookup", "--json", "--min-score", "20", "-n", "1", query)
    assert len(json.loads(low.stdout)["results"]) == 1
    high = run(memory, "lookup", "--min-score", "95", query)
    assert high.exit_code == 1


def test_malformed_tmx_error_line(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
        '<tu><tuv xml:lang="zh-CN"><seg>会议</seg></tuv>\n'
        '<tuv xml:lang="en"><seg>Meeting</tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    before = run(db, "stats", "--json").stdout
    result = run(db, "import", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {path}: line 4: not well-formed XML: "
        "Opening and ending tag mismatch: seg line 4 and tuv\n"
    )
    assert run(db, "stats", "--json").stdout == before


def test_concordance(memory: Path) -> None:
    result = run(memory, "concordance", "司法协助")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "zh  各国应在[[司法协助]]方面开展合作。",
        "en  States shall cooperate in mutual legal assistance.",
    ]
    payload = json.loads(run(memory, "concordance", "--json", "legal assistance").stdout)
    assert payload["query"] == "legal assistance"
    (hit,) = payload["results"]
    assert hit["lang"] == "en" and hit["translation"] == ROWS[2][0]
    (start, end), *_ = hit["spans"]
    assert hit["text"][start:end] == "legal assistance"
    assert run(memory, "concordance", "鲸鱼").exit_code == 1


def test_export_import_stats_delete(memory: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    result = run(memory, "export", str(out))
    assert result.exit_code == 0 and result.stderr == f"{out}: 3 units written\n"
    stats = json.loads(run(memory, "stats", "--json").stdout)
    assert (stats["units"], stats["by_direction"], stats["origins"]) == (
        3,
        {"zh->en": 3},
        {"un.tsv": 3},
    )
    result = run(memory, "delete", "--origin", "un.tsv")
    assert (result.exit_code, result.stdout) == (0, "3 units deleted\n")
    assert json.loads(run(memory, "stats", "--json").stdout)["units"] == 0
    assert run(memory, "lookup", ROWS[0][0]).exit_code == 1
    result = run(memory, "import", str(out))
    assert result.exit_code == 0 and "3 units added" in result.stdout
    # the origin came back with the units, from the TMX
    assert json.loads(run(memory, "stats", "--json").stdout)["origins"] == {"un.tsv": 3}
    text = run(memory, "stats").stdout
    assert text.startswith("3 units (zh->en 3)\norigins: un.tsv 3\nindex: ")
    assert re.search(r"^index: [\d,]+ grams, [\d,]+ postings in 1 index segment$", text, re.M)


def test_export_to_stdout(memory: Path) -> None:
    result = run(memory, "export", "-", "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout == "".join(f"{z}\t{e}\n" for z, e in ROWS)


def test_import_of_a_missing_file(db: Path, tmp_path: Path) -> None:
    result = run(db, "import", str(tmp_path / "absent.tmx"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'absent.tmx'}: ")
    assert len(result.stderr.splitlines()) == 1


# -- standard input and output ---------------------------------------------------------------

TMX_TEXT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>\n'
    + "".join(
        f'<tu><tuv xml:lang="zh-CN"><seg>{z}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{e}</seg></tuv></tu>\n'
        for z, e in ROWS
    )
    + "</body></tmx>\n"
)


def stdin_run(db: Path, data: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), "tm", *args], input=data.encode("utf-8"))


@pytest.mark.parametrize(
    ("fmt", "data"),
    [("tmx", TMX_TEXT), ("tsv", "".join(f"{z}\t{e}\n" for z, e in ROWS))],
)
def test_import_from_stdin(db: Path, fmt: str, data: str) -> None:
    result = stdin_run(db, data, "import", "-", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<stdin>: 3 units added, 0 merged, 0 skipped (")
    assert json.loads(run(db, "stats", "--json").stdout)["origins"] == {"<stdin>": 3}
    result = stdin_run(db, data, "import", "-", "-f", fmt, "--origin", "A_74_1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("A_74_1: 0 units added, 3 merged")
    exported = run(db, "export", "-", "--format", "tsv")
    assert exported.stdout == "".join(f"{z}\t{e}\n" for z, e in ROWS)


def test_stdin_needs_a_format(db: Path) -> None:
    for args in (("import", "-"), ("export", "-")):
        result = stdin_run(db, TMX_TEXT, *args)
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert line.startswith("Error: - (standard input or output) has no file name")
        assert "--format tmx" in line


def test_bad_tmx_on_stdin_is_named_stdin(db: Path) -> None:
    bad = TMX_TEXT.replace("</seg></tuv></tu>\n</body>", "</tuv></tu>\n</body>")
    result = stdin_run(db, bad, "import", "-", "--format", "tmx")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: <stdin>: line 5: not well-formed XML: ")
    assert json.loads(run(db, "stats", "--json").stdout)["units"] == 0


def test_export_tmx_to_stdout_reimports(memory: Path, tmp_path: Path) -> None:
    result = run(memory, "export", "-", "--format", "tmx")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.count("<tu>") == 3
    other = tmp_path / "other.db"
    open_db(other, glossary=False).close()
    again = stdin_run(other, result.stdout, "import", "-", "-f", "tmx")
    assert again.exit_code == 0, again.output
    # the units keep the origin they had
    assert json.loads(run(other, "stats", "--json").stdout)["origins"] == {"un.tsv": 3}


def test_export_of_an_unknown_origin(memory: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    result = run(memory, "export", str(out), "--origin", "nope")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no units with origin 'nope'; `untm tm stats` lists the origins\n"
    )
    assert not out.exists()


def test_target_implies_line_aligned_text(db: Path, tmp_path: Path) -> None:
    zh, en = tmp_path / "p.zh", tmp_path / "p.en"
    zh.write_text("".join(z + "\n" for z, _ in ROWS), encoding="utf-8")
    en.write_text("".join(e + "\n" for _, e in ROWS), encoding="utf-8")
    result = run(db, "import", str(zh), "--target", str(en))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("p.zh: 3 units added")
    zh_out, en_out = tmp_path / "out.zh", tmp_path / "out.en"
    result = run(db, "export", str(zh_out), "--target", str(en_out))
    assert result.exit_code == 0, result.output
    assert (zh_out.read_bytes(), en_out.read_bytes()) == (zh.read_bytes(), en.read_bytes())
    wrong = run(db, "import", str(zh), "--target", str(en), "--format", "tsv")
    assert wrong.exit_code == 2
    assert wrong.stderr == "Error: --target is for line-aligned text (--format text), not tsv\n"


def test_import_json_reports_warnings(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "dated.tmx"
    path.write_text(TMX_TEXT.replace("<tu>", '<tu creationdate="yesterday">', 1), encoding="utf-8")
    result = run(db, "import", "--json", str(path))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["added"], payload["skipped"], payload["warnings"]) == (3, 0, 1)
    assert payload["warning_examples"] == [
        {
            "line": 3,
            "reason": "<tu> creationdate='yesterday' is not a TMX date (YYYYMMDDThhmmssZ); dropped",
        }
    ]


def test_export_json_and_delete_keeping_units_of_another_origin(
    memory: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.tsv"
    result = run(memory, "export", str(out), "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert (payload["file"], payload["origin"], payload["units"]) == (str(out), None, 3)
    assert payload["untm"]["version"]
    refused = run(memory, "export", "-", "--format", "tsv", "--json")
    assert refused.exit_code == 2 and refused.stderr.startswith("Error: --json cannot be used")
    more = tmp_path / "more.tsv"  # the second row again, and a new one
    more.write_text(f"{ROWS[1][0]}\t{ROWS[1][1]}\n各国应当合作。\tStates shall cooperate.\n")
    assert run(memory, "import", str(more)).exit_code == 0
    result = run(memory, "delete", "--origin", "un.tsv")
    assert (result.exit_code, result.stdout) == (
        0,
        "2 units deleted; 1 unit kept for other origins\n",
    )
    gone = json.loads(run(memory, "delete", "--origin", "more.tsv", "--json").stdout)
    assert (gone["deleted"], gone["kept"]) == (2, 0)


# -- concordance totals; the shared option conventions ------------------------------------------


@pytest.fixture
def sessions(db: Path, tmp_path: Path) -> Path:
    tsv = tmp_path / "sessions.tsv"
    tsv.write_text(
        "".join(f"大会第{i}届会议通过了议程。\tThe Assembly adopted its agenda at its {i}th "
                "session.\n" for i in range(60, 80)),
        encoding="utf-8",
    )  # fmt: skip
    assert run(db, "import", str(tsv)).exit_code == 0
    return db


def test_concordance_says_how_many_it_shows(sessions: Path) -> None:
    result = run(sessions, "concordance", "议程", "--limit", "3")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "zh  大会第79届会议通过了[[议程]]。"  # newest first
    assert len(lines) == 3 * 3 + 1
    assert lines[-1] == "Showing 3 of 20 units (use --limit to see more)"
    payload = json.loads(run(sessions, "concordance", "议程", "-n", "3", "--json").stdout)
    assert (payload["total"], payload["shown"], len(payload["results"])) == (20, 3, 3)


def test_concordance_showing_everything_says_nothing_more(sessions: Path) -> None:
    result = run(sessions, "concordance", "agenda", "--limit", "20")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 20 * 3
    assert "Showing" not in result.stdout
    payload = json.loads(run(sessions, "concordance", "agenda", "--json").stdout)
    assert (payload["total"], payload["shown"]) == (20, 20)
    nothing = json.loads(run(sessions, "concordance", "鲸鱼", "--json").stdout)
    assert (nothing["total"], nothing["shown"], nothing["results"]) == (0, 0, [])


@pytest.mark.parametrize("value", ["101", "-1", "nan"])
def test_lookup_min_score_is_0_to_100(memory: Path, value: str) -> None:
    result = run(memory, "lookup", ROWS[2][0], "--min-score", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --min-score: must be between 0 and 100\n"
    assert run(memory, "lookup", ROWS[2][0], "--min-score", "0").exit_code == 0


@pytest.mark.parametrize("name", ["absent.tmx", "absent.tsv", "absent.txt"])
def test_a_missing_file_is_no_such_file(db: Path, tmp_path: Path, name: str) -> None:
    missing = tmp_path / name
    args = ["import", str(missing)]
    if name.endswith(".txt"):  # the source of a line-aligned pair exists, its target not
        source = tmp_path / "zh.txt"
        source.write_text("会议\n", encoding="utf-8")
        args = ["import", str(source), "--target", str(missing)]
    result = run(db, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {missing}: no such file\n"


def test_a_directory_is_not_a_file(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "memory.tmx"
    folder.mkdir()
    result = run(db, "import", str(folder))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {folder}: is a directory, not a file\n"


def test_a_bad_source_lang_names_the_option(db: Path, tmp_path: Path) -> None:
    tsv = tmp_path / "un.tsv"
    tsv.write_text(f"{ROWS[0][0]}\t{ROWS[0][1]}\n", encoding="utf-8")
    result = run(db, "import", str(tsv), "--source-lang", "fr")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --source-lang: unknown language 'fr': use zh or en\n"


def test_target_is_the_translation_file_both_ways(db: Path, tmp_path: Path) -> None:
    """With --source-lang en, FILE is English and --target the Chinese translation; the
    export writes the memory's default pair (Chinese FILE, English --target) and imports
    back the same."""
    en, zh = tmp_path / "in.en", tmp_path / "in.zh"
    en.write_text("".join(e + "\n" for _, e in ROWS), encoding="utf-8")
    zh.write_text("".join(z + "\n" for z, _ in ROWS), encoding="utf-8")
    assert run(db, "import", str(en), "--target", str(zh), "--source-lang", "en").exit_code == 0
    out_zh, out_en = tmp_path / "out.zh", tmp_path / "out.en"
    assert run(db, "export", str(out_zh), "--target", str(out_en)).exit_code == 0
    assert (out_zh.read_bytes(), out_en.read_bytes()) == (zh.read_bytes(), en.read_bytes())
    again = run(db, "import", str(out_zh), "--target", str(out_en), "--json")
    assert (json.loads(again.stdout)["added"], json.loads(again.stdout)["merged"]) == (0, 3)
    help_import = " ".join(run(db, "import", "--help").stdout.split())
    help_export = " ".join(run(db, "export", "--help").stdout.split())
    meaning = "--target FILE The translation file of a line-aligned pair, FILE being the source"
    assert meaning in help_import and meaning in help_export
