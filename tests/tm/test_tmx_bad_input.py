"""Broken and hostile TMX: one-line errors with the line, exit 2, and the memory unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from tests.tm.helpers import snapshot, tmx, tu
from untm import _xml
from untm.cli.app import app
from untm.db import Database
from untm.errors import (
    EncodingError,
    FormatError,
    InputError,
    LanguageError,
    UnsafeInputError,
    UntmError,
)
from untm.tm import api
from untm.tm.tmx import MAX_SEGMENT_CHARS

GOOD = "".join(tu(f"第{i}号报告", f"Report No. {i}") for i in range(200))  # lines 5..204


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], None]
    error: type[UntmError]
    line: int | None  # the line the message must name, None when no line applies
    words: str  # a fragment the message must contain


def _text(content: str) -> Callable[[Path], None]:
    return lambda p: p.write_text(content, encoding="utf-8")


def _truncated(p: Path) -> None:
    whole = tmx(GOOD + tu("最后一句", "The last sentence"))
    cut = whole.index("最后一句") + 2  # in the middle of the last <seg>, on line 205
    p.write_text(whole[:cut], encoding="utf-8")


def _xxe(p: Path) -> None:
    secret = p.with_name("secret.txt")
    secret.write_text("TOP SECRET", encoding="utf-8")
    prolog = f'<!DOCTYPE tmx [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
    p.write_text(tmx(tu("&xxe;", "x"), prolog=prolog), encoding="utf-8")


LAUGHS = (
    "<!DOCTYPE tmx [\n"
    + ' <!ENTITY e0 "lol">\n'
    + "".join(f' <!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def _bomb(p: Path) -> None:
    p.write_text(tmx(tu("&e9;", "&e9;"), prolog=LAUGHS), encoding="utf-8")


CASES = [
    Case(
        "mismatched tag",
        _text(
            tmx(
                GOOD + '<tu><tuv xml:lang="zh"><seg>会议</seg></tuv><tuv xml:lang="en">'
                "<seg>Meeting</tuv></tu>\n"
            )
        ),
        FormatError,
        205,
        "not well-formed XML",
    ),
    Case("truncated", _truncated, FormatError, 205, "not well-formed XML"),
    Case("external entity", _xxe, UnsafeInputError, 3, "ENTITY"),
    Case("billion laughs", _bomb, UnsafeInputError, 3, "ENTITY"),
    Case(
        "XML-illegal character reference",
        _text(tmx(GOOD + tu("会议", "Meet&#1;ing"))),
        FormatError,
        205,
        "invalid xmlChar value 1",
    ),
    Case(
        "German-French",
        _text(
            tmx(
                '<tu><tuv xml:lang="de"><seg>Sitzung</seg></tuv>'
                '<tuv xml:lang="fr"><seg>Séance</seg></tuv></tu>\n',
                srclang="de",
            )
        ),
        LanguageError,
        None,
        "no usable Chinese-English unit (line 5: no zh or en variant)",
    ),
    Case("empty file", _text(""), FormatError, None, "the file is empty"),
    Case("only blanks", _text("  \n\n "), FormatError, None, "the file is empty"),
    Case(
        "XML that is not TMX",
        _text('<?xml version="1.0"?>\n<html><body><p>报告</p></body></html>\n'),
        FormatError,
        None,
        "not a TMX file",
    ),
    Case(
        "invalid UTF-8",
        lambda p: p.write_bytes(
            tmx(GOOD + tu("会议", "Meeting")).encode().replace("会议".encode(), b"\xe4\xbc", 1)
        ),
        EncodingError,
        205,
        "not well-formed XML",
    ),
]


def _stored(db: Database) -> None:
    """Something in the memory already, so that 'unchanged' is not 'empty'."""
    seed = Path(str(db.path) + ".seed.tsv")
    seed.write_text("原有的句子。\tAn existing sentence.\n", encoding="utf-8")
    api.import_file(db, seed)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_is_one_error_and_changes_nothing(
    case: Case, db: Database, tmp_path: Path
) -> None:
    _stored(db)
    path = tmp_path / "bad.tmx"
    case.write(path)
    before = snapshot(db)
    with pytest.raises(case.error) as err:
        api.import_file(db, path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    if case.line is not None:
        assert message.startswith(f"{path}: line {case.line}: "), message
    assert case.words in message
    assert "TOP SECRET" not in message
    assert snapshot(db) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_through_the_cli(case: Case, db: Database, db_path: Path, tmp_path: Path) -> None:
    _stored(db)
    path = tmp_path / "bad.tmx"
    case.write(path)
    before = snapshot(db)
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: ")
    assert case.words in lines[0]
    assert result.stdout == ""
    assert snapshot(db) == before


def test_truncated_file_keeps_nothing_of_what_parsed(db: Database, tmp_path: Path) -> None:
    """200 well-formed units come before the cut: none of them may be stored."""
    path = tmp_path / "cut.tmx"
    _truncated(path)
    with pytest.raises(FormatError, match=r"line 205: "):
        api.import_file(db, path)
    assert api.stats(db).units == 0
    assert api.lookup(db, "第17号报告") == []
    assert api.concordance(db, "报告").total == 0


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to parse fails the test: refusals must come before the parser."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the XML parser was reached")

    monkeypatch.setattr(_xml.etree, "iterparse", fail)
    monkeypatch.setattr(_xml.etree, "fromstring", fail)


@pytest.mark.parametrize("write", [_xxe, _bomb], ids=["external entity", "billion laughs"])
def test_entities_are_refused_before_parsing(
    write: Callable[[Path], None], db: Database, tmp_path: Path, no_parsing: None
) -> None:
    path = tmp_path / "evil.tmx"
    write(path)
    with pytest.raises(UnsafeInputError):
        api.import_file(db, path)


def test_parsing_guard_is_not_vacuous(db: Database, tmp_path: Path, no_parsing: None) -> None:
    path = tmp_path / "fine.tmx"
    path.write_text(tmx(tu("会议", "Meeting")), encoding="utf-8")
    # the import may parse in a worker process, which hands the failure back wrapped
    with pytest.raises((AssertionError, RuntimeError), match="parser was reached"):
        api.import_file(db, path)


BOMB_PROBE = """
import json, resource, sys
from untm.workspace import open_db
from untm.errors import UnsafeInputError
from untm.tm import api
db = open_db(sys.argv[1], glossary=False)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    api.import_file(db, sys.argv[2])
    outcome = "imported"
except UnsafeInputError as exc:
    outcome = type(exc).__name__
# the import may parse in a forked worker: its peak counts too (it starts at our size)
after = max(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
)
print(json.dumps({"outcome": outcome, "grew_kb": after - before}))
"""


def test_entity_bomb_costs_no_memory(tmp_path: Path) -> None:
    """A fresh process, so that its peak RSS is the import's own: 10**9 expansions refused."""
    path = tmp_path / "bomb.tmx"
    _bomb(path)
    run = subprocess.run(
        [sys.executable, "-c", BOMB_PROBE, str(tmp_path / "p.db"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    probe = json.loads(run.stdout)
    assert probe["outcome"] == "UnsafeInputError"
    assert probe["grew_kb"] < 50 * 1024


# -- bad units: skipped, counted, reported with their lines; the rest imported ----------------


def test_huge_segment_is_skipped_with_its_line(db: Database, tmp_path: Path) -> None:
    huge = "长" * (MAX_SEGMENT_CHARS + 1)
    body = tu("第一句。", "First.") + tu(huge, "Long.") + tu("第三句。", "Third.")
    path = tmp_path / "huge.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    report = api.import_file(db, path)
    assert (report.read, report.added, report.skipped) == (3, 2, 1)
    (skip,) = report.skipped_examples
    assert skip.line == 6
    assert "too long" in skip.reason and f"{MAX_SEGMENT_CHARS:,}" in skip.reason
    assert api.lookup(db, "第三句。")[0].unit.target.text == "Third."


def test_segment_at_the_limit_is_kept(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "limit.tmx"
    path.write_text(tmx(tu("长" * MAX_SEGMENT_CHARS, "Long.")), encoding="utf-8")
    assert api.import_file(db, path).added == 1


@pytest.mark.parametrize(
    ("zh", "en", "reason"),
    [
        ("", "Empty Chinese.", "zh-CN segment is empty"),
        ("会议", "   ", "en-US segment is empty"),
        ("控制\u0085字符", "C1 control.", "zh-CN segment contains control characters"),
        ("会议", "Escape \x1b here", None),  # not even XML: the file is refused
    ],
)
def test_bad_unit_is_skipped_and_reported(
    db: Database, tmp_path: Path, zh: str, en: str, reason: str | None
) -> None:
    body = tu("第一句。", "First.") + tu(zh, en) + tu("第三句。", "Third.")
    path = tmp_path / "units.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    if reason is None:
        with pytest.raises(FormatError, match=r"line 6: "):
            api.import_file(db, path)
        assert api.stats(db).units == 0
        return
    report = api.import_file(db, path)
    assert (report.added, report.skipped) == (2, 1)
    assert [(s.line, s.reason) for s in report.skipped_examples] == [(6, reason)]


def test_many_bad_units_are_counted_and_the_first_examples_kept(
    db: Database, tmp_path: Path
) -> None:
    lines = []
    for i in range(12):
        lines.append(tu(f"好的{i}", f"Good {i}") if i % 2 else tu("", f"bad {i}"))
    path = tmp_path / "many.tmx"
    path.write_text(tmx("".join(lines)), encoding="utf-8")
    report = api.import_file(db, path)
    assert (report.read, report.added, report.skipped) == (12, 6, 6)
    assert [s.line for s in report.skipped_examples] == [5, 7, 9, 11, 13]


def test_skipped_units_are_reported_by_the_cli(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "some.tmx"
    path.write_text(tmx(tu("好", "Good") + tu("", "bad")), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert result.exit_code == 0
    assert "1 units added, 0 merged, 1 skipped" in result.stdout
    assert result.stderr == "  skipped line 6: zh-CN segment is empty\n"
    result = runner.invoke(app, ["--db", str(db_path), "tm", "import", "--json", str(path)])
    payload = json.loads(result.stdout)
    assert payload["skipped_examples"] == [{"line": 6, "reason": "zh-CN segment is empty"}]
    assert (payload["added"], payload["merged"], payload["skipped"]) == (0, 1, 1)


def test_only_bad_units_is_an_error(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "none.tmx"
    path.write_text(tmx(tu("", "x") + tu("会议", "")), encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(LanguageError, match=r"no usable Chinese-English unit \(line 5: "):
        api.import_file(db, path)
    assert snapshot(db) == before


def test_missing_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"(?i)no such file"):
        api.import_file(db, tmp_path / "absent.tmx")


# -- a root that is not <tmx>; entity bombs of every size; libxml2's limits -------------------


@pytest.mark.parametrize(
    "text",
    [
        "<foo>\n" + tu("会议", "Meeting") + "</foo>\n",
        '<?xml version="1.0"?>\n<!-- a comment -->\n<foo><body>'
        + tu("会议", "Meeting")
        + "</body></foo>",
        '<!DOCTYPE foo SYSTEM "foo.dtd">\n<foo version="1.4"><tmx>'
        + tu("会议", "Meeting")
        + "</tmx></foo>",
    ],
    ids=["bare", "prolog", "tmx-inside"],
)
def test_a_root_other_than_tmx_is_refused(
    text: str, db: Database, db_path: Path, tmp_path: Path
) -> None:
    _stored(db)
    path = tmp_path / "foo.tmx"
    path.write_text(text, encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(FormatError) as err:
        api.import_file(db, path)
    assert str(err.value) == f"{path}: not a TMX file (root element <foo>)"
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {path}: not a TMX file (root element <foo>)\n"
    assert snapshot(db) == before


def _laughs(entities: int, fan: int = 10) -> str:
    """A DOCTYPE of ``entities`` declarations, each expanding the previous ``fan`` times."""
    decls = ['<!ENTITY e0 "lol">']
    decls += [f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * fan}">' for i in range(1, entities)]
    return "<!DOCTYPE tmx [\n" + "\n".join(decls) + "\n]>\n"


@pytest.mark.parametrize(
    "prolog",
    [
        _laughs(10),  # the classic billion laughs, 1 KB
        _laughs(4_000),  # 0.4 MB of declarations
        _laughs(12_000),  # 1.3 MB: the subset does not end within the first megabyte
        _laughs(50_000),  # 5.4 MB
        "<!DOCTYPE tmx [\n<!-- " + "x" * 1_200_000 + " -->\n" + _laughs(10)[16:],  # hidden
        '<!DOCTYPE tmx [\n<!ENTITY big "' + "ha" * 700_000 + '">\n]>\n',  # one huge value
    ],
    ids=["1KB", "0.4MB", "1.3MB", "5MB", "comment-padded", "huge-value"],
)
def test_an_entity_bomb_says_so_whatever_its_size(
    prolog: str, db: Database, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.tmx"
    path.write_text(tmx(tu("&e9;", "&e9;"), prolog=prolog), encoding="utf-8")
    with pytest.raises(UnsafeInputError) as err:
        api.import_file(db, path)
    message = str(err.value)
    assert "entit" in message and "XML_PARSE_HUGE" not in message
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert api.stats(db).units == 0


def _huge_text(p: Path) -> None:
    p.write_text(tmx(tu("长" * 11_000_000, "Long.")), encoding="utf-8")


def _deep(p: Path) -> None:
    p.write_text(tmx(tu("<hi>" * 300 + "会议" + "</hi>" * 300, "Meeting")), encoding="utf-8")


def _long_attribute(p: Path) -> None:
    p.write_text(tmx(tu("会议", "Meeting", attrs=f'tuid="{"x" * 11_000_000}"')), encoding="utf-8")


@pytest.mark.parametrize(
    ("write", "words"),
    [
        (_huge_text, "an element holds more than 10,000,000 characters of text"),
        (_deep, "elements are nested more than 256 deep"),
        (_long_attribute, "an attribute value or name is longer than untm reads"),
    ],
    ids=["huge text node", "deep nesting", "long attribute"],
)
def test_libxml2_limits_are_told_without_its_hints(
    write: Callable[[Path], None], words: str, db: Database, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "limit.tmx"
    write(path)
    with pytest.raises(FormatError) as err:
        api.import_file(db, path)
    assert str(err.value).startswith(f"{path}: line ") and words in str(err.value)
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == f"Error: {err.value}"
    assert "XML_PARSE" not in line and "xmlCtxt" not in line


def test_an_expansion_libxml2_stops_is_an_entity_attack() -> None:
    """Entities never reach the parser (the prolog check refuses them), but should they,
    libxml2's amplification error is told as what it is."""
    exc = etree.XMLSyntaxError(
        "Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification", 89, 3, 1
    )
    error = _xml.syntax_error(exc, "x.tmx")
    assert isinstance(error, UnsafeInputError)
    assert str(error).startswith("x.tmx: line 3: an entity-expansion attack")
    hinted = etree.XMLSyntaxError("Something odd, try XML_PARSE_HUGE", 1, 2, 1)
    assert (
        str(_xml.syntax_error(hinted, "x.tmx"))
        == "x.tmx: line 2: not well-formed XML: Something odd"
    )
