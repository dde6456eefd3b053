"""Writing alignments: Vecalign beads, TSV, TMX, JSON and an HTML review page.

Every writer takes a :class:`~.api.DocumentAlignment`; files are written to a
temporary name and renamed (``untm._io``), so a failure leaves nothing behind.
"""

from __future__ import annotations

import html
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from untm._io import atomic_text
from untm._version import __version__
from untm.text.lang import Lang
from untm.tm.model import Prop, Segment, TranslationUnit

from .api import AlignedUnit, DocumentAlignment

__all__ = [
    "AlignSummary",
    "beads_text",
    "html_page",
    "json_payload",
    "summary",
    "translation_units",
    "tsv_text",
]


def beads_text(result: DocumentAlignment) -> str:
    """Vecalign's format, Chinese first, 0-based: ``[0, 1]:[0]``, one bead a line."""
    return "".join(f"{list(b.zh)}:{list(b.en)}\n" for b in result.beads)


def tsv_text(result: DocumentAlignment, min_confidence: float = 0.0) -> str:
    """zh, en, confidence, bead type: one unit a line (tabs inside segments escaped)."""
    rows = ["zh\ten\tconfidence\tbead"]
    for u in result.units(min_confidence):
        rows.append(f"{_cell(u.zh)}\t{_cell(u.en)}\t{u.confidence:.3f}\t{u.bead.type}")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def translation_units(
    result: DocumentAlignment, min_confidence: float, *, flag_below: float | None = None
) -> list[TranslationUnit]:
    """Units for a memory: origin = the document (its symbol when found), with the
    bead's confidence and type as props; ``flag_below`` marks doubtful ones."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    origin = result.origin
    units = result.units(min_confidence)
    out = []
    for k, u in enumerate(units):
        props = [
            Prop(f"{u.confidence:.3f}", "x-untm-confidence"),
            Prop(u.bead.type, "x-untm-bead"),
            Prop(u.kind, "x-untm-kind"),
        ]
        if flag_below is not None and u.confidence < flag_below:
            props.append(Prop("low-confidence", "x-untm-review"))
        out.append(
            TranslationUnit(
                source=Segment(u.zh, Lang.ZH, "zh-CN"),
                target=Segment(u.en, Lang.EN, "en"),
                origin=origin,
                document=result.en.symbol or result.zh.symbol or "",
                created=now,
                creator=f"untm {__version__} align",
                context_prev=units[k - 1].zh if k else "",
                context_next=units[k + 1].zh if k + 1 < len(units) else "",
                props=tuple(props),
            )
        )
    return out


def json_payload(result: DocumentAlignment) -> dict[str, Any]:
    zs, es = result.zh.segments, result.en.segments
    return {
        "zh": result.zh.name,
        "en": result.en.name,
        "symbol": result.en.symbol or result.zh.symbol,
        "mean_confidence": round(result.alignment.mean_confidence, 3),
        "warnings": list(result.warnings),
        "beads": [
            {
                "zh": list(b.zh),
                "en": list(b.en),
                "type": b.type,
                "confidence": b.confidence,
                "zh_text": "".join(zs[i].text for i in b.zh),
                "en_text": " ".join(es[j].text for j in b.en),
                "kind": zs[b.zh[0]].kind.value if b.zh else es[b.en[0]].kind.value,
            }
            for b in result.beads
        ],
    }


def write_text(target: str | os.PathLike[str], text: str) -> None:
    if str(target) == "-":
        import sys

        sys.stdout.write(text)
        return
    with atomic_text(target) as f:
        f.write(text)


def write_json(target: str | os.PathLike[str], payload: dict[str, Any]) -> None:
    write_text(target, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


# --- the review page -------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1em}
h1{font-size:1.1em;margin:0 0 .3em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td{vertical-align:top;padding:.35em .6em;border-bottom:1px solid #eee;line-height:1.5}
td.n{width:5.5em;color:#888;font-size:.8em;white-space:nowrap}
td.c{width:4em;text-align:right;font-variant-numeric:tabular-nums}
tr.low{background:#fff4e5} tr.low td.c{color:#b45309;font-weight:bold}
tr.gap{background:#fdecec} tr.gap td.c{color:#b91c1c}
tr.hidden{display:none} .k{color:#999;font-size:.75em;display:block}
label{margin-right:1em;font-size:.9em}
"""
_JS = """
function f(){var low=document.getElementById('low').checked;
document.querySelectorAll('tbody tr').forEach(function(r){
r.classList.toggle('hidden',low&&!(r.classList.contains('low')||r.classList.contains('gap')));});}
document.addEventListener('keydown',function(e){if(e.key!=='n')return;
var rows=[].slice.call(document.querySelectorAll('tr.low,tr.gap'));
var y=window.scrollY+80;for(var i=0;i<rows.length;i++){if(rows[i].offsetTop>y){
window.scrollTo(0,rows[i].offsetTop-60);break;}}});
"""


def html_page(result: DocumentAlignment, low: float) -> str:
    """A self-contained side-by-side page: beads below ``low`` confidence and beads
    with one side empty are marked; a checkbox shows only those, ``n`` jumps to the
    next one (as alignment editors show them)."""
    zs, es = result.zh.segments, result.en.segments
    rows = []
    for n, b in enumerate(result.beads):
        cls = "gap" if not b.zh or not b.en else ("low" if b.confidence < low else "")
        zh = "<br>".join(_seg_html(zs[i].text, zs[i].kind.value) for i in b.zh)
        en = "<br>".join(_seg_html(es[j].text, es[j].kind.value) for j in b.en)
        rows.append(
            f'<tr class="{cls}" id="b{n}"><td class="n">{n + 1} · {b.type}</td>'
            f'<td lang="zh">{zh}</td><td lang="en">{en}</td>'
            f'<td class="c">{b.confidence:.2f}</td></tr>'
        )
    flagged = sum(1 for b in result.beads if not b.zh or not b.en or b.confidence < low)
    title = html.escape(f"{result.zh.name} ↔ {result.en.name}")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{_CSS}</style></head><body><header>"
        f"<h1>{title}</h1>{len(result.beads)} beads, {flagged} to review "
        f"(confidence below {low:g} or one side empty); mean confidence "
        f"{result.alignment.mean_confidence:.2f}. "
        "<label><input type='checkbox' id='low' onchange='f()'> only those</label>"
        "press <kbd>n</kbd> for the next one · made by untm "
        f"{html.escape(__version__)}</header><table><tbody>{''.join(rows)}</tbody></table>"
        f"<script>{_JS}</script></body></html>\n"
    )


def _seg_html(text: str, kind: str) -> str:
    label = f'<span class="k">{html.escape(kind)}</span>' if kind != "paragraph" else ""
    return label + html.escape(text)


@dataclass(frozen=True)
class AlignSummary:
    """What a batch of alignments gave: units written and beads left out, and why."""

    documents: int
    beads: int
    units: int
    dropped: tuple[tuple[str, int], ...]  # (reason, count), by reason


def summary(results: Sequence[DocumentAlignment], min_confidence: float) -> AlignSummary:
    """Units written and beads dropped, and why, over a batch."""
    dropped: Counter[str] = Counter()
    beads = units = 0
    for r in results:
        beads += len(r.beads)
        for b in r.beads:
            if not b.zh:
                dropped["English only"] += 1
            elif not b.en:
                dropped["Chinese only"] += 1
            elif b.confidence < min_confidence:
                dropped["low confidence"] += 1
            else:
                units += 1
    return AlignSummary(len(results), beads, units, tuple(sorted(dropped.items())))


def units_of(results: Iterable[DocumentAlignment], min_confidence: float) -> list[AlignedUnit]:
    return [u for r in results for u in r.units(min_confidence)]
