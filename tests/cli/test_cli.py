"""The command line: exit codes, exact error lines, JSON shapes, interchange, entry point.

Runs ``untm.cli.app.app`` in-process with typer's CliRunner (stdout and stderr apart),
and the installed ``untm`` console script once in a subprocess. Every error case also
checks that no traceback reaches the user.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.support import need_shared
from untm import __version__
from untm.cli.app import app
from untm.termbase.model import Concept
from untm.termbase.store import SqliteTermStore
from untm.text.normalize import NORMALIZATION
from untm.workspace import open_db

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_CONCEPTS = sum(
    1
    for line in (ROOT / "glossaries" / "un-zh-en.toml").read_text(encoding="utf-8").splitlines()
    if line.strip() == "[[concept]]"
)
TBX_NS = "urn:iso:std:iso:30042:ed-2"
LAUGHS = "\n".join(
    ['<?xml version="1.0"?>', "<!DOCTYPE tbx [", ' <!ENTITY e0 "lol">']
    + [f' <!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 11)]
    + [
        "]>",
        f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&e10;</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>",
    ]
)


def invoke(*args: str, db: Path | None = None) -> Result:
    """Run untm in-process; never lets a traceback or an unexpected exception through."""
    argv = ["--db", str(db), *args] if db is not None else list(args)
    result = CliRunner().invoke(app, argv)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def concepts(db: Path) -> list[Concept]:
    with open_db(db) as database:
        return list(SqliteTermStore(database).all_concepts())


@pytest.fixture(scope="module")
def ready_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the shipped glossary, created once, for read-only commands."""
    path = tmp_path_factory.mktemp("cli") / "untm.db"
    open_db(path).close()
    return path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty current directory, so file names in messages are the ones typed."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


# ----------------------------------------------------------------------- lookup


def test_lookup_chinese_gives_the_english(ready_db: Path) -> None:
    result = invoke("lookup", "不限成员名额政府间专家会议", db=ready_db)
    assert result.exit_code == 0
    assert "open-ended intergovernmental expert meeting" in result.stdout
    assert result.stdout.startswith("1. [exact 100] uncac-expert-meeting-international-cooperation")
    assert result.stderr == ""


def test_lookup_english_gives_the_chinese(ready_db: Path) -> None:
    result = invoke("lookup", "open-ended intergovernmental expert meeting", db=ready_db)
    assert result.exit_code == 0
    assert "不限成员名额政府间专家会议" in result.stdout
    assert "增进联合国反腐败公约下国际合作不限成员名额政府间专家会议" in result.stdout


def test_lookup_marks_deprecated_terms(ready_db: Path) -> None:
    result = invoke("lookup", "Ivory Coast", db=ready_db)
    assert result.exit_code == 0
    assert "✗ Ivory Coast (deprecated)" in result.stdout
    assert "Côte d'Ivoire" in result.stdout


def test_a_miss_exits_1(ready_db: Path) -> None:
    result = invoke("lookup", "qxzqxzqxz", db=ready_db)
    assert result.exit_code == 1
    assert result.stdout == (
        "No term found for 'qxzqxzqxz'.\n"
        "No suggestion: no term shares a word with it or is spelled like it.\n"
    )
    assert result.stderr == ""


def test_a_miss_suggests_only_terms_sharing_a_word(ready_db: Path) -> None:
    result = invoke("lookup", "Drugs Office", db=ready_db)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "No term found for 'Drugs Office'."
    assert lines[1].startswith("Did you mean: United Nations Office on Drugs and Crime, ")
    assert "officers" not in lines[1]


def test_a_chinese_miss_with_nothing_close_says_so(ready_db: Path) -> None:
    result = invoke("lookup", "气候变化", "--json", db=ready_db)
    assert (result.exit_code, json.loads(result.stdout)["suggestions"]) == (1, [])
    result = invoke("lookup", "气候变化", db=ready_db)
    assert result.stdout.splitlines()[1] == (
        "No suggestion: no term shares a word with it or is spelled like it."
    )


def test_lookup_shows_the_evidence_of_the_english(ready_db: Path) -> None:
    result = invoke("lookup", "缔约国", "--limit", "1", db=ready_db)
    evidence = [line.strip() for line in result.stdout.splitlines() if "evidence:" in line]
    assert len(evidence) == 1
    assert evidence[0].startswith("evidence: UN document ")
    with open_db(ready_db) as database:
        project = database.conn.execute(
            "SELECT t.term FROM tb_concepts c JOIN tb_terms t ON t.concept_id = c.id "
            "WHERE c.evidence = 'project' AND t.lang = 'zh' ORDER BY c.id, t.seq LIMIT 1"
        ).fetchone()[0]
    result = invoke("lookup", project, "--limit", "1", db=ready_db)
    assert "   evidence: untm translation (not verified in UN English sources)\n" in result.stdout


def test_a_miss_suggests(ready_db: Path) -> None:
    result = invoke("lookup", "Implementaton Review Group", "--min-score", "97", db=ready_db)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "No term found for 'Implementaton Review Group'."
    assert lines[1].startswith("Did you mean: Implementation Review Group")


def test_lookup_json_shape(ready_db: Path) -> None:
    result = invoke("lookup", "不限成员名额政府间专家会议", "--json", db=ready_db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"query", "lang", "results", "suggestions", "beyond", "untm"}
    assert data["beyond"] == []  # an exact termbase hit: nothing beyond the termbase
    assert data["query"] == "不限成员名额政府间专家会议"
    assert data["lang"] == "zh"
    assert data["suggestions"] == []
    assert data["untm"] == {
        "version": __version__,
        "database": str(ready_db),
        "normalization": NORMALIZATION,
    }
    assert data["results"], "no results"
    for r in data["results"]:
        assert set(r) == {
            "kind",
            "concept_id",
            "match",
            "score",
            "terms",
            "subject",
            "source",
            "note",
            "evidence",
            "attested",
        }
        assert r["evidence"] in ("un-document", "un-terminology", "project")
        assert r["kind"] == "termbase"
        assert set(r["terms"]) == {"zh", "en"}
        for terms in r["terms"].values():
            for t in terms:
                assert set(t) == {"term", "status", "type"}
    top = data["results"][0]
    assert (top["concept_id"], top["match"], top["score"]) == (
        "uncac-expert-meeting-international-cooperation",
        "exact",
        100.0,
    )
    short = next(
        t for t in top["terms"]["en"] if t["term"] == "open-ended intergovernmental expert meeting"
    )
    assert (short["status"], short["type"]) == ("admitted", "shortForm")
    assert top["terms"]["en"][0]["status"] == "preferred"  # preferred listed first


def test_lookup_json_on_a_miss(ready_db: Path) -> None:
    result = invoke(
        "lookup", "Implementaton Review Group", "--min-score", "97", "--json", db=ready_db
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["results"] == []
    assert data["suggestions"][0] == "Implementation Review Group"


def test_unknown_language_is_a_usage_error(ready_db: Path) -> None:
    result = invoke("lookup", "x", "--lang", "fr", db=ready_db)
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown language 'fr': use zh or en\n"
    assert result.stdout == ""


def test_lang_option_forces_the_language(ready_db: Path) -> None:
    result = invoke("lookup", "UNODC", "--lang", "zh", "--json", db=ready_db)
    assert json.loads(result.stdout)["lang"] == "zh"
    result = invoke("lookup", "UNODC", "--lang", "en-GB", "--json", db=ready_db)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"][0]["concept_id"] == "un-unodc"


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"untm {__version__}\n"


# ----------------------------------------------------------------------- database errors


def test_a_foreign_sqlite_file_is_an_error_line(workdir: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(workdir / "other.db")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    result = invoke("--db", "other.db", "lookup", "UNODC")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: other.db: is an SQLite database of another application; "
        "give untm its own file with --db or UNTM_DB\n"
    )


# ----------------------------------------------------------------------- import errors


def test_import_of_a_missing_file(workdir: Path, db_path: Path) -> None:
    result = invoke("termbase", "import", "missing.tbx")
    assert result.exit_code == 2
    assert result.stderr == "Error: missing.tbx: no such file\n"
    assert result.stdout == ""


def _stats(db: Path) -> dict[str, object]:
    result = invoke("termbase", "stats", "--json", db=db)
    assert result.exit_code == 0
    return dict(json.loads(result.stdout))


def test_a_malformed_tbx_changes_nothing(workdir: Path, db_path: Path) -> None:
    (workdir / "bad.tbx").write_text(
        '<?xml version="1.0"?>\n'
        f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en">\n'
        "<text><body>\n"
        '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>会员国</terms>\n'
        "</termSec></langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    stats, before = _stats(db_path), concepts(db_path)
    result = invoke("termbase", "import", "bad.tbx")
    assert result.exit_code == 2
    assert re.fullmatch(r"Error: bad\.tbx: line 4: not well-formed XML: [^\n]+\n", result.stderr)
    assert result.stdout == ""
    assert _stats(db_path) == stats
    assert concepts(db_path) == before


def test_an_entity_bomb_is_refused_and_changes_nothing(workdir: Path, db_path: Path) -> None:
    (workdir / "bomb.tbx").write_text(LAUGHS, encoding="utf-8")
    stats = _stats(db_path)
    result = invoke("termbase", "import", "bomb.tbx")
    assert result.exit_code == 2
    assert re.fullmatch(r"Error: bomb\.tbx: line 3: [^\n]*ENTITY[^\n]*\n", result.stderr)
    assert _stats(db_path) == stats


def test_a_tsv_without_chinese_or_english_is_an_error(workdir: Path, db_path: Path) -> None:
    (workdir / "fr.tsv").write_text("fr\tde\nÉtat partie\tVertragsstaat\n", encoding="utf-8")
    result = invoke("termbase", "import", "fr.tsv")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: fr.tsv: ")
    assert result.stderr.count("\n") == 1


# ----------------------------------------------------------------------- import / export


def test_import_reports_and_reimport_is_a_no_op(workdir: Path, db_path: Path) -> None:
    (workdir / "team.tsv").write_text(
        "zh\ten\tnote\n"
        "刑事事项司法协助\tmutual legal assistance in criminal matters\t\n"
        "被判刑人员移管\ttransfer of sentenced persons\tUNCAC art. 45\n",
        encoding="utf-8",
    )
    stats = _stats(db_path)
    result = invoke("termbase", "import", "team.tsv")
    assert result.exit_code == 0
    # one pair exists in the glossary (merged, nothing new), one is new
    assert result.stdout == "team.tsv: 1 concepts added, 1 merged, 2 terms added\n"
    after = _stats(db_path)
    assert after["concepts"] == stats["concepts"] + 1  # type: ignore[operator]
    result = invoke("termbase", "import", "team.tsv", "--json")
    data = json.loads(result.stdout)
    assert (data["concepts_added"], data["concepts_merged"], data["terms_added"]) == (0, 2, 0)
    assert _stats(db_path) == after
    result = invoke("lookup", "被判刑人员移管", "--json")
    assert result.exit_code == 0
    top = json.loads(result.stdout)["results"][0]
    assert top["match"] == "exact"
    assert top["terms"]["en"][0]["term"] == "transfer of sentenced persons"


@pytest.mark.parametrize(
    ("name", "extra"),
    [("out.tbx", []), ("out2.tbx", ["--format", "tbx2"]), ("out.tsv", []), ("out.csv", [])],
)
def test_export_and_import_back_changes_nothing(
    workdir: Path, db_path: Path, name: str, extra: list[str]
) -> None:
    """Export, then import the file into the same database: all merged, nothing changed
    (a TSV cannot say a term is an acronym or where it must not match; importing it
    must not take that away)."""
    fmt = extra[1] if extra else name.rsplit(".", 1)[1]
    result = invoke("termbase", "export", name, *extra)
    assert result.exit_code == 0
    layout = {"tbx": "TBX-Basic", "tbx2": "TBX-Basic 2 (martif)"}.get(fmt, "all columns")
    assert result.stderr == f"{name}: {GLOSSARY_CONCEPTS} concepts written ({fmt}, {layout})\n"
    assert (workdir / name).stat().st_size > 100_000
    before = concepts(db_path)
    result = invoke("termbase", "import", name, *extra, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["concepts_added"], data["concepts_merged"], data["terms_added"]) == (
        0,
        GLOSSARY_CONCEPTS,
        0,
    )
    assert concepts(db_path) == before


@pytest.mark.parametrize("name", ["out.tsv", "out.csv"])
def test_tabular_exports_have_one_row_per_concept(workdir: Path, db_path: Path, name: str) -> None:
    assert invoke("termbase", "export", name).exit_code == 0
    delimiter = "\t" if name.endswith(".tsv") else ","
    with (workdir / name).open(encoding="utf-8-sig", newline="") as fh:  # CSV has a BOM
        rows = list(csv.DictReader(fh, delimiter=delimiter))
    assert len(rows) == GLOSSARY_CONCEPTS
    assert len({r["id"] for r in rows}) == GLOSSARY_CONCEPTS
    by_id = {r["id"]: r for r in rows}
    assert (by_id["mtg-credentials"]["zh"], by_id["mtg-credentials"]["en"]) == (
        "全权证书",
        "credentials",
    )
    assert by_id["un-unodc"]["en_aliases"] == "UNODC"
    assert by_id["un-unodc"]["en_superseded"] == (
        "United Nations Office for Drug Control and Crime Prevention"
    )


@pytest.mark.parametrize(("name", "flag"), [("out.tbx", []), ("out2.tbx", ["--tbx2"])])
def test_tbx_exports_validate(workdir: Path, db_path: Path, name: str, flag: list[str]) -> None:
    validator = need_shared("tools", "validate_tbx.py")
    fmt = ["--format", "tbx2"] if flag else []
    assert invoke("termbase", "export", name, *fmt).exit_code == 0
    proc = subprocess.run(
        [sys.executable, str(validator), *flag, name],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("VALID")
    text = (workdir / name).read_text(encoding="utf-8")
    assert "untm:" not in text  # no untm-internal notes a CAT tool would show
    assert text.count("<?untm-exclude ") > 100 and "<?untm-evidence " in text
    assert text.count("<note>Evidence: ") == GLOSSARY_CONCEPTS


def test_export_format_errors(workdir: Path, db_path: Path) -> None:
    result = invoke("termbase", "export", "out.xyz")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: out.xyz: cannot tell the format from the extension '.xyz'; "
        "give it explicitly (tbx, tbx2, tsv or csv)\n"
    )
    result = invoke("termbase", "export", "no/such/dir/out.tbx")
    assert result.exit_code == 2
    assert result.stderr == "Error: no/such/dir/out.tbx: directory no/such/dir does not exist\n"
    assert not (workdir / "no").exists()


def test_stats_and_info(db_path: Path) -> None:
    data = _stats(db_path)
    assert data["concepts"] == GLOSSARY_CONCEPTS
    assert data["origins"] == {"untm UN glossary": GLOSSARY_CONCEPTS}
    result = invoke("info", "--json")
    info = json.loads(result.stdout)
    assert info["database"] == str(db_path)
    assert info["meta"]["glossary_loaded"] == "yes"


# ----------------------------------------------------------------------- terms find


def test_terms_find_json_on_a_seed(ready_db: Path) -> None:
    seed = need_shared("seeds", "000_81281640e8b35b4e.txt")
    text = seed.read_text(encoding="utf-8")
    result = invoke("terms", "find", str(seed), "--json", db=ready_db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"file", "occurrences", "untm"}
    assert data["file"] == str(seed)
    occurrences = data["occurrences"]
    assert len(occurrences) > 100
    keys = {"start", "end", "text", "term", "lang", "status", "kind", "concept_id"}
    keys |= {"equivalents", "candidates"}
    for occ in occurrences:
        assert set(occ) == keys
        assert text[occ["start"] : occ["end"]] == occ["text"]
        # the best candidate is the occurrence's concept; others follow, each once
        ids = [c["concept_id"] for c in occ["candidates"]]
        assert ids[0] == occ["concept_id"] and len(set(ids)) == len(ids)
    shared = [o for o in occurrences if len(o["candidates"]) > 1]
    assert shared, "the seed has places several concepts share (秘书处, 会议)"
    assert all(c["why"] for o in shared for c in o["candidates"])
    convention = [o for o in occurrences if o["text"] == "《公约》"]
    assert convention and all(o["concept_id"] == "uncac-convention" for o in convention)
    assert all(o["kind"] == "document-short-form" for o in convention)
    first = occurrences[0]
    assert first["concept_id"] == "uncac-expert-meeting-international-cooperation"
    assert "\n" in first["text"]  # the title is broken across PDF lines
    irg = next(o for o in occurrences if o["concept_id"] == "uncac-irg")
    assert irg["term"] == "实施情况审议组"
    assert irg["equivalents"][0] == {
        "term": "Implementation Review Group",
        "status": "preferred",
        "type": "fullForm",
    }


def test_terms_find_text_output(ready_db: Path, workdir: Path) -> None:
    (workdir / "para.txt").write_text(
        "请联合国毒品和犯罪问题办\n公室向非会员国和会员国提供资料。\n", encoding="utf-8"
    )
    result = invoke("terms", "find", "para.txt", db=ready_db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # the PDF line break inside the Chinese term is not shown as a space
    assert lines[0].split("\t")[:2] == ["1-15", "联合国毒品和犯罪问题办公室"]
    assert lines[0].split("\t")[3] == "un-unodc"
    assert [line.split("\t")[3] for line in lines] == [
        "un-unodc",
        "mtg-non-member-state",
        "mtg-member-state",
    ]
    assert result.stderr == "3 occurrences of 3 concepts\n"


def test_terms_find_a_missing_file(ready_db: Path, workdir: Path) -> None:
    result = invoke("terms", "find", "nope.txt", db=ready_db)
    assert result.exit_code == 2
    assert result.stderr == "Error: nope.txt: no such file\n"


# ----------------------------------------------------------------------- entry point


def _console_script() -> Path:
    script = Path(sys.executable).with_name("untm")
    if not script.exists():
        pytest.skip(f"{script} is not installed (pip install -e .)")
    return script


def test_the_installed_console_script(tmp_path: Path) -> None:
    script = _console_script()
    env = {**os.environ, "UNTM_DB": str(tmp_path / "untm.db")}
    proc = subprocess.run(
        [str(script), "lookup", "全权证书"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1. [exact 100] mtg-credentials")
    assert "credentials" in proc.stdout
    proc = subprocess.run(
        [str(script), "lookup", "x", "--lang", "fr"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr == "Error: unknown language 'fr': use zh or en\n"
    assert "Traceback" not in proc.stdout + proc.stderr


def test_python_dash_m_untm(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "untm", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout == f"untm {__version__}\n"


# ----------------------------------------------------------------------- upkeep

TEAM = (
    "id\tzh\ten\tsubject\n"
    "team-1\t被判刑人员移管\ttransfer of sentenced persons\tinternational cooperation\n"
    "team-2\t资产冻结\tfreezing of assets\t\n"
)


def _team(workdir: Path) -> Path:
    (workdir / "team.tsv").write_text(TEAM, encoding="utf-8")
    assert invoke("termbase", "import", "team.tsv").exit_code == 0
    return workdir / "team.tsv"


def test_delete_by_id_and_by_origin(workdir: Path, db_path: Path) -> None:
    _team(workdir)
    result = invoke("termbase", "delete", "team-2", "mtg-credentials")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "2 concepts deleted (4 terms): mtg-credentials, team-2\n"
    found = json.loads(invoke("lookup", "全权证书", "--json").stdout)["results"]
    assert "mtg-credentials" not in [r["concept_id"] for r in found]
    result = invoke("termbase", "delete", "--origin", "team.tsv", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["origin"], data["deleted"], data["terms"], data["kept"]) == (
        "team.tsv",
        ["team-1"],
        2,
        [],
    )
    assert _stats(db_path)["concepts"] == GLOSSARY_CONCEPTS - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no concept with id 'nope'; `untm lookup TERM` shows concept ids"),
        (
            ["nope", "mtg-credentials", "zilch"],
            "no concepts with ids 'nope', 'zilch'; `untm lookup TERM` shows concept ids",
        ),
        (
            ["--origin", "nope.tsv"],
            "no concepts with origin 'nope.tsv'; `untm termbase stats` lists the origins",
        ),
        ([], "give concept ids or --origin, not both; see untm termbase delete --help"),
        (
            ["mtg-credentials", "--origin", "team.tsv"],
            "give concept ids or --origin, not both; see untm termbase delete --help",
        ),
    ],
)
def test_a_delete_that_cannot_be_done_deletes_nothing(
    workdir: Path, db_path: Path, args: list[str], message: str
) -> None:
    _team(workdir)
    before = concepts(db_path)
    result = invoke("termbase", "delete", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert concepts(db_path) == before


def test_deleting_the_shipped_glossary_keeps_what_you_changed(workdir: Path, db_path: Path) -> None:
    (workdir / "more.tsv").write_text("zh\ten\tzh_aliases\n全权证书\tcredentials\t证书\n")
    assert invoke("termbase", "import", "more.tsv").exit_code == 0  # merged into the glossary
    _team(workdir)
    with open_db(db_path) as database:
        terms = database.conn.execute(
            "SELECT count(*) FROM tb_terms t JOIN tb_concepts c ON c.id = t.concept_id "
            "WHERE c.origin = 'untm UN glossary' AND c.id != 'mtg-credentials'"
        ).fetchone()[0]
    result = invoke("termbase", "delete", "--origin", "untm UN glossary")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{GLOSSARY_CONCEPTS - 1:,} concepts deleted ({terms:,} terms)\n"
        "1 concept kept because you changed it: mtg-credentials\n"
    )
    assert sorted(c.id for c in concepts(db_path)) == ["mtg-credentials", "team-1", "team-2"]
    info = json.loads(invoke("info", "--json").stdout)
    assert info["meta"]["glossary_loaded"] == "no"


def test_export_by_origin_and_subject(workdir: Path, db_path: Path) -> None:
    _team(workdir)
    result = invoke("termbase", "export", "team.tbx", "--origin", "team.tsv", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["concepts"] == 2
    assert [c.id for c in _read(workdir / "team.tbx")] == ["team-1", "team-2"]
    result = invoke(
        "termbase", "export", "s.tsv", "--subject", "UNCAC", "--subject", "asset recovery"
    )
    assert result.exit_code == 0
    with open_db(db_path) as database:
        expected = database.conn.execute(
            "SELECT count(*) FROM tb_concepts WHERE subject IN ('UNCAC', 'asset recovery')"
        ).fetchone()[0]
    assert result.stderr == f"s.tsv: {expected} concepts written (tsv, all columns)\n"
    result = invoke(
        "termbase",
        "export",
        "x.tsv",
        "--origin",
        "team.tsv",
        "--subject",
        "international cooperation",
    )
    assert result.stderr == "x.tsv: 1 concepts written (tsv, all columns)\n"
    for option, value, what in (
        ("--origin", "nope.tsv", "origin"),
        ("--subject", "Astro", "subject"),
    ):
        result = invoke("termbase", "export", "y.tsv", "--subject", "UNCAC", option, value)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error: no concepts with {what} {value!r}; `untm termbase stats` lists the {what}s\n",
        )
        assert not (workdir / "y.tsv").exists()


def _read(path: Path) -> tuple[Concept, ...]:
    from untm.termbase.formats import read_concepts

    return read_concepts(path).concepts


def test_stats_show_concepts_without_a_subject_as_such(workdir: Path, db_path: Path) -> None:
    _team(workdir)
    lines = invoke("termbase", "stats").stdout.splitlines()
    subjects = lines[2]
    assert subjects.startswith("subjects: ") and subjects.endswith(", (no subject) 1")
    assert " - " not in subjects and "-1" not in subjects
    data = _stats(db_path)
    assert data["without_subject"] == 1 and "" not in data["by_subject"]  # type: ignore[operator]


def test_init_and_no_glossary(workdir: Path) -> None:
    result = invoke("--db", "new.db", "init")
    assert (result.exit_code, result.stdout) == (
        0,
        f"new.db: created, with the shipped UN glossary ({GLOSSARY_CONCEPTS:,} concepts)\n",
    )
    result = invoke("--db", "new.db", "init")
    assert result.stdout == (
        f"new.db: already an untm database, with the shipped UN glossary "
        f"({GLOSSARY_CONCEPTS:,} concepts)\n"
    )
    result = invoke("--db", "new.db", "init", "--no-glossary")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: new.db: exists, with the shipped glossary; --no-glossary applies when a file "
        "is created (untm termbase delete --origin 'untm UN glossary' takes it out)\n",
    )
    result = invoke("--db", "bare.db", "init", "--no-glossary", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["created"], data["glossary"], data["concepts"]) == (True, False, 0)
    # the global option: a file created by any command
    assert invoke("--db", "other.db", "--no-glossary", "lookup", "缔约国").exit_code == 1
    assert _stats(workdir / "other.db")["concepts"] == 0
    assert invoke("--db", "new.db", "--no-glossary", "lookup", "缔约国").exit_code == 0  # kept


def test_import_with_the_source_language(workdir: Path, db_path: Path) -> None:
    (workdir / "en-zh.utf8").write_text("transfer of sentenced persons\t被判刑人员移管\n")
    result = invoke("termbase", "import", "en-zh.utf8")
    assert result.exit_code == 2
    assert result.stderr.endswith("give --source-lang en\n")
    result = invoke("termbase", "import", "en-zh.utf8", "--source-lang", "en")
    assert result.exit_code == 0, result.stderr
    result = invoke("lookup", "被判刑人员移管", "--json")
    assert json.loads(result.stdout)["results"][0]["terms"]["en"][0]["term"] == (
        "transfer of sentenced persons"
    )
    result = invoke("termbase", "import", "en-zh.utf8", "--source-lang", "fr")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --source-lang: unknown language 'fr': use zh or en\n",
    )
