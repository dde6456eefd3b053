"""Test data for the format tests: realistic UN concepts and hypothesis strategies.

The strategies build *canonical* concepts - the form a TBX file can express exactly:
text with no leading, trailing or repeated XML white space, terms grouped by language,
concept-level definitions (no language, or a language without terms) before the
language-level ones, notes that are neither ``untm:`` machine notes (earlier untm) nor
evidence notes (``Evidence: ...``, which a reader takes for the evidence when a tool has
dropped its processing instruction), valid dates and ids.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import strategies as st

from untm.termbase.glossary import load_toml
from untm.termbase.model import (
    Concept,
    Definition,
    Evidence,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)
from untm.text.lang import Lang

UN_TOML = """
[[concept]]
id = "cosp"
subject = "UNCAC"
source = "CAC/COSP/2017/1"
evidence = "un-document"
attested = "UNCAC art. 63 (official English text)"
definition = "The body of the States parties to the Convention that reviews its implementation."
note = "Capitalized when referring to the Conference under the Convention."
zh = [
  { term = "缔约国会议", type = "shortForm" },
  { term = "公约缔约国会议", status = "admitted" },
]
en = [
  { term = "Conference of the States Parties", type = "shortForm", context = "The Conference \
of the States Parties to the United Nations Convention against Corruption met in Vienna." },
  { term = "CoSP", type = "acronym", status = "admitted" },
]

[[concept]]
id = "member-state"
subject = "UN system"
source = "A/RES/70/1"
evidence = "un-terminology"
attested = "UNTERM"
zh = [{ term = "会员国", exclude = ["非会员国"], note = "不用于非会员国观察员国。" }]
en = [
  { term = "Member State", geo = "UN", source = "UNTERM" },
  { term = "member country", status = "deprecated", pos = "noun" },
]

[[concept]]
id = "unodc"
subject = "UN system"
source = "ST/SGB/2004/6"
zh = [
  { term = "联合国毒品和犯罪问题办公室", type = "fullForm", pos = "properNoun" },
  { term = "毒品和犯罪问题办公室", type = "shortForm", status = "admitted", pos = "properNoun" },
]
en = [
  { term = "United Nations Office on Drugs and Crime", pos = "properNoun" },
  { term = "UNODC", type = "acronym", status = "admitted", pos = "properNoun" },
]

[[concept]]
id = "asset-recovery"
subject = "asset recovery"
source = "UNCAC art. 51"
evidence = "project"
definition = "The return of proceeds of corruption to the State from which they were taken."
zh = [{ term = "资产追回" }, { term = "追回资产", status = "superseded" }]
en = [
  { term = "asset recovery" },
  { term = "recovery of assets", status = "admitted", type = "variant" },
]
"""


def un_concepts(tmp: Path) -> list[Concept]:
    """Realistic concepts, loaded the way the shipped glossary is, plus what TOML lacks
    (dates, language-level and sourced definitions, several notes)."""
    path = tmp / "un.toml"
    path.write_text(UN_TOML, encoding="utf-8")
    cosp, member, unodc, recovery = load_toml(path)
    return [
        dataclasses.replace(cosp, created="2017-11-06", modified="2019-12-20T10:30:00Z"),
        dataclasses.replace(
            member,
            note="First note.\nSecond note, on its own line.",
            definitions=(
                Definition(
                    "A State admitted to membership in the United Nations.",
                    None,
                    "UN Charter art. 4",
                ),
                Definition("联合国的成员国。", Lang.ZH, "联合国宪章"),
            ),
        ),
        unodc,
        recovery,
    ]


# ---------------------------------------------------------------- hypothesis strategies

_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"),
    blacklist_characters="\ufeff",
)


def texts(*, min_size: int = 0, forbid: str = "") -> st.SearchStrategy[str]:
    """Canonical single-line text (spaces single, none at the ends)."""
    base = st.text(_CHARS, min_size=min_size, max_size=30).map(
        lambda s: " ".join(part for part in s.split(" ") if part)
    )
    base = base.filter(lambda s: not any(c in s for c in forbid))
    if min_size:
        base = base.filter(bool)
    return base


def notes() -> st.SearchStrategy[str]:
    """A model note: canonical lines joined by newlines, none a ``untm:`` machine note
    or an evidence note."""
    line = texts(min_size=1).filter(lambda s: not s.startswith(("untm:", "Evidence:")))
    return st.lists(line, max_size=3).map("\n".join)


def iso_dates(*, with_time: bool) -> st.SearchStrategy[str]:
    day = st.dates().map(lambda d: d.isoformat())
    if not with_time:
        return st.one_of(st.just(""), day)
    stamp = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "Z")
    return st.one_of(st.just(""), day, stamp)


def terms(lang: Lang, *, forbid: str = "") -> st.SearchStrategy[Term]:
    return st.builds(
        Term,
        text=texts(min_size=1, forbid=forbid),
        lang=st.just(lang),
        status=st.sampled_from(TermStatus),
        type=st.sampled_from(TermType),
        pos=st.none() | st.sampled_from(PartOfSpeech),
        context=texts(),
        note=notes(),
        source=texts(),
        geo_usage=texts(),
        exclude=st.lists(texts(min_size=1), max_size=2).map(tuple),
    )


@st.composite
def concepts(
    draw: st.DrawFn, *, with_time: bool = True, forbid: str = "", bilingual: bool = False
) -> Concept:
    """One canonical concept; ``forbid`` keeps characters out of term texts;
    ``bilingual`` gives it terms in both languages (as a table row needs)."""
    blocks = draw(st.permutations([Lang.ZH, Lang.EN]))
    least = 1 if bilingual else 0
    sizes = draw(st.tuples(st.integers(least, 3), st.integers(least, 3)).filter(any))
    chosen = []
    for lang, size in zip(blocks, sizes, strict=True):
        chosen.extend(draw(st.lists(terms(lang, forbid=forbid), min_size=size, max_size=size)))
    langs = [lang for lang, size in zip(blocks, sizes, strict=True) if size]
    definition = st.builds(Definition, text=texts(min_size=1), source=texts())
    free = st.sampled_from([None, *(lang for lang in Lang if lang not in langs)])
    top = [dataclasses.replace(d, lang=draw(free)) for d in draw(st.lists(definition, max_size=2))]
    per_lang = [
        dataclasses.replace(d, lang=lang)
        for lang in langs
        for d in draw(st.lists(definition, max_size=2))
    ]
    return Concept(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)),
        terms=tuple(chosen),
        subject=draw(texts()),
        definitions=tuple(top + per_lang),
        note=draw(notes()),
        source=draw(texts()),
        created=draw(iso_dates(with_time=with_time)),
        modified=draw(iso_dates(with_time=with_time)),
        evidence=draw(st.none() | st.sampled_from(Evidence)),
        attested=draw(texts()),
    )


def concept_lists(**kwargs: object) -> st.SearchStrategy[list[Concept]]:
    """Non-empty lists of concepts with distinct ids."""
    return st.lists(concepts(**kwargs), min_size=1, max_size=4, unique_by=lambda c: c.id)  # type: ignore[arg-type]
