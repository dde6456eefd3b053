"""Lint reports: a terminal report grouped by segment, JSON, and SARIF 2.1.0.

JSON (stable shape)::

    {"findings": [{"segment", "rule", "severity", "source_term", "expected", "found",
                   "message", "hash", "offsets": {"source": [s, e] | null,
                                                  "target": [s, e] | null}}],
     "summary": {"file", "target_file", "format", "direction", "segments", "findings",
                 "error", "warning", "info", "by_rule", "ignored", "rules", "untm"}}

SARIF: one run of the driver ``untm`` with every rule as a reportingDescriptor; each
result names its segment as a logical location and, when the file's line is known, the
line as a physical region; ``partialFingerprints`` carry the segment hash that
``.untmignore`` uses.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from untm._version import __version__

from .model import RULES, Finding, LintResult, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def summary(result: LintResult, provenance: dict[str, Any] | None = None) -> dict[str, Any]:
    by_rule: dict[str, int] = defaultdict(int)
    for f in result.findings:
        by_rule[f.rule] += 1
    counts = result.counts()
    out: dict[str, Any] = {
        "file": result.file,
        "target_file": result.target_file,
        "format": result.format,
        "direction": result.direction.code,
        "segments": len(result.segments),
        "findings": len(result.findings),
        **counts,
        "by_rule": dict(sorted(by_rule.items(), key=lambda kv: list(RULES).index(kv[0]))),
        "ignored": result.ignored,
        "rules": list(result.rules),
    }
    if result.warnings:
        out["warnings"] = list(result.warnings)
    if provenance is not None:
        out["untm"] = provenance
    return out


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "segment": f.segment,
        "rule": f.rule,
        "severity": f.severity.value,
        "source_term": f.source_term,
        "expected": list(f.expected),
        "found": f.found,
        "message": f.message,
        "hash": f.hash,
        "offsets": {
            "source": list(f.source_span) if f.source_span else None,
            "target": list(f.target_span) if f.target_span else None,
        },
    }


def json_payload(result: LintResult, provenance: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "findings": [finding_json(f) for f in result.findings],
        "summary": summary(result, provenance),
    }


# --- SARIF ----------------------------------------------------------------------------------


def sarif_payload(result: LintResult) -> dict[str, Any]:
    rule_ids = list(RULES)
    rules = [
        {
            "id": r.id,
            "name": "".join(w.capitalize() for w in r.id.split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.help},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
        }
        for r in RULES.values()
    ]
    results = [_sarif_result(result, f, rule_ids.index(f.rule)) for f in result.findings]
    artifacts = [{"location": {"uri": _uri(result.file)}}]
    if result.target_file:
        artifacts.append({"location": {"uri": _uri(result.target_file)}})
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "untm",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "direction": result.direction.code,
                    "format": result.format,
                    "segments": len(result.segments),
                    "ignored": result.ignored,
                },
            }
        ],
    }


def _uri(path: str) -> str:
    return path.replace("\\", "/")


def _sarif_result(result: LintResult, f: Finding, index: int) -> dict[str, Any]:
    seg = result.by_id.get(f.segment)
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(result.file), "index": 0}}
    if seg is not None and seg.line:
        physical["region"] = {"startLine": seg.line}
    location: dict[str, Any] = {
        "physicalLocation": physical,
        "logicalLocations": [{"name": f.segment, "kind": "element"}],
    }
    props: dict[str, Any] = {"segment": f.segment}
    if f.source_term is not None:
        props["sourceTerm"] = f.source_term
    if f.expected:
        props["expected"] = list(f.expected)
    if f.found is not None:
        props["found"] = f.found
    if f.source_span:
        props["sourceSpan"] = list(f.source_span)
    if f.target_span:
        props["targetSpan"] = list(f.target_span)
    return {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"untmSegmentHash/v1": f.hash},
        "properties": props,
    }


# --- the terminal ---------------------------------------------------------------------------


def text_lines(result: LintResult, *, mark: Any = None, style: Any = None) -> list[str]:
    """The report as lines: per segment with findings, its id, source and target (the
    target's spans marked), then one line per finding with the expected term.

    ``mark(text, spans)`` highlights spans, ``style(text, severity)`` colours a label;
    plain text when they are None.
    """
    mark = mark or _brackets
    style = style or (lambda text, _severity: text)
    by_seg: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_seg[f.segment].append(f)
    out: list[str] = []
    for seg in result.segments:
        found = by_seg.get(seg.id)
        if not found:
            continue
        where = f"{result.file}:{seg.line}" if seg.line else result.file
        out.append(f"segment {seg.id}  ({where}, hash {seg.hash})")
        src_spans = tuple(sorted({f.source_span for f in found if f.source_span}))
        tgt_spans = tuple(sorted({f.target_span for f in found if f.target_span}))
        out.append(f"  source: {mark(_one_line(seg.source), _clip(src_spans, seg.source))}")
        out.append(f"  target: {mark(_one_line(seg.target), _clip(tgt_spans, seg.target))}")
        for f in found:
            label = style(f"{f.severity.value}[{f.rule}]", f.severity)
            out.append(f"  {label} {f.message}")
            if f.expected and f.rule.startswith("term-"):
                out.append(f"      expected: {' | '.join(f.expected)}")
        out.append("")
    return out


def summary_line(result: LintResult) -> str:
    c = result.counts()
    segs = len({f.segment for f in result.findings})
    parts = [f"{c['error']} error{'s' if c['error'] != 1 else ''}"]
    parts.append(f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}")
    line = (
        f"{result.file}: {result.direction} {len(result.segments):,} segments, "
        f"{', '.join(parts)} in {segs:,} segment{'s' if segs != 1 else ''}"
    )
    if result.ignored:
        line += f" ({result.ignored} ignored)"
    return line


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text


def _clip(spans: tuple[tuple[int, int], ...], text: str) -> tuple[tuple[int, int], ...]:
    """Non-overlapping spans (for marking), valid in the one-line text (only texts
    without line breaks or tabs are marked)."""
    if "\n" in text or "\t" in text:
        return ()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return tuple(out)


def _brackets(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    parts, last = [], 0
    for s, e in spans:
        parts += [text[last:s], "[[", text[s:e], "]]"]
        last = e
    parts.append(text[last:])
    return "".join(parts)


__all__ = ["SARIF_SCHEMA", "json_payload", "sarif_payload", "summary_line", "text_lines"]
