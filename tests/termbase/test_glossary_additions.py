"""The glossary additions of issue 7 are found by lookup, as an exact match, in a fresh
database (the concepts' ids come from glossaries/un-zh-en.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from untm.db import Database
from untm.termbase import api
from untm.termbase.model import MatchKind
from untm.workspace import open_db

ADDED = {
    "StAR": "uncac-star",
    "Stolen Asset Recovery Initiative": "uncac-star",
    "FATF": "group-fatf",
    "Egmont Group": "un-egmont-group",
    "International Anti-Corruption Academy": "un-iaca",
    "Corruption and Economic Crime Branch": "un-unodc-ceb",
    "progress report": "mtg-progress-report",
    "country pairings": "uncac-country-pairings",
    "intersessional meeting": "mtg-intersessional-meeting",
    "politically exposed persons": "uncac-politically-exposed-persons",
    "non-conviction-based confiscation": "uncac-non-conviction-based-confiscation",
    "immunities": "uncac-immunities",
    "dual nationality": "uncac-dual-nationality",
    "Legislative Guide": "uncac-legislative-guide",
    "travaux préparatoires": "mtg-travaux-preparatoires",
    "Annotations": "mtg-annotations",
    "缔约方会议": "mtg-conference-of-the-parties",
    "UNFF": "un-unff",
    "HLPF": "un-hlpf",
    "CSTD": "un-cstd",
    "ITLOS": "un-itlos",
    "ISA": "un-isa",
    "PBC": "un-peacebuilding-commission",
    "OIC": "group-organization-of-islamic-cooperation",
    "CIS": "group-commonwealth-of-independent-states",
    "SCO": "group-shanghai-cooperation-organization",
    "WEOG": "group-western-european-and-other-states",
    "基金组织": "un-imf",
    "裁军厅": "un-unoda",
    "世旅组织": "un-unwto",
    "国贸中心": "un-itc",
}
#: acronyms the UN uses for a convention and for its committee alike
BOTH = {
    "CEDAW": {"un-cedaw-committee", "un-cedaw-convention"},
    "CRC": {"un-crc-committee", "un-crc-convention"},
    "CAT": {"un-cat-convention", "un-committee-against-torture"},
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_db(Path(tmp_path_factory.mktemp("added")) / "g.db")
    yield database
    database.close()


@pytest.mark.parametrize(("query", "concept"), sorted(ADDED.items()))
def test_each_addition_is_an_exact_hit(db: Database, query: str, concept: str) -> None:
    hit = api.lookup(db, query, limit=3).hits[0]
    assert hit.concept.id == concept
    assert hit.match in (MatchKind.EXACT, MatchKind.NORMALIZED)


@pytest.mark.parametrize(("query", "concepts"), sorted(BOTH.items()))
def test_shared_acronyms_list_both_concepts(db: Database, query: str, concepts: set[str]) -> None:
    hits = api.lookup(db, query, limit=5).hits
    assert {h.concept.id for h in hits if h.match is MatchKind.EXACT} == concepts


def test_every_concept_says_how_its_english_is_attested(db: Database) -> None:
    for query, concept in ADDED.items():
        found = api.lookup(db, query, limit=1).hits[0].concept
        assert found.id == concept and found.evidence is not None
