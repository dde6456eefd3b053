"""Command-line conventions: one-line usage errors, help that reads well, --json,
light start-up, and the interchange rules seen from the command line (OmegaT layout,
external DTDs, unknown languages, empty files, lenient tables)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from untm import __version__
from untm.cli.app import app
from untm.cli.common import check_score
from untm.workspace import open_db

TBX_NS = "urn:iso:std:iso:30042:ed-2"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.fixture
def db(db_path: Path) -> Path:
    """A database without the glossary (UNTM_DB points at it)."""
    open_db(db_path, glossary=False).close()
    return db_path


@pytest.fixture
def glossary_db(db_path: Path) -> Path:
    open_db(db_path).close()
    return db_path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current directory, so file names in messages are the ones typed."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(path: Path) -> bytes:
    with open_db(path) as database:
        return "\n".join(database.conn.iterdump()).encode()


# ----------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lookup"], "missing argument QUERY; see untm lookup --help"),
        (["lookup", "x", "--limit", "0"], "--limit: 0 is not in the range x>=1"),
        (["lookup", "x", "-n", "0"], "--limit: 0 is not in the range x>=1"),
        (["lookup", "x", "--min-score", "150"], "--min-score: must be between 0 and 100"),
        (["lookup", "x", "--min-score", "-1"], "--min-score: must be between 0 and 100"),
        (["lookup", "x", "--min-score", "nan"], "--min-score: must be between 0 and 100"),
        (["lookup", "x", "--limit", "many"], "--limit: 'many' is not a valid integer"),
        (
            ["lookup", "x", "--limit"],
            "option '--limit' requires an argument; see untm lookup --help",
        ),
        (
            ["lookup", "x", "--limt", "3"],
            "no such option --limt (did you mean --limit?); see untm lookup --help",
        ),
        (["lookup", "a", "b"], "got unexpected extra argument(s) (b); see untm lookup --help"),
        (
            ["tm", "import", "--format", "foo", "x.tmx"],
            "--format: 'foo' is not one of tmx, tsv, text",
        ),
        (
            ["termbase", "export", "x.tbx", "--format", "xml"],
            "--format: 'xml' is not one of 'tbx', 'tbx2', 'tsv', 'csv'",
        ),
        (["tm", "delete"], "missing option --origin; see untm tm delete --help"),
        (["foo"], "no such command 'foo'; see untm --help"),
        (["tm", "frobnicate"], "no such command 'frobnicate'; see untm tm --help"),
        (["--bogus"], "no such option --bogus; see untm --help"),
        (["lookup", ""], "QUERY: must not be empty"),
        (["lookup", "  "], "QUERY: must not be empty"),
        (["tm", "lookup", ""], "QUERY: must not be empty"),
        (["tm", "concordance", ""], "TEXT: must not be empty"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(db_path: Path, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {message}\n"
    assert not db_path.exists()  # nothing was opened, let alone changed


def test_usage_errors_of_the_console_script_are_one_line(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("untm")
    if not script.exists():
        pytest.skip("the untm console script is not installed")
    proc = subprocess.run(
        [str(script), "--db", str(tmp_path / "x.db"), "lookup", "x", "--limit", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "Error: --limit: 0 is not in the range x>=1\n"


# ----------------------------------------------------------------------- help

COMMANDS = [
    [],
    ["lookup"],
    ["info"],
    ["init"],
    ["terms"],
    ["terms", "find"],
    ["termbase"],
    ["termbase", "import"],
    ["termbase", "export"],
    ["termbase", "delete"],
    ["termbase", "stats"],
    ["tm"],
    ["tm", "import"],
    ["tm", "export"],
    ["tm", "lookup"],
    ["tm", "concordance"],
    ["tm", "stats"],
    ["tm", "delete"],
    ["align"],
    ["align", "sentences"],
    ["align", "docs"],
    ["align", "terms"],
    ["lint"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "untm")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_reads_like_a_mature_cli(command: list[str], flag: str) -> None:
    result = invoke(*command, flag)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(f"Usage: {' '.join(['untm', *command])} [OPTIONS]")
    for noise in ("{", "<str>", "<bool>", "<path>", "<int", "<float", "╭", "│"):
        assert noise not in text, noise
    assert "-h, --help" in text


def test_arguments_and_options_are_named_in_capitals() -> None:
    text = invoke("lookup", "--help").stdout
    assert text.splitlines()[0] == "Usage: untm lookup [OPTIONS] QUERY"
    assert "-n, --limit N" in text and "-l, --lang zh|en" in text and "--json  " in text
    assert "Examples:\n    untm lookup 不限成员名额政府间专家会议\n" in text
    assert invoke("tm", "import", "-h").stdout.splitlines()[0] == (
        "Usage: untm tm import [OPTIONS] FILE"
    )
    assert re.search(r"--origin [A-Z]+ ", invoke("tm", "import", "-h").stdout)


def test_termbase_interchange_help_names_the_formats_and_the_omegat_layout() -> None:
    for command in ("import", "export"):
        text = " ".join(invoke("termbase", command, "--help").stdout.split())
        for word in ("TBX v3", "TBX 2", ".tsv", ".csv", ".txt", ".utf8", "OmegaT", "omegat:en-zh"):
            assert word in text, (command, word)
        assert "Chinese TAB English TAB comment, no header" in text


def test_untm_alone_prints_the_help() -> None:
    result = invoke()
    assert result.exit_code == 2  # click's convention for a group called without a command
    assert "Commands:" in result.output and "lookup" in result.output
    assert not result.output.startswith("Error")


# ----------------------------------------------------------------------- --json


def test_termbase_export_json(glossary_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.utf8"
    result = invoke("termbase", "export", str(out), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    rows = out.read_text(encoding="utf-8").splitlines()
    assert data == {
        "file": str(out),
        "format": "tsv",
        "layout": "OmegaT glossary zh-en",
        "concepts": len(rows),
        "origins": [],
        "subjects": [],
        "untm": {
            "version": __version__,
            "database": str(glossary_db),
            "normalization": data["untm"]["normalization"],
        },
    }
    result = invoke("termbase", "export", "-", "--format", "tsv", "--json")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --json cannot be used when the export itself goes to stdout (-)\n"
    )


def test_tm_delete_json(db: Path, tmp_path: Path) -> None:
    tsv = tmp_path / "m.tsv"
    tsv.write_text("会员国\tMember State\n缔约国\tState party\n", encoding="utf-8")
    assert invoke("tm", "import", str(tsv)).exit_code == 0
    result = invoke("tm", "delete", "--origin", "m.tsv", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["origin"], data["deleted"], data["untm"]["version"]) == ("m.tsv", 2, __version__)


def test_tm_stats_wording(db: Path, tmp_path: Path) -> None:
    empty = invoke("tm", "stats").stdout.splitlines()
    assert empty[:3] == ["0 units", "origins: none", "index: empty"]
    assert empty[3].startswith("database: ") and empty[3].endswith(" MB")
    tsv = tmp_path / "m.tsv"
    tsv.write_text("会员国\tMember State\n", encoding="utf-8")
    invoke("tm", "import", str(tsv))
    lines = invoke("tm", "stats").stdout.splitlines()
    assert lines[:2] == ["1 unit (zh->en 1)", "origins: m.tsv 1"]
    assert lines[2].startswith("index: ") and lines[2].endswith(" in 1 index segment")


# ----------------------------------------------------------------------- OmegaT export


@pytest.mark.parametrize("suffix", [".txt", ".utf8"])
def test_txt_and_utf8_exports_are_omegat_glossaries(
    glossary_db: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"glossary{suffix}"
    result = invoke("termbase", "export", str(out))
    assert result.exit_code == 0
    assert result.stderr.endswith("concepts written (tsv, OmegaT glossary zh-en)\n")
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 3 for row in rows)
    assert ["全权证书", "credentials"] in [row[:2] for row in rows]
    assert rows[0][0] != "id" and not out.read_bytes().startswith(b"\xef\xbb\xbf")
    swapped = tmp_path / f"en-zh{suffix}"
    assert invoke("termbase", "export", str(swapped), "--columns", "omegat:en-zh").exit_code == 0
    back = [line.split("\t")[:2] for line in swapped.read_text(encoding="utf-8").splitlines()]
    assert back == [row[1::-1] for row in rows]


def test_tsv_export_keeps_every_column(glossary_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "glossary.tsv"
    assert invoke("termbase", "export", str(out)).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[:3] == ["id", "zh", "en"] and len(header) == 17
    assert {"evidence", "attested"} <= set(header)


def test_an_omegat_export_imports_back_unchanged(glossary_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.utf8"
    assert invoke("termbase", "export", str(out)).exit_code == 0
    before = _snapshot(glossary_db)
    result = invoke("termbase", "import", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["concepts_added"], data["terms_added"], data["skipped"]) == (0, 0, 0)
    assert _snapshot(glossary_db) == before


# ----------------------------------------------------------------------- bad input


def _tbx(entry_en: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
        f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n"
        '<text><body>\n<conceptEntry id="c1">\n'
        '<langSec xml:lang="zh"><termSec><term>测试</term></termSec></langSec>\n'
        f"{entry_en}\n</conceptEntry>\n</body></text>\n</tbx>\n"
    )


def test_an_external_dtd_entity_is_refused_and_changes_nothing(db: Path, workdir: Path) -> None:
    (workdir / "evil.dtd").write_text('<!ENTITY ext "EVIL">\n', encoding="utf-8")
    doctype = f'<!DOCTYPE tbx SYSTEM "file://{workdir}/evil.dtd">\n'
    en = '<langSec xml:lang="en"><termSec><term>&ext;</term></termSec></langSec>'
    (workdir / "ext.tbx").write_text(_tbx(en, doctype), encoding="utf-8")
    before = _snapshot(db)
    result = invoke("termbase", "import", "ext.tbx")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: ext.tbx: line 8: &ext; is not declared in the file; only an external DTD could "
        "declare it, and untm never reads one (replace the entity with its text)\n"
    )
    assert _snapshot(db) == before
    plain = en.replace("&ext;", "test")
    (workdir / "ok.tbx").write_text(_tbx(plain, doctype), encoding="utf-8")
    assert invoke("termbase", "import", "ok.tbx").exit_code == 0


TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
    '<tmx version="1.4"><header srclang="zh" datatype="plaintext" segtype="sentence" '
    'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>\n<body>\n'
    '<tu><tuv xml:lang="zh"><seg>测试一下</seg></tuv><tuv xml:lang="en"><seg>a test</seg></tuv>'
    "</tu>\n"
    '<tu><tuv xml:lang="zh"><seg>测试</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
    "</body></tmx>\n"
)


def test_tmx_with_an_external_dtd_entity_is_refused(db: Path, workdir: Path) -> None:
    (workdir / "evil.dtd").write_text('<!ENTITY ext "EVIL">\n', encoding="utf-8")
    doctype = f'<!DOCTYPE tmx SYSTEM "file://{workdir}/evil.dtd">\n'
    (workdir / "ext.tmx").write_text(TMX.format(doctype=doctype, en="&ext;"), encoding="utf-8")
    before = _snapshot(db)
    result = invoke("tm", "import", "ext.tmx")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ext.tmx: line 6: &ext; is not declared in the file")
    assert result.stderr.count("\n") == 1
    assert _snapshot(db) == before


@pytest.mark.parametrize(
    "doctype",
    ['<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n', "<!DOCTYPE tmx [\n<!ELEMENT tmx ANY>\n]>\n"],
    ids=["public-dtd", "internal-subset"],
)
def test_tmx_with_a_harmless_doctype_imports(db: Path, workdir: Path, doctype: str) -> None:
    (workdir / "ok.tmx").write_text(TMX.format(doctype=doctype, en="a test"), encoding="utf-8")
    result = invoke("tm", "import", "ok.tmx", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 2


def test_an_unknown_language_is_an_error_a_real_one_a_warning(db: Path, workdir: Path) -> None:
    xx = '<langSec xml:lang="xx"><termSec><term>test</term></termSec></langSec>'
    (workdir / "xx.tbx").write_text(_tbx(xx), encoding="utf-8")
    result = invoke("termbase", "import", "xx.tbx")
    assert result.exit_code == 2
    assert result.stderr == (
        'Error: xx.tbx: line 7: unknown language xml:lang="xx": '
        "'xx' is not an ISO 639 language code\n"
    )
    both = xx.replace('"xx"', '"en"') + "\n" + xx.replace('"xx"', '"fr"')
    (workdir / "fr.tbx").write_text(_tbx(both), encoding="utf-8")
    result = invoke("termbase", "import", "fr.tbx")
    assert result.exit_code == 0
    assert result.stderr == "warning: line 8: language 'fr' not kept (only zh and en)\n"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\n"])
def test_an_empty_tbx_says_so(db: Path, workdir: Path, content: bytes) -> None:
    (workdir / "empty.tbx").write_bytes(content)
    result = invoke("termbase", "import", "empty.tbx")
    assert (result.exit_code, result.stderr) == (2, "Error: empty.tbx: the file is empty\n")


def test_a_csv_with_an_unclosed_quote_changes_nothing(db: Path, workdir: Path) -> None:
    (workdir / "q.csv").write_text('zh,en\n会员国,Member State\n"测试,test\n', encoding="utf-8")
    before = _snapshot(db)
    result = invoke("termbase", "import", "q.csv")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: q.csv: line 3: not valid CSV: a quoted cell is never closed "
        '(a " without its closing ")\n'
    )
    assert _snapshot(db) == before


def test_a_row_without_english_is_skipped_with_a_warning(db: Path, workdir: Path) -> None:
    (workdir / "g.tsv").write_text("zh\ten\n会员国\tMember State\n测试\t\n", encoding="utf-8")
    result = invoke("termbase", "import", "g.tsv")
    assert result.exit_code == 0
    assert result.stdout == "g.tsv: 1 concepts added, 0 merged, 2 terms added, 1 skipped\n"
    assert result.stderr == "warning: line 3: row without an en term skipped\n"


def test_a_first_row_that_is_not_a_header_is_refused(db: Path, workdir: Path) -> None:
    (workdir / "g.txt").write_text("foo\tbar\n会员国\tMember State\n", encoding="utf-8")
    result = invoke("termbase", "import", "g.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: g.txt: line 1: the first row (foo | bar) is neither a header untm knows"
    )
    assert result.stderr.count("\n") == 1


# ----------------------------------------------------------------------- start-up


def test_the_command_line_loads_only_what_a_lookup_needs(tmp_path: Path) -> None:
    """`untm lookup` must not import the memory, lxml or the interchange formats."""
    heavy = [
        "lxml",
        "lxml.etree",
        "untm.tm.api",
        "untm.tm.tmx",
        "untm.termbase.formats.tabular",
        "untm.termbase.formats.tbx3",
        "untm.termbase.matcher",
        "sqlite_utils",
        "translate",
        "multiprocessing",
    ]
    path = tmp_path / "x.db"
    open_db(path).close()  # created (glossary loaded) beforehand: only the lookup is measured
    code = (
        "import sys\n"
        "from untm.cli.app import app\n"
        "at_start = set(sys.modules)\n"
        "try:\n"
        f"    app(['--db', {str(path)!r}, 'lookup', '缔约国'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\n"
        "print('numpy' in at_start)\n"
    )
    env_free = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert env_free.returncode == 0, env_free.stderr
    loaded, numpy_at_start = env_free.stdout.splitlines()[-2:]
    assert loaded == "[]"
    assert numpy_at_start == "False"  # the CLI modules themselves are light


# ----------------------------------------------------------------------- shared names


def _leaf_commands() -> list[tuple[str, Any]]:
    """("tm lookup", click command) for every command of the tree."""
    from typer.main import get_command

    out: list[tuple[str, Any]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, [*path, name])
        else:
            out.append((" ".join(path), cmd))

    walk(get_command(app), [])
    return out


LEAVES = _leaf_commands()
#: Commands of cli/tm_cmds.py that another engineer is bringing to these conventions
#: (--min-score 0-100 through cli.common.MinScoreOpt, --source-lang zh|en, --origin
#: NAME, --encoding NAME, "no such file", one meaning of --target). Strict: once a
#: command conforms its test passes, fails as XPASS, and its name comes out of here.
TM_PENDING: set[str] = set()  # all of them conform now
_PENDING = pytest.mark.xfail(
    strict=True, reason="cli/tm_cmds.py is being brought to the shared conventions"
)


def _leaf_params(names: list[str] | None = None) -> list[Any]:
    chosen = [(n, c) for n, c in LEAVES if names is None or n in names]
    return [
        pytest.param(n, c, id=n, marks=[_PENDING] if n in TM_PENDING else []) for n, c in chosen
    ]


#: Commands whose query language --lang selects.
QUERY_COMMANDS = {"lookup", "tm lookup", "tm concordance"}
#: Commands that read a file into the database (--source-lang: which side is the source).
IMPORT_COMMANDS = {"termbase import", "tm import"}


def _options(cmd: Any) -> dict[str, Any]:
    return {max(p.opts, key=len): p for p in cmd.params if p.param_type_name == "option"}


def test_the_walk_sees_every_command() -> None:
    names = {name for name, _ in LEAVES}
    assert {"lookup", "init", "termbase delete", "tm lookup", "terms find"} <= names
    assert len(names) == len(
        [c for c in COMMANDS if c and " ".join(c) not in ("terms", "termbase", "tm", "align")]
    )


@pytest.mark.parametrize(("name", "cmd"), _leaf_params())
def test_shared_options_have_one_name_and_one_meaning(name: str, cmd: Any) -> None:
    """--lang is the query language (lookups), --source-lang the source side of an
    imported file, --min-score a 0-100 score, --limit at least 1; no other spelling of
    any of them, and every command has --json."""
    options = _options(cmd)
    assert "--json" in options
    for long in options:
        assert "lang" not in long or long in ("--lang", "--source-lang"), long
        assert long not in ("--min", "--score", "--threshold", "--max", "--top", "--count")
    if "--lang" in options:
        assert name in QUERY_COMMANDS
        assert (options["--lang"].opts, options["--lang"].metavar) == (["--lang", "-l"], "zh|en")
    if "--source-lang" in options:
        assert name in IMPORT_COMMANDS
        assert options["--source-lang"].metavar == "zh|en"
    if "--min-score" in options:
        param = options["--min-score"]
        assert (param.metavar, param.type.name) == ("SCORE", "float")
        # the one range check (0-100, one message); typer wraps the callback
        assert param.callback.__name__ == check_score.__name__
    if "--limit" in options:
        param = options["--limit"]
        assert (param.opts, param.metavar, param.type.min) == (["--limit", "-n"], "N", 1)
    if "--format" in options:
        assert options["--format"].opts == ["--format", "-f"]
    for long in ("--origin", "--encoding"):
        if long in options:
            assert options[long].metavar == "NAME", long


def test_lookups_take_the_query_language_and_imports_the_source_language() -> None:
    names = {name: _options(cmd) for name, cmd in LEAVES}
    assert {n for n, o in names.items() if "--lang" in o} == QUERY_COMMANDS
    assert {n for n, o in names.items() if "--source-lang" in o} == IMPORT_COMMANDS


SCORED = [
    pytest.param(name, marks=[_PENDING] if name in TM_PENDING else [])
    for name, cmd in LEAVES
    if "--min-score" in _options(cmd)
]


@pytest.mark.parametrize("name", SCORED)
@pytest.mark.parametrize("value", ["150", "-1", "100.5", "nan"])
def test_min_score_is_0_to_100_everywhere(db_path: Path, name: str, value: str) -> None:
    result = invoke(*name.split(), "x", "--min-score", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --min-score: must be between 0 and 100\n"
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param(n, v, marks=[_PENDING] if n in TM_PENDING and v == "0" else [])
        for n, c in LEAVES
        if "--min-score" in _options(c)
        for v in ("0", "100")
    ],
)
def test_min_score_bounds_are_allowed(db: Path, name: str, value: str) -> None:
    assert invoke(*name.split(), "缔约国", "--min-score", value).exit_code in (0, 1)


@pytest.mark.parametrize(
    "args",
    [
        ["termbase", "import", "missing.tbx"],
        ["termbase", "import", "missing.tsv"],
        ["tm", "import", "missing.tmx"],
        ["tm", "import", "missing.tsv"],
        ["terms", "find", "missing.txt"],
    ],
    ids=" ".join,
)
def test_a_missing_input_file_says_no_such_file(db: Path, workdir: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {args[-1]}: no such file\n"


def test_target_means_the_same_in_import_and_export() -> None:
    """--target names the translation file of a pair, in both directions of the memory and
    in lint (the translation of --source)."""
    helps = {
        name: _options(cmd)["--target"].help for name, cmd in LEAVES if "--target" in _options(cmd)
    }
    assert set(helps) == {"tm import", "tm export", "lint"}
    assert helps["tm import"] == helps["tm export"]
    assert all("translation" in text for text in helps.values()), helps
