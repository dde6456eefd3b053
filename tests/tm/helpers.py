"""Shared helpers of the translation-memory tests: TMX text, memories, snapshots."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from pathlib import Path

from tests.support import SHARED
from untm.db import Database
from untm.text.lang import Lang
from untm.tm import api
from untm.tm.model import Segment, TranslationUnit
from untm.workspace import open_db

OPUS = SHARED / "corpora" / "opus-zh-en"
TMX_DTD = SHARED / "schemas" / "tmx" / "tmx14.dtd"

HEADER_ATTRS = (
    'creationtool="TestTool" creationtoolversion="1.0" segtype="sentence" '
    'o-tmf="test" adminlang="en-US" datatype="plaintext"'
)


def tmx(body: str, *, srclang: str = "zh-CN", version: str = "1.4", prolog: str = "") -> str:
    """A TMX document around ``body`` (the ``<tu>`` elements)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}'
        f'<tmx version="{version}">\n<header {HEADER_ATTRS} srclang="{srclang}"/>\n<body>\n'
        f"{body}</body>\n</tmx>\n"
    )


def tu(zh: str, en: str, *, zh_tag: str = "zh-CN", en_tag: str = "en-US", attrs: str = "") -> str:
    """One ``<tu>`` line (texts are inserted as they are: escape them yourself)."""
    return (
        f"<tu{' ' + attrs if attrs else ''}>"
        f'<tuv xml:lang="{zh_tag}"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="{en_tag}"><seg>{en}</seg></tuv></tu>\n'
    )


def new_db(path: Path) -> Database:
    """An empty database (no glossary, which the memory does not need)."""
    return open_db(path, glossary=False)


def snapshot(db: Database) -> tuple[object, ...]:
    """``tm stats`` plus a digest of every stored unit: equal before and after means unchanged."""
    rows = db.conn.execute("SELECT * FROM tm_units ORDER BY id").fetchall()
    postings = db.conn.execute("SELECT * FROM tm_grams_postings ORDER BY gram, seg").fetchall()
    digest = hashlib.sha256(repr((rows, postings)).encode()).hexdigest()
    return (api.stats(db), digest)


def units_of(db: Database) -> list[TranslationUnit]:
    """Every unit in id order, with the id removed (for comparing two memories)."""
    from dataclasses import replace

    from untm.tm.store import TmStore

    return [replace(u, id=None) for u in TmStore(db).iter_units()]


# -- UN-style sentences, for when ../shared is absent and for small memories -----------------

# Hand-written in the style of UN resolutions and reports (not copied from any document).
UN_PAIRS: tuple[tuple[str, str], ...] = (
    (
        "大会决定将该项目列入第七十四届会议临时议程。",
        "The General Assembly decided to include the item in the provisional"
        " agenda of its seventy-fourth session.",
    ),
    (
        "安全理事会一致通过了关于维持和平行动的决议。",
        "The Security Council unanimously adopted the resolution on peacekeeping operations.",
    ),
    (
        "秘书长的报告载有关于执行情况的详细资料。",
        "The report of the Secretary-General contains detailed information on implementation.",
    ),
    (
        "委员会欢迎缔约国提交第二次定期报告。",
        "The Committee welcomes the submission of the second periodic report of the State party.",
    ),
    (
        "各国应在司法协助方面开展最广泛的合作。",
        "States shall afford one another the widest measure of mutual legal assistance.",
    ),
    (
        "缔约国应采取必要措施，确保证人得到有效保护。",
        "Each State party shall take appropriate measures to provide effective"
        " protection for witnesses.",
    ),
    (
        "工作组审议了关于资产追回的问题。",
        "The Working Group considered the question of asset recovery.",
    ),
    ("会议通过了其议程和工作安排。", "The Conference adopted its agenda and organization of work."),
    (
        "经济及社会理事会注意到统计委员会的报告。",
        "The Economic and Social Council took note of the report of the Statistical Commission.",
    ),
    (
        "人权理事会请高级专员提交一份书面报告。",
        "The Human Rights Council requested the High Commissioner to submit a written report.",
    ),
    (
        "大会重申其对可持续发展目标的承诺。",
        "The General Assembly reaffirms its commitment to the Sustainable Development Goals.",
    ),
    (
        "委员会建议缔约国加强打击腐败的努力。",
        "The Committee recommends that the State party strengthen its efforts"
        " to combat corruption.",
    ),
    (
        "秘书处编写了一份关于技术援助的背景文件。",
        "The Secretariat prepared a background paper on technical assistance.",
    ),
    (
        "与会者强调了国际合作的重要性。",
        "Participants stressed the importance of international cooperation.",
    ),
    ("执行局核准了国家方案文件。", "The Executive Board approved the country programme document."),
    (
        "咨询委员会建议核准拟议的员额。",
        "The Advisory Committee recommends approval of the proposed posts.",
    ),
    (
        "特别报告员对该国的人道主义局势表示关切。",
        "The Special Rapporteur expressed concern about the humanitarian situation in the country.",
    ),
    (
        "缔约国会议决定设立一个不限成员名额的政府间工作组。",
        "The Conference of the States Parties decided to establish an"
        " open-ended intergovernmental working group.",
    ),
    (
        "第五委员会建议大会通过以下决议草案。",
        "The Fifth Committee recommends to the General Assembly the adoption"
        " of the following draft resolution.",
    ),
    (
        "理事会决定继续积极处理此案。",
        "The Council decided to remain actively seized of the matter.",
    ),
    (
        "该国代表团感谢秘书处提供的支助。",
        "The delegation thanked the Secretariat for the support provided.",
    ),
    (
        "审议工作应在透明、高效和不排斥任何方面的基础上进行。",
        "The review process shall be transparent, efficient, non-intrusive and inclusive.",
    ),
    (
        "会员国被邀请就此事提出意见。",
        "Member States were invited to submit their views on the matter.",
    ),
    ("报告第12段概述了主要结论。", "Paragraph 12 of the report summarizes the main conclusions."),
    (
        "委员会于2019年5月31日举行了第1234次会议。",
        "The Committee held its 1234th meeting on 31 May 2019.",
    ),
    (
        "主席宣布会议开幕并欢迎各位代表。",
        "The Chair opened the meeting and welcomed the representatives.",
    ),
    ("决议草案未经表决获得通过。", "The draft resolution was adopted without a vote."),
    (
        "秘书长任命了一名新的特别代表。",
        "The Secretary-General appointed a new Special Representative.",
    ),
    (
        "预算外资源用于支持能力建设活动。",
        "Extrabudgetary resources were used to support capacity-building activities.",
    ),
    (
        "大会请秘书长就本决议的执行情况提出报告。",
        "The General Assembly requests the Secretary-General to report on the"
        " implementation of the present resolution.",
    ),
)

_SUBJECTS = (
    ("大会", "The General Assembly"),
    ("安全理事会", "The Security Council"),
    ("委员会", "The Committee"),
    ("工作组", "The Working Group"),
    ("执行局", "The Executive Board"),
    ("人权理事会", "The Human Rights Council"),
)
_ACTS = (
    ("审议了", "considered"),
    ("注意到", "took note of"),
    ("核准了", "approved"),
    ("欢迎", "welcomed"),
)
_OBJECTS = (
    ("秘书长关于技术援助的报告", "the report of the Secretary-General on technical assistance"),
    ("关于资产追回的背景文件", "the background paper on asset recovery"),
    ("缔约国的第二次定期报告", "the second periodic report of the State party"),
    ("拟议的方案预算", "the proposed programme budget"),
    ("特别报告员的说明", "the note by the Special Rapporteur"),
)


def un_pairs(n: int, skip: int = 0) -> list[tuple[str, str]]:
    """``n`` distinct UN-style pairs (after the first ``skip``): the hand-written ones, then
    clause combinations (7,230 in all)."""
    pairs = list(UN_PAIRS)
    n += skip
    for session in range(40, 100):
        for zs, es in _SUBJECTS:
            for za, ea in _ACTS:
                for zo, eo in _OBJECTS:
                    pairs.append(
                        (
                            f"{zs}在第{session}届会议上{za}{zo}。",
                            f"At its {session}th session, {es[0].lower() + es[1:]} {ea} {eo}.",
                        )
                    )
                    if len(pairs) >= n:
                        return pairs[skip:]
    return pairs[skip:n]


def corpus_pairs(n: int) -> list[tuple[str, str]]:
    """The first ``n`` opus zh-en pairs when ../shared is there, else UN-style pairs
    (other than the first 2,000, which tests use as a second, formulaic part)."""
    zh, en = OPUS / "zh.txt", OPUS / "en.txt"
    if zh.is_file() and en.is_file():
        with zh.open(encoding="utf-8") as fz, en.open(encoding="utf-8") as fe:
            out = []
            for z, e in zip(fz, fe, strict=False):
                if len(out) >= n:
                    break
                out.append((z.strip(), e.strip()))
            return out
    return un_pairs(n, skip=2000)


def write_pairs(path_zh: Path, path_en: Path, pairs: Iterable[tuple[str, str]]) -> None:
    pairs = list(pairs)
    path_zh.write_text("".join(z + "\n" for z, _ in pairs), encoding="utf-8")
    path_en.write_text("".join(e + "\n" for _, e in pairs), encoding="utf-8")


def zh_en(zh: str, en: str, **fields: object) -> TranslationUnit:
    return TranslationUnit(Segment(zh, Lang.ZH, "zh-CN"), Segment(en, Lang.EN, "en"), **fields)  # type: ignore[arg-type]


def edit_zh(text: str, rng: random.Random, edits: int = 1) -> str:
    """``text`` with ``edits`` single-character substitutions, deletions or insertions."""
    chars = list(text)
    for _ in range(edits):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice("的了和在是国会议项")
        elif op < 0.7 and len(chars) > 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice("的了和在是"))
    return "".join(chars)


def edit_en(text: str, rng: random.Random, edits: int = 1) -> str:
    """``text`` with ``edits`` word substitutions, deletions or insertions."""
    words = text.split()
    for _ in range(edits):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[i] = rng.choice(["the", "a", "new", "report", "States", "also"])
        elif op < 0.7 and len(words) > 1:
            del words[i]
        else:
            words.insert(i, rng.choice(["further", "all", "its"]))
    return " ".join(words)
