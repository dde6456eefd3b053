"""The TBX reader and writer shared by TBX v3 and TBX 2.

The two versions have the same concept-oriented model under different element names
(``conceptEntry/langSec/termSec`` against ``termEntry/langSet/tig``) and slightly
different rules, which :class:`Profile` carries. The mapping to the model is the table
in ``termbase/model.py``; what a file holds beyond it is reported as not kept.

Reading collapses white space in all text (files wrap long lines) and keeps only zh and
en. What the model has and TBX-Basic has no data category for (term exclusions, a part
of speech outside the picklist, the evidence of a concept's English) is written as
processing instructions (``<?untm-exclude 非缔约国?>``, :class:`~._common.Pi`), which
validators and CAT tools skip and untm reads back; the evidence is also written as a
concept-level note in words, for translators. Notes of the form ``untm:exclude:...`` and
``untm:partOfSpeech:...``, which earlier untm wrote, are still read.

Writing is canonical: the same concepts always give the same bytes, and what is written
reads back to the same concepts, so TBX -> concepts -> TBX -> concepts is exact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from untm.errors import FormatError, InputError, LanguageError, UsageError
from untm.text.lang import Lang, lang_of_tag

from ..model import Concept, Definition, Evidence, PartOfSpeech, Term, TermStatus, TermType
from ._common import (
    EXCLUDE_NOTE,
    POS_NOTE,
    Findings,
    IdRegistry,
    Pi,
    ReadResult,
    collapse,
    derived_id,
    evidence_note,
    join_notes,
    language_problem,
    note_lines,
    parse_evidence_note,
    pi_text,
    pi_value,
    xsd_date,
)
from ._tbxschema import (
    XML_LANG,
    Dialect,
    Level,
    Schema,
    classify,
    element_children,
    is_xml_id,
    label,
    line_of,
    text_of,
    validate,
)

#: ``usageStatus`` (TBX-Min and older TBX-Basic exports) read as the administrative status.
USAGE_STATUS = {
    "preferred": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "deprecated": TermStatus.DEPRECATED,
    "notRecommended": TermStatus.DEPRECATED,
    "superseded": TermStatus.SUPERSEDED,
    "obsolete": TermStatus.SUPERSEDED,
}
_POS_VALUES = frozenset(p.value for p in PartOfSpeech)
_EVIDENCE_VALUES = ", ".join(e.value for e in Evidence)


def untm_pis(el: etree._Element) -> Iterator[tuple[str, int | None, str]]:
    """(target, line, value) of the ``<?untm-...?>`` processing instructions directly
    inside ``el``; the value with white space collapsed and escapes undone."""
    for child in el:
        if isinstance(child, etree._ProcessingInstruction):
            target = str(child.target)  # lxml gives str; its stubs say bytes
            if target.startswith("untm-"):
                yield target, line_of(child), pi_value(collapse(child.text or ""))


@dataclass(frozen=True, slots=True)
class Profile:
    """One TBX version: its element names, rules, and how its document starts."""

    schema: Schema
    root: str
    concept: str
    lang: str
    terms: tuple[str, ...]
    term_group: str  # the element that wraps <term> inside an ntig ("" for none)
    pos_values: frozenset[PartOfSpeech]
    #: builds the root with its header for a title; returns (root, body)
    start: Callable[[str], tuple[etree._Element, etree._Element]] = field(compare=False)

    def q(self, name: str) -> str:
        ns = self.schema.namespace
        return f"{{{ns}}}{name}" if ns else name


# ----------------------------------------------------------------------------- reading


def read_tree(
    tree: etree._ElementTree, source: str | os.PathLike[str], profile: Profile
) -> ReadResult:
    """Validate a parsed document and read its concepts."""
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.localname != profile.root or (qname.namespace or "") != profile.schema.namespace:
        expected = f"<{profile.root}>" + (
            f" in namespace {profile.schema.namespace}" if profile.schema.namespace else ""
        )
        raise FormatError(
            source, f"the root element is {label(root)}, not {expected}", line=line_of(root)
        )
    dialect = validate(root, profile.schema, source)
    return _Reader(profile, dialect, source).read(root)


@dataclass
class _TermDraft:
    """A term being read; single-valued categories keep the first value met."""

    text: str
    lang: Lang
    status: TermStatus | None = None
    usage: TermStatus | None = None
    type: TermType = TermType.FULL_FORM
    pos: PartOfSpeech | None = None
    context: str = ""
    source: str = ""
    geo_usage: str = ""
    notes: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def build(self) -> Term:
        return Term(
            text=self.text,
            lang=self.lang,
            status=self.status or self.usage or TermStatus.PREFERRED,
            type=self.type,
            pos=self.pos,
            context=self.context,
            note=join_notes(self.notes),
            source=self.source,
            geo_usage=self.geo_usage,
            exclude=tuple(self.exclude),
        )


@dataclass
class _ConceptDraft:
    subject: str = ""
    source: str = ""
    created: str = ""
    modified: str = ""
    notes: list[str] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    evidence: Evidence | None = None
    attested: str = ""
    #: the evidence came from a processing instruction (not from a note in words)
    evidence_pi: bool = False

    def settle_evidence(self) -> None:
        """Take the evidence note out of the notes: the one written for the evidence of
        the processing instructions, or, without them, a note in the words untm writes
        (a file whose processing instructions a tool dropped)."""
        if self.evidence_pi and self.evidence is not None:
            written = evidence_note(self.evidence, self.attested)
            self.notes = [n for n in self.notes if n != written]
            return
        for i, note in enumerate(self.notes):
            parsed = parse_evidence_note(note)
            if parsed is not None:
                self.evidence, attested = parsed
                self.attested = self.attested or attested
                del self.notes[i]
                return


class _Reader:
    def __init__(self, profile: Profile, dialect: Dialect, source: str | os.PathLike[str]):
        self.profile = profile
        self.schema = profile.schema
        self.dialect = dialect
        self.source = source
        self.findings = Findings()
        self.ids = IdRegistry()
        self.other_languages: set[str] = set()
        self.skipped = 0
        self.entries = 0

    def read(self, root: etree._Element) -> ReadResult:
        concepts = []
        for entry in root.iter(self.profile.q(self.profile.concept)):
            self.entries += 1
            concept = self.concept(entry)
            if concept is not None:
                concepts.append(concept)
        if not concepts:
            raise self.nothing_found(root)
        if self.skipped:
            self.findings.warn(f"{self.skipped} entries without a zh or en term skipped")
        return ReadResult(tuple(concepts), self.findings.messages(), self.skipped)

    def nothing_found(self, root: etree._Element) -> InputError:
        if not self.entries:
            return FormatError(self.source, f"no <{self.profile.concept}> in the file")
        found = ", ".join(sorted(self.other_languages)) or "none"
        return LanguageError(self.source, f"no zh or en term in the file (languages: {found})")

    def not_kept(self, el: etree._Element, level: Level) -> None:
        self.findings.warn(f"{label(el)} at {level} level not kept", line_of(el))

    # -- concept level

    def concept(self, entry: etree._Element) -> Concept | None:
        draft = _ConceptDraft()
        for child in element_children(entry):
            kind, cat = classify(child, self.schema)
            if kind == self.profile.lang:
                self.language(child, draft)
            else:
                self.concept_item(child, kind, cat, draft)
        for target, line, value in untm_pis(entry):
            self.concept_pi(target, line, value, draft)
        if not draft.terms:
            self.skipped += 1
            return None
        draft.settle_evidence()
        line = line_of(entry) or 0
        cid = entry.get("id")
        if cid is None:  # TBX 2 ids are optional
            cid = self.ids.derive(derived_id("tbx", draft.terms), line)
        else:
            self.ids.claim(cid, line)  # unique: the validator checked; keeps derived ids off it
        return Concept(
            id=cid,
            terms=tuple(draft.terms),
            subject=draft.subject,
            definitions=tuple(draft.definitions),
            note=join_notes(draft.notes),
            source=draft.source,
            created=draft.created,
            modified=draft.modified,
            evidence=draft.evidence,
            attested=draft.attested,
        )

    def concept_pi(self, target: str, line: int | None, value: str, draft: _ConceptDraft) -> None:
        if target == Pi.EVIDENCE:
            try:
                draft.evidence = Evidence(value)
            except ValueError:
                self.findings.warn(
                    f"<?{target} {value}?> not kept: the evidence is one of {_EVIDENCE_VALUES}",
                    line,
                )
                return
            draft.evidence_pi = True
        elif target == Pi.ATTESTED:
            draft.attested = value
        else:
            self.findings.warn(f"<?{target}?> at concept level not kept", line)

    def concept_item(self, el: etree._Element, kind: str, cat: str, draft: _ConceptDraft) -> None:
        if (kind, cat) == ("descrip", "subjectField"):
            draft.subject = self.once(draft.subject, text_of(el), el)
        elif (kind, cat) == ("admin", "source"):
            draft.source = self.once(draft.source, text_of(el), el)
        elif kind in ("descrip", "descripGrp") and (descrip := self.definition_of(el)) is not None:
            tag = descrip.get(XML_LANG)
            lang = self.lang_of(tag, descrip) if tag is not None else None
            if tag is not None and lang is None:
                self.findings.warn(
                    f"a definition in {tag!r} not kept (only zh and en)", line_of(el)
                )
            else:
                self.definition(el, lang, draft)
        elif kind == "note":
            draft.notes.append(text_of(el))
        elif kind == "transacGrp":
            self.transaction(el, draft)
        else:
            self.not_kept(el, Level.CONCEPT)

    def definition_of(self, el: etree._Element) -> etree._Element | None:
        """The ``definition`` descrip of ``el`` (itself or the head of its descripGrp)."""
        head = el if classify(el, self.schema)[0] != "descripGrp" else next(element_children(el))
        return head if classify(head, self.schema) == ("descrip", "definition") else None

    def definition(self, el: etree._Element, lang: Lang | None, draft: _ConceptDraft) -> None:
        """A definition (a descrip, or a descripGrp with its source) in ``lang``."""
        descrip = self.definition_of(el)
        assert descrip is not None
        source = ""
        if descrip is not el:
            for extra in list(element_children(el))[1:]:
                if classify(extra, self.schema) == ("admin", "source") and not source:
                    source = text_of(extra)
                else:
                    self.findings.warn(
                        f"{label(extra)} in a definition group not kept", line_of(extra)
                    )
        text = text_of(descrip)
        if text:
            draft.definitions.append(Definition(text, lang, source))

    def transaction(self, grp: etree._Element, draft: _ConceptDraft) -> None:
        kind_value, date = "", ""
        for child in element_children(grp):
            kind, cat = classify(child, self.schema)
            if (kind, cat) == ("transac", "transactionType"):
                kind_value = text_of(child)
            elif kind == "date":
                date = text_of(child)
            else:
                self.findings.warn(f"{label(child)} in a <transacGrp> not kept", line_of(child))
        if kind_value == "origination" and date:
            draft.created = draft.created or date
        elif kind_value == "modification" and date:
            draft.modified = date  # the last modification wins
        elif kind_value:
            self.findings.warn(f"transaction type {kind_value!r} not kept", line_of(grp))

    def once(self, current: str, value: str, el: etree._Element) -> str:
        """Keep the first value of a single-valued category; report a different second."""
        if current and value != current:
            self.findings.warn(f"a second {label(el)} in one entry not kept", line_of(el))
        return current or value

    # -- language level

    def lang_of(self, tag: str, el: etree._Element) -> Lang | None:
        """zh or en for ``tag``; None for another real language (recorded for the
        message when nothing is kept); LanguageError for a tag that names no language."""
        lang = lang_of_tag(tag)
        if lang is not None:
            return lang
        problem = language_problem(tag)
        if problem is not None:
            raise LanguageError(
                self.source, f'unknown language xml:lang="{tag}": {problem}', line_of(el)
            )
        self.other_languages.add(tag)
        return None

    def language(self, sec: etree._Element, draft: _ConceptDraft) -> None:
        tag = sec.get(XML_LANG, "")
        lang = self.lang_of(tag, sec)
        if lang is None:
            self.findings.warn(f"language {tag!r} not kept (only zh and en)", line_of(sec))
            return
        for child in element_children(sec):
            kind, _ = classify(child, self.schema)
            if kind in self.profile.terms:
                term = self.term(child, lang)
                if term is not None:
                    draft.terms.append(term)
            elif kind in ("descrip", "descripGrp") and self.definition_of(child) is not None:
                self.definition(child, lang, draft)
            else:
                self.not_kept(child, Level.LANGUAGE)

    # -- term level

    def term_items(self, sec: etree._Element) -> list[etree._Element]:
        """The children of a termSec/tig, with an ntig's termGrp unwrapped."""
        items: list[etree._Element] = []
        for child in element_children(sec):
            if classify(child, self.schema)[0] == self.profile.term_group:
                items.extend(element_children(child))
            else:
                items.append(child)
        return items

    def term(self, sec: etree._Element, lang: Lang) -> Term | None:
        items = self.term_items(sec)
        text = text_of(items[0])
        if not text:
            self.findings.warn("an empty <term> skipped", line_of(sec))
            return None
        draft = _TermDraft(text, lang)
        for item in items[1:]:
            self.term_item(item, draft)
        group = self.profile.term_group
        inner = [c for c in element_children(sec) if classify(c, self.schema)[0] == group]
        for holder in (sec, *inner):  # an ntig's termGrp holds them too
            for target, line, value in untm_pis(holder):
                self.term_pi(target, line, value, draft)
        return draft.build()

    def term_pi(self, target: str, line: int | None, value: str, draft: _TermDraft) -> None:
        if target == Pi.EXCLUDE and value:
            draft.exclude.append(value)
        elif target == Pi.POS and value in _POS_VALUES:
            draft.pos = PartOfSpeech(value)
        else:
            self.findings.warn(f"<?{target} {value}?> at term level not kept", line)

    def term_item(self, el: etree._Element, draft: _TermDraft) -> None:
        kind, cat = classify(el, self.schema)
        if kind == "termNoteGrp":
            inner = list(element_children(el))
            self.term_item(inner[0], draft)
            for extra in inner[1:]:
                self.not_kept(extra, Level.TERM)
        elif kind == "termNote":
            self.term_note(el, cat, text_of(el), draft)
        elif kind == "descripGrp" and classify(next(element_children(el)), self.schema) == (
            "descrip",
            "context",
        ):
            group = list(element_children(el))
            draft.context = self.once(draft.context, text_of(group[0]), group[0])
            for extra in group[1:]:
                self.findings.warn(f"{label(extra)} of a context not kept", line_of(extra))
        elif (kind, cat) == ("descrip", "context"):
            draft.context = self.once(draft.context, text_of(el), el)
        elif (kind, cat) == ("admin", "source"):
            draft.source = self.once(draft.source, text_of(el), el)
        elif kind == "note":
            self.term_note_text(text_of(el), draft)
        else:
            self.not_kept(el, Level.TERM)

    def term_note(self, el: etree._Element, cat: str, value: str, draft: _TermDraft) -> None:
        try:
            if cat == "administrativeStatus":
                draft.status = draft.status or TermStatus.from_tbx(value)
            elif cat == "termType":
                draft.type = TermType(value)
            elif cat == "partOfSpeech":
                draft.pos = draft.pos or PartOfSpeech(value)
            elif cat == "geographicalUsage":
                draft.geo_usage = self.once(draft.geo_usage, value, el)
            elif cat == "usageStatus" and value in USAGE_STATUS:
                draft.usage = USAGE_STATUS[value]
                self.findings.warn(
                    "usageStatus (not TBX-Basic) read as the administrative status", line_of(el)
                )
            else:
                self.not_kept(el, Level.TERM)
        except ValueError:
            self.findings.warn(
                f"{label(el)} value {value!r} not kept (not in its picklist)", line_of(el)
            )

    def term_note_text(self, text: str, draft: _TermDraft) -> None:
        if text.startswith(EXCLUDE_NOTE):
            word = collapse(text[len(EXCLUDE_NOTE) :])
            if word:
                draft.exclude.append(word)
        elif text.startswith(POS_NOTE) and collapse(text[len(POS_NOTE) :]) in _POS_VALUES:
            draft.pos = PartOfSpeech(collapse(text[len(POS_NOTE) :]))
        elif text:
            draft.notes.append(text)


# ----------------------------------------------------------------------------- writing


def write_bytes(concepts: Iterable[Concept], profile: Profile, title: str) -> tuple[bytes, int]:
    """The whole document for ``concepts`` and the number of concepts in it.

    Concepts without a term are left out; none at all is a UsageError, as is text XML
    cannot hold or a date that is not ISO 8601.
    """
    root, body = profile.start(_clean(title, "the title"))
    writer = _Writer(profile)
    count = 0
    for concept in concepts:
        entry = writer.concept(concept)
        if entry is not None:
            body.append(entry)
            count += 1
    if not count:
        raise UsageError("nothing to export: no concept has a zh or en term")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, count


def _clean(text: str, what: str) -> str:
    try:
        etree.Element("x").text = text
    except ValueError:
        raise UsageError(f"{what} contains a character XML cannot hold") from None
    return collapse(text)


def xml_id(cid: str) -> str:
    """``cid`` as an XML id: unchanged when valid, else invalid characters become ``_``."""
    if is_xml_id(cid):
        return cid
    fixed = "".join(c if is_xml_id("a" + c) else "_" for c in cid)
    return fixed if is_xml_id(fixed) else "_" + fixed


class _Writer:
    def __init__(self, profile: Profile):
        self.profile = profile
        self.ids: dict[str, str] = {}

    def el(self, parent: etree._Element, name: str, text: str = "", **attrs: str) -> etree._Element:
        child = etree.SubElement(parent, self.profile.q(name), attrs)
        if text:
            child.text = text
        return child

    def concept(self, concept: Concept) -> etree._Element | None:
        try:
            return self._concept(concept)
        except ValueError as exc:  # lxml refuses control characters
            raise UsageError(f"concept {concept.id!r}: {exc}") from None

    def _concept(self, concept: Concept) -> etree._Element | None:
        terms = [t for t in concept.terms if collapse(t.text)]
        langs = list(dict.fromkeys(t.lang for t in terms))
        if not langs:
            return None
        entry = etree.Element(self.profile.q(self.profile.concept), id=self.entry_id(concept.id))
        if collapse(concept.subject):
            self.el(entry, "descrip", collapse(concept.subject), type="subjectField")
        for d in concept.definitions:
            if d.lang not in langs:
                self.definition(entry, d, d.lang)
        if collapse(concept.source):
            self.el(entry, "admin", collapse(concept.source), type="source")
        self.transaction(entry, concept, "origination", concept.created)
        self.transaction(entry, concept, "modification", concept.modified)
        for line in note_lines(concept.note):
            self.el(entry, "note", line)
        if concept.evidence is not None:
            self.el(entry, "note", evidence_note(concept.evidence, concept.attested))
            self.pi(entry, Pi.EVIDENCE, concept.evidence.value)
        if collapse(concept.attested):
            self.pi(entry, Pi.ATTESTED, collapse(concept.attested))
        for lang in langs:
            sec = self.el(entry, self.profile.lang, **{XML_LANG: lang.value})
            for d in concept.definitions:
                if d.lang is lang:
                    self.definition(sec, d, None)
            for term in terms:
                if term.lang is lang:
                    self.term(sec, term)
        return entry

    def pi(self, parent: etree._Element, target: Pi, value: str) -> None:
        parent.append(etree.ProcessingInstruction(target.value, pi_text(value)))

    def entry_id(self, cid: str) -> str:
        xid = xml_id(cid)
        if xid in self.ids:
            raise UsageError(
                f"concept ids {self.ids[xid]!r} and {cid!r} are the same XML id {xid!r}"
            )
        self.ids[xid] = cid
        return xid

    def definition(self, parent: etree._Element, d: Definition, lang: Lang | None) -> None:
        if not collapse(d.text):
            return
        attrs = {XML_LANG: lang.value} if lang else {}
        if collapse(d.source):
            grp = self.el(parent, "descripGrp")
            self.el(grp, "descrip", collapse(d.text), type="definition", **attrs)
            self.el(grp, "admin", collapse(d.source), type="source")
        else:
            self.el(parent, "descrip", collapse(d.text), type="definition", **attrs)

    def transaction(self, entry: etree._Element, concept: Concept, kind: str, value: str) -> None:
        if not value.strip():
            return
        date = xsd_date(value, with_time=self.profile.schema.date_time)
        if date is None:
            raise UsageError(f"concept {concept.id!r}: date {value!r} is not ISO 8601 (YYYY-MM-DD)")
        grp = self.el(entry, "transacGrp")
        self.el(grp, "transac", kind, type="transactionType")
        self.el(grp, "date", date)

    def term(self, parent: etree._Element, term: Term) -> None:
        sec = self.el(parent, self.profile.terms[0])
        self.el(sec, "term", collapse(term.text))
        self.el(sec, "termNote", term.status.tbx, type="administrativeStatus")
        self.el(sec, "termNote", term.type.value, type="termType")
        exact_pos = None
        if term.pos is not None:
            if term.pos in self.profile.pos_values:
                self.el(sec, "termNote", term.pos.value, type="partOfSpeech")
            else:  # properNoun in TBX v3: a noun, with the detail for untm alone
                self.el(sec, "termNote", PartOfSpeech.NOUN.value, type="partOfSpeech")
                exact_pos = term.pos
        if collapse(term.geo_usage):
            self.el(sec, "termNote", collapse(term.geo_usage), type="geographicalUsage")
        if collapse(term.context):
            self.el(sec, "descrip", collapse(term.context), type="context")
        if collapse(term.source):
            self.el(sec, "admin", collapse(term.source), type="source")
        for line in note_lines(term.note):
            self.el(sec, "note", line)
        if exact_pos is not None:
            self.pi(sec, Pi.POS, exact_pos.value)
        for word in term.exclude:
            if collapse(word):
                self.pi(sec, Pi.EXCLUDE, collapse(word))
