"""The lint test corpus: every injected error found, no error on the clean texts.

``tests/lint/data`` is written by ``tests/lint/make_corpus.py`` from the reference
translations of the corpus (the gold beads of documents 001 and 004 in every input
format, both directions; document 001 whole, both directions). ``expectations.json``
lists each injected error: the file, rule, segment and a term the finding must name.

The clean texts are the same segment files without injections and the five corpus
documents aligned whole, both directions. They give no error finding once two errors of
the reference translations themselves, which the shipped glossary records, are
suppressed (``data/reference.untmignore``). Every warning they give is listed in
:data:`CLEAN_WARNINGS` with why it is there.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from untm.db import Database
from untm.lint.api import lint_documents, lint_file
from untm.lint.model import Finding, LintResult, Severity
from untm.text.lang import detect_lang
from untm.text.normalize import term_key

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ROOT = HERE.parents[1]
IGNORE = DATA / "reference.untmignore"


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", HERE / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


MC = _make_corpus()
EXPECTATIONS: list[dict[str, str]] = json.loads((DATA / "expectations.json").read_text("utf-8"))


def test_the_corpus_is_what_the_script_makes() -> None:
    for rel, content in MC.build().items():
        assert (DATA / rel).read_text(encoding="utf-8") == content, rel


def test_every_rule_in_both_directions_and_every_format() -> None:
    from untm.lint.model import RULES

    formats = {e["format"] for e in EXPECTATIONS}
    assert formats == {*MC.FORMATS, "documents"}
    for fmt in formats:
        for direction in ("zh-en", "en-zh"):
            rules = {
                e["rule"]
                for e in EXPECTATIONS
                if e["format"] == fmt and e["direction"] == direction
            }
            assert rules == set(RULES), (fmt, direction)


@cache
def _result(name: str, db: Database) -> LintResult:
    entry = next(e for e in EXPECTATIONS if e["file"] == name)
    if entry["format"] == "documents":
        return lint_documents(ROOT / entry["source"], DATA / name, db=db, ignore=IGNORE)
    return lint_file(DATA / name, db=db, ignore=IGNORE)


def _key(text: str) -> str:
    return term_key(text, detect_lang(text))


def _same_segment(found: str, expected: str) -> bool:
    """A document's bead of several sentences (``12-13``) holds each of them."""
    if found == expected:
        return True
    if expected.isdigit() and "-" in found and found.replace("-", "").isdigit():
        first, last = found.split("-")
        return int(first) <= int(expected) <= int(last)
    return False


def _names(f: Finding, term: str) -> bool:
    if not term:
        return True
    k = _key(term)
    return any(t and (k in _key(t) or _key(t) in k) for t in (f.source_term, f.found, *f.expected))


@pytest.mark.parametrize(
    "entry", EXPECTATIONS, ids=lambda e: f"{e['file']}:{e['rule']}:{e['segment'][:20]}"
)
def test_an_injected_error_is_found(entry: dict[str, str], gdb: Database) -> None:
    result = _result(entry["file"], gdb)
    found = [
        f
        for f in result.findings
        if f.rule == entry["rule"]
        and _same_segment(f.segment, entry["segment"])
        and _names(f, entry["term"])
    ]
    here = [(f.rule, f.message) for f in result.findings if f.segment == entry["segment"]]
    assert found, f"{entry['why']}: not found; segment {entry['segment']} has {here}"


@pytest.mark.parametrize("name", sorted({e["file"] for e in EXPECTATIONS}))
def test_injected_files_have_no_other_errors(name: str, gdb: Database) -> None:
    result = _result(name, gdb)
    expected = {(e["rule"], e["segment"]) for e in EXPECTATIONS if e["file"] == name}
    others = [
        (f.segment, f.rule, f.message)
        for f in result.findings
        if f.severity is Severity.ERROR
        and not any(f.rule == r and _same_segment(f.segment, s) for r, s in expected)
    ]
    assert not others


# --- the clean texts ------------------------------------------------------------------------

GENERAL = (
    "a general word: the reference renders it by the sentence's grammar, not by the "
    "glossary's one term"
)
ALTERNATES = "the reference itself alternates between approved renderings"
VERB_OBJECT = (
    "a verb and its object read as a term ('the Conference requested States parties'): "
    "the part is rendered"
)
NEIGHBOUR_SESSION = (
    "'at the commencement of each session': the reference renders the neighbouring "
    "concept (the session)"
)

#: Every warning of the clean texts, by (direction, rule, source term or the first 24
#: characters of the source): why the reference translation has it.
CLEAN_WARNINGS = {
    (
        "en-zh",
        "brackets",
        "(a) Implementation of ar",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "en-zh",
        "brackets",
        "In particular, he presen",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "en-zh",
        "brackets",
        "The expert meeting reite",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "en-zh",
        "brackets",
        "The representative noted",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "en-zh",
        "date",
        "6 and 7 November 2017",
    ): "the document title block repeats the dates in English only",
    (
        "en-zh",
        "term-forbidden",
        "former Yugoslav Republic of Macedonia",
    ): "a name superseded after the document (2017): right when it was written",
    (
        "en-zh",
        "term-inconsistent",
        (
            "Convening of open-ended intergovernmental expert meetings to enhance "
            "international cooperation"
        ),
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        (
            "Open-ended Intergovernmental Expert Meeting to Enhance International "
            "Cooperation under the United Nations Convention against Corruption"
        ),
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        (
            "State of Implementation of the United Nations Convention against "
            "Corruption: Criminalization, Law Enforcement and International "
            "Cooperation"
        ),
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "Working Group on International Cooperation",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "corruption offences",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "donors",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "focal points",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "guidelines for governmental experts and the secretariat in the conduct of country reviews",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "informal consultations",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "lessons learned",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "may wish to",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "technical assistance needs",
    ): ALTERNATES,
    (
        "en-zh",
        "term-inconsistent",
        "thematic implementation reports",
    ): ALTERNATES,
    (
        "en-zh",
        "term-missing",
        "Conference of the Parties to the Organized Crime Convention",
    ): "the reference names the Convention, then writes 缔约方会议: its part is rendered",
    (
        "en-zh",
        "term-missing",
        "consultation",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "consultations",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "follow up",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "follow-up",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "inscription on the list of speakers",
    ): "the reference rewords the term: its words are there, apart",
    (
        "en-zh",
        "term-missing",
        "integrity",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "list of speakers",
    ): "the reference uses the neighbouring concept (报名发言 / list of speakers)",
    (
        "en-zh",
        "term-missing",
        "mandate",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "mandates",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "meeting",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "opening of the session",
    ): "the reference rewords the term: its words are there, apart",
    (
        "en-zh",
        "term-missing",
        "requested States parties",
    ): VERB_OBJECT,
    (
        "en-zh",
        "term-missing",
        "session",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "sessions",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "stakeholders",
    ): GENERAL,
    (
        "en-zh",
        "term-missing",
        "tracing",
    ): GENERAL,
    (
        "en-zh",
        "untranslated",
        "Conference of the States",
    ): "a masthead line of the English original that the Chinese version leaves out",
    (
        "zh-en",
        "brackets",
        "(a) 第六十三条第四款第(三)和第四项的执行,",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "zh-en",
        "brackets",
        "专家会议重申，缔约国应在适用情况下继续自愿向秘书",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "zh-en",
        "brackets",
        "他特别介绍了《为核实资产申报交换数据国际条约（草",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "zh-en",
        "brackets",
        "这位代表指出，条约草案依据的是《联合国反腐败公约",
    ): "the reference adds or drops a pair of brackets (checked by hand)",
    (
        "zh-en",
        "date",
        "2017年11月6日至7日在维也纳举行的第六次增",
    ): "the document title block repeats the dates in English only",
    (
        "zh-en",
        "term-forbidden",
        "前南斯拉夫的马其顿共和国",
    ): "a name superseded after the document (2017): right when it was written",
    (
        "zh-en",
        "term-forbidden",
        "土耳其",
    ): "a name superseded after the document (2017): right when it was written",
    (
        "zh-en",
        "term-inconsistent",
        "打击腐败",
    ): ALTERNATES,
    (
        "zh-en",
        "term-inconsistent",
        "缔约国会议",
    ): ALTERNATES,
    (
        "zh-en",
        "term-inconsistent",
        "预防和打击腐败",
    ): ALTERNATES,
    (
        "zh-en",
        "term-missing",
        "主持",
    ): GENERAL,
    (
        "zh-en",
        "term-missing",
        "会议",
    ): GENERAL,
    (
        "zh-en",
        "term-missing",
        "会议开幕",
    ): NEIGHBOUR_SESSION,
    (
        "zh-en",
        "term-missing",
        "反腐败",
    ): GENERAL,
    (
        "zh-en",
        "term-missing",
        "报名发言",
    ): "the reference uses the neighbouring concept (报名发言 / list of speakers)",
    (
        "zh-en",
        "term-missing",
        "核准",
    ): GENERAL,
    (
        "zh-en",
        "term-missing",
        "说明",
    ): GENERAL,
}


def _warning_key(direction: str, f: Finding, result: LintResult) -> tuple[str, str, str]:
    return (direction, f.rule, f.source_term or result.by_id[f.segment].source[:24])


def _check_clean(result: LintResult, direction: str) -> None:
    errors = [
        (f.segment, f.rule, f.message) for f in result.findings if f.severity is Severity.ERROR
    ]
    assert not errors
    unexplained = [
        (k, f.message)
        for f in result.findings
        if (k := _warning_key(direction, f, result)) not in CLEAN_WARNINGS
    ]
    assert not unexplained


@pytest.mark.parametrize("direction", MC.DIRECTIONS)
@pytest.mark.parametrize("fmt", list(MC.FORMATS))
def test_clean_segment_files(direction: str, fmt: str, gdb: Database, tmp_path: Path) -> None:
    name = f"{direction}.{MC.FORMATS[fmt]}"
    path = tmp_path / name
    path.write_text(MC.clean_files(direction)[name], encoding="utf-8")
    result = lint_file(path, db=gdb, ignore=IGNORE)
    assert len(result.segments) == sum(len(MC.gold_pairs(d)) for d in MC.DOCS)
    _check_clean(result, direction)


@pytest.mark.parametrize("direction", MC.DIRECTIONS)
@pytest.mark.parametrize("doc", ["000", "001", "002", "003", "004"])
def test_clean_documents(doc: str, direction: str, gdb: Database) -> None:
    src, tgt = direction.split("-")
    source = next((ROOT / "corpus" / src).glob(f"{doc}_*.txt"))
    target = next((ROOT / "corpus" / tgt).glob(f"{doc}_*.txt"))
    _check_clean(lint_documents(source, target, db=gdb, ignore=IGNORE), direction)


def test_the_reference_errors_are_real(gdb: Database) -> None:
    """Without the suppressions the two errors of the reference translations are found."""
    source = next((ROOT / "corpus" / "en").glob("004_*.txt"))
    target = next((ROOT / "corpus" / "zh").glob("004_*.txt"))
    result = lint_documents(source, target, db=gdb)
    assert [f.found for f in result.findings if f.severity is Severity.ERROR] == ["法律互助"]
