"""TBX 2 (martif): the official samples, validity, and interoperability of our export."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.support import need_shared
from tests.termbase.formats.strategies import un_concepts
from untm._ttk import read_tbx_with_ttk
from untm.errors import FormatError
from untm.termbase.formats import ColumnMap, TermbaseFormat, read_concepts, write_concepts
from untm.text.lang import Lang

TBX2 = ("schemas", "tbx2_basic")
BAD = {
    "tbx_basic_sample_badattribute.tbx": ('type="origin">', "origin"),
    "tbx_basic_sample_badelement.tbx": ("<transaction ", "transaction"),
    "tbx_basic_sample_badelementcontent.tbx": (">preposition<", "preposition"),
    "tbx_basic_sample_badelementorder.tbx": ('<termNote type="termLocation">', "termLocation"),
}


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_official_sample_is_read() -> None:
    path = need_shared(*TBX2, "TBX-basic-sample.tbx")
    result = read_concepts(path)
    entries = etree.parse(str(path)).getroot().findall(".//termEntry")
    assert len(result.concepts) == len(entries)  # every entry has an English term
    assert [c.id for c in result.concepts] == [e.get("id") for e in entries]


def test_official_sample_reads_like_its_tbx3_twin() -> None:
    """The TBX 2 and TBX v3 samples of the TBX-Basic package hold the same data, but for
    two external cross-references (``wikipedia.org`` against an http URL) and the
    reference types, which the model does not keep."""
    v2 = read_concepts(need_shared(*TBX2, "TBX-basic-sample.tbx")).concepts
    v3 = read_concepts(
        need_shared("schemas", "tbx3", "byutrg_samples", "TBX-basic-sample.tbx")
    ).concepts
    assert v2 == v3


@pytest.mark.parametrize("name", BAD)
def test_official_bad_samples_are_rejected_with_the_line(name: str) -> None:
    path = need_shared(*TBX2, name)
    needle, word = BAD[name]
    with pytest.raises(FormatError) as err:
        read_concepts(path)
    assert err.value.line == _line_of(path, needle)
    assert word in str(err.value)
    assert "\n" not in str(err.value)


def test_not_well_formed_sample_is_rejected_with_the_line() -> None:
    path = need_shared(*TBX2, "tbx_basic_sample_notwellformed.tbx")
    with pytest.raises(FormatError, match="not well-formed") as err:
        read_concepts(path)
    assert err.value.line == _line_of(path, "<date>2007-07-23") + 1  # where </transacGrp> is met


def test_export_validates_against_tbx_basic_2(tmp_path: Path) -> None:
    out = tmp_path / "un.tbx"
    write_concepts(un_concepts(tmp_path), out, TermbaseFormat.TBX2)
    tool = need_shared("tools", "validate_tbx.py")
    done = subprocess.run(
        [sys.executable, str(tool), "--tbx2", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("VALID")


def test_round_trip_keeps_everything_but_the_time_of_day(tmp_path: Path) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX2)
    back = read_concepts(out).concepts
    assert back[0].modified == "2019-12-20"  # 2019-12-20T10:30:00Z: TBX 2 dates are xsd:date
    assert back == tuple(
        dataclasses.replace(c, created=c.created[:10], modified=c.modified[:10]) for c in concepts
    )


def test_translate_toolkit_reads_our_export(tmp_path: Path) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX2)
    expected = [(c.terms_in(Lang.ZH)[0].text, c.terms_in(Lang.EN)[0].text) for c in concepts]
    assert read_tbx_with_ttk(out) == expected


def test_translate_toolkit_errors_become_format_errors(tmp_path: Path) -> None:
    out = tmp_path / "broken.tbx"
    out.write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(FormatError, match="translate-toolkit"):
        read_tbx_with_ttk(out)


def test_entries_without_id_and_ntig_terms_are_read(tmp_path: Path) -> None:
    """MultiTerm writes TBX 2 with <ntig><termGrp>; termEntry ids are optional."""
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry>
  <langSet xml:lang="zh-CN"><ntig><termGrp><term>缔约国</term>
    <termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
  <langSet xml:lang="en-US"><ntig><termGrp><term>State party</term></termGrp>
    <descrip type="Definition">a custom category</descrip></ntig></langSet>
</termEntry>
</body></text></martif>
"""
    path = tmp_path / "mt.tbx"
    path.write_text(doc, encoding="utf-8")
    first, second = read_concepts(path), read_concepts(path)
    (concept,) = first.concepts
    assert [t.text for t in concept.terms] == ["缔约国", "State party"]
    assert concept.id.startswith("tbx-") and concept.id == second.concepts[0].id
    assert any("Definition" in w for w in first.warnings)


def test_exclusions_travel_in_processing_instructions_also_inside_an_ntig(
    tmp_path: Path,
) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX2)
    text = out.read_text(encoding="utf-8")
    assert "<?untm-exclude 非会员国?>" in text and "untm:" not in text
    assert "<?untm-pos" not in text  # properNoun is in the TBX-Basic 2 picklist
    back = read_concepts(out).concepts
    assert [t.exclude for c in back for t in c.terms] == [
        t.exclude for c in concepts for t in c.terms
    ]
    ntig = (
        text.replace("<tig>", "<ntig><termGrp>", 1)
        .replace("</tig>", "</termGrp></ntig>", 1)
        .replace("<termGrp>", "<termGrp><?untm-exclude 非缔约国?>", 1)
    )
    out.write_text(ntig, encoding="utf-8")
    first = read_concepts(out).concepts[0].terms[0]
    assert first.exclude == (*concepts[0].terms[0].exclude, "非缔约国")


def test_tbx2_ids_must_resolve(tmp_path: Path) -> None:
    sample = need_shared(*TBX2, "TBX-basic-sample.tbx").read_text(encoding="utf-8")
    path = tmp_path / "dangling.tbx"
    path.write_text(sample.replace('target="US5002"', 'target="US9999"', 1), encoding="utf-8")
    with pytest.raises(FormatError, match="US9999") as err:
        read_concepts(path)
    assert err.value.line == _line_of(path, "US9999")


OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))


@pytest.mark.slow
def test_omegat_reads_our_tbx2_and_omegat_glossary(tmp_path: Path) -> None:
    script = need_shared("tools", "omegat_check.sh")
    if not OMEGAT_JAR.exists() or shutil.which("java") is None:
        pytest.skip(f"OmegaT ({OMEGAT_JAR}) or java is not installed")
    concepts = un_concepts(tmp_path)
    tbx, utf8 = tmp_path / "un.tbx", tmp_path / "un.utf8"
    write_concepts(concepts, tbx, TermbaseFormat.TBX2)
    write_concepts(concepts, utf8, TermbaseFormat.TSV, columns=ColumnMap.omegat())
    tmx = tmp_path / "tm.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="paragraph" o-tmf="t" adminlang="en" srclang="zh-CN" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>会员国</seg></tuv>'
        '<tuv xml:lang="en"><seg>Member State</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    src = tmp_path / "src.txt"
    src.write_text("会员国\n", encoding="utf-8")
    done = subprocess.run(
        ["bash", str(script), str(tmx), str(src), str(tbx), str(utf8)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    log = done.stderr
    for name in ("un.tbx", "un.utf8"):
        assert f"# glossary\t{name}\t" in log and f"{name}\tFAILED" not in log
    for concept in concepts:
        zh, en = concept.terms_in(Lang.ZH)[0].text, concept.terms_in(Lang.EN)[0].text
        assert f"#   term\t{zh}\t=>\t{en}\t" in log
