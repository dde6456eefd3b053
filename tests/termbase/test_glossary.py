"""The shipped UN glossary: sound, large enough, covering the seed documents, and right.

The seed terms below were picked by reading the five seed documents (../shared/seeds);
each test first checks the term really occurs in a seed, so the sample stays honest.
The English equivalents are the established UN renderings (UNTERM, the Convention's
official texts and the Conference's documents), written here by hand.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tests.support import need_shared
from untm.errors import FormatError
from untm.termbase.glossary import SUBJECTS, check_integrity, load_shipped, load_toml
from untm.termbase.model import Concept, Evidence, Term, TermStatus, TermType
from untm.text.lang import Lang
from untm.text.normalize import term_key

UN_DOC, PROJECT = Evidence.UN_DOCUMENT, Evidence.PROJECT


@cache
def glossary() -> tuple[Concept, ...]:
    return tuple(load_shipped())


def concepts_with(text: str, lang: Lang) -> list[Concept]:
    """Concepts that have a term whose key equals the key of ``text``."""
    key = term_key(text, lang)
    return [c for c in glossary() if any(term_key(t.text, lang) == key for t in c.terms_in(lang))]


@cache
def seed_text() -> str:
    """All five seeds, with whitespace removed (PDF line breaks split terms)."""
    seeds = need_shared("seeds")
    return "".join(
        re.sub(r"\s+", "", p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("0*.txt"))
    )


# ----------------------------------------------------------------------- soundness


def test_the_shipped_glossary_passes_its_integrity_check() -> None:
    assert check_integrity(glossary()) == []


def test_every_shipped_concept_says_how_its_english_is_attested() -> None:
    """Part of the integrity check, spelled out: evidence on every concept, and a place
    for the ones attested in UN sources."""
    for c in glossary():
        assert c.evidence is not None, c.id
        assert c.evidence is PROJECT or c.attested, c.id


def test_at_least_600_concepts_each_in_both_languages() -> None:
    assert len(glossary()) >= 600
    for c in glossary():
        assert c.terms_in(Lang.ZH), c.id
        assert c.terms_in(Lang.EN), c.id
        assert c.terms_in(Lang.ZH)[0].status is TermStatus.PREFERRED, c.id
        assert c.terms_in(Lang.EN)[0].status is TermStatus.PREFERRED, c.id


def test_every_subject_is_used() -> None:
    used = {c.subject for c in glossary()}
    assert used == set(SUBJECTS)


def test_chinese_terms_are_chinese_and_english_terms_are_not() -> None:
    """A Chinese term without characters must be an acronym or abbreviation kept in Latin
    letters in Chinese documents (TRACK, Distr.: General)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for c in glossary():
        for t in c.terms_in(Lang.ZH):
            assert cjk.search(t.text) or t.type in (TermType.ACRONYM, TermType.ABBREVIATION), (
                c.id,
                t.text,
            )
        for t in c.terms_in(Lang.EN):
            assert not cjk.search(t.text), (c.id, t.text)


def test_the_integrity_check_can_fail() -> None:
    """check_integrity() == [] above means something: each rule reports its problem."""
    good = glossary()[0]
    bad = [
        Concept("Bad_ID", good.terms, subject=good.subject, source="x"),
        Concept("no-english", (Term("缔约国会议", Lang.ZH),), subject="UNCAC", source="x"),
        Concept(
            "no-preferred",
            (
                Term("资产追回", Lang.ZH, status=TermStatus.ADMITTED),
                Term("asset recovery", Lang.EN),
            ),
            subject="asset recovery",
            source="x",
        ),
        Concept("unknown-subject", good.terms, subject="astronomy", source="x"),
        Concept("no-source", good.terms, subject=good.subject),
        Concept(
            "bad-exclusion",
            (Term("会员国", Lang.ZH, exclude=("非缔约国",)), Term("Member State", Lang.EN)),
            subject="UN system",
            source="x",
        ),
        Concept("no-source", good.terms, subject=good.subject, source="x"),  # duplicate id
        Concept("unattested", good.terms, subject=good.subject, source="x", evidence=UN_DOC),
        Concept("project", good.terms, subject=good.subject, source="x", evidence=PROJECT),
    ]
    problems = check_integrity(bad)
    joined = "\n".join(problems)
    assert "'Bad_ID': id must be lower-case" in joined
    assert "no-english: no en term" in joined
    assert "no-preferred: no preferred zh term" in joined
    assert "unknown-subject: unknown subject 'astronomy'" in joined
    assert "no-source: no source" in joined
    assert "bad-exclusion: exclusion '非缔约国' does not contain the term '会员国'" in joined
    assert "no-source: duplicate concept id" in joined
    assert (
        "no-english: no evidence (how the English is attested: un-document, un-terminology, "
        "project)" in problems
    )
    assert "unattested: evidence un-document without 'attested' (where the English is)" in joined
    assert not [p for p in problems if p.startswith("project:")]  # needs no place
    # the same zh term in several concepts, none with a note
    assert any(p.startswith("zh term") and "without a note" in p for p in problems)


def test_a_broken_glossary_file_names_the_file_and_concept(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        '[[concept]]\nid = "x"\nzh = [{ term = "会员国", status = "approved" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match=r"broken\.toml: concept x: 'approved'"):
        load_toml(path)
    path.write_text('[[concept]]\nid = "x"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(FormatError, match="unknown keys"):
        load_toml(path)


# ----------------------------------------------------------------------- seed coverage

#: Thirty terms read in the seed documents (agendas and report of UNCAC meetings).
SEED_TERMS = [
    "实施情况审议组",
    "司法协助",
    "资产追回",
    "全权证书",
    "工作安排",
    "临时议程",
    "缔约国会议",
    "扩大主席团",
    "会议室文件",
    "普通照会",
    "联合国毒品和犯罪问题办公室",
    "不限成员名额政府间专家会议",
    "缔约国",
    "引渡",
    "国际合作",
    "技术援助",
    "预防腐败",
    "主席团",
    "非政府组织",
    "议事规则",
    "多年期工作计划",
    "中央机关",
    "特殊侦查手段",
    "执法合作",
    "犯罪所得",
    "民事诉讼",
    "行政诉讼",
    "自评清单",
    "国别审议",
    "选举主席团成员",
]


def test_the_seed_sample_has_thirty_distinct_terms() -> None:
    assert len(set(SEED_TERMS)) == 30


@pytest.mark.parametrize("term", SEED_TERMS)
def test_seed_document_terms_are_in_the_glossary(term: str) -> None:
    assert term in seed_text(), f"{term} is not in the seeds: fix the sample"
    assert concepts_with(term, Lang.ZH), f"{term} is missing from the glossary"


# ----------------------------------------------------------------------- equivalents

EQUIVALENTS = [
    # (term, its language, an equivalent that must be among the other language's terms)
    ("不限成员名额政府间专家会议", Lang.ZH, "open-ended intergovernmental expert meeting"),
    ("实施情况审议组", Lang.ZH, "Implementation Review Group"),
    ("UNODC", Lang.EN, "联合国毒品和犯罪问题办公室"),
    ("司法协助", Lang.ZH, "mutual legal assistance"),
    ("全权证书", Lang.ZH, "credentials"),
    ("工作安排", Lang.ZH, "organization of work"),
    ("缔约国", Lang.ZH, "State party"),
    ("普通照会", Lang.ZH, "note verbale"),
    ("会议室文件", Lang.ZH, "conference room paper"),
    ("资产追回", Lang.ZH, "asset recovery"),
    ("引渡", Lang.ZH, "extradition"),
    ("临时议程", Lang.ZH, "provisional agenda"),
    ("犯罪所得", Lang.ZH, "proceeds of crime"),
    ("议事规则", Lang.ZH, "rules of procedure"),
    ("非会员国", Lang.ZH, "non-member State"),
    ("Conference of the States Parties", Lang.EN, "缔约国会议"),
    ("United Nations Convention against Corruption", Lang.EN, "联合国反腐败公约"),
]


@pytest.mark.parametrize(("term", "lang", "equivalent"), EQUIVALENTS)
def test_known_equivalents_are_right(term: str, lang: Lang, equivalent: str) -> None:
    found = concepts_with(term, lang)
    assert found, f"{term} is missing"
    others = {t.text for c in found for t in c.terms_in(lang.other)}
    assert equivalent in others


def test_preferred_renderings_of_core_uncac_terms() -> None:
    """Where UN usage is settled, the settled form is the preferred (first) term."""
    preferred = {
        "实施情况审议组": "Implementation Review Group",
        "全权证书": "credentials",
        "缔约国": "State party",
        "司法协助": "mutual legal assistance",
        "工作安排": "organization of work",
    }
    for zh, en in preferred.items():
        (concept,) = concepts_with(zh, Lang.ZH)
        assert concept.terms_in(Lang.EN)[0].text == en
    (unodc,) = concepts_with("UNODC", Lang.EN)
    assert unodc.terms_in(Lang.ZH)[0].text == "联合国毒品和犯罪问题办公室"
    assert unodc.terms_in(Lang.EN)[0].text == "United Nations Office on Drugs and Crime"


def test_non_un_country_names_are_deprecated() -> None:
    for name, official in [("Ivory Coast", "Côte d'Ivoire"), ("Vietnam", "Viet Nam")]:
        (concept,) = concepts_with(name, Lang.EN)
        statuses = {t.text: t.status for t in concept.terms_in(Lang.EN)}
        assert statuses[name] is TermStatus.DEPRECATED
        assert statuses[official] is TermStatus.PREFERRED


def test_ambiguous_chinese_terms_are_explained() -> None:
    """会议 is both 'meeting' and 'conference'; both concepts say how to tell them apart."""
    owners = concepts_with("会议", Lang.ZH)
    english = {c.terms_in(Lang.EN)[0].text for c in owners}
    assert {"meeting", "conference"} <= english
    assert all(c.note for c in owners)


# ----------------------------------------------------------------------- added from the seeds

#: Terms of the seeds the glossary lacked (read in the seeds; English in UN usage, by hand):
#: (Chinese term, English equivalent, concept id).
SEED_ADDITIONS = [
    ("双边条约", "bilateral treaty", "uncac-bilateral-treaty"),
    (
        "刑事事项国际合作",
        "international cooperation in criminal matters",
        "uncac-international-cooperation-criminal-matters",
    ),
    ("保护证人", "protection of witnesses", "uncac-protection-witnesses-experts-victims"),
    ("交存", "deposit", "uncac-deposit"),
    (
        "国内管理和监督制度",
        "domestic regulatory and supervisory regime",
        "uncac-domestic-regulatory-supervisory-regime",
    ),
    ("专题讨论", "thematic discussion", "mtg-thematic-discussion"),
    ("今后的优先事项", "Future priorities", "mtg-future-priorities"),
    ("秘书处所在地", "seat of the secretariat", "mtg-seat-of-the-secretariat"),
]


@pytest.mark.parametrize(("zh", "en", "concept_id"), SEED_ADDITIONS)
def test_seed_terms_added_to_the_glossary(zh: str, en: str, concept_id: str) -> None:
    assert zh in seed_text(), f"{zh} is not in the seeds: fix the sample"
    (concept,) = concepts_with(zh, Lang.ZH)
    assert concept.id == concept_id
    assert en in {t.text for t in concept.terms_in(Lang.EN)}
    (back,) = concepts_with(en, Lang.EN)
    assert back.id == concept_id
    assert concept.source


def test_protection_of_witnesses_is_short_for_article_32() -> None:
    (concept,) = concepts_with("保护证人、鉴定人和被害人", Lang.ZH)
    short = {t.text: t for t in concept.terms if t.type is TermType.SHORT_FORM}
    assert {"保护证人", "protection of witnesses"} <= set(short)
    assert concept.terms_in(Lang.EN)[0].text == "protection of witnesses, experts and victims"
    assert all(t.status is TermStatus.ADMITTED for t in short.values())


def test_wipo_chinese_short_form_is_the_un_one() -> None:
    (wipo,) = concepts_with("WIPO", Lang.EN)
    chinese = [t.text for t in wipo.terms_in(Lang.ZH)]
    assert chinese == ["世界知识产权组织", "知识产权组织"]
    assert not concepts_with("产权组织", Lang.ZH)


def test_stakeholder_has_the_un_chinese_variant() -> None:
    (concept,) = concepts_with("利益攸关方", Lang.ZH)
    assert concept.id == "mtg-stakeholder"
    assert concept.terms_in(Lang.EN)[0].text == "stakeholder"
    statuses = {t.text: t.status for t in concept.terms_in(Lang.ZH)}
    assert statuses["利益攸关方"] is TermStatus.ADMITTED
    assert statuses["利益相关方"] is TermStatus.PREFERRED
