"""The rules on small cases: what each finds, and the writings it must not take for errors."""

from __future__ import annotations

import pytest

from untm.db import Database
from untm.lint.api import run_checks, select_rules
from untm.lint.model import Direction, Finding, LintSegment, Severity
from untm.text.lang import Lang

ZH_EN = Direction(Lang.ZH, Lang.EN)
EN_ZH = Direction(Lang.EN, Lang.ZH)


def check(
    db: Database, direction: Direction, *pairs: tuple[str, str], rules: str = "all"
) -> list[Finding]:
    segments = [LintSegment(str(n), s, t) for n, (s, t) in enumerate(pairs, 1)]
    return run_checks(segments, direction, db, select_rules([rules]))


def rules_of(findings: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.rule for f in findings if severity is None or f.severity is severity}


# --- term-missing: English through its inflections -------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "The States parties agreed.",  # plural
        "Each State party agreed.",
        "The State party's view was noted.",  # possessive
        "STATES PARTIES AGREED.",  # capitals
        "The States Parties agreed.",
    ],
)
def test_english_terms_through_inflection(gdb: Database, target: str) -> None:
    found = check(gdb, ZH_EN, ("缔约国同意。", target), rules="term-missing")
    assert not found


def test_a_verb_through_its_lemma(gdb: Database) -> None:
    """交存 = deposit: "deposited" is found through lemminflect."""
    found = check(gdb, ZH_EN, ("该国交存了批准书。", "The State deposited its instrument."))
    assert not [f for f in found if f.source_term == "交存"]
    found = check(gdb, ZH_EN, ("该国交存了批准书。", "The State sent its instrument."))
    assert [f.source_term for f in found if f.source_term == "交存"] == ["交存"]


def test_hyphen_and_space_variants(gdb: Database) -> None:
    for target in (
        "The open-ended intergovernmental expert meeting met.",
        "The open ended intergovernmental expert meetings met.",
    ):
        found = check(gdb, ZH_EN, ("不限成员名额政府间专家会议举行了会议。", target))
        assert "term-missing" not in rules_of(found, Severity.ERROR), target


def test_a_missing_term_is_an_error_with_the_expected_terms(gdb: Database) -> None:
    found = check(gdb, ZH_EN, ("缔约国同意。", "The participating countries agreed."))
    missing = [f for f in found if f.rule == "term-missing"]
    assert len(missing) == 1 and missing[0].severity is Severity.ERROR
    assert missing[0].source_term == "缔约国" and "State party" in missing[0].expected
    assert missing[0].source_span == (0, 3)


# --- term-missing: Chinese as words of the target ---------------------------------------------


def test_chinese_exclusions(gdb: Database) -> None:
    """会员国 is not in 非会员国."""
    found = check(gdb, EN_ZH, ("Member States agreed.", "非会员国同意。"), rules="term-missing")
    assert [f.source_term for f in found] == ["Member States"]
    assert not check(gdb, EN_ZH, ("Member States agreed.", "会员国同意。"), rules="term-missing")


def test_a_chinese_term_inside_a_longer_term_counts(gdb: Database) -> None:
    found = check(
        gdb,
        EN_ZH,
        (
            "chapter V of the United Nations Convention against Corruption",
            "《联合国反腐败公约》第五章",
        ),
        rules="term-missing",
    )
    assert not found


def test_mutual_legal_assistance_in_both_directions(gdb: Database) -> None:
    assert not check(gdb, EN_ZH, ("mutual legal assistance", "司法协助"), rules="terms")
    found = check(gdb, EN_ZH, ("mutual legal assistance", "司法帮助"), rules="terms")
    assert rules_of(found, Severity.ERROR) == {"term-missing"}
    assert not check(gdb, ZH_EN, ("司法协助", "mutual legal assistance"), rules="terms")


# --- term-forbidden -----------------------------------------------------------------------------


def test_a_deprecated_term_is_an_error_and_not_also_missing(gdb: Database) -> None:
    found = check(gdb, EN_ZH, ("Mutual legal assistance was provided.", "提供了法律互助。"))
    forbidden = [f for f in found if f.rule == "term-forbidden"]
    assert len(forbidden) == 1 and forbidden[0].severity is Severity.ERROR
    assert forbidden[0].found == "法律互助" and "司法协助" in forbidden[0].expected
    assert not [f for f in found if f.rule == "term-missing"]


def test_a_superseded_name_is_a_warning(gdb: Database) -> None:
    found = check(gdb, ZH_EN, ("土耳其代表发了言。", "The representative of Turkey spoke."))
    forbidden = [f for f in found if f.rule == "term-forbidden"]
    assert [(f.found, f.severity) for f in forbidden] == [("Turkey", Severity.WARNING)]


# --- term-inconsistent --------------------------------------------------------------------------


def test_one_source_term_rendered_two_ways(gdb: Database) -> None:
    pairs = [
        ("举行了非正式磋商。", "informal consultations were held."),
        ("举行了非正式磋商。", "Informal consultations were held again."),
        ("举行了非正式协商。", "informal consultations were held once more."),
    ]
    en = [(e.capitalize(), z) for z, e in pairs]
    found = check(gdb, EN_ZH, *en, rules="term-inconsistent")
    assert [(f.segment, f.found, f.expected) for f in found] == [
        ("3", "非正式协商", ("非正式磋商",))
    ]


def test_short_forms_and_inflections_are_not_inconsistent(gdb: Database) -> None:
    found = check(
        gdb,
        ZH_EN,
        ("《联合国反腐败公约》", "United Nations Convention against Corruption"),
        ("《联合国反腐败公约》", "United Nations Convention against Corruption (UNCAC)"),
        ("预防腐败", "prevention of corruption"),
        ("预防腐败", "preventing corruption"),
        rules="term-inconsistent",
    )
    assert not found


# --- numbers, dates, symbols, references ----------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("2019年5月31日", "31 May 2019"),  # pofilter: a number mismatch
        ("上午10时", "10 a.m."),
        ("1,000万美元", "US$ 10 million"),
        ("第 7/1 号决议", "resolution 7/1"),
        ("第六十三条第四款第(三)项", "article 63, paragraph 4 (c)"),
        ("第七届会议", "seventh session"),
        ("第八次专家会议", "eighth expert meeting"),
        ("第四章", "chapter IV"),
        ("CAC/COSP/EG.1/2019/2", "CAC/COSP/EG.1/2019/2"),
        ("共有15个国家，20个组织", "15 countries and 20 organizations"),
    ],
)
def test_both_writings_agree(gdb: Database, zh: str, en: str) -> None:
    assert not check(gdb, ZH_EN, (zh, en), rules="refs")
    assert not check(gdb, EN_ZH, (en, zh), rules="refs")


@pytest.mark.parametrize(
    ("zh", "en", "rule"),
    [
        ("第一百二十一条", "article 112", "reference"),  # pofilter passes it
        ("2019年5月31日", "30 May 2019", "date"),
        ("上午10时", "11 a.m.", "date"),
        ("1,000万", "1 million", "number"),
        ("共有15个国家，20个组织", "15 countries and 21 organizations", "number"),
        ("CAC/COSP/EG.1/2019/2", "CAC/COSP/EG.1/2019/3", "symbol"),
        ("第七届会议", "eighth session", "reference"),
        ("第七届会议", "seventh meeting", "reference"),  # a session is not a meeting
        ("第四章", "chapter V", "reference"),
    ],
)
def test_a_wrong_value_is_an_error(gdb: Database, zh: str, en: str, rule: str) -> None:
    for direction, pair in ((ZH_EN, (zh, en)), (EN_ZH, (en, zh))):
        found = check(gdb, direction, pair, rules="refs")
        assert [(f.rule, f.severity) for f in found] == [(rule, Severity.ERROR)], (direction, found)


def test_a_value_said_twice_is_a_warning(gdb: Database) -> None:
    found = check(gdb, ZH_EN, ("2019年5月31日", "31 May 2019, that is, on 31 May 2019"))
    assert [(f.rule, f.severity) for f in found] == [("date", Severity.WARNING)]


# --- untranslated and brackets --------------------------------------------------------------


def test_untranslated(gdb: Database) -> None:
    rules = "untranslated"
    found = check(gdb, ZH_EN, ("缔约国同意。", "The 缔约国 agreed."), rules=rules)
    assert [(f.found, f.target_span) for f in found] == [("缔约国", (4, 7))]
    assert [f.message for f in check(gdb, ZH_EN, ("缔约国同意。", " "), rules=rules)] == [
        "the target is empty"
    ]
    copied = ("requests for mutual legal assistance", "mutual legal assistance 的请求")
    assert rules_of(check(gdb, EN_ZH, copied, rules=rules)) == {"untranslated"}
    for fine in (
        ("UNODC staff", "UNODC 工作人员"),  # an acronym
        ("the Vienna International Centre", "Vienna International Centre"),  # a name
        ("see CAC/COSP/EG.1/2019/2", "见 CAC/COSP/EG.1/2019/2"),  # a symbol
    ):
        assert not check(gdb, EN_ZH, fine, rules=rules), fine


def test_brackets(gdb: Database) -> None:
    found = check(gdb, EN_ZH, ("the Convention", "《联合国反腐败公约"), rules="brackets")
    assert [(f.severity, f.found) for f in found] == [(Severity.ERROR, "《")]
    found = check(gdb, ZH_EN, ("见（CAC/COSP/2017/6）", "see CAC/COSP/2017/6"), rules="brackets")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert not check(
        gdb, ZH_EN, ("见（CAC/COSP/2017/6）", "see (CAC/COSP/2017/6)"), rules="brackets"
    )
    # a segment cut inside a bracket: the source has the same unpaired mark
    assert not check(gdb, ZH_EN, ("(a) 开幕", "(a) Opening"), rules="brackets")
