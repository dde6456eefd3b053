# ruff: noqa: E501  (the tables of injections keep one injection per line or two)
"""Make the lint test corpus: reference translations with deliberately injected errors.

Run from the repository root (``python tests/lint/make_corpus.py``); the suite checks
that the files it writes are the ones committed (``tests/lint/test_corpus.py``).

Material (the project's reference translations):

* **segment files**: the gold sentence beads of documents 001 and 004
  (``corpus/aligned/{zh,en,gold}``), one segment per bead with both sides, written in
  every input format (XLIFF 1.2, XLIFF 2.0, PO, TMX, TSV, CSV) for both directions
  (zh→en, en→zh), each with the same injected errors: ``data/segments/<dir>.<ext>``;
* **whole documents**: ``corpus/{zh,en}/001_*.txt``, the target with injected errors in
  ``data/documents/<dir>/001_<target>.txt`` (the source is the corpus file itself).

Every injection is an edit of one target (``old`` -> ``new``); ``data/expectations.json``
lists what each must produce: the file, its format and direction, the rule, the segment
id (unit id, row number, or the number of the source sentence holding ``anchor``) and a
term the finding must name (its source term, found text or one of its expected terms).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
DOCS = ("001", "004")
DOCUMENT = "001"
DIRECTIONS = ("zh-en", "en-zh")
FORMATS = {  # name -> extension
    "xliff-1.2": "xlf",
    "xliff-2": "xliff2.xlf",
    "po": "po",
    "tmx": "tmx",
    "tsv": "tsv",
    "csv": "csv",
}


@dataclass(frozen=True)
class Injection:
    """Replace ``old`` by ``new`` in the target of the bead ``doc``/``bead`` (1-based
    among the beads with both sides); the finding must be of ``rule`` and name ``term``."""

    direction: str
    rule: str
    doc: str
    bead: int
    old: str
    new: str
    term: str
    why: str
    #: (rule, term) of the other findings the edit must cause
    also: tuple[tuple[str, str], ...] = ()


Inj = Injection
SEGMENT_INJECTIONS = (
    # -- zh→en: English targets --------------------------------------------------------------
    Inj("zh-en", "term-missing", "004", 30, "mutual legal assistance", "judicial help", "司法协助",
      "司法协助 rendered by a non-term"),
    Inj("zh-en", "term-forbidden", "001", 36, "Russian Federation", "Russia", "Russia",
      "Russia is deprecated (state-rus): the UN writes Russian Federation"),
    Inj("zh-en", "term-inconsistent", "004", 107,
      "Conference of the States Parties to the United Nations Convention against Corruption",
      "Conference of the States Parties to the Convention",
      "Conference of the States Parties to the Convention",
      "联合国反腐败公约缔约国会议 rendered by another approved name than elsewhere"),
    Inj("zh-en", "number", "001", 52, "hold 18 meetings", "hold 19 meetings", "18",
      "18 次 became 19"),
    Inj("zh-en", "date", "001", 70, "on 6 October 2017", "on 7 October 2017", "2017 年 10 月 6 日",
      "the date of the list of speakers changed"),
    Inj("zh-en", "symbol", "001", 160, "(CAC/COSP/2017/6)", "(CAC/COSP/2017/16)",
      "CAC/COSP/2017/6", "a document symbol not copied verbatim"),
    Inj("zh-en", "reference", "001", 79, "The annex to resolution 3/1", "The annex to resolution 3/2",
      "第 3/1 号决议", "resolution 3/1 became 3/2"),
    Inj("zh-en", "reference", "001", 78, "article 63, paragraph 7", "article 36, paragraph 7",
      "第六十三条第七款", "第六十三条 (Chinese numerals) is article 63"),
    Inj("zh-en", "reference", "001", 32, "the second session", "the fourth session", "第二届会议",
      "a session ordinal changed"),
    Inj("zh-en", "untranslated", "004", 62, "technical assistance projects", "技术援助 projects",
      "技术援助", "Chinese left in the English target",
      also=(("term-missing", "技术援助"),)),
    Inj("zh-en", "untranslated", "004", 22,
      "8. The following intergovernmental organizations were represented by observers: "
      "International Criminal Police Organization (INTERPOL) and International Monetary Fund.",
      "", "", "an empty target"),
    Inj("zh-en", "brackets", "001", 108, "(CAC/COSP/2017/13)", "(CAC/COSP/2017/13", "(",
      "a bracket left open"),
    # -- en→zh: Chinese targets --------------------------------------------------------------
    Inj("en-zh", "term-missing", "004", 30, "司法协助", "司法帮助", "mutual legal assistance",
      "mutual legal assistance rendered by a non-term"),
    Inj("en-zh", "term-forbidden", "004", 20, "大韩民国", "韩国", "韩国",
      "韩国 is deprecated (state-kor): the UN writes 大韩民国"),
    Inj("en-zh", "term-inconsistent", "001", 120, "技术援助需要分析", "技术援助需求分析",
      "技术援助需求", "technical assistance needs rendered 需求 against 需要 elsewhere"),
    Inj("en-zh", "number", "001", 52, "举行 18 次", "举行 19 次", "18", "18 meetings became 19"),
    Inj("en-zh", "date", "001", 70, "2017 年 10 月 6 日", "2017 年 10 月 8 日", "6 October 2017",
      "the date of the list of speakers changed"),
    Inj("en-zh", "symbol", "001", 160, "（CAC/COSP/2017/6）", "（CAC/COSP/2017/16）",
      "CAC/COSP/2017/6", "a document symbol not copied verbatim"),
    Inj("en-zh", "reference", "001", 79, "第 3/1 号决议附件", "第 3/2 号决议附件", "resolution 3/1",
      "resolution 3/1 became 3/2"),
    Inj("en-zh", "reference", "001", 78, "第六十三条第七款", "第三十六条第七款",
      "article 63, paragraph 7", "article 63 written 第三十六条"),
    Inj("en-zh", "reference", "001", 32, "举行了第二届会议", "举行了第四届会议", "second session",
      "a session ordinal changed"),
    Inj("en-zh", "untranslated", "004", 62, "技术援助项目", "technical assistance projects",
      "technical assistance projects", "English copied from the source into the Chinese target",
      also=(("term-missing", "technical assistance"),)),
    Inj("en-zh", "untranslated", "004", 22,
      "8. 下列政府间组织派观察员出席了会议：国际刑事警察组织（刑警组织）、国际货币基金组织。",
      "", "", "an empty target"),
    Inj("en-zh", "brackets", "001", 108, "（CAC/COSP/2017/13）", "（CAC/COSP/2017/13", "（",
      "a bracket left open"),
)  # fmt: skip


@dataclass(frozen=True)
class DocInjection:
    """Replace ``old`` by ``new`` in the target document; the finding belongs to the source
    sentence holding ``anchor``."""

    direction: str
    rule: str
    old: str
    new: str
    anchor: str
    term: str
    also: tuple[tuple[str, str], ...] = ()


D = DocInjection
DOC_INJECTIONS = (
    D("zh-en", "term-missing", "as a legal basis for extradition and mutual legal assistance and",
      "as a legal basis for extradition and judicial help and", "专家会议建议缔约国继续努力", "司法协助"),
    D("zh-en", "term-forbidden", "St. Petersburg, Russian Federation", "St. Petersburg, Russia",
      "在俄罗斯联邦圣彼得堡", "Russia"),
    D("zh-en", "term-inconsistent",
      "Proposed organization of work for the seventh session of the Conference of the States "
      "Parties to the United Nations Convention against Corruption",
      "Proposed organization of work for the seventh session of the Conference of the States "
      "Parties to the Convention", "第七届会议拟议工作安排", "Conference of the States Parties to the Convention"),
    D("zh-en", "number", "hold 18 meetings", "hold 19 meetings", "举行 18 次", "18"),
    D("zh-en", "date", "on 6 October 2017", "on 7 October 2017", "宣布开始报名发言", "6 October 2017"),
    D("zh-en", "symbol", "Working Group on Asset Recovery (CAC/COSP/2017/6)",
      "Working Group on Asset Recovery (CAC/COSP/2017/16)", "（CAC/COSP/2017/6）", "CAC/COSP/2017/6"),
    D("zh-en", "reference", "The annex to resolution 3/1", "The annex to resolution 3/2",
      "第 3/1 号决议附件", "3/1"),
    D("zh-en", "reference", "article 63, paragraph 7,", "article 36, paragraph 7,",
      "第六十三条第七款", "第六十三条第七款"),
    D("zh-en", "untranslated", "a note by the Secretariat on technical assistance provided",
      "a note by the Secretariat on 技术援助 provided", "为支持实施《公约》提供技术援助的说明（", "技术援助",
      also=(("term-missing", "技术援助"),)),
    D("zh-en", "brackets", "on financial and budgetary matters (CAC/COSP/2017/13) and",
      "on financial and budgetary matters (CAC/COSP/2017/13 and", "所载的信息", "("),
    D("en-zh", "term-missing", "将《公约》用作引渡和司法协助的法律依据。",
      "将《公约》用作引渡和司法帮助的法律依据。", "use the Convention as a legal basis",
      "mutual legal assistance"),
    D("en-zh", "term-forbidden", "俄罗斯联邦圣彼得堡", "俄罗斯圣彼得堡", "Russian Federation", "俄罗斯"),
    D("en-zh", "term-inconsistent", "显明的技术援助需要分析（[CAC/COSP/2017/7](#)）。",
      "显明的技术援助需求分析（[CAC/COSP/2017/7](#)）。", "In that regard, the Conference will have",
      "技术援助需求"),
    D("en-zh", "number", "举行 18 次", "举行 19 次", "hold 18 meetings", "18"),
    D("en-zh", "date", "2017 年 10 月 6 日", "2017 年 10 月 8 日", "The list of speakers will be",
      "6 October 2017"),
    D("en-zh", "symbol", "（[CAC/COSP/2017/6](#)）", "（[CAC/COSP/2017/16](#)）",
      "(CAC/COSP/2017/6)", "CAC/COSP/2017/6"),
    D("en-zh", "reference", "第 3/1 号决议附件", "第 3/2 号决议附件", "The annex to resolution 3/1",
      "resolution 3/1"),
    D("en-zh", "reference", "第六十三条第七款", "第三十六条第七款", "article 63, paragraph 7",
      "article 63, paragraph 7"),
    D("en-zh", "untranslated", "为支持实施《公约》提供技术援助的说明（[CAC/COSP/2017/3](#)）。",
      "为支持实施《公约》提供 technical assistance provided in support 的说明（[CAC/COSP/2017/3](#)）。",
      "note by the Secretariat on technical assistance provided in support of the implementation "
      "of the Convention", "technical assistance provided in support",
      also=(("term-missing", "technical assistance"),)),
    D("en-zh", "brackets", "财务和预算事项的说明（[CAC/COSP/2017/13](#)）所载",
      "财务和预算事项的说明（[CAC/COSP/2017/13](#)所载", "may wish to base its deliberations", "（"),
)  # fmt: skip


# --- material --------------------------------------------------------------------------------


def gold_pairs(doc: str) -> list[tuple[str, str]]:
    """(Chinese, English) of each gold bead of a document with both sides, in order."""
    gold = next((CORPUS / "aligned" / "gold").glob(f"{doc}_*.txt"))
    zh = (CORPUS / "aligned" / "zh" / gold.name).read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "aligned" / "en" / gold.name).read_text(encoding="utf-8").splitlines()
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        left, right = (json.loads(side) for side in line.split(":"))
        if left and right:
            out.append(("".join(zh[i] for i in left), " ".join(en[j] for j in right)))
    return out


@dataclass(frozen=True)
class Pair:
    key: str  # "001-32": document and bead
    source: str
    target: str


def pairs(direction: str, inject: bool) -> list[Pair]:
    out = []
    for doc in DOCS:
        for k, (zh, en) in enumerate(gold_pairs(doc), 1):
            source, target = (zh, en) if direction == "zh-en" else (en, zh)
            for inj in SEGMENT_INJECTIONS if inject else ():
                if (inj.direction, inj.doc, inj.bead) == (direction, doc, k):
                    if inj.old not in target:
                        raise SystemExit(f"{direction} {doc}-{k}: {inj.old!r} is not in {target!r}")
                    target = target.replace(inj.old, inj.new, 1)
            out.append(Pair(f"{doc}-{k}", source, target))
    return out


# --- writers ---------------------------------------------------------------------------------

_TAGS = {"zh": "zh-CN", "en": "en-US"}


def xliff12(ps: list[Pair], direction: str) -> str:
    src, tgt = (_TAGS[x] for x in direction.split("-"))
    units = "".join(
        f'      <trans-unit id="{p.key}">\n        <source>{escape(p.source)}</source>\n'
        + (f"        <target>{escape(p.target)}</target>\n" if p.target else "")
        + "      </trans-unit>\n"
        for p in ps
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'  <file original="untm-lint-corpus" source-language="{src}" target-language="{tgt}" '
        'datatype="plaintext">\n    <body>\n'
        f"{units}    </body>\n  </file>\n</xliff>\n"
    )


def xliff2(ps: list[Pair], direction: str) -> str:
    src, tgt = (_TAGS[x] for x in direction.split("-"))
    units = "".join(
        f'    <unit id="{p.key}">\n      <segment>\n        <source>{escape(p.source)}</source>\n'
        + (f"        <target>{escape(p.target)}</target>\n" if p.target else "")
        + "      </segment>\n    </unit>\n"
        for p in ps
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
        f'srcLang="{src}" trgLang="{tgt}">\n  <file id="f1">\n{units}  </file>\n</xliff>\n'
    )


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po(ps: list[Pair], direction: str) -> str:
    """The source language is not declared (gettext has no header for it): it is read
    from the msgids."""
    tgt = direction.split("-")[1]
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {_TAGS[tgt].replace("-", "_")}\\n"\n\n'
    )
    body = "".join(
        f"msgctxt {_po_string(p.key)}\nmsgid {_po_string(p.source)}\n"
        f"msgstr {_po_string(p.target)}\n\n"
        for p in ps
    )
    return head + body


def tmx(ps: list[Pair], direction: str) -> str:
    src, tgt = (_TAGS[x] for x in direction.split("-"))
    units = "".join(
        f'    <tu tuid="{p.key}">\n'
        f'      <tuv xml:lang="{src}"><seg>{escape(p.source)}</seg></tuv>\n'
        f'      <tuv xml:lang="{tgt}"><seg>{escape(p.target)}</seg></tuv>\n    </tu>\n'
        for p in ps
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'  <header creationtool="untm-lint-corpus" creationtoolversion="1" datatype="plaintext" '
        f'segtype="sentence" adminlang="en" srclang={quoteattr(src)} o-tmf="untm"/>\n'
        f"  <body>\n{units}  </body>\n</tmx>\n"
    )


def tsv(ps: list[Pair], direction: str) -> str:
    """zh→en has a header of language tags; en→zh none (languages read from the texts)."""
    head = "zh\ten\n" if direction == "zh-en" else ""
    return head + "".join(f"{p.source}\t{p.target}\n" for p in ps)


def csv_text(ps: list[Pair], direction: str) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(direction.split("-"))
    for p in ps:
        w.writerow([p.source, p.target])
    return out.getvalue()


WRITERS = {
    "xliff-1.2": xliff12,
    "xliff-2": xliff2,
    "po": po,
    "tmx": tmx,
    "tsv": tsv,
    "csv": csv_text,
}


def segment_id(fmt: str, direction: str, ps: list[Pair], key: str) -> str:
    """The id lint gives the pair ``key`` in a file of this format."""
    n = next(i for i, p in enumerate(ps) if p.key == key)
    if fmt in ("tsv", "csv"):
        header = fmt == "csv" or direction == "zh-en"
        return str(n + 1 + header)
    if fmt == "po":
        return f"{key}::{ps[n].source}"
    return key


# --- documents -------------------------------------------------------------------------------


def document_paths(direction: str) -> tuple[Path, Path]:
    src, tgt = direction.split("-")
    source = next((CORPUS / src).glob(f"{DOCUMENT}_*.txt"))
    target = next((CORPUS / tgt).glob(f"{DOCUMENT}_*.txt"))
    return source, target


def injected_document(direction: str) -> str:
    _, target = document_paths(direction)
    text = target.read_text(encoding="utf-8")
    for inj in DOC_INJECTIONS:
        if inj.direction != direction:
            continue
        if text.count(inj.old) != 1:
            raise SystemExit(f"{direction}: {inj.old!r} is {text.count(inj.old)} times in {target}")
        text = text.replace(inj.old, inj.new)
    return text


def sentence_of(direction: str, anchor: str) -> int:
    """The 1-based number of the source sentence holding ``anchor``."""
    sys.path.insert(0, str(ROOT))
    from untm.text.document import read_document
    from untm.text.lang import Lang

    source, _ = document_paths(direction)
    doc = read_document(source, Lang(direction.split("-")[0]))
    squeeze = "".join(anchor.split())
    for n, seg in enumerate(doc.segments, 1):
        if squeeze in "".join(seg.text.split()):
            return n
    raise SystemExit(f"{direction}: no source sentence of {source} holds {anchor!r}")


# --- all -------------------------------------------------------------------------------------


def build() -> dict[str, str]:
    """Relative path under ``data/`` -> content of every generated file."""
    files: dict[str, str] = {}
    expected = []
    for direction in DIRECTIONS:
        ps = pairs(direction, inject=True)
        for fmt, ext in FORMATS.items():
            name = f"segments/{direction}.{ext}"
            files[name] = WRITERS[fmt](ps, direction)
            for inj in SEGMENT_INJECTIONS:
                if inj.direction != direction:
                    continue
                seg = segment_id(fmt, direction, ps, f"{inj.doc}-{inj.bead}")
                for rule, term in ((inj.rule, inj.term), *inj.also):
                    expected.append(
                        {
                            "file": name,
                            "format": fmt,
                            "direction": direction,
                            "rule": rule,
                            "segment": seg,
                            "term": term,
                            "why": inj.why if rule == inj.rule else f"{inj.why} (so {rule})",
                        }
                    )
        src, _ = document_paths(direction)
        name = f"documents/{direction}/{DOCUMENT}_{direction.split('-')[1]}.txt"
        files[name] = injected_document(direction)
        for d in DOC_INJECTIONS:
            if d.direction != direction:
                continue
            seg = str(sentence_of(direction, d.anchor))
            for rule, term in ((d.rule, d.term), *d.also):
                expected.append(
                    {
                        "file": name,
                        "format": "documents",
                        "direction": direction,
                        "source": str(src.relative_to(ROOT)),
                        "rule": rule,
                        "segment": seg,
                        "term": term,
                        "why": f"{d.old!r} -> {d.new!r}",
                    }
                )
    files["expectations.json"] = json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    return files


def clean_files(direction: str) -> dict[str, str]:
    """The same segment files without injections (for the clean-text tests)."""
    ps = pairs(direction, inject=False)
    return {f"{direction}.{ext}": WRITERS[fmt](ps, direction) for fmt, ext in FORMATS.items()}


def main() -> None:
    for rel, content in build().items():
        path = DATA / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
