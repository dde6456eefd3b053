"""TMX round trips without loss: header, unit and variant attributes, props and notes;
invalid attribute values dropped with a warning; usage counts; header props per origin."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.tm.helpers import TMX_DTD, new_db, snapshot, tmx, tu
from untm.db import Database
from untm.errors import NotFoundError
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.model import MAX_USAGE_COUNT, UnitWarning
from untm.tm.store import TmStore
from untm.tm.tmx import read_tmx, valid_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# A memory with everything TMX 1.4 lets a unit carry. The header has props and notes
# (one with xml:lang, one with o-encoding); the first unit has every <tu> attribute,
# props and notes interleaved, and variants with attributes, props and notes of their own
# (the English creationid differs from the unit's and from the Chinese one); its segments
# hold every kind of inline element. The second unit is OmegaT-style: who and when only
# on the target variant. Values are all distinct, so that a mix-up shows.
RICH = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SDL" creationtoolversion="8" segtype="sentence" o-tmf="SDL TM8" adminlang="en-US" srclang="en-US" datatype="xml">
  <prop type="x-Client">UNOG</prop>
  <note xml:lang="en">Exported for the 2021 review</note>
  <prop type="x-Project" o-encoding="UTF-8">CAC</prop>
</header>
<body>
<tu tuid="7" datatype="xml" segtype="sentence" o-encoding="UTF-8" o-tmf="SDL TM8" srclang="en" creationtool="SDL Trados" creationtoolversion="2019" creationdate="20180105T120000Z" creationid="jdoe" changedate="20210311T154502Z" changeid="asmith" usagecount="7" lastusagedate="20211001T090000Z">
  <note>first note</note>
  <prop type="x-Domain">law</prop>
  <note>second note</note>
  <tuv xml:lang="en-US" creationid="translatorA" creationdate="20180106T080000Z" o-tmf="SDL TM8 en">
    <prop type="x-Context">rev.1</prop>
    <note>en note</note>
    <seg>The <bpt i="1" type="bold">&lt;b&gt;</bpt>Council<ept i="1">&lt;/b&gt;</ept> met<ph x="2">&lt;br/&gt;</ph> <hi type="i">twice</hi><it pos="begin" x="3">&lt;span&gt;</it>.</seg>
  </tuv>
  <tuv xml:lang="zh-CN" creationid="translatorB" changedate="20210312T000000Z" usagecount="3" datatype="html" o-encoding="GB2312" creationtool="OmegaT" creationtoolversion="3.6" changeid="reviser" lastusagedate="20211002T000000Z">
    <note xml:lang="en">zh note</note>
    <prop type="x-Quality" xml:lang="zh-CN">好</prop>
    <seg><bpt i="1" type="bold">&lt;b&gt;</bpt>理事会<ept i="1">&lt;/b&gt;</ept>开会<ph x="2">&lt;br/&gt;</ph><hi type="i">两次</hi><it pos="begin" x="3">&lt;span&gt;</it>。</seg>
  </tuv>
</tu>
<tu srclang="zh-CN">
  <tuv xml:lang="zh-CN"><seg>报告</seg></tuv>
  <tuv xml:lang="en-GB" changeid="omegat-user" changedate="20190531T100000Z" creationid="omegat-user0" creationdate="20190530T080000Z"><seg>Report</seg></tuv>
</tu>
</body>
</tmx>
"""  # noqa: E501


def _xmllint() -> str:
    exe = shutil.which("xmllint")
    if exe is None:
        pytest.skip("xmllint is not installed (Debian package libxml2-utils)")
    if not TMX_DTD.is_file():
        pytest.skip(f"{TMX_DTD} is absent (the ../shared reference material is not checked out)")
    return exe


def _valid(path: Path) -> None:
    run = subprocess.run(
        [_xmllint(), "--noout", "--dtdvalid", str(TMX_DTD), str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def _children(el: etree._Element) -> list[tuple[str, str | None, str | None, str | None, str]]:
    """The props and notes of an element: (tag, type, xml:lang, o-encoding, text)."""
    return [
        (c.tag, c.get("type"), c.get(XML_LANG), c.get("o-encoding"), c.text or "")
        for c in el
        if c.tag in ("prop", "note")
    ]


def _seg_xml(tuv: etree._Element) -> str:
    seg = tuv.find("seg")
    assert seg is not None
    inner = "".join(etree.tostring(c, encoding="unicode") for c in seg)
    return (seg.text or "") + inner


def _tus(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).iter("tu"))


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    path = tmp_path / "rich.tmx"
    path.write_text(RICH, encoding="utf-8")
    return path


def test_the_rich_file_is_itself_valid(rich: Path) -> None:
    _valid(rich)


def test_round_trip_keeps_every_attribute_prop_and_note(
    db: Database, rich: Path, tmp_path: Path
) -> None:
    report = api.import_file(db, rich)
    assert (report.added, report.skipped, report.warnings) == (2, 0, 0)
    out = tmp_path / "out.tmx"
    api.export_file(db, out)
    _valid(out)
    (a1, a2), (b1, b2) = _tus(rich), _tus(out)

    # <tu> attributes: all of them, with the same values
    assert dict(b1.attrib) == dict(a1.attrib)
    # OmegaT-style unit: nothing moved from the variant up to the unit
    assert dict(b2.attrib) == dict(a2.attrib) == {"srclang": "zh-CN"}

    # props and notes of the unit, in order, then untm's own origin prop
    assert _children(b1) == [*_children(a1), ("prop", "x-untm-origin", None, None, "rich.tmx")]

    # each variant: its language, its own attributes, props, notes and inline markup
    for old, new in zip(a1.findall("tuv"), b1.findall("tuv"), strict=True):
        assert dict(new.attrib) == dict(old.attrib)
        assert _children(new) == _children(old)
        assert _seg_xml(new) == _seg_xml(old)
    for old, new in zip(a2.findall("tuv"), b2.findall("tuv"), strict=True):
        assert dict(new.attrib) == dict(old.attrib)

    # the header's props and notes, after a prop naming the file they came from
    header = etree.parse(str(out)).find("header")
    assert header is not None
    assert _children(header) == [
        ("prop", "x-untm-origin", None, None, "rich.tmx"),
        ("prop", "x-Client", None, None, "UNOG"),
        ("note", None, "en", None, "Exported for the 2021 review"),
        ("prop", "x-Project", None, "UTF-8", "CAC"),
    ]


def test_the_english_variant_keeps_its_own_creator(db: Database, rich: Path) -> None:
    api.import_file(db, rich)
    first, second = TmStore(db).iter_units()
    assert first.creator == "jdoe"  # the unit's
    assert dict(first.side(Lang.EN).attrs)["creationid"] == "translatorA"
    assert dict(first.side(Lang.ZH).attrs)["creationid"] == "translatorB"
    # a unit with who and when on a variant only takes them from there (for lookup)
    assert (second.creator, second.changed) == ("omegat-user0", "2019-05-31T10:00:00Z")
    assert first.attrs == (
        ("datatype", "xml"),
        ("segtype", "sentence"),
        ("o-encoding", "UTF-8"),
        ("o-tmf", "SDL TM8"),
        ("srclang", "en"),
        ("creationtool", "SDL Trados"),
        ("creationtoolversion", "2019"),
    )


def test_import_export_import_export_is_stable(rich: Path, tmp_path: Path) -> None:
    first, second = new_db(tmp_path / "1.db"), new_db(tmp_path / "2.db")
    one, two = tmp_path / "one.tmx", tmp_path / "two.tmx"
    api.import_file(first, rich)
    api.export_file(first, one)
    api.import_file(second, one)
    api.export_file(second, two)
    assert one.read_bytes() == two.read_bytes()
    # and the header props went to the origin of the units, not to one.tmx
    assert [h.origin for h in api.header_props(second)] == ["rich.tmx"]
    first.close()
    second.close()


# -- invalid values: dropped with a warning, the unit kept, never exported ---------------------

BAD_VALUES = tmx(
    tu("会议", "Meeting") + '<tu creationdate="yesterday" changedate="20201345T999999Z" '
    'usagecount="99999999999999999999999" segtype="line" lastusagedate="20190229T000000Z">'
    '<tuv xml:lang="zh-CN" creationdate="2019-02-30T00:00:00Z" usagecount="-1">'
    "<seg>报告</seg></tuv>"
    '<tuv xml:lang="en" changedate="20200229T120000Z" x-custom="1"><seg>Report</seg></tuv></tu>\n'
)  # the second unit is on line 6


def test_invalid_attribute_values_are_dropped_with_warnings(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(BAD_VALUES, encoding="utf-8")
    report = api.import_file(db, path)
    assert (report.added, report.skipped, report.warnings) == (2, 0, 8)
    reasons = [(w.line, w.reason) for w in report.warning_examples]
    assert len(reasons) == 5  # only the first few are kept as examples
    assert reasons[0] == (6, "<tuv> creationdate='2019-02-30T00:00:00Z' is not a TMX date "
                             "(YYYYMMDDThhmmssZ); dropped")  # fmt: skip
    assert reasons[1][1].startswith("<tuv> usagecount='-1' is not a usage count")
    assert reasons[2] == (6, "<tuv> attribute x-custom is not TMX 1.4; dropped")
    assert reasons[3] == (6, "<tu> creationdate='yesterday' is not a TMX date "
                             "(YYYYMMDDThhmmssZ); dropped")  # fmt: skip
    assert reasons[4][1].startswith("<tu> changedate='20201345T999999Z' is not a TMX date")

    _, unit = TmStore(db).iter_units()
    assert unit.source.text == "报告"
    assert (unit.created, unit.usage_count, unit.last_used) == ("", 0, "")
    assert unit.changed == "2020-02-29T12:00:00Z"  # the English variant's, a leap day
    out = tmp_path / "out.tmx"
    api.export_file(db, out)
    _valid(out)
    text = out.read_text(encoding="utf-8")
    for bad in ("yesterday", "20201345", "99999", "line", "-1", "20190229", "x-custom"):
        assert bad not in text


def test_invalid_date_warnings_do_not_stop_the_import_through_the_cli(
    db_path: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from untm.cli.app import app

    path = tmp_path / "bad.tmx"
    path.write_text(BAD_VALUES, encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(db_path), "tm", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 units added, 0 merged, 0 skipped, 8 warnings" in result.stdout
    assert "  warning line 6: <tu> creationdate='yesterday' is not a TMX date" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20190531T100000Z", "20190531T100000Z"),
        ("2019-05-31T10:00:00Z", "20190531T100000Z"),  # ISO extended: rewritten
        (" 20200229T235959Z ", "20200229T235959Z"),  # a leap day
        ("20190229T000000Z", None),  # not a leap year
        ("20201345T999999Z", None),
        ("20190531T240000Z", None),
        ("20190531T100000", None),  # no Z: local time is not TMX
        ("00000101T000000Z", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_valid_date(value: str, expected: str | None) -> None:
    assert valid_date(value) == expected


def test_a_second_variant_in_one_language_is_reported(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="zh-CN"><seg>报告</seg></tuv>\n'
        '<tuv xml:lang="zh-TW"><seg>報告</seg></tuv>\n'
        '<tuv xml:lang="en"><seg>Report</seg></tuv></tu>\n'
    )
    path = tmp_path / "two.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    unit, warning = list(read_tmx(path))
    assert warning == UnitWarning(
        6, "a second zh variant (zh-TW) is ignored; the first (zh-CN) is kept"
    )
    assert unit.source.text == "报告"  # type: ignore[union-attr]


def test_warnings_of_a_skipped_unit_are_not_reported(db: Database, tmp_path: Path) -> None:
    body = tu("会议", "Meeting") + tu("", "Empty", attrs='creationdate="never"')
    path = tmp_path / "skip.tmx"
    path.write_text(tmx(body), encoding="utf-8")
    report = api.import_file(db, path)
    assert (report.added, report.skipped, report.warnings) == (1, 1, 0)


# -- usage counts ---------------------------------------------------------------------------------


def _usage(path: Path) -> list[str | None]:
    return [t.get("usagecount") for t in _tus(path)]


def test_usage_counts_add_and_importing_is_not_a_use(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "counts.tmx"
    body = tu("会议", "Meeting", attrs='usagecount="7"') + tu("报告", "Report")
    path.write_text(tmx(body), encoding="utf-8")
    for _ in range(2):
        api.import_file(db, path)
    assert [u.usage_count for u in TmStore(db).iter_units()] == [14, 0]
    out = tmp_path / "out.tmx"
    api.export_file(db, out)
    assert _usage(out) == ["14", None]  # no usagecount="0"
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("附件\tAnnex\n", encoding="utf-8")
    api.import_file(db, tsv)
    api.import_file(db, tsv)
    assert [u.usage_count for u in TmStore(db).iter_units()] == [14, 0, 0]


def test_usage_count_sums_stop_at_the_largest_integer(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "max.tmx"
    top = 2**63 - 1  # SQLite's largest INTEGER
    path.write_text(tmx(tu("会议", "Meeting", attrs=f'usagecount="{top}"')), encoding="utf-8")
    api.import_file(db, path)
    api.import_file(db, path)  # stored as a sum past the largest INTEGER
    (unit,) = TmStore(db).iter_units()
    assert unit.usage_count == top == MAX_USAGE_COUNT
    out = tmp_path / "out.tmx"
    api.export_file(db, out)
    assert _usage(out) == [str(top)]
    # twice in one file: merged before storage
    twice = tmp_path / "twice.tmx"
    twice.write_text(tmx(tu("报告", "Report", attrs=f'usagecount="{top}"') * 2), encoding="utf-8")
    api.import_file(db, twice)
    assert [u.usage_count for u in TmStore(db).iter_units()] == [top, top]


# -- header props and notes, per origin -----------------------------------------------------------


def _header_file(path: Path, client: str) -> Path:
    head = f'<prop type="x-Client">{client}</prop><note>from {path.name}</note>'
    text = tmx(tu(f"{client}的报告", f"Report of {client}")).replace(
        'datatype="plaintext" srclang="zh-CN"/>',
        f'datatype="plaintext" srclang="zh-CN">{head}</header>',
    )
    path.write_text(text, encoding="utf-8")
    return path


def _header_children(path: Path) -> list[tuple[str, str | None, str | None, str | None, str]]:
    header = etree.parse(str(path)).find("header")
    assert header is not None
    return _children(header)


def test_header_props_are_kept_per_origin(db: Database, tmp_path: Path) -> None:
    a = _header_file(tmp_path / "a.tmx", "UNOG")
    b = _header_file(tmp_path / "b.tmx", "OHCHR")
    api.import_file(db, a)
    api.import_file(db, a)  # again: nothing is added twice
    api.import_file(db, b, origin="B")
    only_a = tmp_path / "a-out.tmx"
    api.export_file(db, only_a, origin="a.tmx")
    assert _header_children(only_a) == [
        ("prop", "x-untm-origin", None, None, "a.tmx"),
        ("prop", "x-Client", None, None, "UNOG"),
        ("note", None, None, None, "from a.tmx"),
    ]
    both = tmp_path / "all.tmx"
    api.export_file(db, both)
    _valid(both)
    assert _header_children(both) == [
        ("prop", "x-untm-origin", None, None, "B"),
        ("prop", "x-Client", None, None, "OHCHR"),
        ("note", None, None, None, "from b.tmx"),
        ("prop", "x-untm-origin", None, None, "a.tmx"),
        ("prop", "x-Client", None, None, "UNOG"),
        ("note", None, None, None, "from a.tmx"),
    ]
    # deleting an origin deletes its header too
    api.delete(db, origin="B")
    api.export_file(db, both)
    assert [c[4] for c in _header_children(both)] == ["a.tmx", "UNOG", "from a.tmx"]
    # a TSV has no header: its export has none of theirs
    tsv = tmp_path / "c.tsv"
    tsv.write_text("附件\tAnnex\n", encoding="utf-8")
    api.import_file(db, tsv)
    api.export_file(db, only_a, origin="c.tsv")
    assert _header_children(only_a) == []


def test_a_failed_import_keeps_no_header(db: Database, tmp_path: Path) -> None:
    path = _header_file(tmp_path / "a.tmx", "UNOG")
    path.write_text(path.read_text(encoding="utf-8").replace("</body>", ""), encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(Exception, match="not well-formed"):
        api.import_file(db, path)
    assert snapshot(db) == before
    assert api.header_props(db) == ()


# -- export of an unknown origin ------------------------------------------------------------------


def test_export_of_an_unknown_origin_writes_nothing(db: Database, tmp_path: Path) -> None:
    tsv = tmp_path / "un.tsv"
    tsv.write_text("附件\tAnnex\n", encoding="utf-8")
    api.import_file(db, tsv)
    out = tmp_path / "out.tsv"
    with pytest.raises(NotFoundError, match="'nope'"):
        api.export_file(db, out, origin="nope")
    assert not out.exists()
    assert api.export_file(db, out, origin="un.tsv") == 1
