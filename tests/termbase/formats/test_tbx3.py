"""TBX v3: the official samples, validity of our export, and what the reader keeps."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.support import need_shared
from tests.termbase.formats.strategies import un_concepts
from untm.errors import FormatError, LanguageError, UsageError
from untm.termbase.formats import TermbaseFormat, detect_format, read_concepts, write_concepts
from untm.termbase.model import Concept, PartOfSpeech, Term, TermStatus
from untm.text.lang import Lang

NS = "urn:iso:std:iso:30042:ed-2"
TBX3 = ("schemas", "tbx3")

GOOD = [
    "basic_dialect/DCA/Example_Astronomy_DCA_VALID.tbx",
    "basic_dialect/DCT/Example_Astronomy_DCT_VALID.tbx",
    "byutrg_samples/TBX-basic-sample.tbx",
    "test_files/basic_good.tbx",
    "test_files/core_structure_good.tbx",
    "test_files/min_good.tbx",
]


def _line_of(path: Path, needle: str, after: int = 0) -> int:
    """1-based line of the first line containing ``needle``, plus ``after``."""
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if needle in line:
            return n + after
    raise AssertionError(f"{needle!r} not in {path}")


def _unclosed_date(path: Path) -> int:
    """Where a parser notices a <date> left open: the line after it."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "<date>" in line and "</date>" not in line:
            return n + 1
    raise AssertionError("no unclosed <date>")


# What is wrong in each official bad file (learnt by diffing it with its good twin), as
# the text that locates the first problem and a word the error message must name.
BAD = {
    "byutrg_samples/tbx_basic_sample_badattribute.tbx": ('type="origin"', "origin"),
    "byutrg_samples/tbx_basic_sample_badelement.tbx": ("<transaction ", "transaction"),
    "byutrg_samples/tbx_basic_sample_badelementcontent.tbx": (">preposition<", "preposition"),
    "byutrg_samples/tbx_basic_sample_badelementorder.tbx": (
        '<termNote type="termLocation">menuItem',
        "termLocation",
    ),
    "byutrg_samples/tbx_basic_sample_badtargetattribute_value.tbx": (
        "C://Path/to/wikipedia",
        "C://Path/to/wikipedia",
    ),
    "test_files/basic_bad.tbx": ('type="theWrongType"', "theWrongType"),
    "test_files/core_structure_bad.tbx": ("\t\t\t\tTBX file, created via MultiTerm", "sourceDesc"),
    "test_files/min_bad.tbx": ("A DCA datcat from TBX-Basic", "source"),
}
NOT_WELL_FORMED = {
    "byutrg_samples/tbx_basic_sample_notwellformed.tbx": _unclosed_date,
    "test_files/poorly_formed_xml.tbx": lambda p: _line_of(p, "<term>missing closing tag", 1),
}


def _zh_en_entries(path: Path) -> tuple[int, int]:
    """(entries with a zh or en term, entries without) counted with plain XPath."""
    root = etree.parse(str(path)).getroot()
    entries = root.findall(f".//{{{NS}}}conceptEntry")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    with_terms = [
        e
        for e in entries
        if any(ls.get(lang, "")[:2] in ("en", "zh") for ls in e.findall(f"{{{NS}}}langSec"))
    ]
    return len(with_terms), len(entries) - len(with_terms)


@pytest.mark.parametrize("name", GOOD)
def test_official_good_samples_are_read(name: str) -> None:
    path = need_shared(*TBX3, name)
    result = read_concepts(path)
    kept, skipped = _zh_en_entries(path)
    assert len(result.concepts) == kept
    assert result.skipped == skipped
    assert all(t.lang is Lang.EN for c in result.concepts for t in c.terms)


@pytest.mark.parametrize("name", BAD)
def test_official_bad_samples_are_rejected_with_the_line(name: str) -> None:
    path = need_shared(*TBX3, name)
    needle, word = BAD[name]
    with pytest.raises(FormatError) as err:
        read_concepts(path)
    assert err.value.line == _line_of(path, needle)
    assert word in str(err.value)
    assert str(err.value).startswith(f"{path}: line {err.value.line}: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", NOT_WELL_FORMED)
def test_official_malformed_samples_are_rejected_with_the_line(name: str) -> None:
    path = need_shared(*TBX3, name)
    with pytest.raises(FormatError, match="not well-formed") as err:
        read_concepts(path)
    assert err.value.line == NOT_WELL_FORMED[name](path)


def test_dct_style_reads_like_its_dca_twin() -> None:
    dca = read_concepts(need_shared(*TBX3, "basic_dialect/DCA/Example_Astronomy_DCA_VALID.tbx"))
    dct = read_concepts(need_shared(*TBX3, "basic_dialect/DCT/Example_Astronomy_DCT_VALID.tbx"))
    # The two official files hold the same data, except three concept notes that only
    # the DCT file has; everything else must read the same.
    assert [dataclasses.replace(c, note="") for c in dct.concepts] == [
        dataclasses.replace(c, note="") for c in dca.concepts
    ]
    pairs = [(a.note, b.note) for a, b in zip(dca.concepts, dct.concepts, strict=True)]
    assert all(a == b for a, b in pairs if a)
    assert sum(1 for a, b in pairs if a and a == b) > 30


def test_strict_schematron_deviations_are_accepted_and_reported() -> None:
    """basic_good.tbx uses usageStatus and the transaction type 'creation'."""
    result = read_concepts(need_shared(*TBX3, "test_files/basic_good.tbx"))
    assert any("usageStatus" in w for w in result.warnings)
    assert any("'creation'" in w for w in result.warnings)
    by_text = {t.text: t for c in result.concepts for t in c.terms}
    raw = need_shared(*TBX3, "test_files/basic_good.tbx").read_text(encoding="utf-8")
    m = re.search(
        r"<term>([^<]+)</term>\s*<termNote[^>]*>[^<]*</termNote>\s*"
        r'<termNote type="usageStatus">deprecated<',
        raw,
    )
    assert m, "the sample has a deprecated term"
    assert by_text[m.group(1)].status is TermStatus.DEPRECATED


def test_not_kept_categories_are_warnings_not_silence() -> None:
    result = read_concepts(need_shared(*TBX3, "byutrg_samples/TBX-basic-sample.tbx"))
    text = "\n".join(result.warnings)
    for category in (
        "grammaticalGender",
        "termLocation",
        "customerSubset",
        "xGraphic",
        "'fr'",
        "'de'",
    ):
        assert category in text


def test_sample_content_is_read_into_the_model() -> None:
    result = read_concepts(need_shared(*TBX3, "byutrg_samples/TBX-basic-sample.tbx"))
    c1 = next(c for c in result.concepts if c.id == "c1")
    assert c1.subject == "manufacturing"
    assert (c1.created, c1.modified) == ("2007-07-22", "2007-07-23")
    assert c1.definitions[0].lang is None and c1.definitions[0].source == "Terminology SIG"
    (term,) = c1.terms
    assert (term.pos, term.geo_usage, term.source) == (PartOfSpeech.VERB, "Canada", "IBM")
    assert term.context == "One hour is required between scheduled operations."
    c2 = next(c for c in result.concepts if c.id == "c2")
    assert c2.definitions[0].lang is Lang.EN
    # wrapped over two lines in the file, one space in the model
    assert (
        c2.terms[0].note
        == "This is a sample entry with some data categories at the term or language level"
    )


# ------------------------------------------------------------------- our own export


def _validate(path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    tool = need_shared("tools", "validate_tbx.py")
    return subprocess.run(
        [sys.executable, str(tool), *flags, str(path)], capture_output=True, text=True, check=False
    )


def test_export_validates_against_core_rng_and_basic_dca_schematron(tmp_path: Path) -> None:
    out = tmp_path / "un.tbx"
    assert write_concepts(un_concepts(tmp_path), out, TermbaseFormat.TBX) == 4
    done = _validate(out)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("VALID")


@pytest.mark.parametrize("name", GOOD[:1] + GOOD[2:4])
def test_samples_round_trip_exactly_and_their_export_validates(tmp_path: Path, name: str) -> None:
    first = read_concepts(need_shared(*TBX3, name)).concepts
    out = tmp_path / "out.tbx"
    write_concepts(first, out, TermbaseFormat.TBX)
    second = read_concepts(out)
    assert second.concepts == first
    assert second.warnings == ()
    assert _validate(out).returncode == 0


def test_un_concepts_round_trip_with_every_field(tmp_path: Path) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX)
    assert read_concepts(out).concepts == tuple(concepts)


def _pis(root: etree._Element) -> list[tuple[str, str, str]]:
    """(parent's local name, target, text) of every processing instruction."""
    return [
        (etree.QName(pi.getparent()).localname, pi.target, pi.text or "")
        for pi in root.iter(etree.ProcessingInstruction)
    ]


def test_exclusions_and_proper_nouns_travel_in_processing_instructions(tmp_path: Path) -> None:
    concepts = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX)
    root = etree.parse(str(out), etree.XMLParser(remove_pis=False)).getroot()
    notes = [n.text or "" for n in root.iter(f"{{{NS}}}note")]
    assert not [n for n in notes if n.startswith("untm:")]
    pis = _pis(root)
    assert ("termSec", "untm-exclude", "非会员国") in pis
    assert ("termSec", "untm-pos", "properNoun") in pis
    pos = {n.text for n in root.iter(f"{{{NS}}}termNote") if n.get("type") == "partOfSpeech"}
    assert "properNoun" not in pos  # not in the TBX-Basic v3 picklist
    assert read_concepts(out).concepts == tuple(concepts)


def test_the_evidence_is_a_note_for_translators_and_an_instruction_for_untm(
    tmp_path: Path,
) -> None:
    cosp, member, _unodc, recovery = un_concepts(tmp_path)
    out = tmp_path / "un.tbx"
    write_concepts([cosp, member, recovery], out, TermbaseFormat.TBX)
    root = etree.parse(str(out), etree.XMLParser(remove_pis=False)).getroot()
    entries = root.iter(f"{{{NS}}}conceptEntry")
    notes = [[n.text for n in e.findall(f"{{{NS}}}note")][-1] for e in entries]
    assert notes == [
        "Evidence: attested in a UN English document (UNCAC art. 63 (official English text))",
        "Evidence: attested in UN terminology (UNTERM)",
        "Evidence: translated for untm from the Chinese",
    ]
    assert [(t, v) for where, t, v in _pis(root) if where == "conceptEntry"] == [
        ("untm-evidence", "un-document"),
        ("untm-attested", "UNCAC art. 63 (official English text)"),
        ("untm-evidence", "un-terminology"),
        ("untm-attested", "UNTERM"),
        ("untm-evidence", "project"),
    ]
    back = read_concepts(out)
    assert back.concepts == (cosp, member, recovery)  # the note does not come back as a note
    assert back.warnings == ()


def test_without_its_instructions_the_evidence_note_is_still_read(tmp_path: Path) -> None:
    """A CAT tool that rewrites the file keeps notes but may drop processing
    instructions: the note in untm's words still gives the evidence, and is not
    imported as a plain note as well."""
    cosp = un_concepts(tmp_path)[0]
    out = tmp_path / "un.tbx"
    write_concepts([cosp], out, TermbaseFormat.TBX)
    stripped = re.sub(r"<\?untm-[^?]*\?>", "", out.read_text(encoding="utf-8"))
    assert "<?untm-" not in stripped
    out.write_text(stripped, encoding="utf-8")
    (back,) = read_concepts(out).concepts
    assert (back.evidence, back.attested, back.note) == (cosp.evidence, cosp.attested, cosp.note)


def test_notes_of_earlier_untm_are_still_read(tmp_path: Path) -> None:
    entry = (
        '<conceptEntry id="c1">\n'
        '<langSec xml:lang="zh"><termSec><term>会员国</term>'
        "<note>untm:exclude:非会员国</note><note>不用于观察员国。</note></termSec></langSec>\n"
        '<langSec xml:lang="en"><termSec><term>UNODC</term>'
        '<termNote type="partOfSpeech">noun</termNote>'
        "<note>untm:partOfSpeech:properNoun</note></termSec></langSec>\n"
        "</conceptEntry>"
    )
    (concept,) = _read(tmp_path, _doc(entry))
    zh, en = concept.terms
    assert (zh.exclude, zh.note) == (("非会员国",), "不用于观察员国。")
    assert (en.pos, en.note) == (PartOfSpeech.PROPER_NOUN, "")


@pytest.mark.parametrize("word", ["非会员国?>", "100%", "a%3Eb", "?%3E", "%25"])
def test_instruction_values_that_look_like_escapes_round_trip(tmp_path: Path, word: str) -> None:
    concept = Concept(
        "c1", (Term(f"会员国{word}", Lang.ZH, exclude=(f"非会员国{word}",)), Term("x", Lang.EN))
    )
    out = tmp_path / "x.tbx"
    write_concepts([concept], out, TermbaseFormat.TBX)
    assert read_concepts(out).concepts == (concept,)
    assert _validate(out).returncode == 0


def test_unknown_untm_instructions_are_reported_others_ignored(tmp_path: Path) -> None:
    entry = (
        '<conceptEntry id="c1"><?untm-colour blue?><?xml-stylesheet href="a.xsl"?>'
        "<?untm-evidence rumour?>\n"
        '<langSec xml:lang="zh"><termSec><term>会员国</term><?untm-exclude ?>'
        "<?untm-pos pronoun?><?other data?></termSec></langSec>\n"
        '<langSec xml:lang="en"><termSec><term>Member State</term></termSec></langSec>\n'
        "</conceptEntry>"
    )
    path = tmp_path / "t.tbx"
    path.write_text(_doc(entry), encoding="utf-8")
    result = read_concepts(path)
    (concept,) = result.concepts
    assert (concept.evidence, concept.terms[0].exclude, concept.terms[0].pos) == (None, (), None)
    assert sorted(result.warnings) == [
        "line 5: <?untm-colour?> at concept level not kept",
        "line 5: <?untm-evidence rumour?> not kept: the evidence is one of un-document, "
        "un-terminology, project",
        "line 6: <?untm-exclude ?> at term level not kept",
        "line 6: <?untm-pos pronoun?> at term level not kept",
    ]


def test_text_after_an_instruction_is_still_text_where_none_is_allowed(tmp_path: Path) -> None:
    entry = ENTRY.replace("<termSec><term>会员国", "<termSec><?untm-exclude x?>junk<term>会员国")
    with pytest.raises(FormatError, match="text is not allowed directly in <termSec>"):
        _read(tmp_path, _doc(entry))


def test_several_notes_become_several_note_elements(tmp_path: Path) -> None:
    member = dataclasses.replace(un_concepts(tmp_path)[1], evidence=None, attested="")
    out = tmp_path / "m.tbx"
    write_concepts([member], out, TermbaseFormat.TBX)
    entry = etree.parse(str(out)).getroot().find(f".//{{{NS}}}conceptEntry")
    assert entry is not None
    assert [n.text for n in entry.findall(f"{{{NS}}}note")] == member.note.split("\n")


# ------------------------------------------------------------- hand-written documents


def _doc(body: str, *, root: str = 'type="TBX-Basic" style="dca" xml:lang="en"') -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx xmlns="{NS}" {root}>\n'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n</tbx>\n"
    )


ENTRY = (
    '<conceptEntry id="c1">\n'
    '<langSec xml:lang="zh"><termSec><term>会员国</term></termSec></langSec>\n'
    '<langSec xml:lang="en-GB"><termSec><term>Member\n    State</term></termSec></langSec>\n'
    "</conceptEntry>"
)


def _read(tmp_path: Path, text: str) -> tuple[Concept, ...]:
    path = tmp_path / "t.tbx"
    path.write_text(text, encoding="utf-8")
    return read_concepts(path).concepts


def test_whitespace_is_collapsed_and_region_tags_are_kept_as_their_language(tmp_path: Path) -> None:
    (concept,) = _read(tmp_path, _doc(ENTRY))
    assert [(t.lang, t.text) for t in concept.terms] == [
        (Lang.ZH, "会员国"),
        (Lang.EN, "Member State"),
    ]


def test_missing_xml_lang_is_a_format_error_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="xml:lang") as err:
        _read(tmp_path, _doc(ENTRY.replace(' xml:lang="zh"', "")))
    assert err.value.line == 6  # 3 header lines, <text><body>, <conceptEntry>, the langSec


def test_invalid_language_tag_is_a_language_error_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(LanguageError, match="zh_CN") as err:
        _read(tmp_path, _doc(ENTRY.replace('xml:lang="zh"', 'xml:lang="zh_CN"')))
    assert err.value.line == 6


def test_a_file_without_zh_or_en_is_a_language_error(tmp_path: Path) -> None:
    text = _doc(ENTRY.replace('"zh"', '"fr"').replace('"en-GB"', '"de"'))
    with pytest.raises(LanguageError, match="de, fr"):
        _read(tmp_path, text)


def test_missing_concept_id_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no id attribute") as err:
        _read(tmp_path, _doc(ENTRY.replace(' id="c1"', "")))
    assert err.value.line == 5


def test_duplicate_ids_and_dangling_targets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="used twice"):
        _read(tmp_path, _doc(ENTRY + "\n" + ENTRY))
    ref = ENTRY.replace("<langSec", '<ref type="crossReference" target="c9">x</ref><langSec', 1)
    with pytest.raises(FormatError, match="'c9'"):
        _read(tmp_path, _doc(ref))


def test_definition_at_term_level_is_refused_in_tbx_basic(tmp_path: Path) -> None:
    bad = ENTRY.replace(
        "</term></termSec>", '</term><descrip type="definition">d</descrip></termSec>', 1
    )
    with pytest.raises(FormatError, match="definition is not allowed at term level"):
        _read(tmp_path, _doc(bad))


def test_other_dialects_are_read_for_what_the_model_holds(tmp_path: Path) -> None:
    custom = ENTRY.replace(
        "</term></termSec>", '</term><termNote type="myNote">x</termNote></termSec>', 1
    )
    root = 'type="TBX-Custom" style="dca" xml:lang="en"'
    path = tmp_path / "c.tbx"
    path.write_text(_doc(custom, root=root), encoding="utf-8")
    with pytest.raises(FormatError, match="myNote"):
        _read(tmp_path, _doc(custom))  # TBX-Basic: not a permitted category
    result = read_concepts(path)
    assert len(result.concepts) == 1
    assert any("myNote" in w for w in result.warnings)


def test_a_martif_file_is_read_whatever_tbx_format_was_asked(tmp_path: Path) -> None:
    path = need_shared("schemas", "tbx2_basic", "TBX-basic-sample.tbx")
    assert read_concepts(path, TermbaseFormat.TBX).concepts == read_concepts(path).concepts


def test_writer_refuses_what_tbx_cannot_hold(tmp_path: Path) -> None:
    good = un_concepts(tmp_path)[0]
    out = tmp_path / "x.tbx"
    with pytest.raises(UsageError, match="not ISO 8601"):
        write_concepts(
            [dataclasses.replace(good, created="6 November 2017")], out, TermbaseFormat.TBX
        )
    with pytest.raises(UsageError, match="cosp"):
        bad_term = dataclasses.replace(good.terms[0], text="会议\x01")
        write_concepts([dataclasses.replace(good, terms=(bad_term,))], out, TermbaseFormat.TBX)
    with pytest.raises(UsageError, match="nothing to export"):
        write_concepts([dataclasses.replace(good, terms=())], out, TermbaseFormat.TBX)
    assert not out.exists()


def test_ids_that_are_not_xml_ids_are_made_valid(tmp_path: Path) -> None:
    concepts = [dataclasses.replace(c, id=str(n)) for n, c in enumerate(un_concepts(tmp_path), 1)]
    out = tmp_path / "n.tbx"
    write_concepts(concepts, out, TermbaseFormat.TBX)
    assert [c.id for c in read_concepts(out).concepts] == ["_1", "_2", "_3", "_4"]
    assert _validate(out).returncode == 0


def test_format_sniffing_and_ignored_encoding(tmp_path: Path) -> None:
    other = tmp_path / "other.tbx"
    other.write_text('<?xml version="1.0"?>\n<glossary/>\n', encoding="utf-8")
    with pytest.raises(FormatError, match="root element is <glossary>"):
        detect_format(other)
    path = tmp_path / "t.tbx"
    path.write_text(_doc(ENTRY), encoding="utf-8")
    assert detect_format(path) is TermbaseFormat.TBX
    result = read_concepts(path, encoding="gbk")
    assert any("'gbk' was ignored" in w for w in result.warnings)


@pytest.mark.parametrize("tag", ["xx", "qq", "zz-CN", "abcd", "e"])
def test_a_tag_that_names_no_language_is_an_error_naming_the_line(tmp_path: Path, tag: str) -> None:
    with pytest.raises(LanguageError) as err:
        _read(tmp_path, _doc(ENTRY.replace('xml:lang="en-GB"', f'xml:lang="{tag}"')))
    primary = tag.split("-")[0]
    assert err.value.problem == (
        f"unknown language xml:lang=\"{tag}\": '{primary}' is not an ISO 639 language code"
    )
    assert err.value.line == 7


@pytest.mark.parametrize("tag", ["fr", "es-419", "yue", "tlh", "qaa", "x-klingon", "iw", "sh"])
def test_real_languages_other_than_zh_and_en_are_dropped_with_a_warning(
    tmp_path: Path, tag: str
) -> None:
    path = tmp_path / "t.tbx"
    path.write_text(_doc(ENTRY.replace('xml:lang="en-GB"', f'xml:lang="{tag}"')), "utf-8")
    result = read_concepts(path)
    assert [t.lang for t in result.concepts[0].terms] == [Lang.ZH]
    assert f"line 7: language '{tag}' not kept (only zh and en)" in result.warnings


def test_a_definition_in_no_language_is_an_error(tmp_path: Path) -> None:
    entry = ENTRY.replace(
        "<langSec",
        '<descrip type="definition" xml:lang="xq">A definition.</descrip>\n<langSec',
        1,
    )
    with pytest.raises(LanguageError, match="'xq' is not an ISO 639") as err:
        _read(tmp_path, _doc(entry))
    assert err.value.line == 6
